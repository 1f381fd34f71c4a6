"""KC101 cross-source-conflict: sources assert incompatible values for the same point.

Two claims from different sources conflict when they are about the same property, subject and
context (the qualifiers the property lists, such as jurisdiction or study, are compatible; one
left out is compatible with any) and their values cannot both hold: any two different values
of a categorical property, values a set or direction property declares as excluding each
other, or a value and its negation. Numbers are KC104's business. All claims that conflict on
one point are reported once, naming every claim and source on each side, with the reference
statement when a fact decides it. Sources on the same side that share copied text (KC302) are
flagged as not independent. Claims an article reports only to refute are left out.

Would PASS (``stimulant`` does not exclude ``hallucinogen``)::

    alpha: "a hallucinogen"      drug_class = hallucinogen
    beta:  "a stimulant drug"    drug_class = stimulant

Would FAIL (``stimulant`` excludes ``dissociative-anesthetic``)::

    alpha: "a dissociative anesthetic"   drug_class = dissociative-anesthetic
    beta:  "a stimulant drug"            drug_class = stimulant
    # KC101 sources disagree on drug class: alpha says dissociative anesthetic; beta says
    #       stimulant; the reference says dissociative anesthetic
"""

from __future__ import annotations

import sys
from collections.abc import Iterator

from ketcheck.kb import KnowledgeBase
from ketcheck.models import Finding, Severity
from ketcheck.rules.base import finding
from ketcheck.rules.groups import (
    conflict_finding_fields,
    conflict_groups,
    describe_sides,
    is_numeric,
)

CODE = "KC101"
NAME = "cross-source-conflict"
SEVERITY = Severity.warning
# In lint, the curated sources are context, not evidence: agreeing or disagreeing with a few
# marketing pages says nothing about whether a sentence is correct, so it never fails a build.
DOCUMENT_SEVERITY = Severity.info
SUMMARY = "Sources assert incompatible values for the same property and context"


def check(kb: KnowledgeBase) -> Iterator[Finding]:
    this = sys.modules[__name__]
    for group in conflict_groups(kb):
        if group.source is not None or is_numeric(kb, group):
            continue
        suffix, fields = conflict_finding_fields(kb, group)
        label = kb.prop(group.prop_name).label
        yield finding(
            this, f"sources disagree on {label}: {describe_sides(group)}{suffix}", **fields
        )
