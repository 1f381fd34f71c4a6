"""JSON output: an array of findings in the contract shape, for scripts and other tools.

Only the finding list goes to stdout, so ``ketcheck lint --format json | jq`` always parses.
"""

from __future__ import annotations

import json
from collections.abc import Iterable

from ketcheck.models import Finding


def render(findings: Iterable[Finding]) -> str:
    """The findings as an indented JSON array in the one sort order (path, line, column, rule)."""
    items = [f.to_json() for f in sorted(findings, key=Finding.sort_key)]
    return json.dumps(items, indent=2, ensure_ascii=False) + "\n"


def statistics(findings: Iterable[Finding]) -> str:
    """``--statistics --format json``: ``[{"code", "name", "count", "severity"}]``, most
    frequent first (the shape of ``ruff --statistics --output-format json``)."""
    from ketcheck.render.text import rule_counts

    items = [
        {"code": code, "name": name, "count": n, "severity": level.value}
        for code, name, n, level in rule_counts(findings)
    ]
    return json.dumps(items, indent=2, ensure_ascii=False) + "\n"
