"""Rich renderer for the end of an audit: totals, findings by rule, the worst documents.

Cells are ``Text``, never markup strings: urls and messages may hold brackets.
"""

from __future__ import annotations

from rich import box
from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from ketcheck.audit import Summary


def summary(result: Summary, out: str) -> RenderableType:
    """The summary table printed after an audit (the rows themselves are in ``out``)."""
    parts: list[RenderableType] = []
    linted = result.documents - result.failed
    head = Text(f"{result.documents} documents audited into {out}: ")
    head.append(f"{result.findings} findings in {linted} linted documents")
    if result.failed:
        head.append(f", {result.failed} could not be linted", style="bold red")
    parts.append(head)
    if result.by_rule:
        table = Table(title="Findings by rule", box=box.SIMPLE_HEAD, title_justify="left")
        table.add_column("rule")
        table.add_column("name")
        table.add_column("findings", justify="right")
        table.add_column("documents", justify="right")
        for r in result.by_rule:
            table.add_row(Text(r.rule), Text(r.name), str(r.findings), str(r.documents))
        parts.append(table)
    if result.worst:
        table = Table(title="Worst documents", box=box.SIMPLE_HEAD, title_justify="left")
        table.add_column("document", overflow="fold")
        for level in ("error", "warning", "info"):
            table.add_column(level, justify="right")
        for row in result.worst:
            table.add_row(
                Text(row["document"]),
                str(row["error_findings"]),
                str(row["warning_findings"]),
                str(row["info_findings"]),
            )
        parts.append(table)
    if result.failures:
        table = Table(title="Not linted (first few)", box=box.SIMPLE_HEAD, title_justify="left")
        table.add_column("document", overflow="fold")
        table.add_column("error", overflow="fold")
        for row in result.failures:
            table.add_row(Text(row["document"]), Text(row["error"]))
        parts.append(table)
    return Group(*parts)
