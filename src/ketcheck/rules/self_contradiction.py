"""KC102 self-contradiction: one source says two things that cannot both be true.

The same comparison as KC101 (and KC104 for numbers), between claims of one source: same
property, subject and compatible context, values that exclude each other, a value and its
negation, or numbers further apart than the property's tolerance. Each group of conflicting
claims in a source is reported once, quoting every side with its line.

Would PASS (a different context: the property's ``population`` qualifier differs)::

    "blood pressure goes down"   blood_pressure = decrease  {population: shock}
    "Elevated blood pressure"    blood_pressure = increase  {population: adults}

Would FAIL::

    "the blood pressure goes down"   blood_pressure = decrease
    "Elevated blood pressure"        blood_pressure = increase
    # KC102 alpha contradicts itself on effect on blood pressure: decrease (“the blood pressure
    #       goes down” line 3) vs increase (“Elevated blood pressure” line 9)
"""

from __future__ import annotations

from collections.abc import Iterator

from ketcheck.kb import KnowledgeBase
from ketcheck.models import Finding, Severity
from ketcheck.rules.base import Example, Rule, Scope, finding
from ketcheck.rules.groups import conflict_finding_fields, conflict_groups, describe_quotes


def check(kb: KnowledgeBase) -> Iterator[Finding]:
    for group in conflict_groups(kb):
        if group.source is None:
            continue
        suffix, fields = conflict_finding_fields(kb, group)
        label = kb.prop(group.prop_name).label
        message = f"{group.source} contradicts itself on {label}: {describe_quotes(kb, group)}"
        yield finding(RULE, message + suffix, **fields)


RULE = Rule(
    code="KC102",
    name="self-contradiction",
    severity=Severity.error,
    summary="One source contradicts itself",
    scope=Scope.source,
    check=check,
    doc=__doc__ or "",
    examples=(
        Example("Ketamine raises blood pressure. It also raises heart rate.", fails=False),
        Example("Ketamine raises blood pressure. Ketamine lowers blood pressure.", fails=True),
    ),
)
