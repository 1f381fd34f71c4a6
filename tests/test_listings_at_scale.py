"""Listings on a generated knowledge base: search's default limit, and verdicts of the few
claims shown equal to their verdicts in the whole."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from ketcheck.cli import app

REPO = Path(__file__).parent.parent


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    spec = importlib.util.spec_from_file_location("make_kb", REPO / "benchmarks" / "make_kb.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["make_kb"] = module
    spec.loader.exec_module(module)
    out = tmp_path_factory.mktemp("generated") / "kb"
    module.write_kb(REPO / "data", out, 300, seed=3, files=2)
    return out


def items(runner: CliRunner, *args: str) -> list[dict]:
    result = runner.invoke(app, [*args, "--format", "json"])
    assert result.exit_code in (0, 1), result.output
    return json.loads(result.stdout)


def test_generated_kb_is_valid_and_split(runner: CliRunner, generated: Path) -> None:
    result = runner.invoke(app, ["validate", "--kb", str(generated), "--format", "json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["claims"] == 300
    assert (generated / "claims" / "part-001.yaml").is_file()


def test_search_shows_25_by_default(runner: CliRunner, generated: Path) -> None:
    everything = items(
        runner,
        "search",
        "efficacy OR pressure OR schedule",
        "--kb",
        str(generated),
        "--limit",
        "1000",
    )
    assert len(everything) > 25
    shown = items(runner, "search", "efficacy OR pressure OR schedule", "--kb", str(generated))
    assert shown == everything[:25]


def test_verdicts_of_shown_claims_are_those_of_the_whole(
    runner: CliRunner, generated: Path
) -> None:
    whole = {
        i["id"]: (i["verdict"], i["reason"]) for i in items(runner, "list", "--kb", str(generated))
    }
    some = items(runner, "list", "--kb", str(generated), "--limit", "7", "--topic", "efficacy")
    assert some
    for item in some + items(runner, "search", "pressure", "--kb", str(generated), "--limit", "9"):
        assert (item["verdict"], item["reason"]) == whole[item["id"]]
