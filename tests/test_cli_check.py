"""`ketcheck conflicts` and `ketcheck check` / `cross-check`: exit codes, JSON contract, text."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from contracts import FINDING_FIELDS
from ketcheck.cli import app

SMALL = str(Path(__file__).parent / "fixtures" / "kb_small")


def invoke(runner: CliRunner, *args: str):  # type: ignore[no-untyped-def]
    return runner.invoke(app, [*args, "--kb", SMALL])


def test_conflicts_json_contract_and_exit_code(runner: CliRunner) -> None:
    result = invoke(runner, "conflicts", "--format", "json")
    assert result.exit_code == 1, result.output  # KC102/KC103/KC104 are errors
    items = json.loads(result.stdout)
    assert {i["rule"] for i in items} == {
        "KC101",
        "KC102",
        "KC103",
        "KC104",
        "KC105",
        "KC302",
        "KC401",
    }
    for item in items:
        assert item.keys() >= FINDING_FIELDS | {"sides"}
        assert item["severity"] in {"error", "warning", "info"}
    drug_class = next(i for i in items if i["rule"] == "KC101" and i["property"] == "drug_class")
    assert drug_class["reference"] == "class-dissociative"
    assert drug_class["sources"] == ["alpha", "beta", "gamma"]


def test_conflicts_exit_zero_without_errors(runner: CliRunner) -> None:
    result = invoke(runner, "conflicts", "--rule", "KC401", "--format", "json")
    assert result.exit_code == 0, result.output
    [item] = json.loads(result.stdout)
    assert item["claims"] == ["alpha-class-iii"] and item["line"] == 3 and item["column"] == 67


def test_conflicts_text_groups_by_property_with_quotes_and_reference(runner: CliRunner) -> None:
    result = invoke(runner, "conflicts", "--property", "blood_pressure")
    assert result.exit_code == 1
    out = result.stdout
    assert out.startswith("effect on blood pressure (blood_pressure) — 3\n")
    assert "KC102 [error] beta contradicts itself on effect on blood pressure" in out
    assert "      beta:4 “the heart rate speeds up and the blood pressure goes down”" in out
    assert (
        "    reference: Zentamine raises blood pressure. — “Zentamine label”. Example Pharma 2020"
        in out
    )
    assert "3 findings" in result.stderr


@pytest.mark.parametrize(
    ("option", "value", "message"),
    [
        (
            "--property",
            "blood_presure",
            "unknown property 'blood_presure' (did you mean 'blood_pressure'?)",
        ),
        ("--source", "delta", "unknown source 'delta'"),
        ("--rule", "KC999", "unknown rule 'KC999'"),
    ],
)
def test_unknown_choices_exit_2_with_one_line(
    runner: CliRunner, option: str, value: str, message: str
) -> None:
    result = invoke(runner, "conflicts", option, value)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1
    assert result.stderr.startswith("ketcheck: error: ") and message in result.stderr


@pytest.mark.parametrize("command", ["check", "cross-check"])
def test_check_json(runner: CliRunner, command: str) -> None:
    result = invoke(runner, command, "--format", "json")
    assert result.exit_code == 1, result.output
    data = json.loads(result.stdout)
    assert set(data) == {"kb", "summary", "sources", "claims", "findings"}
    assert {f["rule"] for f in data["findings"]} >= {"KC201", "KC202", "KC203", "KC204", "KC302"}
    beta = next(s for s in data["sources"] if s["id"] == "beta")
    assert beta["sells_treatment"] is True
    assert set(beta["by_verdict"]) == {
        "supported",
        "contradicted",
        "misleading",
        "unsupported",
        "unverified",
    }
    assert beta["by_rule"]["KC102"] == 3


def test_check_selected_rules_and_source(runner: CliRunner) -> None:
    result = invoke(
        runner, "check", "--rule", "KC2", "--rule", "KC401", "--source", "alpha", "--format", "json"
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert {f["rule"] for f in data["findings"]} == {"KC201", "KC202", "KC203", "KC204", "KC401"}
    assert [s["id"] for s in data["sources"]] == ["alpha"]


def test_check_text_shows_the_scorecard(runner: CliRunner) -> None:
    result = invoke(runner, "check")
    assert result.exit_code == 1
    assert "Scorecard by source" in result.stdout
    assert (
        "beta — Zentamine for addiction (Beta Clinic, treatment-marketing)  sells the treatment"
        in result.stdout
    )
    assert "findings naming it: KC101×" in result.stdout
    assert result.stderr == (
        "28 findings (10 errors, 17 warnings, 1 info); 25 claims: 8 supported, 8 contradicted, "
        "3 misleading, 4 unsupported, 2 unverified\n"
    )
