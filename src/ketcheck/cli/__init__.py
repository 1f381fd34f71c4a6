"""The ketcheck command line: each command parses options, calls the library, renders.

User errors (bad files, unknown ids, unparsable queries) become one line each on stderr,
``ketcheck: error: <file>:<line>: <what>``, and exit code 2. Anything else is a bug and keeps
its traceback.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console

from ketcheck import __version__
from ketcheck.cli.conventions import Group
from ketcheck.yamlsource import InputError

app = typer.Typer(
    name="ketcheck",
    cls=Group,
    help="Check health articles' claims against each other and against cited reference facts.",
    rich_markup_mode="rich",
    context_settings={"help_option_names": ["-h", "--help"]},
    no_args_is_help=True,
    add_completion=True,  # typer's --install-completion / --show-completion
)


class ListFormat(StrEnum):
    text = "text"
    json = "json"


ConfigOption = Annotated[
    Path | None, typer.Option("--config", help="Use this ketcheck.toml / pyproject.toml.")
]
IsolatedOption = Annotated[bool, typer.Option("--isolated", help="Ignore configuration files.")]
KbOption = Annotated[
    Path | None,
    typer.Option(
        "--kb",
        help="Knowledge-base directory (or its claims.yaml). Default: $KETCHECK_KB, "
        "./data found walking up, then the bundled copy.",
        show_default=False,
    ),
]
FormatOption = Annotated[ListFormat, typer.Option("--format", "-f", help="Output format.")]
SourceOption = Annotated[
    str | None, typer.Option("--source", "-s", metavar="<id>", help="Only this source id.")
]
LimitOption = Annotated[int | None, typer.Option("--limit", "-n", min=1, help="At most N items.")]
QuietOption = Annotated[
    bool, typer.Option("--quiet", "-q", help="Records only: no title, count or summary.")
]


def stdout_console() -> Console:
    # rich decides colour from the stream (terminal or not) and honours NO_COLOR itself
    # soft wrap: long messages stay on one line when piped (grep-able); tables still fit
    return Console(soft_wrap=True, highlight=False)


def stderr_console() -> Console:
    return Console(stderr=True, highlight=False, soft_wrap=True)


def emit_json(items: Any) -> None:
    sys.stdout.write(json.dumps(items, indent=2, ensure_ascii=False) + "\n")


def fail(messages: list[str], code: int = 2) -> typer.Exit:
    for message in messages:
        sys.stderr.write(f"ketcheck: error: {message}\n")
    return typer.Exit(code)


@contextmanager
def user_errors() -> Iterator[None]:
    """Turn input errors into one line per problem and exit code 2."""
    try:
        yield
    except InputError as exc:
        raise fail([str(p) for p in exc.problems]) from None


def _version(value: bool) -> None:
    if value:
        typer.echo(f"ketcheck {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool | None,
        typer.Option("--version", callback=_version, is_eager=True, help="Show the version."),
    ] = None,
    no_cache: Annotated[
        bool,
        typer.Option(
            "--no-cache",
            help="Load the knowledge base from its files, not from the compiled copy in the "
            "user cache directory (also KETCHECK_NO_CACHE=1).",
        ),
    ] = False,
) -> None:
    """Check health articles' claims against each other and against cited reference facts."""
    from ketcheck import cache

    cache.DEFAULT = not no_cache


def _usage_errors() -> tuple[type[Exception], ...]:
    """Usage-error classes: typer may vendor click (then click need not be installed), so
    take typer's from its public BadParameter, and click's own where click is present."""
    found: list[type[Exception]] = [
        next(c for c in typer.BadParameter.__mro__ if c.__name__ == "UsageError")
    ]
    try:
        import click
    except ImportError:
        return tuple(found)
    return (*found, click.UsageError)


def _abort_errors() -> tuple[type[BaseException], ...]:
    try:
        import click
    except ImportError:
        return (typer.Abort,)
    return (typer.Abort, click.Abort)


def main() -> None:
    """Console entry point: usage errors are one line on stderr and exit 2, like every error."""
    command = typer.main.get_command(app)
    try:
        code = command.main(prog_name="ketcheck", standalone_mode=False)
    except _usage_errors() as exc:
        if type(exc).__name__ == "NoArgsIsHelpError":  # bare ``ketcheck``: the help is shown
            sys.stderr.write(exc.format_message().strip() and exc.format_message())  # type: ignore[attr-defined]
            raise SystemExit(2) from None
        ctx = getattr(exc, "ctx", None)
        hint = f" (see 'ketcheck {ctx.info_name} --help')" if ctx and ctx.parent else ""
        message = exc.format_message().replace("Value error, ", "")  # type: ignore[attr-defined]
        sys.stderr.write(f"ketcheck: error: {message}{hint}\n")
        raise SystemExit(2) from None
    except _abort_errors():
        sys.stderr.write("ketcheck: aborted\n")
        raise SystemExit(130) from None
    raise SystemExit(code if isinstance(code, int) else 0)


# Commands register themselves on ``app`` when their modules are imported.
# The order they are imported in is the order of `ketcheck --help`.
from ketcheck.cli import check_commands, kb_commands, lint_commands  # noqa: E402,F401

# isort: split
from ketcheck.cli import audit_commands, report_commands  # noqa: E402,F401
