"""Command-line conventions typer does not give by default, in one command class.

Every ketcheck command is built with :class:`Command` (``@app.command(cls=Command)``):

* **No option silently dropped.** An option that takes one value, given twice, is a usage
  error naming both values (click would keep the last one without a word). Options that
  accumulate (``--select``, ``--rule``...) are declared as lists and take every value.
* **Sane suggestions.** ``--bogus`` suggests nothing rather than ``--jobs``: a possibility is
  offered only when it is close (``--quite`` → ``--quiet``).
* **Help without Python-isms.** typer labels every parameter by its annotation (``<bool>``
  on flags, ``<list[str]>``, ``{paths}...``); flags show no metavar, and arguments read as in
  click and man pages: ``PATH...``, ``[CODE]``.
"""

from __future__ import annotations

import difflib
from collections import Counter
from typing import Any

from typer.core import TyperArgument, TyperCommand, TyperGroup, TyperOption

# How close an unknown option must be to a real one to be suggested (difflib's ratio):
# "--quite"/"--quiet" is 0.86, "--statistic"/"--statistics" 0.95, "--bogus"/"--jobs" 0.62.
SUGGEST_CUTOFF = 0.75


class _Argument(TyperArgument):
    """A positional argument shown click-style: its metavar (or NAME), ``...`` when it
    repeats, in brackets when optional; no Python type beside it."""

    def _label(self) -> str:
        name = self.metavar or (self.name or "").upper()
        return f"{name}..." if self.nargs != 1 else name

    def _rich_display_name(self) -> str:
        return self._label()

    @property
    def display_name_raw(self) -> str:
        # typer's help appends "..." itself when no metavar is set
        return self._label() if self.metavar else (self.name or "").upper()

    def display_type_rich(self, ctx: Any) -> str | None:
        return None

    def _usage_display_name(self) -> str:
        return self._label() if self.required else f"[{self._label()}]"


class Command(TyperCommand):
    """A typer command with ketcheck's conventions (see the module docstring)."""

    def get_params(self, ctx: Any) -> list[Any]:
        params = super().get_params(ctx)
        for param in params:
            if isinstance(param, TyperOption) and param.is_flag and param.metavar is None:
                param.metavar = ""  # a flag takes no value: show none
            elif type(param) is TyperArgument:
                param.__class__ = _Argument  # same object, click-style display
        return params

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        if ctx.resilient_parsing:  # shell completion: half-typed lines are the norm
            return super().parse_args(ctx, args)
        try:
            _, _, order = self.make_parser(ctx).parse_args(args=list(args))
        except Exception as exc:
            possibilities = getattr(exc, "possibilities", None)
            name = getattr(exc, "option_name", None)
            if possibilities and name:
                exc.possibilities = difflib.get_close_matches(  # type: ignore[attr-defined]
                    name, possibilities, n=3, cutoff=SUGGEST_CUTOFF
                )
            raise
        repeated = Counter(
            p
            for p in order
            if isinstance(p, TyperOption) and not p.multiple and not p.is_flag and not p.count
        )
        for option, times in repeated.items():
            if times > 1:
                names = " / ".join(f"'{o}'" for o in option.opts)
                raise _usage_error()(f"{names} takes one value; it was given {times} times", ctx)
        return super().parse_args(ctx, args)


class Group(TyperGroup):
    """The root command: its flags (``--version``, completion) show no metavar either."""

    def get_params(self, ctx: Any) -> list[Any]:
        params = super().get_params(ctx)
        for param in params:
            if isinstance(param, TyperOption) and param.is_flag and param.metavar is None:
                param.metavar = ""
        return params


def _usage_error() -> type[Exception]:
    """typer's UsageError (typer may vendor click, so take it from its public BadParameter)."""
    from typer import BadParameter

    return next(c for c in BadParameter.__mro__ if c.__name__ == "UsageError")
