"""KC103 contradicts-reference: a claim contradicts a reference fact.

A reference fact decides a claim when property and subject match and the qualifiers the
property lists are compatible. The claim is contradicted when the fact holds a value that
excludes the claimed one (categorical: any other value; set and direction: a value listed in
``excludes``), when the fact says the claimed value does not hold (``holds: false``), or when
the claim denies what the fact affirms. The finding quotes the reference statement and its
citation, and suggests the statement as the fix. Numbers are KC104's.

Would PASS (fact: blood_pressure = increase)::

    "Elevated blood pressure"        blood_pressure = increase

Would FAIL::

    "the blood pressure goes down"   blood_pressure = decrease
    # KC103 effect on blood pressure “decrease”: the reference says increase
"""

from __future__ import annotations

from collections.abc import Iterator

from ketcheck.kb import KnowledgeBase
from ketcheck.models import Finding, Severity
from ketcheck.rules.base import Example, Rule, Scope
from ketcheck.rules.reference import Outcome, reference_findings

OUTCOME = Outcome.contradicted


def check(kb: KnowledgeBase) -> Iterator[Finding]:
    return reference_findings(RULE, kb, OUTCOME)


RULE = Rule(
    code="KC103",
    name="contradicts-reference",
    severity=Severity.error,
    summary="A claim contradicts a reference fact",
    scope=Scope.claim,
    check=check,
    doc=__doc__ or "",
    examples=(
        Example("Ketamine is a dissociative anesthetic.", fails=False),
        Example("Ketamine is a stimulant.", fails=True),
    ),
)
