"""Sentence cutting and the copy index behind KC302."""

from __future__ import annotations

from ketcheck.rules.copying import MIN_WORDS, sentences


def test_sentences_keep_offsets_and_skip_short_ones() -> None:
    text = "Back to top\n\nDr. Smith said it works well for many people in the clinic today. Yes.\n"
    found = sentences("s", text)
    assert len(found) == 1
    assert text[found[0].start : found[0].end] == found[0].text
    assert found[0].text.startswith("Dr. Smith said")
    assert len(found[0].words) >= MIN_WORDS
