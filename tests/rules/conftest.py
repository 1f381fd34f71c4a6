"""Fixtures for the rule tests: the small fixture knowledge base and a tiny-KB builder."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from kbfactory import SMALL, write_kb

from ketcheck.kb import KnowledgeBase, load_kb


@pytest.fixture
def make_kb(tmp_path: Path) -> Callable[..., KnowledgeBase]:
    """``make_kb(texts, claims, facts=None, sells=())`` -> a loaded knowledge base."""

    def build(*args, **kwargs) -> KnowledgeBase:  # type: ignore[no-untyped-def]
        return write_kb(tmp_path, *args, **kwargs)

    return build


@pytest.fixture(scope="session")
def small_kb() -> KnowledgeBase:
    return load_kb(SMALL)
