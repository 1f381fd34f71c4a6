"""Inline suppressions: ``ketcheck: ignore[KC201]`` silences one rule on one line.

Per-line, per-rule suppression exists from the start because a linter without it gets
switched off wholesale (Vale's most requested fix). Directives are read from the original
file, never from the scanned text, since comments are blanked there.

Where a directive counts:

* Markdown and HTML: inside an HTML comment, ``<!-- ketcheck: ignore[KC201, KC203] -->``.
  Prose that merely mentions the syntax is not a directive.
* Plain text: anywhere on a line, usually after ``#`` or ``//``.

Which line it silences: a comment alone on its line(s) applies to the **next** line; a
comment that shares its line with text applies to **that** line. A finding whose span covers
several lines is silenced by a directive aimed at any of them. ``ignore`` without codes (or
with empty brackets) silences every rule. Codes are matched exactly, as with ruff's ``noqa``.

Blocks and whole files (Vale's ``<!-- vale off -->``, ruff's file-level ``noqa``):

* ``ketcheck: off`` … ``ketcheck: on`` silences every rule from the ``off`` line to the ``on``
  line (to the end of the file when no ``on`` follows); ``ketcheck: off[KC201]`` only those
  rules. An ``on`` closes every open block.
* ``ketcheck: ignore-file[KC201]`` anywhere in the file silences those rules in all of it;
  ``ketcheck: ignore-file`` silences every rule.

A code that names no rule (``ignore[KC2O1]``) silences nothing: :func:`unknown_codes`
reports it, with a close match, so a typo cannot pass for a suppression.
"""

from __future__ import annotations

import dataclasses
import difflib
import functools
import re
from collections.abc import Collection, Iterable
from dataclasses import dataclass

from ketcheck.models import Finding, Location
from ketcheck.text import Document

DIRECTIVE = re.compile(
    r"ketcheck:[ \t]*(?P<kind>ignore-file|ignore|off|on)\b(?:\[(?P<codes>[^\]\r\n]*)\])?", re.I
)
END_OF_FILE = 2**31  # the last line of any file, for blocks left open and ignore-file
_COMMENT = re.compile(r"<!--(.*?)-->", re.S)
_COMMENT_MARKER = re.compile(r"^[ \t]*(?:#+|//+|--|;+|%+)?[ \t]*$")


@dataclass(frozen=True)
class Suppression:
    """One directive: where it is written, which line it silences, and for which rules."""

    path: str
    line: int  # where the directive is written (1-based)
    column: int
    target: int  # the (first) line whose findings it silences
    codes: tuple[str, ...] | None  # None: every rule
    text: str  # the directive as written, for messages
    last: int | None = None  # a block's or file's last line (inclusive); None: ``target`` only

    @property
    def location(self) -> Location:
        return Location(path=self.path, line=self.line, column=self.column)

    def matches(self, finding: Finding) -> bool:
        loc = finding.location
        if loc is None or loc.path != self.path:
            return False
        last = self.target if self.last is None else self.last
        if not (loc.line <= last and self.target <= (loc.end_line or loc.line)):
            return False
        return self.codes is None or finding.rule in self.codes


@dataclass(frozen=True)
class Unused:
    """A suppression (or some of its codes) that silenced nothing: reported under --strict."""

    suppression: Suppression
    codes: tuple[str, ...]  # the unused codes; empty for a bare directive that matched nothing

    @property
    def message(self) -> str:
        if not self.codes:
            return f"unused suppression '{self.suppression.text}'"
        return f"unused suppression for {', '.join(self.codes)} in '{self.suppression.text}'"


def _codes(raw: str | None) -> tuple[str, ...] | None:
    if raw is None:
        return None
    codes = tuple(c.upper() for c in re.split(r"[\s,]+", raw) if c)
    return codes or None


def parse_suppressions(document: Document) -> list[Suppression]:
    """Every directive in a document, in file order; ``on`` closes ``off`` blocks."""
    found: list[Suppression] = []
    open_blocks: list[int] = []  # indexes in ``found`` of ``off`` blocks not yet closed
    for match, line, column, target in _directives(document):
        kind = match["kind"].lower()
        if kind == "on":
            for i in open_blocks:
                found[i] = dataclasses.replace(found[i], last=line)
            open_blocks.clear()
            continue
        codes = _codes(match["codes"])
        if kind == "off":
            target, last = line, END_OF_FILE
            open_blocks.append(len(found))
        elif kind == "ignore-file":
            target, last = 1, END_OF_FILE
        else:
            last = None
        found.append(Suppression(document.path, line, column, target, codes, match.group(), last))
    return found


def _directives(document: Document) -> Iterable[tuple[re.Match[str], int, int, int]]:
    """(directive, line, column, line it targets) for each directive where it counts."""
    original = document.original
    if document.kind == "txt":
        for m in DIRECTIVE.finditer(original):
            line, column = document.original_position(m.start())
            before = original[m.start() - column + 1 : m.start()]
            alone = bool(_COMMENT_MARKER.match(before))
            yield m, line, column, line + 1 if alone else line
        return
    for c in _COMMENT.finditer(original):
        _, start_col = document.original_position(c.start())
        end_line, end_col = document.original_position(c.end())
        before = original[c.start() - start_col + 1 : c.start()]
        after = document.line(end_line)[end_col - 1 :]
        alone = not before.strip() and not after.strip()
        for m in DIRECTIVE.finditer(original, c.start(1), c.end(1)):
            line, column = document.original_position(m.start())
            yield m, line, column, end_line + 1 if alone else line


def apply(
    findings: Iterable[Finding], suppressions: Iterable[Suppression]
) -> tuple[list[Finding], dict[Suppression, set[str]]]:
    """Drop suppressed findings; also return, per suppression, the rule codes it silenced."""
    by_path: dict[str, list[Suppression]] = {}
    for s in suppressions:
        by_path.setdefault(s.path, []).append(s)
    kept: list[Finding] = []
    used: dict[Suppression, set[str]] = {}
    for f in findings:
        loc = f.location
        hits = [s for s in by_path.get(loc.path, ()) if s.matches(f)] if loc else []
        for s in hits:
            used.setdefault(s, set()).add(f.rule)
        if not hits:
            kept.append(f)
    return kept, used


def unused(
    suppressions: Iterable[Suppression],
    used: dict[Suppression, set[str]],
    known_codes: Collection[str] | None = None,
) -> list[Unused]:
    """Suppressions, or codes within them, that silenced nothing (like ruff's RUF100).

    Codes that name no rule are left to :func:`unknown_codes`, which says so."""
    known = set(known_codes) if known_codes is not None else rule_codes()
    result: list[Unused] = []
    for s in suppressions:
        silenced = used.get(s, set())
        if s.codes is None:
            if not silenced:
                result.append(Unused(s, ()))
            continue
        idle = tuple(c for c in s.codes if c not in silenced and c in known)
        if idle:
            result.append(Unused(s, idle))
    return result


def unknown(
    suppressions: Iterable[Suppression], known_codes: Collection[str]
) -> list[tuple[Suppression, str]]:
    """(suppression, code) pairs naming a rule that does not exist: likely a typo."""
    return [(s, c) for s in suppressions for c in (s.codes or ()) if c not in known_codes]


@dataclass(frozen=True)
class UnknownCode(Unused):
    """A code in a directive that names no rule: it silences nothing (reported as KC900)."""

    @property
    def message(self) -> str:
        code = self.codes[0]
        close = difflib.get_close_matches(code, sorted(rule_codes()), n=1)
        hint = f" (did you mean '{close[0]}'?)" if close else ""
        return f"unknown rule code '{code}' in '{self.suppression.text}'{hint}"


def unknown_codes(document: Document, known_codes: Collection[str] | None = None) -> list[Unused]:
    """One :class:`UnknownCode` per code in ``document``'s directives that names no rule."""
    known = set(known_codes) if known_codes is not None else rule_codes()
    return [UnknownCode(s, (c,)) for s, c in unknown(parse_suppressions(document), known)]


@functools.cache
def rule_codes() -> frozenset[str]:
    """Every code a directive may name: the registry's rules and KC900 itself."""
    from ketcheck.docs import rule_docs  # the registry imports rules; only needed here

    return frozenset(info["code"] for info in rule_docs())
