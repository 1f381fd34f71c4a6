"""``ketcheck validate``: load the knowledge base and run its integrity rules."""

from __future__ import annotations

import os
from collections import Counter
from dataclasses import dataclass

from ketcheck.kb import KnowledgeBase, load_kb
from ketcheck.models import Finding
from ketcheck.rules import INTEGRITY_RULES


@dataclass(frozen=True)
class ValidationReport:
    kb: KnowledgeBase
    findings: list[Finding]

    def summary(self) -> str:
        kb = self.kb
        head = (
            f"{kb.claims_path}: {len(kb.claims)} claims from {len(kb.sources)} sources, "
            f"{len(kb.facts)} reference facts, {len(kb.vocabulary.properties)} properties"
        )
        if not self.findings:
            return f"{head}: valid"
        counts = Counter(f.rule for f in self.findings)
        return f"{head}: " + ", ".join(f"{n} {code}" for code, n in sorted(counts.items()))

    def to_json(self) -> dict:
        kb = self.kb
        return {
            "kb": str(kb.root),
            "valid": not self.findings,
            "claims": len(kb.claims),
            "sources": len(kb.sources),
            "facts": len(kb.facts),
            "properties": len(kb.vocabulary.properties),
            "findings": [f.to_json() for f in self.findings],
        }


def validate_kb(path: str | os.PathLike[str] | None = None) -> ValidationReport:
    """Load the knowledge base (raising InputError on load problems) and check its integrity."""
    kb = load_kb(path, full=True)  # never from the cache: validating is the point
    findings = sorted((f for rule in INTEGRITY_RULES for f in rule.run(kb)), key=Finding.sort_key)
    return ValidationReport(kb, findings)
