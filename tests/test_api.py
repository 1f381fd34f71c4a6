"""The Python API: load_kb, check_kb, lint_text, exported from the package; findings pickle."""

from __future__ import annotations

import inspect
import pickle
from pathlib import Path

import pytest
from typer.testing import CliRunner

import ketcheck
from ketcheck.cli import app
from ketcheck.lint import Linter

ARTICLE = Path(__file__).parent / "fixtures" / "articles" / "zentamine.md"
SMALL = Path(__file__).parent / "fixtures" / "kb_small"  # the KB the article is about


def test_exports() -> None:
    for name in ("load_kb", "check_kb", "lint_text", "Finding", "KnowledgeBase", "InputError"):
        assert name in ketcheck.__all__ and getattr(ketcheck, name) is not None
    with pytest.raises(AttributeError):
        ketcheck.no_such_name  # noqa: B018


def test_check_kb_is_the_cli_report(runner: CliRunner, basic_kb: Path) -> None:
    report = ketcheck.check_kb(ketcheck.load_kb(basic_kb))
    result = runner.invoke(app, ["check", "--kb", str(basic_kb), "--format", "json"])
    import json

    assert json.loads(result.stdout) == report.to_json()


def test_lint_text_gives_the_findings_lint_renders(runner: CliRunner) -> None:
    text = ARTICLE.read_text()
    findings = ketcheck.lint_text(text, ketcheck.load_kb(SMALL), path=str(ARTICLE))
    result = runner.invoke(app, ["lint", str(ARTICLE), "--kb", str(SMALL), "--format", "json"])
    import json

    assert [f.to_json() for f in findings] == json.loads(result.stdout)
    assert findings, "the fixture article has findings"


def test_findings_pickle() -> None:
    kb = ketcheck.load_kb(SMALL)
    findings = ketcheck.check_kb(kb).findings + ketcheck.lint_text(
        ARTICLE.read_text(), kb, path="a.md"
    )
    assert findings
    assert pickle.loads(pickle.dumps(findings)) == findings


def test_lint_text_context_is_passed_on_or_refused(basic_kb: Path) -> None:
    kb = ketcheck.load_kb(basic_kb)
    takes = inspect.signature(Linter.check).parameters
    if "date" in takes or any(p.kind is p.VAR_KEYWORD for p in takes.values()):
        assert isinstance(ketcheck.lint_text("Text.", kb, date="2020-01-01"), list)
    else:
        with pytest.raises(TypeError, match="does not take date yet"):
            ketcheck.lint_text("Text.", kb, date="2020-01-01")
