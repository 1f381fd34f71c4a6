"""KC104: numbers against the reference and across sources, with tolerance and units."""

from __future__ import annotations

from kbfactory import claim, fact, flagged

from ketcheck.rules import number_out_of_tolerance

FACTS = [fact("abst", "abstinence_rate", 50, qualifiers={"study": "k-2007", "arm": "repeated"})]


def test_figure_outside_tolerance_of_the_reference(make_kb) -> None:
    kb = make_kb(
        {"alpha": "All users abstained. In the repeated arm 50.5 percent abstained."},
        [
            claim("all", "alpha", "All users abstained", "abstinence_rate", 100),
            claim(
                "close",
                "alpha",
                "In the repeated arm 50.5 percent abstained",
                "abstinence_rate",
                50.5,
                unit="percent",
                qualifiers={"study": "k-2007", "arm": "repeated"},
            ),
        ],
        FACTS,
    )
    [found] = list(number_out_of_tolerance.check(kb))
    assert found.claims == ("all",)
    assert found.message == "abstinence rate “100%”: outside the reference 50% (± 1)"


def test_fact_range_decides(make_kb) -> None:
    kb = make_kb(
        {"alpha": "48% abstained. 60% abstained."},
        [
            claim("in", "alpha", "48% abstained", "abstinence_rate", 48),
            claim("out", "alpha", "60% abstained", "abstinence_rate", 60),
        ],
        [fact("abst", "abstinence_rate", 48.2, range=[45, 53])],
    )
    assert flagged(list(number_out_of_tolerance.check(kb))) == [("out",)]


def test_sources_disagreeing_on_a_number_are_one_group(make_kb) -> None:
    kb = make_kb(
        {"alpha": "80% respond.", "beta": "81% respond.", "gamma": "40% respond."},
        [
            claim("a", "alpha", "80% respond", "efficacy_rate", 80),
            claim("b", "beta", "81% respond", "efficacy_rate", 81),
            claim("c", "gamma", "40% respond", "efficacy_rate", 40),
        ],
    )
    [found] = list(number_out_of_tolerance.check(kb))
    assert set(found.claims) == {"a", "b", "c"}
    assert "alpha says 80%; beta says 81%; gamma says 40%" in found.message
    assert found.location.path.endswith("gamma.txt")


def test_within_tolerance_passes(make_kb) -> None:
    kb = make_kb(
        {"alpha": "80% respond.", "beta": "81% respond."},
        [
            claim("a", "alpha", "80% respond", "efficacy_rate", 80),
            claim("b", "beta", "81% respond", "efficacy_rate", 81),
        ],
    )
    assert list(number_out_of_tolerance.check(kb)) == []
