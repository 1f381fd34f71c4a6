"""What a claim offers as evidence: a traced reference, a named study, or nothing checkable.

The curator's ``support`` decides when it is set; for claims whose support was not curated
(``kind: none``, as for claims extracted from a new document) the quote's wording decides,
through the vocabulary's cues.
"""

from __future__ import annotations

from ketcheck.models import Claim, SupportKind
from ketcheck.rules.cues import CueSet


def traced(claim: Claim) -> bool:
    """The claim cites a reference the curator traced, or a full citation."""
    return claim.support.fact is not None or claim.support.kind is SupportKind.citation


def names_a_study(claim: Claim, cues: CueSet) -> bool:
    """The claim names a study: so curated, or (support not curated) a citation marker."""
    if claim.support.kind is not SupportKind.none:
        return claim.support.kind is SupportKind.named_study
    texts = [t for t in (claim.support.text, claim.quote) if t]
    return any(cues.citation_marker(t) for t in texts)
