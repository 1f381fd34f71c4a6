"""KC201: figures without a checkable source, from the quote text and the cues."""

from __future__ import annotations

from kbfactory import claim, fact, flagged

from ketcheck.rules import unsourced_statistic

TEXT = (
    "It was known to be 80% effective. In a 2019 trial 48% responded. "
    "It is given 2 times a week. It would take 6 to 10 times the dose."
)


def test_statistics_without_a_source(make_kb) -> None:
    kb = make_kb(
        {"alpha": TEXT},
        [
            claim("eighty", "alpha", "It was known to be 80% effective", "efficacy_rate", 80),
            claim("named", "alpha", "In a 2019 trial 48% responded", "efficacy_rate", 48),
            claim("weekly", "alpha", "It is given 2 times a week", "efficacy_rate", 2),
            claim("margin", "alpha", "It would take 6 to 10 times the dose", "overdose_margin", 6),
        ],
        [
            fact(
                "margin-unknown",
                "overdose_margin",
                0,
                holds="unestablished",
                reason="no figure exists",
            )
        ],
    )
    found = list(unsourced_statistic.check(kb))
    assert flagged(found) == [("eighty",), ("margin",)]
    assert found[0].message == "statistic “80%” with no checkable source"
    assert (found[0].location.line, found[0].location.column) == (1, 20)
    assert (
        found[1].message == "statistic “6 to 10 times”: no reliable figure exists: no figure exists"
    )
    assert found[1].reference == "margin-unknown"


def test_a_cited_figure_passes_and_a_confirmed_one_asks_for_the_citation(make_kb) -> None:
    kb = make_kb(
        {"alpha": "50% abstained (Krupo et al. 2007). 50% abstained a year later."},
        [
            claim(
                "cited",
                "alpha",
                "50% abstained (Krupo et al. 2007)",
                "abstinence_rate",
                50,
                support={"kind": "citation", "text": "Krupo et al. 2007"},
            ),
            claim("bare", "alpha", "50% abstained a year later", "abstinence_rate", 50),
        ],
        [fact("abst", "abstinence_rate", 50)],
    )
    [found] = list(unsourced_statistic.check(kb))
    assert found.claims == ("bare",)
    assert found.message.endswith("the reference agrees, so cite it")
    assert found.fix == "cite “A reference”. A journal 2020"
