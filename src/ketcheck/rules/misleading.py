"""KC105 misleading: a claim that is true only in part, stated as if it held outright.

Two cases, both from the reference facts. A fact with ``holds: partly`` on the claim's value
(true only with a qualifier the claim leaves out, or overstated, e.g. a weak binding stated as
"activates"); its ``reason`` says what the claim gets wrong. Or facts that agree with the value
for one context and deny it for another (approved for one formulation, not another) while the
claim leaves out the qualifier that tells them apart. A hedged claim ("may", "in part") is not
reported: the hedge carries the missing qualification, and its verdict is supported.

Would PASS (fact: receptor_action = opioid-agonist, holds: partly)::

    "may act weakly on opioid receptors"   receptor_action = opioid-agonist, hedged: true

Would FAIL::

    "Ketamine activates opioid receptors"   receptor_action = opioid-agonist
    # KC105 receptor action “opioid-receptor activation”: overstated: binding is weak
"""

from __future__ import annotations

from collections.abc import Iterator

from ketcheck.kb import KnowledgeBase
from ketcheck.models import Finding, Severity
from ketcheck.rules.base import Example, Rule, Scope
from ketcheck.rules.reference import Outcome, reference_findings

OUTCOME = Outcome.overstated


def check(kb: KnowledgeBase) -> Iterator[Finding]:
    return reference_findings(RULE, kb, OUTCOME)


RULE = Rule(
    code="KC105",
    name="misleading",
    severity=Severity.warning,
    summary="Misleading: overstated, or missing a qualifier that changes the meaning",
    scope=Scope.claim,
    check=check,
    doc=__doc__ or "",
    examples=(
        Example("Ketamine blocks NMDA receptors.", fails=False),
        Example("Ketamine activates opioid receptors.", fails=True),
    ),
)
