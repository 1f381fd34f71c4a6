"""Cue matching: whole words, curly quotes, negation just before a certainty cue."""

from __future__ import annotations

from ketcheck.rules.cues import cue_set


def test_cues_on_the_small_vocabulary(small_kb) -> None:
    cues = cue_set(small_kb)
    assert (
        cues.vague_attribution("While it’s believed, it is believed that").group()
        == "it is believed"
    )
    assert cues.vague_attribution("the studies showed") is None  # whole phrases only
    assert [m.group() for m in cues.certainties("It is proven, not a guaranteed cure.")] == [
        "proven"
    ]
    assert cues.statistic("given 2 times a week") is None
    assert cues.statistic("6 to 10 times the dose").group() == "6 to 10 times"
    assert cues.citation_marker("In a recent study, people") is not None
