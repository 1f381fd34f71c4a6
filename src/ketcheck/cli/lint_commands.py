"""``ketcheck lint`` (CI gate for new articles), ``ketcheck draft`` (curators' loop) and
``ketcheck rules`` (the rules' documentation)."""

from __future__ import annotations

import os
import sys
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from ketcheck import __version__
from ketcheck.cli import (
    FormatOption,
    KbOption,
    ListFormat,
    app,
    emit_json,
    fail,
    stderr_console,
    stdout_console,
    user_errors,
)
from ketcheck.models import Finding, Severity

# The linter, the rules and the renderers load when a command runs, not when the command
# line starts (``--help`` and the other commands do not need them).
if TYPE_CHECKING:
    from ketcheck.config import ConfigError
    from ketcheck.lint import FileResult, Linter, LintReport
    from ketcheck.suppress import Unused


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
    stdin_filename: Annotated[
        str | None,
        typer.Option(
            "--stdin-filename",
            help="Name to show for - (standard input); its extension picks txt, md or html.",
        ),
    ] = None,
) -> None:
    """Check articles' claims against the reference facts and the knowledge base.

    Reads .txt, .md and .html files, directories (recursively) and - (standard input).
    Exit 0: nothing at or above the fail level (--fail-on, default error).
    Exit 1: findings at or above it.
    Exit 2: usage error, bad configuration, or a file that could not be read (the files that
    could be read are still reported).

    Example: [bold]ketcheck lint drafts/ --format github[/bold]
    """
    from ketcheck.config import ConfigError, load_settings
    from ketcheck.kb import load_kb
    from ketcheck.lint import Linter, LintReport, expand, lint_codes

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
        raise fail(_config_problems(exc)) from None
    chosen = format or LintFormat(settings.format or "text")
    with user_errors():
        linter = Linter(load_kb(kb or settings.kb), settings)
    files, unreadable = expand(paths, settings.exclude)
    report = _run(linter, files, jobs, show_progress=not quiet, stdin_name=stdin_filename or "-")
    report = LintReport([*unreadable, *report.files])
    if not report.files and not quiet:
        sys.stderr.write("ketcheck: warning: no files to lint (every path is excluded)\n")
    for result in report.errors:
        sys.stderr.write(f"ketcheck: error: {result.error}\n")
    findings = report.findings + [_unused_finding(u) for u in report.unused]
    _render(chosen, findings, report, quiet=quiet, statistics=statistics)
    if report.errors:  # an input error outranks findings: CI must not pass half-read
        raise typer.Exit(2)
    raise typer.Exit(1 if any(settings.fails(f.severity) for f in findings) else 0)


def _config_problems(exc: ConfigError) -> list[str]:
    """``<file>:<line>: <what>`` per problem, the file relative to the working directory."""
    from ketcheck.kb import display_path

    where = exc.path if exc.path.startswith("-") else display_path(Path(exc.path))
    return [f"{where}:{line}: {msg}" if line else f"{where}: {msg}" for line, msg in exc.problems]


def _run(
    linter: Linter, files: list[str], jobs: int | None, show_progress: bool, stdin_name: str
) -> LintReport:
    """Lint ``files`` (``-``: standard input), with a progress bar on a terminal."""
    from ketcheck.lint import LintReport, lint_paths

    first: list[FileResult] = []
    if "-" in files:
        first.append(_check_stdin(linter, stdin_name))
        files = [f for f in files if f != "-"]
    if not (show_progress and len(files) > 1 and sys.stderr.isatty()):
        return LintReport([*first, *lint_paths(linter, files, jobs=jobs).files])
    from rich.progress import Progress

    with Progress(console=stderr_console(), transient=True) as progress:
        task = progress.add_task("linting", total=len(files))
        report = lint_paths(linter, files, jobs=jobs, progress=lambda n: progress.advance(task, n))
    return LintReport([*first, *report.files])


def _check_stdin(linter: Linter, name: str) -> FileResult:
    from ketcheck.lint import FileResult
    from ketcheck.text import DocumentError, kind_of, load_stdin

    try:
        doc = load_stdin(sys.stdin.buffer.read(), name, kind_of(name) if name != "-" else "txt")
    except DocumentError as exc:
        return FileResult(name, error=str(exc))
    return linter.check(doc)


def _unused_finding(item: Unused) -> Finding:
    from ketcheck.docs import UNUSED_SUPPRESSION
    from ketcheck.models import Location

    s = item.suppression
    return Finding(
        rule=UNUSED_SUPPRESSION["code"],
        name=UNUSED_SUPPRESSION["name"],
        severity=UNUSED_SUPPRESSION["severity"],
        message=item.message,
        location=Location(path=s.path, line=s.line, column=s.column),
    )


def _render(
    fmt: LintFormat, findings: list[Finding], report: LintReport, *, quiet: bool, statistics: bool
) -> None:
    from ketcheck.docs import rule_docs
    from ketcheck.render import github, json, sarif, text

    if fmt is LintFormat.json:
        sys.stdout.write(json.render(findings))
    elif fmt is LintFormat.github:
        sys.stdout.write(github.render(findings))
    elif fmt is LintFormat.sarif:
        sys.stdout.write(sarif.render(findings, rule_docs(), version=__version__, root=os.getcwd()))
    elif statistics:
        sys.stdout.write(text.statistics(findings))
    else:
        text.write(
            stdout_console(),
            findings,
            report.documents,
            files_checked=len(report.files) - len(report.errors),
            show_summary=not quiet and len(report.errors) < len(report.files),
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

    Each candidate carries its line, and the rule findings on it as comments.
    Review every candidate before pasting: extraction proposes, the curator decides.

    Example: [bold]ketcheck draft new-article.txt --source-id new-article[/bold]
    """
    from pydantic import TypeAdapter, ValidationError

    from ketcheck.draft import candidates, to_yaml
    from ketcheck.kb import load_kb
    from ketcheck.lint import Linter
    from ketcheck.models import Slug
    from ketcheck.text import DocumentError, load_document

    try:
        TypeAdapter(Slug).validate_python(source_id)
    except ValidationError:
        raise fail(
            [f"--source-id: '{source_id}' is not an id (lowercase letters, digits, '.', '_', '-')"]
        ) from None
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


@app.command()
def rules(
    code: Annotated[
        str | None,
        typer.Argument(help="A rule code, e.g. KC103. Without it: one line per rule."),
    ] = None,
    format: FormatOption = ListFormat.text,
) -> None:
    """Explain a rule: what it checks, its default severity, and passing and failing examples.

    Without a code, list every rule (code, name, default severity, summary).

    Example: [bold]ketcheck rules KC103[/bold]
    """
    from ketcheck.docs import UnknownRule, find_rule, rule_docs, rules_table
    from ketcheck.docs import rule_markdown as rule_doc

    if code is None:
        if format is ListFormat.json:
            emit_json([_rule_json(info) for info in rule_docs()])
        else:
            sys.stdout.write(rules_table())
        return
    try:
        info = find_rule(code)
    except UnknownRule as exc:
        raise fail([str(exc)]) from None
    if format is ListFormat.json:
        emit_json(_rule_json(info))
    else:
        sys.stdout.write(rule_doc(info, level=1))


def _rule_json(info: dict) -> dict:
    return {
        "code": info["code"],
        "name": info["name"],
        "severity": Severity(info["severity"]).value,
        "summary": info["short"],
        "description": info["full"],
        "documentation": info["help"],
    }
