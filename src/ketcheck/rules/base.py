"""What every rule module provides, and the one way rules build findings.

A rule module defines ``CODE`` (stable, never reused), ``NAME`` (kebab-case), ``SEVERITY``
(default level), ``SUMMARY`` (one line), a module docstring (its documentation, with a passing
and a failing example) and ``check(context) -> Iterator[Finding]``.
"""

from __future__ import annotations

from types import ModuleType
from typing import Any

from ketcheck.models import Finding, Severity


def finding(
    rule: ModuleType, message: str, *, severity: Severity | None = None, **fields: Any
) -> Finding:
    """A finding stamped with the rule's code, name and default severity."""
    return Finding(
        rule=rule.CODE,
        name=rule.NAME,
        severity=severity or rule.SEVERITY,
        message=message,
        **fields,
    )


def format_citation(citation: Any) -> str:
    """One-line form of a reference citation: authors. title. container year. doi/pmid."""
    parts = []
    if citation.authors:
        parts.append(citation.authors.rstrip("."))
    if citation.title:
        parts.append(f"“{citation.title.rstrip('.')}”")
    where = " ".join(str(p) for p in (citation.container, citation.year) if p)
    if where:
        parts.append(where)
    ids = []
    if citation.doi:
        ids.append(f"doi:{citation.doi}")
    if citation.pmid:
        ids.append(f"PMID {citation.pmid}")
    if ids:
        parts.append(", ".join(ids))
    elif citation.url:
        parts.append(citation.url)
    return ". ".join(parts)
