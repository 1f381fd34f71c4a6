"""JSON renderer: the contract fields, in the one sort order."""

from __future__ import annotations

import json

from contracts import FINDING_FIELDS
from ketcheck.models import Finding
from ketcheck.render import json as render_json


def test_array_of_contract_objects_sorted(findings: list[Finding]) -> None:
    out = render_json.render(findings)
    assert out.endswith("]\n")
    data = json.loads(out)
    assert [d["rule"] for d in data] == ["KC301", "KC103", "KC202", "KC201"]
    for item in data:
        assert item.keys() >= FINDING_FIELDS
    kc103 = data[1]
    assert kc103 == {
        "rule": "KC103",
        "name": "contradicts-reference",
        "severity": "error",
        "message": "ketamine is Schedule III in the US, not Schedule I",
        "property": "us_schedule",
        "claims": ["c-1"],
        "sources": ["src-a"],
        "path": "docs/article.md",
        "line": 3,
        "column": 15,
        "end_line": 3,
        "end_column": 25,
        "quote": "Ketamine is a Schedule I drug in the US.",
        "reference": "us-schedule",
        "citation": None,
        "fix": 'write "Schedule III"',
    }
    assert data[0]["path"] is None and data[0]["line"] is None


def test_indent_and_order_are_stable(findings: list[Finding]) -> None:
    out = render_json.render(findings)
    assert out == render_json.render(reversed(findings))
    assert out.startswith('[\n  {\n    "rule": "KC301",\n')


def test_empty() -> None:
    assert render_json.render([]) == "[]\n"
