"""``ketcheck report`` (one self-contained HTML page) and ``ketcheck export`` (ClaimReview,
JSON Lines, CSV). The HTML machinery is imported when a command runs, so other commands
start without it."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from ketcheck.cli import (
    ConfigOption,
    IsolatedOption,
    KbOption,
    SourceOption,
    app,
    fail,
    stderr_console,
    user_errors,
)
from ketcheck.cli.lint_commands import _config_problems

# The library loads when a command runs, not when the command line starts.
if TYPE_CHECKING:
    from ketcheck.config import Config


class ExportFormat(StrEnum):
    claimreview = "claimreview"
    jsonl = "jsonl"
    csv = "csv"


class ExportWhat(StrEnum):
    claims = "claims"
    findings = "findings"


def _settings(config: Path | None, isolated: bool) -> Config:
    from ketcheck.config import ConfigError, load_settings
    from ketcheck.lint import lint_codes

    try:
        return load_settings(Path.cwd(), lint_codes(), config_path=config, isolated=isolated)
    except ConfigError as exc:
        raise fail(_config_problems(exc)) from None


@app.command()
def report(
    articles: Annotated[
        list[str] | None,
        typer.Argument(help="Articles to lint and show too (.txt .md .html, directories)."),
    ] = None,
    out: Annotated[
        str, typer.Option("--out", "-o", help="The HTML file to write; - for standard output.")
    ] = "report.html",
    kb: KbOption = None,
    config: ConfigOption = None,
    isolated: IsolatedOption = False,
) -> None:
    """Write the cross-check as one self-contained HTML page.

    Each source's scorecard, a property × source matrix, every conflict group side by side,
    and each article's text with its claims highlighted by verdict (hover or Tab to a claim
    for its assertion, verdict, reference and citation) and its findings beside it. Articles
    given as arguments are linted and shown in the same view. The page loads nothing from the
    network and runs no script.

    Example: [bold]ketcheck report --out report.html drafts/new-article.md[/bold]
    """
    from ketcheck.check import cross_check
    from ketcheck.kb import load_kb
    from ketcheck.lint import Linter, expand, lint_paths
    from ketcheck.render import html
    from ketcheck.report import build_report, lint_articles

    settings = _settings(config, isolated)
    with user_errors():
        base = load_kb(kb or settings.kb)
        check = cross_check(base)
    linted = []
    if articles:
        if "-" in articles:
            raise fail(["report: articles are read from files, not standard input"])
        linter = Linter(base, settings)
        files, unreadable = expand(articles, settings.exclude)
        results = lint_paths(linter, files)
        errors = [r.error for r in [*unreadable, *results.errors] if r.error]
        if errors:  # a report that silently leaves an article out would mislead
            raise fail(errors)
        linted = lint_articles(linter, results.files)
    page = html.report(build_report(check, linted))
    if out == "-":
        sys.stdout.write(page)
        return
    try:
        Path(out).write_text(page, encoding="utf-8")
    except OSError as exc:
        raise fail([f"{out}: {(exc.strerror or str(exc)).lower()}"]) from None
    stderr_console().print(
        f"wrote {out}: {len(check.scores)} sources, {len(check.claims)} claims, "
        f"{len(check.findings)} findings, {len(linted)} linted articles",
        markup=False,
    )


@app.command()
def export(
    format: Annotated[
        ExportFormat, typer.Option("--format", "-f", help="claimreview (JSON-LD), jsonl or csv.")
    ],
    what: Annotated[
        ExportWhat, typer.Option("--what", help="Claims or findings (jsonl and csv).")
    ] = ExportWhat.claims,
    kb: KbOption = None,
    source: SourceOption = None,
    config: ConfigOption = None,
    isolated: IsolatedOption = False,
) -> None:
    """Export the cross-check's claims or findings for other tools, to standard output.

    [bold]claimreview[/bold]: a JSON array of schema.org ClaimReview items, one per claim with
    a verdict (the reviewing organisation comes from the configuration keys reviewer,
    reviewer-url and report-url). [bold]jsonl[/bold] and [bold]csv[/bold]: one record per
    claim or finding, with the columns listed in the README.

    Example: [bold]ketcheck export --format csv --what findings > findings.csv[/bold]
    """
    from ketcheck import export as records
    from ketcheck.check import cross_check
    from ketcheck.kb import display_path, load_kb
    from ketcheck.render import records as render

    settings = _settings(config, isolated)
    if format is ExportFormat.claimreview and what is ExportWhat.findings:
        raise fail(["--what findings: ClaimReview reviews claims; use --format jsonl or csv"])
    with user_errors():
        check = cross_check(load_kb(kb or settings.kb), source=source)
    if format is ExportFormat.claimreview:
        try:
            reviewer = records.reviewer_from(
                settings.reviewer, settings.reviewer_url, settings.report_url
            )
        except records.MissingReviewer as exc:
            where = display_path(settings.source) if settings.source else "configuration"
            raise fail([f"{where}: {exc}"]) from None
        sys.stdout.write(render.json_ld(records.claim_reviews(check, reviewer, date.today())))
        return
    columns: Sequence[str]
    if what is ExportWhat.claims:
        rows, columns = records.claim_records(check), records.CLAIM_COLUMNS
    else:
        rows, columns = records.finding_records(check.findings), records.FINDING_COLUMNS
    if format is ExportFormat.jsonl:
        sys.stdout.write(render.jsonl(rows))
    else:
        sys.stdout.write(render.csv_text(rows, columns))
