"""KC204 absolute-certainty: absolute or promotional certainty about a health claim.

Medicine rarely licenses "proven", "cure", "no cases", "all patients" or "completely safe".
A claim is reported when its quote contains one of the vocabulary's ``cues.certainty``
phrases that no negation just before it (``cues.pre_negation``, a few words back, in the same
clause) takes back: "it is not a guaranteed cure" is a caution, not a promise. A claim the
reference otherwise supports is judged misleading because of it.

Would PASS::

    "Ketamine therapy … is not a guaranteed cure."

Would FAIL::

    "Although ketamine therapy for addiction has proven to be effective, …"
    # KC204 absolute certainty “proven”: the evidence for a health claim is rarely that certain
"""

from __future__ import annotations

from collections.abc import Iterator

from ketcheck.kb import KnowledgeBase
from ketcheck.models import Finding, Severity
from ketcheck.rules.base import Example, Rule, Scope, claim_finding, denied
from ketcheck.rules.cues import cue_set


def check(kb: KnowledgeBase) -> Iterator[Finding]:
    cues = cue_set(kb)
    for claim in kb.claims:
        if claim.reported or denied(claim):
            continue
        found = cues.certainties(claim.quote)
        if not found:
            continue
        words = ", ".join(dict.fromkeys(f"“{m.group()}”" for m in found))
        first = found[0]
        yield claim_finding(
            RULE,
            kb,
            claim,
            f"absolute certainty {words}: the evidence for a health claim is rarely that certain",
            span=first.span(),
            fix="state what the evidence shows and its limits (study size, population, follow-up)",
        )


RULE = Rule(
    code="KC204",
    name="absolute-certainty",
    severity=Severity.warning,
    summary="Absolute or promotional certainty",
    scope=Scope.sentence,
    check=check,
    doc=__doc__ or "",
    examples=(
        Example("Ketamine may reduce cravings.", fails=False),
        Example("Ketamine is a proven cure for cravings.", fails=True),
    ),
)
