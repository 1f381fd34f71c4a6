"""Commands over the knowledge base: validate, list, search, sources."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Annotated

import typer

from ketcheck.cli import (
    FormatOption,
    KbOption,
    LimitOption,
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

if TYPE_CHECKING:
    from ketcheck.kb import KnowledgeBase
    from ketcheck.query import ClaimView, PointReport

# The library loads when a command runs, not when the command line starts.

SEARCH_LIMIT = 25
SearchLimitOption = Annotated[
    int, typer.Option("--limit", "-n", min=1, help="At most N items, best first.")
]


@app.command(cls=Command)
def validate(
    kb: KbOption = None, format: FormatOption = ListFormat.text, quiet: QuietOption = False
) -> None:
    """Check the knowledge base: schema, ids, vocabulary, and that every quote is verbatim.

    Exit 0 when clean, 1 when a claim's quote is not in its source (KC301), 2 when a file
    cannot be loaded. Example: [bold]ketcheck validate --kb ./data[/bold]
    """
    from ketcheck.validate import validate_kb

    with user_errors():
        report = validate_kb(kb)
    if format is ListFormat.json:
        emit_json(report.to_json())
    else:
        for finding in report.findings:
            loc = finding.location
            where = f"{loc.path}:{loc.line}:{loc.column}: " if loc else ""
            stdout_console().print(f"{where}{finding.rule} {finding.message}", markup=False)
        if not quiet:
            stderr_console().print(report.summary(), markup=False)
    raise typer.Exit(1 if report.findings else 0)


@app.command("list", cls=Command)
def list_command(
    kb: KbOption = None,
    source: SourceOption = None,
    topic: Annotated[
        str | None, typer.Option("--topic", "-t", metavar="<topic>", help="Only this topic.")
    ] = None,
    prop: Annotated[
        str | None,
        typer.Option(
            "--property", "-p", metavar="<property>", help="Only claims asserting this property."
        ),
    ] = None,
    verdict: Annotated[
        str | None,
        typer.Option(
            "--verdict",
            metavar="<verdict>",
            help="Only this verdict: supported, contradicted, misleading, unsupported, unverified.",
        ),
    ] = None,
    limit: LimitOption = None,
    format: FormatOption = ListFormat.text,
    quiet: QuietOption = False,
) -> None:
    """List the claims, filtered by source, topic, property and verdict.

    Example: [bold]ketcheck list --source avenues --topic side-effects[/bold]
    """
    from ketcheck.kb import load_kb
    from ketcheck.query import list_claims

    with user_errors():
        views = list_claims(
            load_kb(kb), source=source, topic=topic, prop=prop, verdict=verdict, limit=limit
        )
    if format is ListFormat.json:
        emit_json([v.to_json() for v in views])
        return
    _show_claims(views, f"{len(views)} claims", quiet)


def _show_claims(views: list[ClaimView], title: str, quiet: bool) -> None:
    """A table on a terminal; piped, one claim per line and the count on stderr."""
    from ketcheck.render import listing

    console = stdout_console()
    if console.is_terminal:
        shown = None if quiet else title
        if console.width >= listing.TABLE_WIDTH:
            console.print(listing.claims_table(views, title=shown))
        else:
            console.print(listing.claims_blocks(views, title=shown))
        return
    sys.stdout.write(listing.claims_lines(views))
    if not quiet:
        stderr_console().print(title, markup=False)


@app.command(cls=Command)
def search(
    query: Annotated[
        str, typer.Argument(metavar="QUERY", help='Words, "a phrase", or a prefix like crav*.')
    ],
    kb: KbOption = None,
    source: SourceOption = None,
    limit: SearchLimitOption = SEARCH_LIMIT,
    format: FormatOption = ListFormat.text,
    quiet: QuietOption = False,
) -> None:
    """Ranked, stemmed full-text search over claim quotes, notes and properties.

    Example: [bold]ketcheck search craving[/bold] (finds "cravings"), [bold]ketcheck search
    '"blood pressure"'[/bold], [bold]ketcheck search 'sched*'[/bold]
    """
    from ketcheck.kb import load_kb
    from ketcheck.search import search_claims

    with user_errors():
        views = search_claims(load_kb(kb), query, source=source, limit=limit)
    if format is ListFormat.json:
        emit_json([v.to_json() for v in views])
        return
    if not views:
        if not quiet:
            stderr_console().print(f"no claims match {query!r}", markup=False)
        return
    _show_claims(views, f"{len(views)} claims match {query!r}", quiet)


@app.command(cls=Command)
def sources(
    kb: KbOption = None,
    claim: Annotated[
        str | None,
        typer.Option(
            "--claim",
            "-c",
            metavar="<point>",
            help="A point (property, alias, topic or word): what each source says on it.",
        ),
    ] = None,
    format: FormatOption = ListFormat.text,
    quiet: QuietOption = False,
) -> None:
    """The sources with claim counts, or what every source says on one point side by side.

    Example: [bold]ketcheck sources --claim schedule[/bold]
    """
    from ketcheck.kb import load_kb
    from ketcheck.query import sources_on, summarise_sources
    from ketcheck.render import listing

    with user_errors():
        base = load_kb(kb)
        if claim is None:
            summaries = summarise_sources(base)
        else:
            report = sources_on(base, claim)
            _known_point(base, claim, report)
    console = stdout_console()
    if claim is None:
        if format is ListFormat.json:
            emit_json([s.to_json() for s in summaries])
        elif console.is_terminal:
            title = None if quiet else "Sources"
            console.print(listing.sources_table(summaries, title=title, wide=console.width >= 120))
        else:
            sys.stdout.write(listing.sources_lines(summaries))
        return
    if format is ListFormat.json:
        emit_json(report.to_json())
    elif console.is_terminal:
        wide = console.width >= listing.TABLE_WIDTH
        console.print(listing.point_report(report, header=not quiet, wide=wide))
    else:
        sys.stdout.write(listing.point_lines(report))


def _known_point(base: KnowledgeBase, point: str, report: PointReport) -> None:
    """A point that names no property or topic and no claim's words is a typo, not a
    subject every source is silent on: say so, with a close match, and exit 2."""
    from ketcheck.kb import did_you_mean
    from ketcheck.yamlsource import InputError, Problem

    vocab = base.vocabulary
    if report.properties or point in vocab.topics or any(not s.silent for s in report.statements):
        return
    names = [
        *vocab.topics,
        *(n for name, p in vocab.properties.items() for n in (name, *p.aliases)),
    ]
    message = f"no property, topic or claim matches '{point}'{did_you_mean(point, names)}"
    raise InputError([Problem("--claim", 0, 0, message)])
