"""Rich renderers for knowledge-base listings: claims, search hits, sources, one point."""

from __future__ import annotations

from rich import box
from rich.console import Group, RenderableType
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


def claims_table(views: list[ClaimView], *, title: str | None = None, wide: bool = True) -> Table:
    """Claims as a table; ``wide=False`` (narrow terminals) leaves out source and topic."""
    scored = any(v.score is not None for v in views)
    table = Table(title=title, box=box.SIMPLE_HEAD, pad_edge=False)
    table.add_column("id", overflow="fold", min_width=8)
    if wide:
        table.add_column("source", overflow="fold")
        table.add_column("topic", overflow="fold")
    table.add_column("property = value", min_width=14, ratio=1)
    table.add_column("quote", min_width=16, ratio=2)
    table.add_column("line", justify="right", min_width=4, no_wrap=True)
    table.add_column("verdict", min_width=12, no_wrap=True)
    if scored:
        table.add_column("score", justify="right", min_width=5, no_wrap=True)
    for view in views:
        row: list[RenderableType] = [view.claim.id]
        if wide:
            row += [view.claim.source, view.claim.topic]
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


def sources_table(summaries: list[SourceSummary]) -> Table:
    table = Table(title="Sources")
    table.add_column("id", no_wrap=True)
    table.add_column("publisher")
    table.add_column("kind", no_wrap=True)
    table.add_column("sells it", no_wrap=True)
    table.add_column("claims", justify="right")
    table.add_column("by topic")
    table.add_column("by verdict")
    for s in summaries:
        table.add_row(
            s.id,
            s.publisher,
            s.kind,
            "yes" if s.sells_treatment else "no",
            str(s.claims),
            ", ".join(f"{k} {v}" for k, v in s.by_topic.items()),
            Text(", ").join(
                Text(f"{k} {v}", style=VERDICT_STYLES.get(k, "")) for k, v in s.by_verdict.items()
            ),
        )
    return table


def point_report(report: PointReport) -> RenderableType:
    header = Text(f"What each source says on '{report.point}'", style="bold")
    if report.properties:
        header.append(f"  (properties: {', '.join(report.properties)})", style="dim")
    blocks: list[RenderableType] = [header]
    for statement in report.statements:
        if statement.silent:
            blocks.append(Text(f"{statement.source}: silent on this point", style="dim"))
            continue
        table = Table(show_header=True, box=None, pad_edge=False)
        table.add_column("claim", no_wrap=True)
        table.add_column("property = value")
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
