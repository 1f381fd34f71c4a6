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
