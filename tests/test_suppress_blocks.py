"""Block (``ketcheck: off`` … ``on``) and file (``ignore-file``) suppressions, and unknown codes."""

from __future__ import annotations

from ketcheck.models import Finding, Location, Severity
from ketcheck.suppress import (
    END_OF_FILE,
    Suppression,
    apply,
    parse_suppressions,
    unknown_codes,
    unused,
)
from ketcheck.text import make_document


def finding(rule: str, line: int, path: str = "a.md") -> Finding:
    return Finding(
        rule=rule,
        name="n",
        severity=Severity.warning,
        message="m",
        location=Location(path=path, line=line, column=1),
    )


def spans(suppressions: list[Suppression]) -> list[tuple[int, int, int | None, tuple | None]]:
    return [(s.line, s.target, s.last, s.codes) for s in suppressions]


def test_off_on_block_spans_from_off_to_on() -> None:
    source = "A.\n<!-- ketcheck: off -->\nB.\nC.\n<!-- ketcheck: on -->\nD.\n"
    doc = make_document(source, "a.md", "md")
    [block] = parse_suppressions(doc)
    assert (block.line, block.target, block.last, block.codes) == (2, 2, 5, None)
    kept, used = apply([finding("KC201", n) for n in (1, 3, 4, 6)], [block])
    assert [f.location.line for f in kept if f.location] == [1, 6]
    assert used == {block: {"KC201"}}


def test_off_with_codes_and_no_on_runs_to_the_end() -> None:
    doc = make_document("# ketcheck: off[KC201]\nA.\nB.\n", "a.txt")
    assert spans(parse_suppressions(doc)) == [(1, 1, END_OF_FILE, ("KC201",))]
    kept, _ = apply([finding("KC201", 3, "a.txt"), finding("KC202", 3, "a.txt")],
                    parse_suppressions(doc))  # fmt: skip
    assert [f.rule for f in kept] == ["KC202"]


def test_on_closes_every_open_block() -> None:
    source = "# ketcheck: off[KC201]\n# ketcheck: off[KC202]\nA.\n# ketcheck: on\nB.\n"
    doc = make_document(source, "a.txt")
    assert spans(parse_suppressions(doc)) == [(1, 1, 4, ("KC201",)), (2, 2, 4, ("KC202",))]


def test_ignore_file_anywhere_covers_the_whole_file() -> None:
    source = "A.\nB.\n<!-- ketcheck: ignore-file[KC204] -->\n"
    doc = make_document(source, "a.md", "md")
    [whole] = parse_suppressions(doc)
    assert (whole.target, whole.last, whole.codes) == (1, END_OF_FILE, ("KC204",))
    kept, _ = apply([finding("KC204", 1), finding("KC204", 2), finding("KC201", 2)], [whole])
    assert [(f.rule, f.location.line) for f in kept if f.location] == [("KC201", 2)]
    bare = parse_suppressions(make_document("<!-- ketcheck: ignore-file -->\n", "b.md", "md"))
    assert spans(bare) == [(1, 1, END_OF_FILE, None)]


def test_block_that_silences_nothing_is_unused() -> None:
    doc = make_document("<!-- ketcheck: off -->\nA.\n<!-- ketcheck: on -->\n", "a.md", "md")
    sups = parse_suppressions(doc)
    _, used = apply([], sups)
    assert [u.message for u in unused(sups, used)] == ["unused suppression 'ketcheck: off'"]


def test_unknown_codes_are_reported_once_with_a_close_match() -> None:
    doc = make_document("A. # ketcheck: ignore[KC2O1, KC201]\n", "a.txt")
    sups = parse_suppressions(doc)
    assert [u.message for u in unknown_codes(doc)] == [
        "unknown rule code 'KC2O1' in 'ketcheck: ignore[KC2O1, KC201]' (did you mean 'KC201'?)"
    ]
    # under --strict the unknown code is not reported a second time as unused
    _, used = apply([], sups)
    assert [u.codes for u in unused(sups, used)] == [("KC201",)]
