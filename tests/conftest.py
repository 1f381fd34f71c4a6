"""Shared fixtures: a pinned terminal, the fixture knowledge bases, a CLI runner."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

FIXTURES = Path(__file__).parent / "fixtures"
REPO = Path(__file__).parent.parent


@pytest.fixture(autouse=True)
def pinned_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    """Output must not depend on the terminal the tests run in."""
    monkeypatch.setenv("COLUMNS", "120")
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.delenv("KETCHECK_KB", raising=False)
    monkeypatch.delenv("FORCE_COLOR", raising=False)
    monkeypatch.delenv("TTY_COMPATIBLE", raising=False)


@pytest.fixture(autouse=True)
def private_cache(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Path:
    """Tests never touch the user's cache directory, and start with the library default."""
    from ketcheck import cache

    directory = tmp_path_factory.mktemp("cache")
    monkeypatch.setenv("KETCHECK_CACHE_DIR", str(directory))
    monkeypatch.delenv("KETCHECK_NO_CACHE", raising=False)
    monkeypatch.setattr(cache, "DEFAULT", False)
    return directory


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def basic_kb(tmp_path: Path) -> Path:
    """A writable copy of the small fictional knowledge base."""
    target = tmp_path / "kb"
    shutil.copytree(FIXTURES / "kb_basic", target)
    return target
