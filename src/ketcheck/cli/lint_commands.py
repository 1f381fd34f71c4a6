"""``ketcheck lint`` (CI gate for new articles) and ``ketcheck draft`` (curators' loop)."""

from __future__ import annotations

import os
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from ketcheck import __version__
from ketcheck.cli import KbOption, app, fail, stderr_console, stdout_console, user_errors
from ketcheck.config import ConfigError, load_settings
from ketcheck.kb import load_kb
from ketcheck.lint import Linter, LintReport, expand, lint_codes, lint_paths
from ketcheck.models import Finding, Location, Severity
from ketcheck.render import github, json, sarif, text
from ketcheck.rules import rule_infos


class LintFormat(StrEnum):
    text = "text"
    json = "json"
    sarif = "sarif"
    github = "github"


def _codes(values: list[str] | None) -> list[str] | None:
    """``--select KC1,KC2 --select KC3`` → ``[KC1, KC2, KC3]``."""
    if not values:
        return None
    return [c.strip().upper() for v in values for c in v.split(",") if c.strip()]


@app.command()
def lint(
    paths: Annotated[
        list[str], typer.Argument(help="Files or directories (.txt .md .html .htm); - for stdin.")
    ],
    kb: KbOption = None,
    format: Annotated[
        LintFormat | None, typer.Option("--format", "-f", help="Output format.")
    ] = None,
    select: Annotated[
        list[str] | None, typer.Option("--select", help="Only these rule codes or prefixes.")
    ] = None,
    ignore: Annotated[
        list[str] | None, typer.Option("--ignore", help="Skip these rule codes or prefixes.")
    ] = None,
    fail_on: Annotated[
        Severity | None,
        typer.Option("--fail-on", help="Lowest severity that makes the exit code 1."),
    ] = None,
    quiet: Annotated[
        bool, typer.Option("--quiet", "-q", help="Findings only: no summary, no progress.")
    ] = False,
    statistics: Annotated[
        bool, typer.Option("--statistics", help="Counts per rule instead of each finding.")
    ] = False,
    strict: Annotated[
        bool | None, typer.Option("--strict", help="Also report unused suppressions.")
    ] = None,
    jobs: Annotated[
        int | None, typer.Option("--jobs", "-j", min=1, help="Worker processes (default: cores).")
    ] = None,
    config: Annotated[
        Path | None, typer.Option("--config", help="Use this ketcheck.toml / pyproject.toml.")
    ] = None,
    isolated: Annotated[
        bool, typer.Option("--isolated", help="Ignore configuration files.")
    ] = False,
) -> None:
    """Check articles' claims against the reference facts and the knowledge base.

    Exit 0: nothing at or above the fail level; 1: findings at or above it (or a file that
    could not be read); 2: usage error, bad configuration, or nothing could be read.

    Example: [bold]ketcheck lint drafts/ --format github[/bold]
    """
    try:
        settings = load_settings(
            Path.cwd(),
            lint_codes(),
            config_path=config,
            isolated=isolated,
            select=_codes(select),
            ignore=_codes(ignore),
            fail_on=fail_on,
            strict=strict,
        )
    except ConfigError as exc:
        raise fail(str(exc).splitlines()) from None
    chosen = format or LintFormat(settings.format or "text")
    with user_errors():
        linter = Linter(load_kb(kb or settings.kb), settings)
    files = expand(paths, settings.exclude)
    report = _run(linter, files, jobs, show_progress=not quiet and chosen is LintFormat.text)
    for result in report.errors:
        sys.stderr.write(f"ketcheck: error: {result.error}\n")
    findings = report.findings + [_unused_finding(u) for u in report.unused]
    _render(chosen, findings, report, quiet=quiet, statistics=statistics)
    if report.errors and len(report.errors) == len(report.files):
        raise typer.Exit(2)
    failed = any(settings.fails(f.severity) for f in findings) or bool(report.errors)
    raise typer.Exit(1 if failed else 0)


def _run(linter: Linter, files: list[str], jobs: int | None, show_progress: bool) -> LintReport:
    def stdin() -> bytes:
        return sys.stdin.buffer.read()

    if not (show_progress and len(files) > 1 and sys.stderr.isatty()):
        return lint_paths(linter, files, jobs=jobs, stdin=stdin)
    from rich.progress import Progress

    with Progress(console=stderr_console(), transient=True) as progress:
        task = progress.add_task("linting", total=len(files))
        return lint_paths(
            linter, files, jobs=jobs, stdin=stdin, progress=lambda n: progress.advance(task, n)
        )


def _unused_finding(item) -> Finding:
    s = item.suppression
    return Finding(
        rule="KC900",
        name="unused-suppression",
        severity=Severity.warning,
        message=item.message,
        location=Location(path=s.path, line=s.line, column=s.column),
    )


def _render(
    fmt: LintFormat, findings: list[Finding], report: LintReport, *, quiet: bool, statistics: bool
) -> None:
    if fmt is LintFormat.json:
        sys.stdout.write(json.render(findings))
    elif fmt is LintFormat.github:
        sys.stdout.write(github.render(findings))
    elif fmt is LintFormat.sarif:
        sys.stdout.write(
            sarif.render(findings, rule_infos(), version=__version__, root=os.getcwd())
        )
    elif statistics:
        sys.stdout.write(text.statistics(findings))
    else:
        text.write(
            stdout_console(),
            findings,
            report.documents,
            files_checked=len(report.files),
            show_summary=not quiet,
        )


@app.command()
def draft(
    article: Annotated[Path, typer.Argument(help="The article (.txt, .md, .html).")],
    source_id: Annotated[
        str, typer.Option("--source-id", help="Source id the candidate claims will belong to.")
    ],
    kb: KbOption = None,
) -> None:
    """Print candidate claims found in an article, as YAML to paste into data/claims.yaml.

    Each candidate carries its line, and the rule findings on it as comments. Review every
    candidate before pasting: extraction proposes, the curator decides.
    """
    from ketcheck.draft import candidates, to_yaml
    from ketcheck.text import DocumentError, load_document

    with user_errors():
        base = load_kb(kb)
    try:
        doc = load_document(article)
    except DocumentError as exc:
        raise fail([str(exc)]) from None
    linter = Linter(base)
    findings = linter.check(doc).findings
    items = candidates(linter.extractor, doc, source_id, findings)
    sys.stdout.write(to_yaml(items))
    stderr_console().print(f"{len(items)} candidate claims from {article}", markup=False)
