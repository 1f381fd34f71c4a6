"""KC202 vague-attribution: an unnamed authority carries a factual claim.

"Studies show", "experts claim", "it is believed", "has been shown": the claim leans on an
authority the reader cannot check. A claim is reported when its quote (or the curator's
``support.text``) contains one of the vocabulary's ``cues.vague_attributions``, or its
``support.kind`` is ``vague``, unless it also cites a traceable reference
(``support.kind: citation`` or ``support.fact``).

Would PASS::

    "Ketamine blocks NMDA receptors (Zanos et al., Pharmacol Rev 2018)."   support: citation

Would FAIL::

    "Most of the experts out there claim that Ketamine targets the NMDA receptor"
    # KC202 vague attribution “Most of the experts” carries a claim about receptor action with
    #       no checkable source
"""

from __future__ import annotations

from collections.abc import Iterator

from ketcheck.kb import KnowledgeBase
from ketcheck.models import Finding, Severity, SupportKind
from ketcheck.rules.base import Example, Rule, Scope, claim_finding
from ketcheck.rules.cues import cue_set
from ketcheck.rules.support import traced


def check(kb: KnowledgeBase) -> Iterator[Finding]:
    cues = cue_set(kb)
    for claim in kb.claims:
        if claim.reported or traced(claim):
            continue
        in_quote = cues.vague_attribution(claim.quote)
        in_support = cues.vague_attribution(claim.support.text) if claim.support.text else None
        if not (in_quote or in_support or claim.support.kind is SupportKind.vague):
            continue
        match = in_quote or in_support
        phrase = match.group() if match else (claim.support.text or "an unnamed authority")
        carrier = kb.vocabulary.statement_property
        labels = ", ".join(
            dict.fromkeys(
                kb.prop(a.property).label for a in claim.assertions if a.property != carrier
            )
        )
        about = f"a claim about {labels}" if labels else "a factual claim"
        yield claim_finding(
            RULE,
            kb,
            claim,
            f"vague attribution “{phrase}” carries {about} with no checkable source",
            span=in_quote.span() if in_quote else None,
            fix="name the study or authority (authors, journal, year) or drop the attribution",
        )


RULE = Rule(
    code="KC202",
    name="vague-attribution",
    severity=Severity.warning,
    summary="A vague attribution carries a factual claim",
    scope=Scope.sentence,
    check=check,
    doc=__doc__ or "",
    examples=(
        Example("Ketamine may reduce cravings.", fails=False),
        Example("Studies show ketamine reduces cravings.", fails=True),
    ),
)
