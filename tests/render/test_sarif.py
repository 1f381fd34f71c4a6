"""SARIF: valid against the 2.1.0 schema, complete rule metadata, stable fingerprints."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from ketcheck.models import Finding, Location
from ketcheck.render import sarif
from ketcheck.render.sarif import RuleInfo

SCHEMA = Path(__file__).parent.parent / "fixtures" / "schemas" / "sarif-schema-2.1.0.json"
RULES = [
    RuleInfo(
        code="KC103",
        name="contradicts-reference",
        short="A claim contradicts a reference fact.",
        full="The article states a value that the curated reference facts contradict.",
        severity="error",
        help="Check the cited fact and correct the claim.",
        tags=("accuracy",),
        help_uri="https://example.org/rules/KC103",
    ),
    {
        "code": "KC201",
        "name": "unsourced-statistic",
        "short": "A statistic with no checkable source.",
        "severity": "warning",
        "ignored-extra": 1,
    },
    RuleInfo("KC401", "control-status-terms", "Control-status terminology mixed up."),
]


def validate(log: dict) -> None:
    schema = json.loads(SCHEMA.read_text())
    validator = jsonschema.validators.validator_for(schema)
    validator.check_schema(schema)
    validator(schema).validate(log)


@pytest.fixture
def log(findings: list[Finding]) -> dict:
    return json.loads(sarif.render(findings, RULES, version="0.1.0", root="/repo"))


def test_valid_against_the_schema(log: dict) -> None:
    validate(log)
    assert log["version"] == "2.1.0" and log["$schema"].startswith("https://")


def test_driver_lists_every_rule_with_descriptions(log: dict) -> None:
    run = log["runs"][0]
    driver = run["tool"]["driver"]
    assert (driver["name"], driver["version"]) == ("ketcheck", "0.1.0")
    ids = [r["id"] for r in driver["rules"]]
    assert ids == ["KC103", "KC201", "KC401", "KC301", "KC202"]  # unknown rules appended
    kc103 = driver["rules"][0]
    assert kc103 == {
        "id": "KC103",
        "name": "contradicts-reference",
        "shortDescription": {"text": "A claim contradicts a reference fact."},
        "fullDescription": {
            "text": "The article states a value that the curated reference facts contradict."
        },
        "help": {
            "text": "Check the cited fact and correct the claim.",
            "markdown": "Check the cited fact and correct the claim.",
        },
        "defaultConfiguration": {"level": "error"},
        "properties": {"tags": ["ketcheck", "accuracy"]},
        "helpUri": "https://example.org/rules/KC103",
    }
    assert driver["rules"][2]["fullDescription"]["text"] == "Control-status terminology mixed up."
    assert driver["rules"][2]["defaultConfiguration"]["level"] == "warning"
    assert run["columnKind"] == "unicodeCodePoints"
    assert run["originalUriBaseIds"] == {"%SRCROOT%": {"uri": "file:///repo/"}}


def test_results(log: dict) -> None:
    results = log["runs"][0]["results"]
    rules = log["runs"][0]["tool"]["driver"]["rules"]
    for r in results:
        assert rules[r["ruleIndex"]]["id"] == r["ruleId"]
    assert [(r["ruleId"], r["level"]) for r in results] == [
        ("KC301", "error"),
        ("KC103", "error"),
        ("KC202", "note"),
        ("KC201", "warning"),
    ]
    assert "locations" not in results[0]
    kc103 = results[1]
    assert kc103["message"]["text"] == (
        'ketamine is Schedule III in the US, not Schedule I\nhelp: write "Schedule III"'
    )
    assert kc103["locations"][0]["physicalLocation"] == {
        "artifactLocation": {"uri": "docs/article.md", "uriBaseId": "%SRCROOT%"},
        "region": {"startLine": 3, "startColumn": 15, "endLine": 3, "endColumn": 25},
    }
    related = kc103["relatedLocations"][0]
    assert related["id"] == 1
    assert related["physicalLocation"]["artifactLocation"]["uri"] == "data/claims.yaml"
    assert kc103["properties"]["claims"] == ["c-1"]
    assert set(kc103["partialFingerprints"]) == {"ketcheck/v1"}


def test_fingerprint_ignores_line_numbers_but_not_content(findings: list[Finding]) -> None:
    f = findings[1]
    moved = f.model_copy(update={"location": Location(path="docs/article.md", line=40, column=3)})
    assert sarif.fingerprint(moved) == sarif.fingerprint(f)
    other = f.model_copy(update={"quote": "Ketamine is a Schedule II drug."})
    assert sarif.fingerprint(other) != sarif.fingerprint(f)
    spaced = f.model_copy(update={"quote": "  Ketamine is a\nSchedule I drug in the US. "})
    assert sarif.fingerprint(spaced) == sarif.fingerprint(f)


def test_duplicate_findings_get_distinct_fingerprints(findings: list[Finding]) -> None:
    twice = [
        findings[0],
        findings[0].model_copy(
            update={"location": Location(path="docs/article.md", line=9, column=1)}
        ),
    ]
    results = json.loads(sarif.render(twice))["runs"][0]["results"]
    keys = [r["partialFingerprints"]["ketcheck/v1"] for r in results]
    assert keys[0].endswith(":1") and keys[1].endswith(":2") and keys[0][:-2] == keys[1][:-2]


def test_paths_absolute_under_root_and_outside() -> None:
    inside = Finding(
        rule="KC201",
        name="n",
        severity="info",
        message="m",
        location=Location(path="/repo/a b/c.md", line=1, column=1),
    )
    outside = inside.model_copy(update={"location": Location(path="/tmp/x.md", line=1, column=1)})
    log = json.loads(sarif.render([inside, outside], root="/repo"))
    validate(log)
    uris = [
        r["locations"][0]["physicalLocation"]["artifactLocation"] for r in log["runs"][0]["results"]
    ]
    assert uris == [{"uri": "a%20b/c.md", "uriBaseId": "%SRCROOT%"}, {"uri": "file:///tmp/x.md"}]


def test_empty_log_is_valid() -> None:
    log = json.loads(sarif.render([], RULES))
    validate(log)
    assert log["runs"][0]["results"] == []
    assert "originalUriBaseIds" not in log["runs"][0]
