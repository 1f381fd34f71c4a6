"""Rich renderers for the cross-check: findings grouped by property, and the source scorecard.

Each finding shows its rule, level and message, then every side's claims as
``source:line “quote”``, then the reference statement and citation when a fact decides it.
Output is built from ``Text`` objects (never markup strings: quotes may contain brackets).
"""

from __future__ import annotations

from collections import defaultdict

from rich.console import Group, RenderableType
from rich.text import Text

from ketcheck.check import CheckReport, FindingView, SourceScore
from ketcheck.models import Severity, Verdict

SEVERITY_STYLES = {Severity.error: "bold red", Severity.warning: "yellow", Severity.info: "cyan"}
VERDICT_STYLES = {
    Verdict.supported.value: "green",
    Verdict.contradicted.value: "bold red",
    Verdict.misleading.value: "yellow",
    Verdict.unsupported.value: "magenta",
    Verdict.unverified.value: "dim",
}
OTHER = "(no property)"


def _finding(view: FindingView) -> list[Text]:
    f = view.finding
    lines = []
    head = Text()
    if f.location is not None:
        head.append(f"{f.location.path}:{f.location.line}:{f.location.column}: ", style="bold")
    head.append(f"{f.rule} [{f.severity.value}] ", style=SEVERITY_STYLES[f.severity])
    head.append(f.message)
    lines.append(head)
    for label, quoted in view.sides:
        lines.append(Text(f"    {label}:", style="bold"))
        for q in quoted:
            line = Text(f"      {q.source}:{q.line} ", style="dim")
            line.append(f"“{q.quote}”")
            lines.append(line)
    if view.reference:
        ref = Text("    reference: ", style="green")
        ref.append(view.reference)
        if f.citation:
            ref.append(f" — {f.citation}", style="dim")
        lines.append(ref)
    if f.fix and f.fix != view.reference:
        lines.append(Text(f"    fix: {f.fix}", style="cyan"))
    return lines


def findings_by_property(views: list[FindingView], labels: dict[str, str]) -> RenderableType:
    """Findings under one heading per property (label and id), in finding order."""
    grouped: dict[str, list[FindingView]] = defaultdict(list)
    for view in views:
        grouped[view.finding.property or OTHER].append(view)
    blocks: list[RenderableType] = []
    for prop, members in grouped.items():
        title = f"{labels[prop]} ({prop})" if prop in labels else prop
        blocks.append(Text(f"{title} — {len(members)}", style="bold underline"))
        for view in members:
            blocks.extend(_finding(view))
        blocks.append(Text(""))
    return Group(*blocks)


def scorecard(scores: list[SourceScore]) -> RenderableType:
    """One block per source: who publishes it, its claims by verdict, its findings by rule."""
    blocks: list[RenderableType] = [Text("Scorecard by source", style="bold underline")]
    for s in scores:
        head = Text(f"{s.id}", style="bold")
        head.append(f" — {s.title} ({s.publisher}, {s.kind})")
        if s.sells_treatment:
            head.append("  sells the treatment", style="bold yellow")
        blocks.append(head)
        verdicts = Text(f"    {s.claims} claims: ")
        verdicts.append_text(
            Text(", ").join(
                Text(f"{n} {v}", style=VERDICT_STYLES[v]) for v, n in s.by_verdict.items()
            )
        )
        if s.reported:
            verdicts.append(f" (+{s.reported} reported to refute)", style="dim")
        blocks.append(verdicts)
        rules = ", ".join(f"{code}×{n}" for code, n in s.by_rule.items()) or "none"
        blocks.append(Text(f"    findings naming it: {rules}"))
    return Group(*blocks)


def summary_line(report: CheckReport) -> str:
    severities = {s: sum(1 for f in report.findings if f.severity is s) for s in Severity}
    verdicts = ", ".join(f"{n} {v}" for v, n in report.verdict_counts().items() if n)
    return (
        f"{len(report.findings)} findings ({severities[Severity.error]} errors, "
        f"{severities[Severity.warning]} warnings, {severities[Severity.info]} info); "
        f"{len(report.claims)} claims: {verdicts or 'none'}"
    )


def check_report(
    report: CheckReport, views: list[FindingView], labels: dict[str, str]
) -> RenderableType:
    return Group(findings_by_property(views, labels), scorecard(report.scores))
