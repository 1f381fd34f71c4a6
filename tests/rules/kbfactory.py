"""Builders for tiny knowledge bases on the fixture vocabulary (a made-up subject).

Imported by the rule tests as ``from kbfactory import ...`` (pytest puts this folder on the
import path); the ``make_kb`` fixture in conftest.py writes the files.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import yaml

from ketcheck.kb import KnowledgeBase, load_kb
from ketcheck.models import Finding

FIXTURES = Path(__file__).parent.parent / "fixtures"
SMALL = FIXTURES / "kb_small"


def claim(claim_id: str, source: str, quote: str, prop: str, value: Any, **extra: Any) -> dict:
    """A claim entry with one assertion; ``extra`` may hold assertion keys or claim keys."""
    assertion = {"property": prop, "value": value}
    for key in ("polarity", "hedged", "qualifiers", "unit", "subject"):
        if key in extra:
            assertion[key] = extra.pop(key)
    return {
        "id": claim_id,
        "source": source,
        "quote": quote,
        "topic": "pharmacology",
        "assertions": [assertion],
        **extra,
    }


def fact(fact_id: str, prop: str, value: Any, **extra: Any) -> dict:
    return {
        "id": fact_id,
        "property": prop,
        "value": value,
        "statement": extra.pop("statement", f"{prop} is {value}."),
        "citations": [{"title": "A reference", "container": "A journal", "year": 2020}],
        **extra,
    }


def write_kb(
    root: Path,
    texts: dict[str, str],
    claims: list[dict],
    facts: list[dict] | None = None,
    sells: tuple[str, ...] = (),
) -> KnowledgeBase:
    """Write and load a knowledge base; sources are listed in the order of ``texts``."""
    shutil.copy(SMALL / "vocabulary.yaml", root / "vocabulary.yaml")
    (root / "sources").mkdir(exist_ok=True)
    sources = []
    for sid, text in texts.items():
        (root / "sources" / f"{sid}.txt").write_text(text, encoding="utf-8")
        sources.append(
            {
                "id": sid,
                "title": sid.title(),
                "publisher": sid.title(),
                "kind": "blog",
                "sells_treatment": sid in sells,
                "path": f"sources/{sid}.txt",
                "retrieved": "2026-01-01",
            }
        )
    dump = {"sources": sources, "claims": claims}
    (root / "claims.yaml").write_text(yaml.safe_dump(dump, sort_keys=False), encoding="utf-8")
    (root / "facts.yaml").write_text(
        yaml.safe_dump({"facts": facts or []}, sort_keys=False), encoding="utf-8"
    )
    return load_kb(root)


def flagged(findings: list[Finding]) -> list[tuple[str, ...]]:
    """The claim ids of each finding, in order: the shape most rule tests compare."""
    return [f.claims for f in sorted(findings, key=Finding.sort_key)]
