"""Accuracy of `ketcheck lint` on real pages: the labelled development set in benchmarks/gold/.

Scores lint's findings as benchmarks/gold/README.md says (positives, found, false-alarm lines,
recall, precision; overall and per property) and, separately, extraction alone: for each
labelled claim of a covered property, whether extraction produced that property (and value)
with the labelled polarity, and how many statements on labelled lines hold no labelled claim of
their property. Run from the repository root:

    python benchmarks/accuracy.py [--diff benchmarks/.work/accuracy-lines.txt]

The per-line diff (expected vs found) is written to the --diff file so that every change can be
compared with the last (`diff old new`). The set is for measuring, never for tuning.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "benchmarks" / "gold"
_STOP = frozenset(
    {"a", "an", "the", "of", "and", "or", "to", "for", "in", "on", "as", "is", "it", "its"}
    | {"with", "by", "at", "from", "be", "not", "no", "only", "than", "some", "any", "very"}
)


@dataclass
class Label:
    article: str
    quote: str
    prop: str
    value: str
    negated: bool
    cited: bool
    correct: bool | None  # None: unknown
    line: int = 0


@dataclass
class LineResult:
    article: str
    line: int
    text: str
    labels: list[Label] = field(default_factory=list)
    findings: list[tuple[str, str, str]] = field(default_factory=list)  # rule, severity, message
    statements: list[tuple[str, str, bool]] = field(default_factory=list)  # prop, value, negated


def load_labels() -> list[Label]:
    raw = yaml.safe_load((GOLD / "labels.yaml").read_text(encoding="utf-8"))
    correct = {True: True, False: False, "unknown": None}
    return [
        Label(
            r["article"],
            r["quote"],
            r["property"],
            str(r["value"]),
            bool(r["negated"]),
            bool(r["cited"]),
            correct[r["correct"]],
        )
        for r in raw
    ]


def is_positive(label: Label, numeric: set[str], covered: set[str]) -> bool:
    if label.prop not in covered:
        return False
    if label.correct is False:
        return True
    return label.prop in numeric and label.correct is None and not label.cited


def _words(text: str) -> set[str]:
    return {w for w in re.findall(r"[a-z0-9]+", text.lower()) if w not in _STOP}


def value_matches(kb, prop: str, value: str, label_value: str) -> bool:
    spec = kb.vocabulary.properties[prop]
    if spec.kind.value == "numeric":
        return True
    names = {value}
    entry = spec.values.get(value)
    if entry is not None:
        names.update(entry.aliases)
        if entry.label:
            names.add(entry.label)
    wanted = _words(label_value)
    return any(_words(n.replace("-", " ")) & wanted for n in names)


def run(diff_path: Path) -> int:
    from ketcheck import load_kb
    from ketcheck.lint import Linter
    from ketcheck.text import make_document

    scoring = yaml.safe_load((GOLD / "scoring.yaml").read_text(encoding="utf-8"))
    covered_map: dict[str, list[str]] = scoring["covered"]
    covered, numeric = set(covered_map), set(scoring["numeric"])
    kb = load_kb(ROOT / "data")
    linter = Linter(kb)
    labels = load_labels()
    by_article: dict[str, list[Label]] = defaultdict(list)
    for label in labels:
        by_article[label.article].append(label)

    lines: list[LineResult] = []
    for article in sorted(by_article):
        text = (GOLD / "eval" / f"{article}.txt").read_text(encoding="utf-8")
        rows = text.splitlines()
        results = [LineResult(article, n + 1, row) for n, row in enumerate(rows)]
        for label in by_article[article]:
            hits = [n for n, row in enumerate(rows) if label.quote in row]
            if len(hits) != 1:
                sys.exit(f"{article}: quote not on exactly one line: {label.quote!r}")
            label.line = hits[0] + 1
            results[hits[0]].labels.append(label)
        doc = make_document(text, f"{article}.txt", "txt")
        for f in linter.check(doc).findings:
            if f.location is not None:
                results[f.location.line - 1].findings.append((f.rule, f.severity.value, f.message))
        for st in linter.extractor.statements(doc):
            line = doc.position(st.start)[0]
            a = st.assertion
            results[line - 1].statements.append(
                (a.property, str(a.value), a.polarity.value == "negated")
            )
        lines.extend(results)

    # --- lint, scored as the dev set's README says ------------------------------------------
    positives = found = 0
    per_prop: dict[str, Counter[str]] = defaultdict(Counter)
    found_lines: set[tuple[str, int]] = set()
    alarm_lines: list[LineResult] = []
    correct_lines = 0
    for row in lines:
        for label in row.labels:
            if is_positive(label, numeric, covered):
                positives += 1
                per_prop[label.prop]["positives"] += 1
                if row.findings:
                    found += 1
                    per_prop[label.prop]["found"] += 1
                    found_lines.add((row.article, row.line))
        if row.labels and all(label.correct is True for label in row.labels):
            correct_lines += 1
            if any(rule.startswith(("KC1", "KC4")) for rule, _, _ in row.findings):
                alarm_lines.append(row)
                for label in row.labels:
                    per_prop[label.prop]["false_alarm_lines"] += 1
    recall = found / positives if positives else 0.0
    tp_lines = len(found_lines)
    precision = tp_lines / (tp_lines + len(alarm_lines)) if tp_lines + len(alarm_lines) else 0.0

    # --- extraction alone -------------------------------------------------------------------
    ext_total = ext_prop = ext_value = 0
    ext_per: dict[str, Counter[str]] = defaultdict(Counter)
    stray = 0
    for row in lines:
        labelled_props = {p for label in row.labels for p in covered_map.get(label.prop, [])}
        for prop, _value, _neg in row.statements:
            if prop in _all(covered_map) and prop not in labelled_props:
                stray += 1
        for label in row.labels:
            if label.prop not in covered:
                continue
            ext_total += 1
            ext_per[label.prop]["claims"] += 1
            wanted = set(covered_map[label.prop])
            same = [s for s in row.statements if s[0] in wanted and s[2] == label.negated]
            if same:
                ext_prop += 1
                ext_per[label.prop]["property"] += 1
            if any(value_matches(kb, p, v, label.value) for p, v, _ in same):
                ext_value += 1
                ext_per[label.prop]["value"] += 1

    print(f"dev set: {len(by_article)} articles, {len(labels)} labelled claims, {len(lines)} lines")
    print()
    print("lint (scored as benchmarks/gold/README.md says)")
    print(f"  positives {positives}  found {found}  recall {recall:.2f}")
    print(
        f"  lines found {tp_lines}  false-alarm lines {len(alarm_lines)} of {correct_lines}"
        f" correct lines  precision {precision:.2f}"
    )
    print()
    print(f"  {'property':24} {'pos':>4} {'found':>5} {'recall':>6} {'FA lines':>8}")
    for prop in sorted(covered):
        c = per_prop[prop]
        r = c["found"] / c["positives"] if c["positives"] else float("nan")
        print(f"  {prop:24} {c['positives']:4} {c['found']:5} {r:6.2f} {c['false_alarm_lines']:8}")
    print()
    print("extraction (labelled claims of covered properties)")
    print(
        f"  claims {ext_total}  property+polarity {ext_prop} ({ext_prop / ext_total:.2f})"
        f"  property+value+polarity {ext_value} ({ext_value / ext_total:.2f})"
    )
    print(f"  statements of a covered property on a line with no such label: {stray}")
    print(f"  {'property':24} {'claims':>6} {'prop':>5} {'value':>5}")
    for prop in sorted(covered):
        c = ext_per[prop]
        print(f"  {prop:24} {c['claims']:6} {c['property']:5} {c['value']:5}")

    diff_path.parent.mkdir(parents=True, exist_ok=True)
    with diff_path.open("w", encoding="utf-8") as out:
        for row in lines:
            if not row.labels:
                continue
            kind = "ALARM" if row in alarm_lines else ""
            for label in row.labels:
                if is_positive(label, numeric, covered):
                    kind = kind or ("FOUND" if row.findings else "MISSED")
            out.write(f"{row.article}:{row.line} {kind or 'ok'}\n  {row.text}\n")
            for label in row.labels:
                mark = {True: "true", False: "FALSE", None: "unknown"}[label.correct]
                neg = " (negated)" if label.negated else ""
                out.write(f"  expect {label.prop}={label.value}{neg} [{mark}]\n")
            for prop, value, neg in row.statements:
                out.write(f"  extract {prop}={value}{' (negated)' if neg else ''}\n")
            for rule, severity, message in row.findings:
                out.write(f"  found {rule} {severity}: {message[:160]}\n")
    print(f"\nper-line diff written to {diff_path}")
    return 0


def _all(covered_map: dict[str, list[str]]) -> set[str]:
    return {p for props in covered_map.values() for p in props}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--diff", type=Path, default=ROOT / "benchmarks" / ".work" / "accuracy-lines.txt"
    )
    return run(parser.parse_args().diff)


if __name__ == "__main__":
    raise SystemExit(main())
