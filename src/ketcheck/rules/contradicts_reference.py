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

import sys
from collections.abc import Iterator

from ketcheck.kb import KnowledgeBase
from ketcheck.models import Finding, Severity
from ketcheck.rules.reference import raised, reference_finding

CODE = "KC103"
NAME = "contradicts-reference"
SEVERITY = Severity.error
SUMMARY = "A claim contradicts a reference fact"


def check(kb: KnowledgeBase) -> Iterator[Finding]:
    this = sys.modules[__name__]
    for decision in raised(kb, CODE):
        yield reference_finding(this, kb, decision)
