"""KC104 number-out-of-tolerance: a figure disagrees with the reference or another source.

Numbers are compared in the property's canonical unit (``units`` converts), and agree when
they differ by no more than the property's ``tolerance`` or fall inside a fact's ``range``. A
claim is reported against a true reference fact on the same point (property, subject and the
property's qualifiers compatible, e.g. the same study and arm), and claims from different
sources whose figures differ beyond the tolerance are reported once per group, naming every
claim on each side. Figures that differ within one source are KC102.

Would PASS (fact: abstinence_rate = 50 %, tolerance 1)::

    "50% of the people who received multiple infusions abstained"   abstinence_rate = 50

Would FAIL::

    "all users abstained"    abstinence_rate = 100
    # KC104 abstinence rate “100%”: outside the reference 50% (± 1)
"""

from __future__ import annotations

from collections.abc import Iterator

from ketcheck.kb import KnowledgeBase
from ketcheck.models import Finding, Severity
from ketcheck.rules.base import Example, Rule, Scope, finding
from ketcheck.rules.groups import (
    conflict_finding_fields,
    conflict_groups,
    describe_sides,
    is_numeric,
)
from ketcheck.rules.reference import Outcome, reference_findings

OUTCOME = Outcome.number_off


def check(kb: KnowledgeBase) -> Iterator[Finding]:
    yield from reference_findings(RULE, kb, OUTCOME)
    for group in conflict_groups(kb):
        if group.source is not None or not is_numeric(kb, group):
            continue
        prop = kb.prop(group.prop_name)
        suffix, fields = conflict_finding_fields(kb, group)
        tolerance = f" (tolerance {prop.tolerance:g})" if prop.tolerance else ""
        message = f"sources disagree on {prop.label}{tolerance}: {describe_sides(group)}"
        yield finding(RULE, message + suffix, **fields)


RULE = Rule(
    code="KC104",
    name="number-out-of-tolerance",
    severity=Severity.error,
    summary="A number disagrees with the reference or another source beyond tolerance",
    scope=Scope.claim,
    check=check,
    doc=__doc__ or "",
    examples=(
        Example(
            "After the ketamine infusions, half of the users abstained from using heroin.",
            fails=False,
        ),
        Example("After the ketamine infusions, all users abstained from using heroin.", fails=True),
    ),
)
