"""KC203: named studies traced through the facts' study patterns and properties."""

from __future__ import annotations

from kbfactory import claim, fact, flagged

from ketcheck.rules import untraceable_study

FACTS = [
    fact(
        "nmda",
        "receptor_action",
        "nmda-antagonist",
        study="Smith 2018",
        study_patterns=["2018 study published in the American Journal of Psychiatry"],
    ),
    fact(
        "design",
        "study_design",
        "single-administration",
        study="Cocaine trial 2019",
        study_patterns=["cocaine"],
    ),
    fact("design-craving", "craving", "decrease", study="Cocaine trial 2019"),
]
TEXT = (
    "A 2018 study published in the American Journal of Psychiatry found that one dose reduced cravings. "
    "In a recent study, people with cocaine addictions reduced cravings. "
    "A 2015 study found it blocks NMDA receptors. "
    "In a recent study, people with cocaine addictions got one infusion."
)


def test_untraceable_and_off_topic_studies(make_kb) -> None:
    kb = make_kb(
        {"alpha": TEXT},
        [
            claim(
                "ajp",
                "alpha",
                "A 2018 study published in the American Journal of Psychiatry found "
                "that one dose reduced cravings",
                "craving",
                "decrease",
            ),
            claim(
                "cocaine-craving",
                "alpha",
                "In a recent study, people with cocaine addictions reduced cravings",
                "craving",
                "decrease",
            ),
            claim(
                "unknown",
                "alpha",
                "A 2015 study found it blocks NMDA receptors",
                "receptor_action",
                "nmda-antagonist",
            ),
            claim(
                "cocaine-design",
                "alpha",
                "In a recent study, people with cocaine addictions got one infusion",
                "study_design",
                "single-administration",
            ),
        ],
        FACTS,
    )
    found = list(untraceable_study.check(kb))
    assert flagged(found) == [("ajp",), ("unknown",)]
    assert found[0].message == (
        "the only reference study matching “A 2018 study published in the American Journal of "
        "Psychiatry” is Smith 2018, which is about receptor action, not effect on cravings"
    )
    assert found[0].reference == "nmda"
    assert (
        found[1].message
        == "the cited study “A 2015 study” matches no reference study on receptor action"
    )


def test_curated_support_decides(make_kb) -> None:
    kb = make_kb(
        {
            "alpha": "A 2015 study found it blocks NMDA receptors. A 2016 study found it blocks them too."
        },
        [
            claim(
                "traced",
                "alpha",
                "A 2015 study found it blocks NMDA receptors",
                "receptor_action",
                "nmda-antagonist",
                support={"kind": "named-study", "fact": "nmda"},
            ),
            claim(
                "vague",
                "alpha",
                "A 2016 study found it blocks them too",
                "receptor_action",
                "nmda-antagonist",
                support={"kind": "vague"},
            ),
        ],
        FACTS,
    )
    assert list(untraceable_study.check(kb)) == []
