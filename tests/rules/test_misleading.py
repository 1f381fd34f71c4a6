"""KC105: facts that hold only in part, and a missing qualifier that changes the meaning."""

from __future__ import annotations

from kbfactory import claim, fact, flagged

from ketcheck.models import Verdict
from ketcheck.rules import misleading
from ketcheck.rules.reference import assessments

PARTLY = fact(
    "opioid", "receptor_action", "opioid-agonist", holds="partly", reason="binding is weak"
)


def test_partly_true_unhedged_is_misleading_hedged_is_not(make_kb) -> None:
    kb = make_kb(
        {"alpha": "It activates opioid receptors. It may act weakly on opioid receptors."},
        [
            claim(
                "flat",
                "alpha",
                "It activates opioid receptors",
                "receptor_action",
                "opioid-agonist",
            ),
            claim(
                "hedged",
                "alpha",
                "It may act weakly on opioid receptors",
                "receptor_action",
                "opioid-agonist",
                hedged=True,
            ),
        ],
        [PARTLY],
    )
    [found] = list(misleading.check(kb))
    assert found.claims == ("flat",)
    assert (
        found.message == "receptor action “opioid-receptor activation”: overstated: binding is weak"
    )
    assert assessments(kb)["hedged"][0].verdict is Verdict.supported


def test_missing_qualifier_that_decides(make_kb) -> None:
    kb = make_kb(
        {"alpha": "It is approved for depression. Esketamine is approved for depression."},
        [
            claim(
                "bare", "alpha", "It is approved for depression", "fda_approved_use", "depression"
            ),
            claim(
                "qualified",
                "alpha",
                "Esketamine is approved for depression",
                "fda_approved_use",
                "depression",
                qualifiers={"substance": "esketamine"},
            ),
        ],
        [
            fact("esk", "fda_approved_use", "depression", qualifiers={"substance": "esketamine"}),
            fact(
                "rac",
                "fda_approved_use",
                "depression",
                holds="false",
                qualifiers={"substance": "racemic"},
            ),
        ],
    )
    found = list(misleading.check(kb))
    assert flagged(found) == [("bare",)]
    assert "true only for substance esketamine, which the claim leaves out" in found[0].message
