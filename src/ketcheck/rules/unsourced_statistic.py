"""KC201 unsourced-statistic: a figure with no checkable source.

A claim carries a statistic when its quote matches one of the vocabulary's
``cues.statistics`` patterns (a percentage, "N times", "N in N", "N out of N"). It is
checkable when the claim cites a traceable reference (``support.kind: citation``, or
``support.fact`` set by the curator); a study named in the text (``cues.citation_markers``,
or ``support.kind: named-study``) is left to KC203, which checks that it can be traced. A
figure the reference says nobody has established (a fact with ``holds: unestablished``) is
reported whatever the article cites. When a reference fact confirms the figure, the finding
suggests citing it.

Would PASS::

    "In Dakwar et al. 2019, 48% stayed abstinent"   # a named study: KC203 checks it

Would FAIL::

    "This method was known to be 80% effective."
    # KC201 statistic “80%” with no checkable source
"""

from __future__ import annotations

from collections.abc import Iterator

from ketcheck.kb import KnowledgeBase
from ketcheck.models import Finding, PropertyKind, Severity, Verdict
from ketcheck.rules.base import Example, Rule, Scope, claim_finding, denied
from ketcheck.rules.cues import cue_set
from ketcheck.rules.reference import Outcome, assessments
from ketcheck.rules.support import names_a_study, traced


def check(kb: KnowledgeBase) -> Iterator[Finding]:
    cues = cue_set(kb)
    decided = assessments(kb)
    for claim in kb.claims:
        if claim.reported or denied(claim):
            continue
        decisions = decided.get(claim.id, [])
        unestablished = next(
            (d for d in decisions if d.outcome is Outcome.no_reliable_figure), None
        )
        statistic = cues.statistic(claim.quote)
        if unestablished is None and (
            statistic is None or traced(claim) or names_a_study(claim, cues)
        ):
            continue
        figure = f"“{statistic.group()}”" if statistic else "figure"
        fields: dict = {}
        if unestablished is not None:
            message = f"statistic {figure}: {unestablished.summary}"
            fields = {"reference": unestablished.fact.id, "citation": unestablished.citation}
        else:
            message = f"statistic {figure} with no checkable source"
            # only a decision on a figure can agree with the figure
            agreeing = next(
                (
                    d
                    for d in decisions
                    if d.verdict is Verdict.supported
                    and kb.prop(d.assertion.property).kind is PropertyKind.numeric
                ),
                None,
            )
            if agreeing is not None:
                message += "; the reference agrees, so cite it"
                fields = {
                    "reference": agreeing.fact.id,
                    "citation": agreeing.citation,
                    "fix": f"cite {agreeing.citation}",
                }
        yield claim_finding(
            RULE,
            kb,
            claim,
            message,
            span=statistic.span() if statistic else None,
            **{"fix": "name the study or data the figure comes from", **fields},
        )


RULE = Rule(
    code="KC201",
    name="unsourced-statistic",
    severity=Severity.warning,
    summary="A statistic with no checkable source",
    scope=Scope.sentence,
    check=check,
    doc=__doc__ or "",
    examples=(
        Example("Ketamine works for many patients.", fails=False),
        Example("Ketamine works for 80% of patients.", fails=True),
    ),
)
