"""Renderers for knowledge-base listings: claims, search hits, sources, one point.

On a terminal they are rich tables that use its width; ids never wrap. Piped, each record
is one tab-separated line (like ``ruff --output-format concise``), nothing cut short, so
``cut -f1``, ``grep`` and ``sort`` work on it: see the ``*_lines`` functions.
"""

from __future__ import annotations

from rich import box
from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from ketcheck.query import ClaimView, PointReport, SourceSummary
from ketcheck.search import split_marks

VERDICT_STYLES = {
    "supported": "green",
    "contradicted": "bold red",
    "misleading": "yellow",
    "unsupported": "magenta",
    "unverified": "dim",
}


def shorten(text: str, width: int = 90) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def _assertion(view: ClaimView) -> Text:
    out = Text()
    for n, a in enumerate(view.claim.assertions):
        if n:
            out.append("; ")
        neg = "not " if a.polarity.value == "negated" else ""
        unit = f" {a.unit}" if a.unit else ""
        out.append(f"{a.property} = {neg}{a.value}{unit}")
        if a.hedged:
            out.append(" (hedged)", style="dim")
    return out


def _quote(view: ClaimView) -> Text:
    if view.highlighted is None:
        return Text(shorten(view.claim.quote))
    text = Text()
    for run, matched in split_marks(view.highlighted):
        text.append(run, style="bold reverse" if matched else None)
    return text


def _verdict(view: ClaimView) -> Text:
    return Text(view.verdict.value, style=VERDICT_STYLES[view.verdict.value])


TABLE_WIDTH = 160  # below this many columns, claims are shown as blocks (ids are long)


def claims_table(views: list[ClaimView], *, title: str | None = None) -> Table:
    """Claims as a table, for terminals of :data:`TABLE_WIDTH` columns or more."""
    scored = any(v.score is not None for v in views)
    table = Table(title=title, box=box.SIMPLE_HEAD, pad_edge=False)
    table.add_column("id", no_wrap=True)
    table.add_column("source", no_wrap=True)
    table.add_column("topic", no_wrap=True)
    table.add_column("property = value", min_width=14, ratio=1)
    table.add_column("quote", min_width=16, ratio=2)
    table.add_column("line", justify="right", min_width=4, no_wrap=True)
    table.add_column("verdict", min_width=12, no_wrap=True)
    if scored:
        table.add_column("score", justify="right", min_width=5, no_wrap=True)
    for view in views:
        row: list[RenderableType] = [view.claim.id, view.claim.source, view.claim.topic]
        row += [
            _assertion(view),
            _quote(view),
            str(view.location.line),
            _verdict(view),
        ]
        if scored:
            row.append(f"{view.score:.3g}")
        table.add_row(*row)
    return table


def claims_blocks(views: list[ClaimView], *, title: str | None = None) -> RenderableType:
    """Claims for narrow terminals, where a table would squeeze ids: one block per claim,
    the id on its own line, then what it asserts and its quote, indented and word-wrapped."""
    blocks: list[RenderableType] = [Text(title, style="italic")] if title else []
    for view in views:
        blocks += _claim_block(view)
    return Group(*blocks)


def _claim_block(view: ClaimView, others: str | None = None) -> list[RenderableType]:
    head = Text(view.claim.id, style="bold")
    head.append(f"  {view.claim.source}:{view.location.line}  ")
    head.append_text(_verdict(view))
    if view.score is not None:
        head.append(f"  score {view.score:.3g}", style="dim")
    body = [_assertion(view), Text("“").append_text(_quote(view)).append("”")]
    if others:
        body.append(Text(others, style="yellow" if "disagrees" in others else "dim"))
    return [head, *(Padding(b, (0, 0, 0, 4)) for b in body)]


def sources_table(
    summaries: list[SourceSummary], *, title: str | None = "Sources", wide: bool = True
) -> Table:
    """Sources with claim counts; ``wide=False`` (under 120 columns) leaves out the topics."""
    table = Table(title=title, box=box.SIMPLE_HEAD, pad_edge=False, collapse_padding=True)
    table.add_column("id", no_wrap=True)
    table.add_column("publisher", min_width=12, ratio=1)
    table.add_column("kind", no_wrap=True)
    table.add_column("sells", no_wrap=True)
    table.add_column("claims", justify="right", no_wrap=True)
    if wide:
        table.add_column("by topic", min_width=12, ratio=2)
    table.add_column("by verdict", min_width=12, ratio=1)
    for s in summaries:
        row: list[RenderableType] = [
            s.id,
            s.publisher,
            s.kind,
            "yes" if s.sells_treatment else "no",
            str(s.claims),
        ]
        if wide:
            row.append(", ".join(f"{k} {v}" for k, v in s.by_topic.items()))
        row.append(
            Text(", ").join(
                Text(f"{k} {v}", style=VERDICT_STYLES.get(k, "")) for k, v in s.by_verdict.items()
            )
        )
        table.add_row(*row)
    return table


def point_report(report: PointReport, *, header: bool = True, wide: bool = True) -> RenderableType:
    """Each source's claims on the point, side by side; ``wide=False`` (under
    :data:`TABLE_WIDTH` columns): one block per claim under each source's name."""
    blocks: list[RenderableType] = []
    if header:
        head = Text(f"What each source says on '{report.point}'", style="bold")
        if report.properties:
            head.append(f"  (properties: {', '.join(report.properties)})", style="dim")
        blocks.append(head)
    for statement in report.statements:
        if statement.silent:
            blocks.append(Text(f"{statement.source}: silent on this point", style="dim"))
            continue
        if not wide:
            blocks.append(Text(f"{statement.source} — {statement.title}", style="underline"))
            for view in statement.claims:
                blocks += _claim_block(view, report.agreement.get(view.claim.id))
            continue
        table = Table(show_header=True, box=None, pad_edge=False)
        table.add_column("claim", no_wrap=True)
        table.add_column("property = value", min_width=12)
        table.add_column("quote", ratio=3)
        table.add_column("line", justify="right")
        table.add_column("verdict", no_wrap=True)
        table.add_column("other sources", ratio=1)
        for view in statement.claims:
            mark = report.agreement.get(view.claim.id, "")
            table.add_row(
                view.claim.id,
                _assertion(view),
                f"“{shorten(view.claim.quote, 120)}”",
                str(view.location.line),
                _verdict(view),
                Text(mark, style="yellow" if "disagrees" in mark else "dim"),
            )
        title = f"{statement.source} — {statement.title}"
        blocks.append(Panel(table, title=title, title_align="left"))
    return Group(*blocks)


# --- one record per line (piped output) -------------------------------------------------------


def _field(text: str) -> str:
    """One tab-separated field: whitespace (tabs and newlines too) folded to single spaces."""
    return " ".join(text.split())


def _record(*fields: str) -> str:
    return "\t".join(_field(f) for f in fields) + "\n"


def claims_lines(views: list[ClaimView]) -> str:
    """``id  source  topic  line  verdict  property = value  quote`` (``score`` last in search)."""
    return "".join(
        _record(
            view.claim.id,
            view.claim.source,
            view.claim.topic,
            str(view.location.line),
            view.verdict.value,
            _assertion(view).plain,
            view.claim.quote,
            *([f"{view.score:.3g}"] if view.score is not None else []),
        )
        for view in views
    )


def sources_lines(summaries: list[SourceSummary]) -> str:
    """``id  publisher  kind  sells  claims  by topic  by verdict``."""
    return "".join(
        _record(
            s.id,
            s.publisher,
            s.kind,
            "yes" if s.sells_treatment else "no",
            str(s.claims),
            ", ".join(f"{k} {v}" for k, v in s.by_topic.items()),
            ", ".join(f"{k} {v}" for k, v in s.by_verdict.items()),
        )
        for s in summaries
    )


def point_lines(report: PointReport) -> str:
    """``source  claim  property = value  line  verdict  other sources  quote``; a silent
    source is ``source  -  silent``."""
    out = []
    for statement in report.statements:
        if statement.silent:
            out.append(_record(statement.source, "-", "silent"))
        for view in statement.claims:
            out.append(
                _record(
                    statement.source,
                    view.claim.id,
                    _assertion(view).plain,
                    str(view.location.line),
                    view.verdict.value,
                    report.agreement.get(view.claim.id) or "-",
                    view.claim.quote,
                )
            )
    return "".join(out)
