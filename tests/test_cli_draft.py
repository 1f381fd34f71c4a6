"""`ketcheck draft`: candidate claims as YAML that a curator can paste into claims.yaml."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from ketcheck.cli import app

REPO = Path(__file__).parent.parent
FIXTURES = Path(__file__).parent / "fixtures"
SMALL = FIXTURES / "kb_small"
SHIPPED = str(REPO / "data")
SEEDS = sorted((REPO / "data" / "sources").glob("*.txt"))


def draft(runner: CliRunner, article: Path | str, source_id: str, kb: Path | str = SHIPPED):  # type: ignore[no-untyped-def]
    return runner.invoke(app, ["draft", str(article), "--source-id", source_id, "--kb", str(kb)])


@pytest.mark.parametrize("article", SEEDS, ids=[p.stem for p in SEEDS])
def test_candidates_are_a_yaml_list_of_verbatim_quotes(runner: CliRunner, article: Path) -> None:
    result = draft(runner, article, "new-article")
    assert result.exit_code == 0, result.output
    items = yaml.safe_load(result.stdout)
    assert isinstance(items, list) and items
    text = article.read_text(encoding="utf-8")
    lines = text.split("\n")
    noted = [int(n) for n in re.findall(r"^# line (\d+)$", result.stdout, re.M)]
    assert len(noted) == len(items)
    for item, line in zip(items, noted, strict=True):
        assert item["id"].startswith("new-article-")
        assert item["source"] == "new-article"
        assert item["quote"] in text, item["quote"]
        assert item["quote"].split("\n")[0] in lines[line - 1]  # the commented line is right
        assert item["topic"]
        assert item["assertions"] and all(a["property"] for a in item["assertions"])
    assert len({i["id"] for i in items}) == len(items)
    assert result.stderr == (
        f"{len(items)} candidate claims from {article}; save the file unchanged as "
        "sources/new-article.txt in the knowledge base, so the quotes validate\n"
    )


def test_findings_are_comments_above_their_candidate(runner: CliRunner) -> None:
    article = FIXTURES / "articles" / "ketamine-wrong.txt"
    result = draft(runner, article, "wrong")
    assert result.exit_code == 0, result.output
    head = result.stdout.split("\n- id:")[0].splitlines()
    assert head[0] == "# line 1"
    assert [line.split(":")[0] for line in head[1:]] == ["# KC103 contradicts-reference"] * 3
    [item] = yaml.safe_load(result.stdout)
    assert item["id"].startswith("wrong-") and item["source"] == "wrong"
    assert item["quote"] == "Ketamine is a Schedule II stimulant that lowers blood pressure."
    assert [(a["property"], a["value"]) for a in item["assertions"]] == [
        ("us_schedule", "II"),
        ("drug_class", "stimulant"),
        ("blood_pressure", "decrease"),
    ]


def test_pasted_candidates_validate(runner: CliRunner, tmp_path: Path) -> None:
    """The curator's loop: draft, add the source, paste the claims, validate."""
    kb = tmp_path / "kb"
    shutil.copytree(SMALL, kb)
    article = kb / "sources" / "delta.txt"
    article.write_text(
        "Zentamine is a stimulant that lowers blood pressure.\n"
        "Zentamine explained, again.\n\n"
        "It is a class III scheduled drug.\n",
        encoding="utf-8",
    )
    result = draft(runner, article, "delta", kb=kb)
    assert result.exit_code == 0, result.output
    claims = yaml.safe_load((kb / "claims.yaml").read_text(encoding="utf-8"))
    claims["sources"].append(
        {
            "id": "delta",
            "title": "Zentamine, again",
            "publisher": "Delta",
            "kind": "blog",
            "sells_treatment": False,
            "path": "sources/delta.txt",
            "retrieved": "2026-01-01",
        }
    )
    drafted = yaml.safe_load(result.stdout)
    assert [c["id"] for c in drafted] == ["delta-drug-class-stimulant", "delta-us-schedule-iii"]
    claims["claims"] += drafted
    (kb / "claims.yaml").write_text(yaml.safe_dump(claims, sort_keys=False), encoding="utf-8")
    result = runner.invoke(app, ["validate", "--kb", str(kb), "--format", "json"])
    assert result.exit_code == 0, result.output


def test_quote_of_a_sentence_across_lines_is_verbatim(runner: CliRunner, tmp_path: Path) -> None:
    article = tmp_path / "wrapped.txt"
    article.write_text("Some intro.\nKetamine is a Schedule II\nstimulant.\n", encoding="utf-8")
    result = draft(runner, article, "wrapped")
    assert result.exit_code == 0, result.output
    [item] = yaml.safe_load(result.stdout)
    assert item["quote"] == "Ketamine is a Schedule II\nstimulant."  # verbatim, line break kept
    assert result.stdout.startswith("# line 2\n")


def test_source_id_must_be_an_id(runner: CliRunner) -> None:
    result = draft(runner, FIXTURES / "articles" / "ketamine-wrong.txt", "My Article")
    assert result.exit_code == 2
    assert result.stderr == (
        "ketcheck: error: --source-id: 'My Article' is not an id "
        "(lowercase letters, digits, '.', '_', '-')\n"
    )


def test_unreadable_article(runner: CliRunner, tmp_path: Path) -> None:
    result = draft(runner, tmp_path / "missing.txt", "x")
    assert result.exit_code == 2
    assert (
        result.stderr == f"ketcheck: error: {tmp_path / 'missing.txt'}: no such file or directory\n"
    )
    (tmp_path / "bin.md").write_bytes(b"\0\0")
    result = draft(runner, tmp_path / "bin.md", "x")
    assert result.exit_code == 2
    assert result.stderr.endswith("bin.md: binary file (NUL byte at offset 0)\n")
    assert result.stdout == ""
