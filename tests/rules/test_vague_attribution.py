"""KC202: vague authorities, found in the quote text or the curated support."""

from __future__ import annotations

from kbfactory import claim, flagged

from ketcheck.rules import vague_attribution

TEXT = (
    "Most of the experts out there claim that it blocks NMDA receptors. "
    "It blocks NMDA receptors (Smith 2018). It blocks NMDA receptors, they say."
)


def test_vague_attributions(make_kb) -> None:
    kb = make_kb(
        {"alpha": TEXT},
        [
            claim(
                "experts",
                "alpha",
                "Most of the experts out there claim that it blocks NMDA receptors",
                "receptor_action",
                "nmda-antagonist",
            ),
            claim(
                "cited",
                "alpha",
                "It blocks NMDA receptors (Smith 2018)",
                "receptor_action",
                "nmda-antagonist",
                support={"kind": "citation", "text": "Smith 2018"},
            ),
            claim(
                "curated",
                "alpha",
                "It blocks NMDA receptors, they say",
                "receptor_action",
                "nmda-antagonist",
                support={"kind": "vague", "text": "they say"},
            ),
        ],
    )
    found = list(vague_attribution.check(kb))
    assert flagged(found) == [("experts",), ("curated",)]
    assert found[0].message == (
        "vague attribution “Most of the experts” carries a claim about receptor action with no "
        "checkable source"
    )
    assert found[0].location.column == 1


def test_plain_statement_passes(make_kb) -> None:
    kb = make_kb(
        {"alpha": "It blocks NMDA receptors."},
        [claim("plain", "alpha", "It blocks NMDA receptors", "receptor_action", "nmda-antagonist")],
    )
    assert list(vague_attribution.check(kb)) == []
