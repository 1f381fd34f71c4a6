"""Commands over the knowledge base: validate, list, search, sources."""

from __future__ import annotations

from typing import Annotated

import typer

from ketcheck.cli import (
    FormatOption,
    KbOption,
    LimitOption,
    ListFormat,
    SourceOption,
    app,
    emit_json,
    stderr_console,
    stdout_console,
    user_errors,
)

# The library loads when a command runs, not when the command line starts.

SEARCH_LIMIT = 25
SearchLimitOption = Annotated[
    int, typer.Option("--limit", "-n", min=1, help="At most N items, best first.")
]


@app.command()
def validate(kb: KbOption = None, format: FormatOption = ListFormat.text) -> None:
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
        stderr_console().print(report.summary(), markup=False)
    raise typer.Exit(1 if report.findings else 0)


@app.command("list")
def list_command(
    kb: KbOption = None,
    source: SourceOption = None,
    topic: Annotated[str | None, typer.Option("--topic", "-t", help="Only this topic.")] = None,
    prop: Annotated[
        str | None, typer.Option("--property", "-p", help="Only claims asserting this property.")
    ] = None,
    verdict: Annotated[
        str | None,
        typer.Option(
            "--verdict",
            help="Only this verdict: supported, contradicted, misleading, unsupported, unverified.",
        ),
    ] = None,
    limit: LimitOption = None,
    format: FormatOption = ListFormat.text,
) -> None:
    """List the claims, filtered by source, topic, property and verdict.

    Example: [bold]ketcheck list --source avenues --topic side-effects[/bold]
    """
    from ketcheck.kb import load_kb
    from ketcheck.query import list_claims
    from ketcheck.render import listing

    with user_errors():
        views = list_claims(
            load_kb(kb), source=source, topic=topic, prop=prop, verdict=verdict, limit=limit
        )
    if format is ListFormat.json:
        emit_json([v.to_json() for v in views])
        return
    console = stdout_console()
    table = listing.claims_table(views, title=f"{len(views)} claims", wide=console.width >= 120)
    console.print(table)


@app.command()
def search(
    query: Annotated[str, typer.Argument(help='Words, "a phrase", or a prefix like crav*.')],
    kb: KbOption = None,
    source: SourceOption = None,
    limit: SearchLimitOption = SEARCH_LIMIT,
    format: FormatOption = ListFormat.text,
) -> None:
    """Ranked, stemmed full-text search over claim quotes, notes and properties.

    Example: [bold]ketcheck search craving[/bold] (finds "cravings"), [bold]ketcheck search
    '"blood pressure"'[/bold], [bold]ketcheck search 'sched*'[/bold]
    """
    from ketcheck.kb import load_kb
    from ketcheck.render import listing
    from ketcheck.search import search_claims

    with user_errors():
        views = search_claims(load_kb(kb), query, source=source, limit=limit)
    if format is ListFormat.json:
        emit_json([v.to_json() for v in views])
        return
    if not views:
        stderr_console().print(f"no claims match {query!r}", markup=False)
        return
    console = stdout_console()
    title = f"{len(views)} claims match {query!r}"
    console.print(listing.claims_table(views, title=title, wide=console.width >= 120))


@app.command()
def sources(
    kb: KbOption = None,
    claim: Annotated[
        str | None,
        typer.Option(
            "--claim",
            "-c",
            help="A point (property, alias, topic or word): what each source says on it.",
        ),
    ] = None,
    format: FormatOption = ListFormat.text,
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
    if claim is None:
        if format is ListFormat.json:
            emit_json([s.to_json() for s in summaries])
        else:
            stdout_console().print(listing.sources_table(summaries))
        return
    if format is ListFormat.json:
        emit_json(report.to_json())
    else:
        stdout_console().print(listing.point_report(report))
