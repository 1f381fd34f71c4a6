"""Hostile-input campaign: ``fuzz.py --cases N [--target loader|lint|both] [--seed S]``.

Hypothesis generates the cases; every one runs in this process under a 10 s alarm and is
classified, never stopped at the first failure:

- **loader**: the shipped knowledge base with one mutation (a key deleted, a value of the
  wrong type, an unknown id, an unknown key, YAML broken at a random place, odd Unicode, a
  control byte) must load, or fail with :class:`InputError` whose problems are one line each.
  Mutations that make the knowledge base invalid (deleted required key, wrong type, unknown
  id, unknown key) must not load: that would be a silent accept.
- **lint**: random text, bytes, HTML and Markdown fragments, long lines and deep nesting are
  read as a document and linted; anything but findings or a one-line
  :class:`~ketcheck.text.DocumentError` is a failure.

Prints cases run and failures by class (traceback, hang over 10 s, malformed error, silent
accept), with one example of each.
"""

from __future__ import annotations

import argparse
import random
import shutil
import signal
import sys
import tempfile
import time
from collections import Counter
from contextlib import contextmanager
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))

import yaml  # noqa: E402
from hypothesis import HealthCheck, Phase, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from ketcheck.kb import load_kb  # noqa: E402
from ketcheck.lint import Linter  # noqa: E402
from ketcheck.text import DocumentError, document_from_bytes  # noqa: E402
from ketcheck.yamlsource import InputError  # noqa: E402

HANG_SECONDS = 10
CLASSES = ("traceback", "hang", "malformed error", "silent accept")


class Hang(Exception):
    pass


@contextmanager
def alarm(seconds: int):  # type: ignore[no-untyped-def]
    def ring(signum: int, frame: Any) -> None:
        raise Hang

    previous = signal.signal(signal.SIGALRM, ring)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


class Campaign:
    """Runs cases and keeps counts and one example per failure class."""

    def __init__(self) -> None:
        self.cases = Counter[str]()
        self.failures: dict[str, Counter[str]] = {}
        self.examples: dict[tuple[str, str], str] = {}

    def record(self, target: str, failure: str | None, example: str) -> None:
        self.cases[target] += 1
        if failure:
            self.failures.setdefault(target, Counter())[failure] += 1
            self.examples.setdefault((target, failure), example[:300])

    def report(self) -> str:
        lines = []
        for target in sorted(self.cases):
            counts = self.failures.get(target, Counter())
            parts = ", ".join(f"{name} {counts.get(name, 0)}" for name in CLASSES)
            lines.append(f"{target}: {self.cases[target]} cases, failures: {parts}")
            for name in CLASSES:
                if (target, name) in self.examples:
                    lines.append(f"  e.g. {name}: {self.examples[(target, name)]!r}")
        return "\n".join(lines)


def one_line_problems(exc: InputError) -> bool:
    return all(str(p) and "\n" not in str(p) and "\r" not in str(p) for p in exc.problems)


# --- loader -----------------------------------------------------------------------------------

MUST_FAIL = {"delete", "wrong type", "unknown id", "unknown key"}
REQUIRED = {
    "claims": ["id", "source", "quote", "topic", "assertions"],
    "sources": ["id", "title", "publisher", "kind", "sells_treatment", "path", "retrieved"],
    "facts": ["id", "property", "value", "statement", "citations"],
}


def mutate(data: dict[str, Any], text: str, kind: str, rng: random.Random) -> str:
    """One mutation of the claims or facts file, as text."""
    key = "facts" if "facts" in data else rng.choice(["claims", "sources"])
    items = data[key]
    item = items[rng.randrange(len(items))]
    if kind == "delete":
        del item[rng.choice(REQUIRED[key])]
    elif kind == "wrong type":
        field = rng.choice(REQUIRED[key])
        item[field] = rng.choice([[1, 2], {"a": 1}, 3.5]) if field != "value" else [1]
    elif kind == "unknown id":
        if key == "claims":
            item["source"] = item["source"] + "-nowhere"
        elif key == "facts":
            item["property"] = "no_such_property"
        else:
            items.append(dict(items[0]))  # a duplicate id
    elif kind == "unknown key":
        item[rng.choice(["qoute", "sorce", "x"])] = "typo"
    else:
        return raw_mutation(text, kind, rng)
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True)


def raw_mutation(text: str, kind: str, rng: random.Random) -> str:
    at = rng.randrange(len(text))
    if kind == "broken yaml":
        junk = rng.choice(["\t", ": :", "[", "{", "- ", "&a *a", "!!python/object:os.system", '"'])
        return text[:at] + junk + text[at:]
    if kind == "control byte":
        return text[:at] + chr(rng.choice([1, 7, 8, 11, 27, 127, 0x85, 0x9F])) + text[at:]
    odd = rng.choice(["\u202e", "\ufeff", "\U0001f600", "\u0301", "\u2028", "\ud7ff", "ſ"])
    return text[:at] + odd + text[at:]


KINDS = [*sorted(MUST_FAIL), "broken yaml", "control byte", "odd unicode"]


def loader_case(campaign: Campaign, workdir: Path, seed: int, kind: str, name: str) -> None:
    rng = random.Random(seed)
    path = workdir / name
    original = (REPO / "data" / name).read_text(encoding="utf-8")
    data = yaml.safe_load(original)
    mutated = mutate(data, original, kind, rng)
    path.write_text(mutated, encoding="utf-8", errors="surrogatepass")
    failure = None
    example = f"{kind} in {name} (seed {seed})"
    try:
        with alarm(HANG_SECONDS):
            load_kb(workdir, cache=False)
        if kind in MUST_FAIL:
            failure = "silent accept"
    except InputError as exc:
        if not one_line_problems(exc):
            failure, example = "malformed error", f"{example}: {exc}"
    except Hang:
        failure = "hang"
    except Exception as exc:  # the point: any other exception is a failure
        failure, example = "traceback", f"{example}: {type(exc).__name__}: {exc}"
    finally:
        path.write_text(original, encoding="utf-8")
    campaign.record("loader", failure, example)


# --- lint -------------------------------------------------------------------------------------

FRAGMENTS = [
    "Ketamine is a Schedule I drug.",
    "It is not an opioid.",
    "80% of patients recover.",
    "<p>",
    "</p>",
    "<a ",
    "<!--",
    "-->",
    "<![foo[",
    "<script>",
    "`",
    "```",
    "#",
    "> ",
    "- ",
    "| a |",
    "|---|",
    "[x](",
    "![",
    "*",
    "_",
    "\\",
    "&amp;",
    "&#",
    "\n",
    "\n\n",
    " " * 50,
    "ketcheck: ignore[KC201]",
    "ketcheck: off",
    "\u00a0",
    "\u202e",
    "\x00",
    "\x07",
]


SHAPES = ["fragments", "text", "bytes", "long line", "deep"]


@st.composite
def documents(draw: Any, shapes: tuple[str, ...] = tuple(SHAPES)) -> tuple[bytes, str]:
    kind = draw(st.sampled_from(["txt", "md", "html"]))
    shape = draw(st.sampled_from(shapes))
    if shape == "fragments":
        body = "".join(draw(st.lists(st.sampled_from(FRAGMENTS), max_size=200))).encode()
    elif shape == "text":
        body = draw(st.text(max_size=2000)).encode("utf-8", "surrogatepass")
    elif shape == "bytes":
        body = draw(st.binary(max_size=2000))
    elif shape == "long line":
        piece = draw(st.sampled_from(FRAGMENTS)).replace("\n", " ")
        body = (piece * (50_000 // max(1, len(piece)))).encode()
    else:
        depth = draw(st.integers(100, 5000))
        opener = {"html": "<div>", "md": "> ", "txt": "("}[kind]
        body = (
            opener * depth
            + "Ketamine is a stimulant."
            + ("</div>" * depth if kind == "html" else "")
        ).encode()
    return body, kind


def lint_case(campaign: Campaign, linter: Linter, body: bytes, kind: str) -> None:
    failure = None
    example = f"{kind}: {body[:120]!r}"
    started = time.perf_counter()
    try:
        with alarm(HANG_SECONDS):
            doc = document_from_bytes(body, f"fuzz.{kind}", kind)  # type: ignore[arg-type]
            linter.check(doc)
    except DocumentError as exc:
        failure = None if "\n" not in str(exc) else "malformed error"
    except Hang:
        failure = "hang"
        example += f" ({len(body)} bytes, over {time.perf_counter() - started:.0f}s)"
    except Exception as exc:
        failure = "traceback"
        example = f"{type(exc).__name__}: {exc} | {example}"
    campaign.record("lint", failure, example)


# --- running ----------------------------------------------------------------------------------


def run(
    cases: int, targets: set[str], seed: int = 0, shapes: tuple[str, ...] = tuple(SHAPES)
) -> Campaign:
    campaign = Campaign()
    quiet = settings(
        max_examples=cases,
        deadline=None,
        database=None,
        phases=[Phase.generate],
        suppress_health_check=list(HealthCheck),
        derandomize=seed == 0,
    )
    if "loader" in targets:
        workdir = Path(tempfile.mkdtemp(prefix="ketcheck-fuzz-"))
        try:
            shutil.copytree(REPO / "data", workdir, dirs_exist_ok=True)

            @quiet
            @given(
                st.integers(0, 2**32),
                st.sampled_from(KINDS),
                st.sampled_from(["claims.yaml", "facts.yaml"]),
            )
            def loader(case_seed: int, kind: str, name: str) -> None:
                loader_case(campaign, workdir, case_seed + seed, kind, name)

            loader()
        finally:
            shutil.rmtree(workdir, ignore_errors=True)
    if "lint" in targets:
        linter = Linter(load_kb(REPO / "data", cache=False))

        @quiet
        @given(documents(shapes))
        def lint(document: tuple[bytes, str]) -> None:
            lint_case(campaign, linter, *document)

        lint()
    return campaign


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=200, help="cases per target")
    parser.add_argument("--target", choices=["loader", "lint", "both"], default="both")
    parser.add_argument("--seed", type=int, default=0, help="0: the same cases every run")
    args = parser.parse_args(argv)
    targets = {"loader", "lint"} if args.target == "both" else {args.target}
    started = time.perf_counter()
    campaign = run(args.cases, targets, args.seed)
    print(campaign.report())
    print(f"({time.perf_counter() - started:.0f}s)")


if __name__ == "__main__":
    main()
