"""KC301: a quote that is not verbatim in its source."""

from __future__ import annotations

from kbfactory import claim, flagged

from ketcheck.rules import quote_in_source


def test_quote_not_in_source(make_kb) -> None:
    kb = make_kb(
        {"alpha": "It is a Schedule III non-narcotic."},
        [
            claim("ok", "alpha", "a Schedule III non-narcotic", "us_schedule", "III"),
            claim("bad", "alpha", "a Schedule 3 non-narcotic", "us_schedule", "III"),
        ],
    )
    found = list(quote_in_source.check(kb))
    assert flagged(found) == [("bad",)]
    assert "closest passage" in found[0].message
