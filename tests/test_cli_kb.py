"""`ketcheck list`, `search` and `sources`: contracts (JSON fields, exit codes) and behaviour."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from ketcheck.cli import app

LIST_FIELDS = {
    "id",
    "source",
    "quote",
    "topic",
    "property",
    "value",
    "verdict",
    "line",
    "assertions",
}


def run_json(runner: CliRunner, *args: str) -> list[dict]:
    result = runner.invoke(app, [*args, "--format", "json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_list_json_has_contract_fields(runner: CliRunner, basic_kb: Path) -> None:
    items = run_json(runner, "list", "--kb", str(basic_kb))
    assert len(items) == 7
    for item in items:
        assert item.keys() >= LIST_FIELDS
        assert item["property"] == item["assertions"][0]["property"]
        assert item["value"] == item["assertions"][0]["value"]
    assert items[0]["id"] == "alpha-schedule" and items[0]["line"] == 3


def test_list_filters_combine(runner: CliRunner, basic_kb: Path) -> None:
    items = run_json(
        runner, "list", "--kb", str(basic_kb), "--source", "beta", "--topic", "efficacy"
    )
    assert [i["id"] for i in items] == ["beta-cravings", "beta-response"]
    items = run_json(
        runner, "list", "--kb", str(basic_kb), "--property", "blood_pressure", "--limit", "1"
    )
    assert [i["id"] for i in items] == ["alpha-bp"]


def test_list_unknown_filter_value_is_usage_error(runner: CliRunner, basic_kb: Path) -> None:
    result = runner.invoke(app, ["list", "--kb", str(basic_kb), "--source", "bet"])
    assert result.exit_code == 2
    assert (
        result.output == "ketcheck: error: --source: unknown source 'bet' (did you mean 'beta'?)\n"
    )


def test_list_text_piped_is_one_claim_per_line(runner: CliRunner, basic_kb: Path) -> None:
    result = runner.invoke(app, ["list", "--kb", str(basic_kb), "--source", "alpha"])
    assert result.exit_code == 0, result.output
    assert result.stderr == "3 claims\n"
    assert result.stdout.splitlines()[1] == (
        "alpha-cravings\talpha\tefficacy\t3\tunverified\tcraving = decrease"
        "\tIt reduces cravings in people who use opioids"
    )


def test_search_stems_and_ranks(runner: CliRunner, basic_kb: Path) -> None:
    items = run_json(runner, "search", "craving", "--kb", str(basic_kb))
    assert {i["id"] for i in items} == {"alpha-cravings", "beta-cravings"}
    scores = [i["score"] for i in items]
    assert scores == sorted(scores, reverse=True) and all(s > 0 for s in scores)


def test_search_phrase_prefix_and_source(runner: CliRunner, basic_kb: Path) -> None:
    assert [
        i["id"] for i in run_json(runner, "search", '"lowers blood"', "--kb", str(basic_kb))
    ] == ["beta-bp"]
    prefixed = run_json(runner, "search", "respon*", "--kb", str(basic_kb))
    assert [i["id"] for i in prefixed] == ["beta-response"]
    only_alpha = run_json(
        runner, "search", "blood pressure", "--kb", str(basic_kb), "--source", "alpha"
    )
    assert [i["id"] for i in only_alpha] == ["alpha-bp"]


def test_search_highlights_in_text(runner: CliRunner, basic_kb: Path) -> None:
    result = runner.invoke(app, ["search", "cravings", "--kb", str(basic_kb)])
    assert result.exit_code == 0, result.output
    assert "2 claims match 'cravings'" in result.output


def test_search_lone_operators_are_words(runner: CliRunner, basic_kb: Path) -> None:
    for query in ("OR craving", "NOT craving", "AND", "craving AND"):
        result = runner.invoke(app, ["search", query, "--kb", str(basic_kb)])
        assert result.exit_code == 0, (query, result.output)


def test_search_bad_query_is_clean_error(runner: CliRunner, basic_kb: Path) -> None:
    result = runner.invoke(app, ["search", "craving NEAR(", "--kb", str(basic_kb)])
    assert result.exit_code == 2
    assert result.output.startswith("ketcheck: error: query: cannot parse search query")
    assert "Traceback" not in result.output


def test_search_punctuated_words_are_phrases(runner: CliRunner, basic_kb: Path) -> None:
    assert (
        run_json(runner, "search", "schedule-iii", "--kb", str(basic_kb))[0]["id"]
        == "alpha-schedule"
    )


def test_sources_summary_json(runner: CliRunner, basic_kb: Path) -> None:
    items = run_json(runner, "sources", "--kb", str(basic_kb))
    assert [(i["id"], i["claims"]) for i in items] == [("alpha", 3), ("beta", 4)]
    for item in items:
        assert {"id", "title", "publisher", "path", "claims"} <= item.keys()
    assert items[1]["by_topic"] == {"efficacy": 2, "pharmacology": 1, "side-effects": 1}


def test_sources_on_a_point_side_by_side(runner: CliRunner, basic_kb: Path) -> None:
    items = run_json(runner, "sources", "--kb", str(basic_kb), "--claim", "blood pressure")
    assert [(i["source"], i["claim"], i["value"]) for i in items] == [
        ("alpha", "alpha-bp", "increase"),
        ("beta", "beta-bp", "decrease"),
    ]
    for item in items:
        assert {"source", "claim", "quote", "property", "value", "verdict"} <= item.keys()


def test_sources_point_lists_silent_sources(runner: CliRunner, basic_kb: Path) -> None:
    result = runner.invoke(app, ["sources", "--kb", str(basic_kb), "--claim", "schedule"])
    assert result.exit_code == 0, result.output
    assert result.output == (
        "alpha\talpha-schedule\tus_schedule = III\t3\tsupported\t-\tZorbamine is a Schedule III drug\n"
        "beta\t-\tsilent\n"
    )


def test_version(runner: CliRunner) -> None:
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0 and result.output.startswith("ketcheck ")
