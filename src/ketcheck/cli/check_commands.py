"""Cross-check commands: conflicts, and check (also reachable as cross-check)."""

from __future__ import annotations

from typing import Annotated

import typer

from ketcheck.cli import (
    FormatOption,
    KbOption,
    ListFormat,
    QuietOption,
    SourceOption,
    app,
    emit_json,
    stderr_console,
    stdout_console,
    user_errors,
)
from ketcheck.cli.conventions import Command

# The rules and renderers load when a command runs, not when the command line starts.

PropertyOption = Annotated[
    str | None,
    typer.Option(
        "--property", "-p", metavar="<property>", help="Only findings about this property."
    ),
]


@app.command("conflicts", cls=Command)
def conflicts_command(
    kb: KbOption = None,
    source: SourceOption = None,
    prop: PropertyOption = None,
    rule: Annotated[
        list[str] | None,
        typer.Option(
            "--rule", "-r", metavar="<code>", help="Only these rule codes or prefixes (repeatable)."
        ),
    ] = None,
    format: FormatOption = ListFormat.text,
    quiet: QuietOption = False,
) -> None:
    """Where sources disagree with each other, with themselves, or with the reference.

    Shows KC101-KC105 (conflicts, numbers, misleading claims), KC302 (copied text) and KC401
    (terminology), grouped by property, each with the quotes on every side and the reference
    that decides it. Exit 1 when a finding is at error level.
    Example: [bold]ketcheck conflicts --property blood_pressure[/bold]
    """
    from ketcheck.check import CONFLICT_RULES, conflicts, finding_views, select_rules
    from ketcheck.kb import load_kb
    from ketcheck.models import Severity
    from ketcheck.render import conflicts as render

    with user_errors():
        base = load_kb(kb)
        # the library filters by one code; take each --rule's codes (validated there)
        codes = {r.code for r in select_rules(rule, among=CONFLICT_RULES)}
        findings = [f for f in conflicts(base, source=source, prop=prop) if f.rule in codes]
    views = finding_views(base, findings)
    if format is ListFormat.json:
        emit_json([v.to_json() for v in views])
    else:
        labels = {name: p.label for name, p in base.vocabulary.properties.items()}
        stdout_console().print(render.findings_by_property(views, labels))
        if not quiet:
            n = len(findings)
            stderr_console().print(f"{n} finding{'' if n == 1 else 's'}", markup=False)
    raise typer.Exit(1 if any(f.severity is Severity.error for f in findings) else 0)


def check_command(
    kb: KbOption = None,
    source: SourceOption = None,
    rule: Annotated[
        list[str] | None,
        typer.Option(
            "--rule", "-r", metavar="<code>", help="Only these rule codes or prefixes (repeatable)."
        ),
    ] = None,
    format: FormatOption = ListFormat.text,
    quiet: QuietOption = False,
) -> None:
    """Run every rule over the knowledge base, judge every claim, and score every source.

    The scorecard gives each source's claims by verdict, its findings by rule, and whether
    its publisher sells the treatment. Exit 1 when a finding is at error level.
    Example: [bold]ketcheck check --source avenues --format json[/bold]
    """
    from ketcheck.check import cross_check, finding_views
    from ketcheck.kb import load_kb
    from ketcheck.render import conflicts as render

    with user_errors():
        base = load_kb(kb)
        report = cross_check(base, select=rule, source=source)
    if format is ListFormat.json:
        emit_json(report.to_json())
    else:
        labels = {name: p.label for name, p in base.vocabulary.properties.items()}
        views = finding_views(base, report.findings)
        stdout_console().print(render.check_report(report, views, labels))
        if not quiet:
            stderr_console().print(render.summary_line(report), markup=False)
    raise typer.Exit(1 if report.failed else 0)


app.command("check", cls=Command)(check_command)
app.command("cross-check", cls=Command)(check_command)
