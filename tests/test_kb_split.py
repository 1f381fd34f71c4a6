"""A knowledge base split over claims/*.yaml: loaded as one, errors located in their file."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from ketcheck.cli import app
from ketcheck.kb import load_kb
from ketcheck.yamlsource import InputError


def split(kb_dir: Path) -> Path:
    """Move beta's source and claims to claims/beta.yaml; return that file."""
    data = yaml.safe_load((kb_dir / "claims.yaml").read_text())
    keep = {"sources": [s for s in data["sources"] if s["id"] != "beta"]}
    keep["claims"] = [c for c in data["claims"] if c["source"] != "beta"]
    moved = {"sources": [s for s in data["sources"] if s["id"] == "beta"]}
    moved["claims"] = [c for c in data["claims"] if c["source"] == "beta"]
    (kb_dir / "claims.yaml").write_text(yaml.safe_dump(keep, sort_keys=False))
    (kb_dir / "claims").mkdir()
    part = kb_dir / "claims" / "beta.yaml"
    part.write_text(yaml.safe_dump(moved, sort_keys=False))
    return part


def test_split_kb_loads_as_one(basic_kb: Path, tmp_path: Path) -> None:
    whole = load_kb(basic_kb)
    split(basic_kb)
    parts = load_kb(basic_kb)
    assert sorted(c.id for c in parts.claims) == sorted(c.id for c in whole.claims)
    assert set(parts.sources) == set(whole.sources)


def test_errors_are_located_in_the_part_file(runner: CliRunner, basic_kb: Path) -> None:
    part = split(basic_kb)
    text = part.read_text()
    part.write_text(text.replace("source: beta", "source: betaa", 1))
    line = text.splitlines().index(next(x for x in text.splitlines() if "source: beta" in x)) + 1
    with pytest.raises(InputError) as info:
        load_kb(basic_kb)
    [problem] = info.value.problems
    assert (problem.path, problem.line) == (str(part), line)
    assert "unknown source 'betaa' (did you mean 'beta'?)" in problem.message


def test_kc301_points_at_the_part_file(runner: CliRunner, basic_kb: Path) -> None:
    part = split(basic_kb)
    text = part.read_text()
    part.write_text(text.replace("It lowers blood pressure", "It drops blood pressure"))
    result = runner.invoke(app, ["validate", "--kb", str(basic_kb)])
    assert result.exit_code == 1
    quote_line = next(
        n for n, x in enumerate(part.read_text().splitlines(), 1) if "It drops blood" in x
    )
    assert result.stdout.startswith(f"{part}:{quote_line}:")
    assert "KC301" in result.stdout
