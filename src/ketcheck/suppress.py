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
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable
from dataclasses import dataclass

from ketcheck.models import Finding, Location
from ketcheck.text import Document

DIRECTIVE = re.compile(r"ketcheck:[ \t]*ignore\b(?:\[(?P<codes>[^\]\r\n]*)\])?", re.I)
_COMMENT = re.compile(r"<!--(.*?)-->", re.S)
_COMMENT_MARKER = re.compile(r"^[ \t]*(?:#+|//+|--|;+|%+)?[ \t]*$")


@dataclass(frozen=True)
class Suppression:
    """One directive: where it is written, which line it silences, and for which rules."""

    path: str
    line: int  # where the directive is written (1-based)
    column: int
    target: int  # the line whose findings it silences
    codes: tuple[str, ...] | None  # None: every rule
    text: str  # the directive as written, for messages

    @property
    def location(self) -> Location:
        return Location(path=self.path, line=self.line, column=self.column)

    def matches(self, finding: Finding) -> bool:
        loc = finding.location
        if loc is None or loc.path != self.path:
            return False
        if not loc.line <= self.target <= (loc.end_line or loc.line):
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
    """Every directive in a document, in file order."""
    original = document.original
    found: list[Suppression] = []
    if document.kind == "txt":
        for m in DIRECTIVE.finditer(original):
            line, column = document.original_position(m.start())
            before = original[m.start() - column + 1 : m.start()]
            alone = bool(_COMMENT_MARKER.match(before))
            target = line + 1 if alone else line
            found.append(
                Suppression(document.path, line, column, target, _codes(m["codes"]), m.group())
            )
        return found
    for c in _COMMENT.finditer(original):
        _, start_col = document.original_position(c.start())
        end_line, end_col = document.original_position(c.end())
        before = original[c.start() - start_col + 1 : c.start()]
        after = document.line(end_line)[end_col - 1 :]
        alone = not before.strip() and not after.strip()
        for m in DIRECTIVE.finditer(original, c.start(1), c.end(1)):
            line, column = document.original_position(m.start())
            target = end_line + 1 if alone else line
            found.append(
                Suppression(document.path, line, column, target, _codes(m["codes"]), m.group())
            )
    return found


def apply(
    findings: Iterable[Finding], suppressions: Iterable[Suppression]
) -> tuple[list[Finding], dict[Suppression, set[str]]]:
    """Drop suppressed findings; also return, per suppression, the rule codes it silenced."""
    by_target: dict[tuple[str, int], list[Suppression]] = {}
    for s in suppressions:
        by_target.setdefault((s.path, s.target), []).append(s)
    kept: list[Finding] = []
    used: dict[Suppression, set[str]] = {}
    for f in findings:
        loc = f.location
        hits = []
        if loc is not None:
            for line in range(loc.line, (loc.end_line or loc.line) + 1):
                hits += [s for s in by_target.get((loc.path, line), ()) if s.matches(f)]
        for s in hits:
            used.setdefault(s, set()).add(f.rule)
        if not hits:
            kept.append(f)
    return kept, used


def unused(suppressions: Iterable[Suppression], used: dict[Suppression, set[str]]) -> list[Unused]:
    """Suppressions, or codes within them, that silenced nothing (like ruff's RUF100)."""
    result: list[Unused] = []
    for s in suppressions:
        silenced = used.get(s, set())
        if s.codes is None:
            if not silenced:
                result.append(Unused(s, ()))
            continue
        idle = tuple(c for c in s.codes if c not in silenced)
        if idle:
            result.append(Unused(s, idle))
    return result


def unknown(
    suppressions: Iterable[Suppression], known_codes: Collection[str]
) -> list[tuple[Suppression, str]]:
    """(suppression, code) pairs naming a rule that does not exist: likely a typo."""
    return [(s, c) for s in suppressions for c in (s.codes or ()) if c not in known_codes]
