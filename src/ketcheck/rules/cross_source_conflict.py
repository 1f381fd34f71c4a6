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

from collections.abc import Iterator

from ketcheck.kb import KnowledgeBase
from ketcheck.models import Finding, Severity
from ketcheck.rules import contradicts_reference, misleading, number_out_of_tolerance
from ketcheck.rules.base import Example, Rule, Scope, finding
from ketcheck.rules.groups import (
    conflict_finding_fields,
    conflict_groups,
    describe_sides,
    is_numeric,
)


def check(kb: KnowledgeBase) -> Iterator[Finding]:
    for group in conflict_groups(kb):
        if group.source is not None or is_numeric(kb, group):
            continue
        suffix, fields = conflict_finding_fields(kb, group)
        label = kb.prop(group.prop_name).label
        yield finding(
            RULE, f"sources disagree on {label}: {describe_sides(group)}{suffix}", **fields
        )


RULE = Rule(
    code="KC101",
    name="cross-source-conflict",
    severity=Severity.warning,
    summary="Sources assert incompatible values for the same property and context",
    scope=Scope.knowledge_base,
    check=check,
    doc=__doc__ or "",
    # linted with the shipped knowledge base, whose seed pages disagree on overall safety
    examples=(
        Example("Ketamine is a dissociative anesthetic.", fails=False),
        Example("Ketamine is safe.", fails=True),
    ),
    # where the reference decides a claim, its finding says all a minority note would
    yields_to=(
        contradicts_reference.RULE.code,
        number_out_of_tolerance.RULE.code,
        misleading.RULE.code,
    ),
    # in lint the curated sources are context, not evidence: agreeing or disagreeing with a
    # few marketing pages says nothing about whether a sentence is correct
    document_severity=Severity.info,
)
