"""Renderers: pure functions from findings to the text of one output format.

Renderers never compute or filter: they sort into the one order (path, line, column, rule)
and format. ``FORMATS`` lists what ``lint --format`` accepts; ``render`` dispatches.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from ketcheck.models import Finding
from ketcheck.render import github, json, sarif, text
from ketcheck.render.sarif import RuleInfo

FORMATS = ("text", "json", "sarif", "github")

__all__ = ["FORMATS", "RuleInfo", "github", "json", "render", "sarif", "text"]


def render(
    fmt: str,
    findings: Iterable[Finding],
    *,
    sources: Mapping[str, Any] | None = None,
    rules: Iterable[RuleInfo | Mapping[str, Any]] = (),
    version: str = "0.0.0",
    root: str | None = None,
    color: bool = False,
    files_checked: int | None = None,
) -> str:
    """Render ``findings`` in format ``fmt``; each format takes only the arguments it needs."""
    if fmt == "json":
        return json.render(findings)
    if fmt == "github":
        return github.render(findings)
    if fmt == "sarif":
        return sarif.render(findings, rules, version=version, root=root)
    if fmt == "text":
        return text.render(findings, sources, color=color, files_checked=files_checked)
    raise ValueError(f"unknown format {fmt!r} (expected one of {', '.join(FORMATS)})")
