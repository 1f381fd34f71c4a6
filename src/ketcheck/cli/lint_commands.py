"""``ketcheck lint`` (CI gate for new articles), ``ketcheck draft`` (curators' loop) and
``ketcheck rules`` (the rules' documentation)."""

from __future__ import annotations

import os
import re
import sys
from datetime import datetime
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from ketcheck import __version__
from ketcheck.cli import (
    ConfigOption,
    FormatOption,
    IsolatedOption,
    KbOption,
    ListFormat,
    app,
    emit_json,
    fail,
    stderr_console,
    stdout_console,
    user_errors,
)
from ketcheck.cli.conventions import Command
from ketcheck.severity import Severity

# The linter, the rules and the renderers load when a command runs, not when the command
# line starts (``--help`` and the other commands do not need them).
if TYPE_CHECKING:
    from ketcheck.config import Config, ConfigError
    from ketcheck.lint import FileResult, Linter, LintReport
    from ketcheck.models import Finding
    from ketcheck.suppress import Unused
    from ketcheck.text import Kind


class LintFormat(StrEnum):
    text = "text"
    json = "json"
    sarif = "sarif"
    github = "github"
    html = "html"


def _codes(values: list[str] | None) -> list[str] | None:
    """``--select KC1,KC2 --select KC3`` → ``[KC1, KC2, KC3]``."""
    if not values:
        return None
    return [c.strip().upper() for v in values for c in v.split(",") if c.strip()]


@app.command(cls=Command)
def lint(
    paths: Annotated[
        list[str],
        typer.Argument(
            metavar="PATH", help="Files or directories (.txt .md .html .htm); - for stdin."
        ),
    ],
    kb: KbOption = None,
    format: Annotated[
        LintFormat | None, typer.Option("--format", "-f", help="Output format.")
    ] = None,
    select: Annotated[
        list[str] | None,
        typer.Option("--select", metavar="<code>", help="Only these rule codes or prefixes."),
    ] = None,
    ignore: Annotated[
        list[str] | None,
        typer.Option("--ignore", metavar="<code>", help="Skip these rule codes or prefixes."),
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
    config: ConfigOption = None,
    isolated: IsolatedOption = False,
    stdin_filename: Annotated[
        str | None,
        typer.Option(
            "--stdin-filename",
            metavar="<name>",
            help="Name to show for - (standard input); its extension picks txt, md or html.",
        ),
    ] = None,
    on: Annotated[
        datetime | None,
        typer.Option(
            "--date",
            metavar="<YYYY-MM-DD>",
            formats=["%Y-%m-%d"],
            help="Judge every article as of this day (default: each page's own date, else today).",
        ),
    ] = None,
    jurisdiction: Annotated[
        str | None,
        typer.Option(
            "--jurisdiction",
            metavar="<name>",
            help="Jurisdiction of articles that name none (US, UK, ...); config: jurisdiction.",
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
    from ketcheck.kb import load_kb
    from ketcheck.lint import Linter, LintReport, expand
    from ketcheck.suppress import unknown_codes

    settings = _lint_settings(
        config,
        isolated,
        select=_codes(select),
        ignore=_codes(ignore),
        fail_on=fail_on,
        strict=strict,
        jurisdiction=jurisdiction,
    )
    chosen = format or LintFormat(settings.format or "text")
    if statistics and chosen in (LintFormat.github, LintFormat.sarif):
        raise fail([f"--statistics works with --format text or json, not {chosen.value}"])
    with user_errors():
        linter = Linter(load_kb(kb or settings.kb), settings, on=on.date() if on else None)
    files, unreadable = expand(paths, settings.exclude)
    report = _run(linter, files, jobs, show_progress=not quiet, stdin_name=stdin_filename or "-")
    report = LintReport([*unreadable, *report.files])
    if not report.files and not quiet:
        sys.stderr.write("ketcheck: warning: no files to lint (every path is excluded)\n")
    for result in report.errors:
        sys.stderr.write(f"ketcheck: error: {result.error}\n")
    idle = [*report.unused, *(u for d in report.documents.values() for u in unknown_codes(d))]
    findings = report.findings + settings.adjust(_unused_finding(u) for u in idle)
    if chosen is LintFormat.html:  # the report's article view; it needs the linter
        from ketcheck.render import html
        from ketcheck.report import lint_articles

        sys.stdout.write(html.articles(lint_articles(linter, report.files, findings)))
    else:
        _render(chosen, findings, report, quiet=quiet, statistics=statistics)
    if report.errors:  # an input error outranks findings: CI must not pass half-read
        raise typer.Exit(2)
    raise typer.Exit(1 if any(settings.fails(f.severity) for f in findings) else 0)


def _lint_settings(config: Path | None, isolated: bool, **overrides: object) -> Config:
    """The settings lint uses here (defaults, configuration file, then ``overrides`` from the
    command line); a bad configuration ends the command with its problems."""
    from ketcheck.config import ConfigError, load_settings
    from ketcheck.docs import UNUSED_SUPPRESSION
    from ketcheck.lint import lint_codes

    try:
        return load_settings(
            Path.cwd(),
            [*lint_codes(), UNUSED_SUPPRESSION["code"]],
            config_path=config,
            isolated=isolated,
            **overrides,
        )
    except ConfigError as exc:
        raise fail(_config_problems(exc)) from None


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


# An HTML page starts with a doctype or an <html> tag (after an XML declaration or comments).
_HTML_START = re.compile(
    rb"\A(?:\xef\xbb\xbf)?\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html[\s>])",
    re.I | re.S,
)


def stdin_kind(data: bytes, name: str) -> Kind:
    """What standard input is: the extension of ``--stdin-filename`` when it has one, else
    HTML when the text starts like a page, else plain text."""

    from ketcheck.text import kind_of

    if Path(name).suffix:
        return kind_of(name)
    return "html" if _HTML_START.match(data[:4096]) else "txt"


def _check_stdin(linter: Linter, name: str) -> FileResult:
    from ketcheck.lint import FileResult
    from ketcheck.text import DocumentError, load_stdin

    data = sys.stdin.buffer.read()
    try:
        doc = load_stdin(data, name, stdin_kind(data, name))
    except DocumentError as exc:
        return FileResult(name, error=str(exc))
    return linter.check(doc)


def _unused_finding(item: Unused) -> Finding:
    from ketcheck.docs import UNUSED_SUPPRESSION
    from ketcheck.models import Finding, Location

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
        sys.stdout.write(json.statistics(findings) if statistics else json.render(findings))
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


@app.command("config", cls=Command)
def config_command(
    kb: KbOption = None,
    config: ConfigOption = None,
    isolated: IsolatedOption = False,
    format: FormatOption = ListFormat.text,
) -> None:
    """Print the settings [bold]lint[/bold] would use here, and where each came from.

    Each setting is its default, a line of the configuration file found walking up (or given
    with --config), or the knowledge base lint would load and why.
    Example: [bold]ketcheck config[/bold]
    """
    from ketcheck.kb import display_path

    settings = _lint_settings(config, isolated)
    source = display_path(settings.source) if settings.source else None
    rows: list[tuple[str, object, str]] = []
    for key, value, origin in settings.origins():
        if key == "kb":
            continue
        if source and settings.source and origin.startswith(str(settings.source)):
            origin = source + origin[len(str(settings.source)) :]
        rows.append((key, _DEFAULT_SHOWN.get(key, value) if value is None else value, origin))
    with user_errors():
        where, why = _kb_origin(kb, settings)
    rows.append(("kb", display_path(where), why))
    if format is ListFormat.json:
        settings_json = [{"key": k, "value": _json_value(v), "origin": o} for k, v, o in rows]
        emit_json({"config": source, "settings": settings_json})
        return
    shown = [(k, _setting(v), o) for k, v, o in rows]
    width = max(len(k) for k, _, _ in shown)
    value_width = max(len(v) for _, v, _ in shown)
    sys.stdout.write(f"# configuration file: {source or 'none'}\n")
    for key, value, origin in shown:
        sys.stdout.write(f"{key:<{width}} = {value:<{value_width}}  # {origin}\n")


# What an unset setting means, as it would be written.
_DEFAULT_SHOWN = {"select": ["ALL"], "format": "text"}


def _json_value(value: object) -> object:
    if isinstance(value, StrEnum):
        return value.value
    if isinstance(value, dict):
        return {k: _json_value(v) for k, v in value.items()}
    if isinstance(value, Path):
        return value.as_posix()
    return value


def _setting(value: object) -> str:
    """A setting as TOML writes it."""
    import json as stdlib_json

    if isinstance(value, StrEnum):
        value = value.value
    if isinstance(value, dict):
        pairs = ", ".join(f"{k} = {_setting(v)}" for k, v in value.items())
        return "{ " + pairs + " }" if pairs else "{}"
    return stdlib_json.dumps(_json_value(value), ensure_ascii=False, default=str)


def _kb_origin(kb: Path | None, settings: Config) -> tuple[Path, str]:
    """The knowledge base lint would load, and which rule of discovery chose it."""

    from ketcheck.kb import ENV_VAR, find_kb

    if kb is not None:
        return find_kb(kb).resolve(), "--kb"
    if settings.kb is not None:
        return find_kb(settings.kb).resolve(), dict((k, o) for k, _, o in settings.origins())["kb"]
    found = find_kb().resolve()
    if os.environ.get(ENV_VAR):
        return found, f"${ENV_VAR}"
    here = Path.cwd().resolve()
    if any(found == (d / "data").resolve() for d in (here, *here.parents)):
        return found, "data/ found walking up from the working directory"
    return found, "the copy bundled with ketcheck"


@app.command(cls=Command)
def draft(
    article: Annotated[
        Path, typer.Argument(metavar="ARTICLE", help="The article (.txt, .md, .html).")
    ],
    source_id: Annotated[
        str,
        typer.Option(
            "--source-id", metavar="<id>", help="Source id the candidate claims will belong to."
        ),
    ],
    kb: KbOption = None,
) -> None:
    """Print candidate claims found in an article, as YAML to paste into data/claims.yaml.

    Each candidate carries its line, and the rule findings on it as comments.
    Review every candidate before pasting: extraction proposes, the curator decides.

    Example: [bold]ketcheck draft new-article.txt --source-id new-article[/bold]
    """
    from pydantic import TypeAdapter, ValidationError

    from ketcheck.draft import candidates, saved_name, to_yaml
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
    saved = saved_name(str(article), source_id)
    stderr_console().print(
        f"{len(items)} candidate claims from {article}; save the file unchanged as "
        f"{saved} in the knowledge base, so the quotes validate",
        markup=False,
    )


@app.command(cls=Command)
def rules(
    code: Annotated[
        str | None,
        typer.Argument(
            metavar="CODE", help="A rule code, e.g. KC103. Without it: one line per rule."
        ),
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
