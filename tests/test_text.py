"""Documents: scanned text, exact positions in the original, errors, sentences."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from ketcheck import text as text_module
from ketcheck.text import (
    Document,
    DocumentError,
    iter_documents,
    iter_paths,
    iter_sentences,
    load_document,
    load_stdin,
    make_document,
    sentence_span,
)

Q = "\u2019"  # right single quotation mark, as entities decode to
DOCS = Path(__file__).parent / "fixtures" / "documents"


def where(doc: Document, needle: str, nth: int = 0) -> tuple[int, int]:
    """Position, through the document's mapper, of the nth occurrence of needle in doc.text."""
    at = -1
    for _ in range(nth + 1):
        at = doc.text.index(needle, at + 1)
    return doc.position(at)


def sentences(doc: Document | str) -> list[str]:
    txt = doc.text if isinstance(doc, Document) else doc
    return [" ".join(txt[s:e].split()) for s, e in iter_sentences(doc)]


# --- positions --------------------------------------------------------------------------------


def test_plain_text_positions() -> None:
    doc = make_document("one\ntwo three\n\nfour", "a.txt")
    assert doc.text == doc.original
    assert where(doc, "three") == (2, 5)
    assert where(doc, "four") == (4, 1)
    assert doc.position(len(doc.text)) == (4, 5)


def test_crlf_columns(tmp_path: Path) -> None:
    path = tmp_path / "win.txt"
    path.write_bytes(b"First line here.\r\nSecond line: ketamine.\r\n\r\nThird.\r\n")
    doc = load_document(path)
    assert "\r\n" in doc.original
    assert where(doc, "ketamine") == (2, 14)
    assert where(doc, "Third") == (4, 1)
    assert doc.line(2) == "Second line: ketamine."
    assert sentences(doc) == ["First line here.", "Second line: ketamine.", "Third."]


def test_bom_is_stripped_and_columns_start_at_one(tmp_path: Path) -> None:
    path = tmp_path / "bom.md"
    path.write_bytes(b"\xef\xbb\xbfKetamine is legal.\n")
    doc = load_document(path)
    assert doc.original.startswith("Ketamine")
    assert where(doc, "Ketamine") == (1, 1)
    assert where(doc, "legal") == (1, 13)


def test_location_has_exclusive_end() -> None:
    doc = make_document("Ketamine is a\nSchedule III drug.", "a.txt")
    start = doc.text.index("is")
    end = doc.text.index("drug") + len("drug")
    loc = doc.location(start, end)
    assert (loc.path, loc.line, loc.column, loc.end_line, loc.end_column) == ("a.txt", 1, 10, 2, 18)


# --- markdown ---------------------------------------------------------------------------------


def test_markdown_keeps_offsets_and_blanks_syntax() -> None:
    doc = load_document(DOCS / "article.md")
    assert len(doc.text) == len(doc.original)
    assert doc.text.count("\n") == doc.original.count("\n")
    for gone in ("title:", "https://", "DEA", "claim =", "chart", "ketcheck", "**", "`", "[", "#"):
        assert gone not in doc.text, gone
    # link text stays, and every kept word is where the original has it
    for word in ("Schedule III", "Dr. Smith", "cures depression", "proven cure", "80%"):
        line, col = where(doc, word)
        assert doc.line(line)[col - 1 :].startswith(word), word
    assert where(doc, "Schedule III") == (7, 16)
    assert where(doc, "at all") == (12, 28)
    assert "no side effects" not in doc.text


def test_markdown_sentences_respect_blocks() -> None:
    doc = load_document(DOCS / "article.md")
    assert sentences(doc) == [
        "Ketamine facts",
        "Ketamine is a Schedule III drug in the U.S. Dr. Smith says it works, e.g. at 0.5 mg/kg.",
        "Studies show it cures depression.",
        "Ketamine is a proven cure for everyone.",
        "It has at all.",
        "Experts claim 80% of patients recover.",
    ]


@pytest.mark.parametrize(
    ("source", "kept", "gone"),
    [
        ("    code block\n", "", "code"),
        ("para\n    still para\n", "still para", ""),
        ("~~~\nfenced\n~~~\nafter\n", "after", "fenced"),
        ("````\n```\ninner\n```\n````\nafter\n", "after", "inner"),
        ("see [the label] now\n\n[the label]: http://x.org\n", "the label", "http"),
        ("a [ref link][r] b\n\n[r]: /u\n", "ref link", "/u"),
        ("x <https://auto.link> y\n", "x", "auto"),
        ("a <span class='c'>b</span> c\n", "b", "span"),
        ("word\\*s and snake_case\n", "snake_case", "\\"),
        ("| a | b |\n|---|---|\n| c | d |\n", "c", "---"),
        ("> quoted text\n", "quoted text", ">"),
        ("- [x] done task\n", "done task", "[x]"),
        ("Title\n=====\n\nBody.\n", "Title", "="),
        ("use ``a ` b`` here\n", "use", "a ` b"),
        ("note[^1] here\n\n[^1]: The footnote text.\n", "The footnote text.", "^1"),
    ],
)
def test_markdown_constructs(source: str, kept: str, gone: str) -> None:
    doc = make_document(source, "a.md", "md")
    assert len(doc.text) == len(source)
    assert kept in doc.text
    if gone:
        assert gone not in doc.text


def test_markdown_heading_and_list_items_are_sentence_boundaries() -> None:
    doc = make_document(
        "## Ketamine dosing\nKetamine is given IV\n- one item\n- two item\n", "a.md", "md"
    )
    assert sentences(doc) == ["Ketamine dosing", "Ketamine is given IV", "one item", "two item"]


def test_markdown_table_cells_are_boundaries() -> None:
    doc = make_document("| Drug | Schedule |\n|---|---|\n| ketamine | III |\n", "a.md", "md")
    assert sentences(doc) == ["Drug", "Schedule", "ketamine", "III"]


# --- html -------------------------------------------------------------------------------------


def test_html_text_nodes_and_positions() -> None:
    doc = load_document(DOCS / "article.html")
    for gone in ("DOCTYPE", "color", "var claim", "href", "ketcheck", "proven cure", "<", "&amp;"):
        assert gone not in doc.text, gone
    assert where(doc, "Schedule III") == (9, 49)
    assert where(doc, "Ketamine &") == (8, 5)
    # after the decoded entity the offsets still land on the original text
    assert f"doesn{Q}t work" in doc.text
    line, col = where(doc, "work for everyone")
    assert (line, col) == (10, 18)
    assert doc.line(line)[col - 1 :].startswith("work for everyone")
    assert where(doc, "Ketamine is cheap") == (14, 24)


def test_html_block_tags_split_sentences() -> None:
    doc = load_document(DOCS / "article.html")
    assert sentences(doc) == [
        "Ketamine facts",
        "Ketamine & depression",
        "Ketamine is a Schedule III drug.",
        f"It doesn{Q}t work for everyone.",
        "Experts claim 80% of patients recover",
        "Studies show it is safe",
        "Ketamine is safe",
        "Ketamine is cheap",
    ]


def test_html_entities_shift_offsets_exactly() -> None:
    source = "<p>A&amp;B &#8217;x&#x2019;y&nbsp;z don&rsquo;t</p>"
    doc = make_document(source, "a.html", "html")
    assert doc.text.strip() == f"A&B {Q}x{Q}y z don{Q}t"
    for needle, original in [("B", "B"), ("y", "y"), ("z", "z"), ("t<", "t<")]:
        at = doc.text.index(needle.rstrip("<"), doc.text.index("A"))
        if needle == "t<":
            at = doc.text.rindex("t")
        assert doc.position(at) == (1, source.index(original) + 1)
    end = doc.text.rindex("t") + 1
    assert doc.location(doc.text.index("don"), end).end_column == source.index("</p>") + 1
    assert doc.excerpt(doc.text.index("don"), end) == f"don{Q}t"


def test_html_unclosed_script_blanks_the_rest() -> None:
    doc = make_document("<p>Before.</p><script>var a = 'Ketamine cures'", "a.html", "html")
    assert doc.text.split() == ["Before."]


# --- loading errors ---------------------------------------------------------------------------


def error_of(path: Path | str, **kwargs: object) -> str:
    with pytest.raises(DocumentError) as info:
        load_document(path, **kwargs)  # type: ignore[arg-type]
    return str(info.value)


def test_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "nope.md"
    assert error_of(path) == f"{path}: no such file or directory"


def test_directory_passed_as_file(tmp_path: Path) -> None:
    assert error_of(tmp_path) == f"{tmp_path}: is a directory"


def test_binary_file(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(b"PK\x03\x04\x00\x00junk")
    assert error_of(path) == f"{path}: binary file (NUL byte at offset 4)"


def test_invalid_utf8_names_byte_and_line(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(b"fine\nalso fine\nbad \xff here\n")
    assert error_of(path) == f"{path}:3: invalid UTF-8 (byte 0xff at offset 19)"


def test_invalid_utf8_after_bom_counts_the_bom(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(b"\xef\xbb\xbfab\xc3")
    assert error_of(path) == f"{path}:1: invalid UTF-8 (byte 0xc3 at offset 5)"


@pytest.mark.parametrize("content", [b"", b"  \n\n\t", b"\xef\xbb\xbf"])
def test_empty_file(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "a.md"
    path.write_bytes(content)
    assert error_of(path) == f"{path}: empty file"


def test_huge_file(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(b"word " * 300)
    assert (
        error_of(path, max_bytes=1000) == f"{path}: file of 1500 bytes exceeds the 1000 byte limit"
    )


def test_single_huge_line(tmp_path: Path) -> None:
    path = tmp_path / "min.html"
    path.write_bytes(b"<p>short</p>\n" + b"x" * (text_module.MAX_LINE_BYTES + 1) + b"\n")
    n = text_module.MAX_LINE_BYTES + 1
    assert error_of(path) == f"{path}:2: single line of {n} bytes: not prose"


def test_permission_denied(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "a.txt"
    path.write_text("text")

    def deny(*args: object) -> int:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(text_module.os, "open", deny)
    assert error_of(path) == f"{path}: permission denied"


def test_stdin_bytes_and_text() -> None:
    assert load_stdin(b"Ketamine.\n").path == "-"
    assert load_stdin("<p>x</p>", name="<stdin>", kind="html").text.strip() == "x"
    with pytest.raises(DocumentError, match=r"^-:1: invalid UTF-8"):
        load_stdin(b"\xfe")


# --- finding files ----------------------------------------------------------------------------


def tree(root: Path) -> None:
    for name in (
        "b.md",
        "a.txt",
        "sub/c.html",
        "sub/d.htm",
        "sub/skip.py",
        ".hidden/e.md",
        "sub/.f.md",
        "drafts/g.md",
        "z.markdown",
    ):
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text("Ketamine.\n")


def test_iter_paths_is_sorted_recursive_and_skips_hidden(tmp_path: Path) -> None:
    tree(tmp_path)
    found = [p.relative_to(tmp_path).as_posix() for p in iter_paths([tmp_path])]
    assert found == ["a.txt", "b.md", "z.markdown", "drafts/g.md", "sub/c.html", "sub/d.htm"]


def test_iter_paths_exclude_and_explicit_files(tmp_path: Path) -> None:
    tree(tmp_path)
    found = [p.name for p in iter_paths([tmp_path], exclude=["drafts", "*.htm"])]
    assert found == ["a.txt", "b.md", "z.markdown", "c.html"]
    explicit = tmp_path / "sub" / "skip.py"
    assert list(iter_paths([explicit])) == [explicit]


def test_iter_paths_errors(tmp_path: Path) -> None:
    with pytest.raises(DocumentError, match="no such file or directory"):
        list(iter_paths([tmp_path / "missing"]))
    (tmp_path / "only.py").write_text("x")
    with pytest.raises(DocumentError, match=r"no documents \(.*\.md.*\) in directory"):
        list(iter_paths([tmp_path]))


def test_iter_documents_kinds(tmp_path: Path) -> None:
    tree(tmp_path)
    kinds = {Path(d.path).name: d.kind for d in iter_documents([tmp_path])}
    assert kinds["c.html"] == "html" and kinds["b.md"] == "md" and kinds["a.txt"] == "txt"


# --- sentences --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("It works. It helps!  Does it? Yes.", ["It works.", "It helps!", "Does it?", "Yes."]),
        ("Take 2.5 mg daily. Then stop.", ["Take 2.5 mg daily.", "Then stop."]),
        ("Dr. Smith and Prof. Jones agree.", ["Dr. Smith and Prof. Jones agree."]),
        ("Use e.g. ketamine, i.e. a drug. Next.", ["Use e.g. ketamine, i.e. a drug.", "Next."]),
        ("Banned in the U.S. Food and Drug law.", ["Banned in the U.S. Food and Drug law."]),
        ("Ketamine vs. Esketamine. Next.", ["Ketamine vs. Esketamine.", "Next."]),
        ("It costs approx. 20 dollars. Next.", ["It costs approx. 20 dollars.", "Next."]),
        ("He said “it works.” She left.", ["He said “it works.”", "She left."]),
        ("Ends with no stop\n\nNew paragraph", ["Ends with no stop", "New paragraph"]),
        ("Soft\nwrapped line. More.", ["Soft wrapped line.", "More."]),
        ("Wait... Then it worked.", ["Wait...", "Then it worked."]),
        ("It is schedule I. It is legal.", ["It is schedule I.", "It is legal."]),
        ("etc. and so on.", ["etc. and so on."]),
    ],
)
def test_iter_sentences(source: str, expected: list[str]) -> None:
    assert sentences(source) == expected


def test_txt_list_numbers_do_not_end_sentences() -> None:
    doc = load_document(DOCS / "article.txt")
    assert sentences(doc) == [
        "Ketamine Withdrawal And Detox",
        "Ketamine is a Schedule III drug in the U.S. and is used in anesthesia.",
        "Studies show it works.",
        "1. Ketamine is a proven cure.",
        "2. Experts claim 80% of patients recover.",
        "Dr. Smith says 2.5 mg is enough.",
        "Is it?",
        "Yes!",
    ]


def test_sentence_span_expands_a_hit() -> None:
    source = "First one. Ketamine is a Schedule III drug in the U.S. today. Last one."
    hit = source.index("Schedule")
    s, e = sentence_span(source, hit, hit + 8)
    assert source[s:e] == "Ketamine is a Schedule III drug in the U.S. today."


def test_sentence_span_joins_when_the_hit_crosses_a_boundary() -> None:
    source = "One. Two three. Four."
    s, e = sentence_span(source, source.index("One"), source.index("three"))
    assert source[s:e] == "One. Two three."


def test_sentence_span_on_document_uses_breaks() -> None:
    doc = make_document("<li>Experts agree</li><li>Ketamine is safe</li>", "a.html", "html")
    hit = doc.text.index("safe")
    s, e = sentence_span(doc, hit, hit + 4)
    assert doc.text[s:e] == "Ketamine is safe"


def test_sentence_span_in_long_unbroken_text_is_cut_at_the_window() -> None:
    source = "word " * 5000
    s, e = sentence_span(source, 12000, 12004, window=500)
    assert 11400 <= s <= 11500 and 12500 <= e <= 12504


def test_speed_on_a_megabyte() -> None:
    paragraph = "Ketamine is a Schedule III drug in the U.S. and e.g. Dr. Smith gives 2.5 mg. " * 8
    source = "\n\n".join([paragraph] * 1700)
    assert len(source) > 1_000_000
    started = time.perf_counter()
    doc = make_document(source, "big.md", "md")
    count = sum(1 for _ in iter_sentences(doc))
    for at in range(0, len(doc.text), 5000):
        sentence_span(doc, at, at + 3)
    assert count == 1700 * 8
    assert time.perf_counter() - started < 3.0
