"""Human output: one ``path:line:col: CODE [level] message`` line per finding, the source line
with a caret under the span, a ``help:`` line when a fix is known, and a summary.

The header line has the shape compilers use, so editors and terminals can jump to it. Output
goes through rich ``Text`` objects (never markup strings: messages may contain brackets), so
colour appears only where the console supports it and ``NO_COLOR`` is honoured.
"""

from __future__ import annotations

import io
from collections import Counter
from collections.abc import Iterable, Mapping

from rich.cells import cell_len
from rich.console import Console
from rich.text import Text

from ketcheck.models import Finding, Severity
from ketcheck.offsets import LineIndex
from ketcheck.text import Document

STYLES = {Severity.error: "bold red", Severity.warning: "yellow", Severity.info: "cyan"}

Sources = Mapping[str, Document] | Mapping[str, str]


def _source_line(sources: Sources | None, path: str, line: int) -> str | None:
    doc = sources.get(path) if sources else None
    if isinstance(doc, Document):
        return doc.line(line) if 1 <= line <= doc.line_count else None
    if isinstance(doc, str):
        index = LineIndex(doc)
        return index.line_text(line) if 1 <= line <= index.line_count else None
    return None


def _snippet(text: str, column: int, length: int, room: int) -> tuple[str, int, int]:
    """Cut a long line to ``room`` characters around the span: (shown, caret start, width)."""
    start = 0
    if len(text) > room:
        start = max(0, min(column - 1 - 20, len(text) - room))
    end = min(len(text), start + room)
    shown = text[start:end].replace("\t", " ")
    if start > 0:
        shown = "…" + shown[1:]
    if end < len(text):
        shown = shown[:-1] + "…"
    pos = max(0, column - 1 - start)
    return shown, pos, max(1, min(length, len(shown) - pos))


def _header(f: Finding) -> Text:
    text = Text()
    loc = f.location
    if loc is not None:
        text.append(f"{loc.path}:{loc.line}:{loc.column}:", style="bold")
        text.append(" ")
    text.append(f.rule, style=STYLES[f.severity])
    text.append(f" [{f.severity.value}] ", style=STYLES[f.severity])
    text.append(f.message)
    return text


def _source(f: Finding, sources: Sources | None, width: int) -> list[Text]:
    loc = f.location
    line = _source_line(sources, loc.path, loc.line) if loc else None
    if loc is None or line is None:
        return []
    if loc.end_line == loc.line and loc.end_column is not None:
        length = loc.end_column - loc.column
    elif loc.end_line is not None and loc.end_line > loc.line:
        length = len(line) - loc.column + 1
    else:
        length = 1
    gutter = " " * len(str(loc.line))
    shown, pos, span = _snippet(line, loc.column, length, max(20, width - len(gutter) - 3))
    caret = " " * cell_len(shown[:pos]) + "^" + "~" * (cell_len(shown[pos : pos + span]) - 1)
    return [
        Text(f"{gutter} |", style="blue"),
        Text.assemble((f"{loc.line} | ", "blue"), shown),
        Text.assemble((f"{gutter} | ", "blue"), (caret, STYLES[f.severity])),
    ]


def write(
    console: Console,
    findings: Iterable[Finding],
    sources: Sources | None = None,
    *,
    files_checked: int | None = None,
    show_source: bool = True,
    show_summary: bool = True,
) -> None:
    """Print findings grouped by file, then (unless quiet) the summary line, to ``console``."""
    ordered = sorted(findings, key=Finding.sort_key)
    previous: str | None = None
    cited: tuple[str, int, str] | None = None  # the citation last shown, and where
    for f in ordered:
        path = f.location.path if f.location else ""
        if previous is not None and (show_source or path != previous):
            console.print()
        previous = path
        console.print(_header(f), soft_wrap=True)
        if show_source:
            for row in _source(f, sources, console.width):
                console.print(row, soft_wrap=True)
        if f.fix:
            gutter = " " * len(str(f.location.line)) if f.location and show_source else ""
            help_line = Text.assemble(
                (f"{gutter} = " if gutter else "  ", "blue"), ("help: ", "bold"), f.fix
            )
            console.print(help_line, soft_wrap=True)
        if f.citation:
            # several rules on one line cite the same work: show it once for the group
            here = (path, f.location.line if f.location else 0, f.citation)
            if here != cited:
                gutter = " " * len(str(f.location.line)) if f.location and show_source else ""
                console.print(
                    Text.assemble(
                        (f"{gutter} = " if gutter else "  ", "blue"),
                        ("reference: ", "bold"),
                        f.citation,
                    ),
                    soft_wrap=True,
                )
            cited = here
    if not show_summary:
        return
    if ordered:
        console.print()
    console.print(Text(summary(ordered, files_checked), style="bold"), soft_wrap=True)


def render(
    findings: Iterable[Finding],
    sources: Sources | None = None,
    *,
    files_checked: int | None = None,
    show_source: bool = True,
    color: bool = False,
    width: int = 100,
) -> str:
    """The same output as :func:`write`, as a string (ANSI codes only if ``color``)."""
    buffer = io.StringIO()
    console = Console(
        file=buffer,
        width=width,
        color_system="standard" if color else None,
        force_terminal=color,
        highlight=False,
    )
    write(console, findings, sources, files_checked=files_checked, show_source=show_source)
    return buffer.getvalue()


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 or word == "info" else f"{n} {word}s"


def summary(findings: Iterable[Finding], files_checked: int | None = None) -> str:
    """``3 findings (2 errors, 1 warning) in 2 files``; ``No findings in 4 files``."""
    findings = list(findings)
    if not findings:
        return "No findings" + (f" in {_plural(files_checked, 'file')}" if files_checked else "")
    levels = Counter(f.severity for f in findings)
    parts = [
        _plural(levels[s], s.value)
        for s in (Severity.error, Severity.warning, Severity.info)
        if levels[s]
    ]
    files = len({f.location.path for f in findings if f.location})
    where = f" in {_plural(files, 'file')}" if files else ""
    return f"{_plural(len(findings), 'finding')} ({', '.join(parts)}){where}"


def rule_counts(findings: Iterable[Finding]) -> list[tuple[str, str, int, Severity]]:
    """(code, name, count, worst severity) per rule, most frequent first, then by code."""
    counts: Counter[str] = Counter()
    names: dict[str, str] = {}
    worst: dict[str, Severity] = {}
    for f in findings:
        counts[f.rule] += 1
        names[f.rule] = f.name
        if f.rule not in worst or f.severity.rank > worst[f.rule].rank:
            worst[f.rule] = f.severity
    rows = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    return [(code, names[code], n, worst[code]) for code, n in rows]


def statistics(findings: Iterable[Finding]) -> str:
    """Counts per rule, most frequent first (like ``ruff --statistics``)."""
    rows = rule_counts(findings)
    if not rows:
        return ""
    wide = max(len(str(n)) for _, _, n, _ in rows)
    name_w = max(len(name) for _, name, _, _ in rows)
    return "".join(
        f"{n:>{wide}}  {code}  {name:<{name_w}}  [{level.value}]".rstrip() + "\n"
        for code, name, n, level in rows
    )
