"""KC302: near-duplicate sentences between sources, robust to light rewording."""

from __future__ import annotations

from kbfactory import claim

from ketcheck.rules import copied_text

ARK = (
    "The people who had cocaine addictions got zentamine through an IV for 5 days, in addition to "
    "5 weeks of mindfulness relapse prevention therapy."
)
AVENUES = (
    "In a recent study, people with cocaine addictions received a zentamine infusion through an IV "
    "for 5 days, alongside mindfulness relapse prevention therapy (for 5 weeks) in a controlled "
    "hospital setting, and the conclusion showed promising results."
)


def test_reworded_copy_is_found_and_names_its_claims(make_kb) -> None:
    kb = make_kb(
        {"ark": f"Intro line.\n{ARK}\n", "avenues": f"Title\n\n{AVENUES}\n"},
        [
            claim(
                "ark-5-days",
                "ark",
                "got zentamine through an IV for 5 days",
                "study_design",
                "daily-administration",
            ),
            claim(
                "av-5-days",
                "avenues",
                "received a zentamine infusion through an IV for 5 days",
                "study_design",
                "daily-administration",
            ),
        ],
    )
    [found] = list(copied_text.check(kb))
    assert found.location.path.endswith("avenues.txt") and found.location.line == 3
    assert found.related[0].line == 2
    assert found.claims == ("ark-5-days", "av-5-days")
    assert found.message.startswith("near-copy of ark line 2 (69% of the shorter sentence)")
    assert found.message.endswith(
        "agreement on how the drug was given in a study is not independent"
    )


def test_sentences_on_the_same_topic_are_not_copies(make_kb) -> None:
    kb = make_kb(
        {
            "alpha": "Zentamine is used as an anesthetic by medical practitioners in hospitals.",
            "beta": "Zentamine is an anesthetic medication used by medical practitioners everywhere.",
        },
        [claim("a", "alpha", "Zentamine is used as an anesthetic", "drug_class", "anesthetic")],
    )
    assert list(copied_text.check(kb)) == []
