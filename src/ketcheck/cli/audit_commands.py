"""``ketcheck audit``: lint a corpus in parallel on a Dask cluster (see :mod:`ketcheck.audit`).

The engine is imported inside the command: dask is an optional extra, and importing it costs
a second that no other command should pay.
"""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from ketcheck.cli import (
    ConfigOption,
    IsolatedOption,
    KbOption,
    app,
    fail,
    stderr_console,
    stdout_console,
    user_errors,
)
from ketcheck.cli.lint_commands import _codes, _config_problems

if TYPE_CHECKING:
    from distributed import Client

    from ketcheck.audit import Output, Plan, RunReport
    from ketcheck.config import Config
    from ketcheck.kb import KnowledgeBase


SHOWN = 10  # failed partitions named one by one; a lost scheduler fails them all


class AuditFormat(StrEnum):
    parquet = "parquet"
    jsonl = "jsonl"


@app.command()
def audit(
    paths: Annotated[
        list[str],
        typer.Argument(
            help="Files, directories (.txt .md .html .htm) or JSON Lines files of "
            "{url, text, date?, jurisdiction?} records (.jsonl .ndjson)."
        ),
    ],
    out: Annotated[
        Path, typer.Option("--out", "-o", help="Output directory; rerun with it to resume.")
    ],
    scheduler: Annotated[
        str | None,
        typer.Option(
            "--scheduler", help="Address of a running Dask scheduler, e.g. tcp://host:8786."
        ),
    ] = None,
    workers: Annotated[
        int | None,
        typer.Option("--workers", "-w", min=1, help="Local worker processes (default: cores)."),
    ] = None,
    format: Annotated[
        AuditFormat | None,
        typer.Option(
            "--format", "-f", help="Table format (default: parquet if pyarrow is installed)."
        ),
    ] = None,
    kb: KbOption = None,
    select: Annotated[
        list[str] | None, typer.Option("--select", help="Only these rule codes or prefixes.")
    ] = None,
    ignore: Annotated[
        list[str] | None, typer.Option("--ignore", help="Skip these rule codes or prefixes.")
    ] = None,
    config: ConfigOption = None,
    isolated: IsolatedOption = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress, no summary.")] = False,
) -> None:
    """Lint a whole corpus on a Dask cluster into partitioned Parquet or JSON Lines tables.

    Without --scheduler, starts a local cluster of --workers processes on 127.0.0.1.
    Writes DIR/findings/part-*.parquet (one row per finding) and DIR/documents/part-*.parquet
    (one row per document; a document that could not be linted has its error there).
    Rerunning with the same --out skips the partitions already written.
    Exit 0: every partition written. Exit 2: usage or input error, or partitions left unwritten
    (rerun to retry them). Needs the audit extra: pip install 'ketcheck\\[audit]'.

    Example: [bold]ketcheck audit crawl.jsonl --out audit/ --workers 8[/bold]
    """
    from ketcheck import audit as engine
    from ketcheck.config import ConfigError, load_settings
    from ketcheck.kb import load_kb
    from ketcheck.lint import lint_codes
    from ketcheck.render.audit import summary

    fmt: engine.Format | None = format.value if format else None  # type: ignore[assignment]
    missing = engine.missing_extras(fmt)
    if missing:
        raise fail([f"audit needs {' and '.join(missing)}: {engine.INSTALL_HINT}"])
    if scheduler is not None and workers is not None:
        raise fail(["--workers and --scheduler exclude each other (a cluster has its workers)"])
    try:
        settings = load_settings(
            Path.cwd(),
            lint_codes(),
            config_path=config,
            isolated=isolated,
            select=_codes(select),
            ignore=_codes(ignore),
        )
    except ConfigError as exc:
        raise fail(_config_problems(exc)) from None
    with user_errors():
        base = load_kb(kb or settings.kb)
    err = stderr_console()
    try:
        plan = engine.plan(paths, settings.exclude)
        output = engine.open_output(out, plan, fmt, engine.fingerprint(plan, base, settings))
        written = len(output.written(plan))
        if not plan.partitions and not quiet:
            sys.stderr.write("ketcheck: warning: no documents to audit (every path is excluded)\n")
        if not quiet:
            err.print(
                f"audit: {_count(plan.documents, 'document')} in "
                f"{_count(len(plan.partitions), 'partition')}, {written} already written",
                markup=False,
            )
        report = None
        if written < len(plan.partitions):
            with engine.cluster(scheduler, workers) as client:
                if not quiet:
                    _announce(client, engine.dashboard(client))
                report = _run(client, plan, output, base, settings, quiet)
    except engine.AuditError as exc:
        raise fail([str(exc)]) from None
    if not quiet:
        stdout_console().print(summary(engine.summarize(output), str(out)))
    if report and report.failed:
        failed = list(report.failed.items())
        problems = [f"{out}: partition {name} failed: {why}" for name, why in failed[:SHOWN]]
        if len(failed) > SHOWN:
            problems.append(f"{out}: ... and {len(failed) - SHOWN} more partitions")
        raise fail([*problems, f"{out}: rerun the same command to retry the failed partitions"])


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


def _announce(client: Client, link: str | None) -> None:
    info = client.scheduler_info()
    n = len(info.get("workers", {}))
    err = stderr_console()
    err.print(f"scheduler: {info.get('address')} ({_count(n, 'worker')})", markup=False)
    if link is None:
        err.print("dashboard: none (the scheduler has no bokeh: pip install bokeh)", markup=False)
    else:
        err.print(f"dashboard: {link}", markup=False)
    if n == 0:
        err.print("audit: the scheduler has no workers yet; waiting for some", markup=False)


def _run(
    client: Client, plan: Plan, output: Output, base: KnowledgeBase, settings: Config, quiet: bool
) -> RunReport:
    """The engine's run, with a progress bar on a terminal."""
    from ketcheck.audit import run

    if quiet or not sys.stderr.isatty():
        return run(client, plan, output, base, settings)
    from rich.progress import Progress

    written = output.written(plan)
    before = sum(p.documents for p in plan.partitions if p.index in written)
    with Progress(console=stderr_console(), transient=True) as progress:
        task = progress.add_task("linting", total=plan.documents, completed=before)
        return run(
            client, plan, output, base, settings, progress=lambda n: progress.advance(task, n)
        )
