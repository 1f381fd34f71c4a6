"""Hostile input: each failure a fuzz campaign found, and the general defences behind them.

Every bad input ends as one clean ``ketcheck: error:`` line per problem and exit 2 (or a
finding), never a traceback or a hang, and the other files are still reported.
"""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from ketcheck import markup
from ketcheck.cli import app
from ketcheck.kb import closest_passage, load_kb
from ketcheck.text import DocumentError, load_document, make_document
from ketcheck.yamlsource import InputError, duplicate_keys, parse_yaml

FIXTURES = Path(__file__).parent / "fixtures"


def error_lines(output: str) -> list[str]:
    lines = output.splitlines()
    assert lines, "expected an error line"
    for line in lines:
        assert line.startswith("ketcheck: error: "), line
    return lines


def validate(runner: CliRunner, kb: Path) -> tuple[int, str]:
    result = runner.invoke(app, ["validate", "--kb", str(kb)])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.output


# --- tracebacks -------------------------------------------------------------------------------


def test_html_marked_section_does_not_crash_and_other_files_are_reported(
    runner: CliRunner, tmp_path: Path
) -> None:
    bad = tmp_path / "bad.html"
    bad.write_text("<p>Ketamine is a Schedule I drug.</p><![foo[ x")
    good = tmp_path / "good.txt"
    good.write_text("Ketamine is a Schedule I drug in the US.\n")
    result = runner.invoke(app, ["lint", "--format", "json", str(bad), str(good)])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert str(good) in result.stdout and str(bad) in result.stdout
    assert make_document("<p>a</p><![foo[ x", "a.html", "html").text.split() == ["a"]


def test_yaml_nested_990_deep_is_a_clean_error(runner: CliRunner, basic_kb: Path) -> None:
    claims = basic_kb / "claims.yaml"
    text = claims.read_text()
    claims.write_text(text + "extra: " + "[" * 990 + "]" * 990 + "\n")
    code, output = validate(runner, basic_kb)
    assert code == 2
    line = text.count("\n") + 1
    assert error_lines(output) == [
        f"ketcheck: error: {claims}:{line}:1: unknown top-level key 'extra' "
        "(allowed: sources, claims)"
    ]


def test_duplicate_key_check_is_iterative() -> None:
    deep = "a: " + "[" * 5000 + "{k: 1, k: 2}" + "]" * 5000 + "\n"
    with pytest.raises(InputError) as info:
        parse_yaml(deep, "deep.yaml")
    # libyaml refuses this depth itself; the duplicate-key walk must not fail first
    assert "nesting depth" in str(info.value) or "duplicate key" in str(info.value)
    with pytest.raises(InputError) as info:
        parse_yaml("a: " + "[" * 900 + "{k: 1, k: 2}" + "]" * 900 + "\n", "d.yaml")
    assert [p.message for p in info.value.problems] == ["duplicate key 'k' (first at line 1)"]
    assert duplicate_keys(None, "empty.yaml") == []


# --- hangs ------------------------------------------------------------------------------------


def alias_bomb(levels: int = 30) -> str:
    lines = ["a0: &a0 [x, x]"]
    for n in range(1, levels):
        lines.append(f"a{n}: &a{n} [*a{n - 1}, *a{n - 1}]")
    return "\n".join(lines) + "\n"


def test_alias_bomb_is_not_walked() -> None:
    started = time.perf_counter()
    doc = parse_yaml(alias_bomb(), "bomb.yaml")  # 2**30 leaves if aliases were followed
    assert doc.data["a0"] == ["x", "x"]
    assert time.perf_counter() - started < 10  # a hang detector, not a speed target


def test_alias_bomb_in_the_knowledge_base_is_a_clean_error(
    runner: CliRunner, basic_kb: Path
) -> None:
    (basic_kb / "facts.yaml").write_text(
        (basic_kb / "facts.yaml").read_text() + alias_bomb().replace("a0:", "bomb0:", 1)
    )
    code, output = validate(runner, basic_kb)
    assert code == 2
    assert all("unknown top-level key" in line for line in error_lines(output))


def test_closest_passage_on_a_long_quote_is_bounded() -> None:
    text = " ".join(f"word{n % 997}" for n in range(20000))
    quote = " ".join(f"word{n % 991}" for n in range(5000))  # about 30 KB
    started = time.perf_counter()
    offset, passage = closest_passage(text, quote)
    assert time.perf_counter() - started < 10
    assert text[offset:].startswith(passage) and len(passage.split()) <= 61


def test_closest_passage_still_finds_the_near_miss() -> None:
    text = "Intro words here. Ketamine is a Schedule III non-narcotic. More text after it."
    offset, passage = closest_passage(text, "Ketamine is a Schedule 3 non-narcotic.")
    assert passage == "Ketamine is a Schedule III non-narcotic."
    assert offset == text.index("Ketamine")


ADVERSARIAL = {
    "hashes": "#" * 100_000,
    "heading spaces": "# " + " " * 100_000 + "x",
    "table spaces": "| a |" + " " * 100_000 + "\n|---|---|\n",
    "open tags": "<a " * 33_000,
    "open comments": "<!--" * 25_000,
    "comment-like": "<!-- x>" * 14_000,
    "quoted attributes": '<a x="' * 16_000,
    "marked sections": "<![foo[" * 14_000,
    "brackets": "[" * 100_000,
    "footnote refs": "[^" * 50_000,
    "link openers": "[a](" * 25_000,
    "backticks": "`a " * 33_000,
    "emphasis": "*a" * 50_000,
    "directives": "ketcheck: ignore[" * 6_000,
    "spaces before a directive": " " * 100_000 + "ketcheck: ignore",
    "blockquote markers": "> " * 50_000,
    "list markers": "- " * 50_000,
    "script openers": "<script>" * 12_500,
}


@pytest.mark.parametrize("kind", ["txt", "md", "html"])
@pytest.mark.parametrize("name", list(ADVERSARIAL))
def test_markup_is_linear_on_100kb_adversarial_lines(name: str, kind: str) -> None:
    source = ADVERSARIAL[name]
    started = time.perf_counter()
    doc = make_document(source, f"a.{kind}", kind)  # type: ignore[arg-type]
    elapsed = time.perf_counter() - started
    assert len(doc.text) == len(source)
    # quadratic forms took minutes here; linear ones take a fraction of a second
    assert elapsed < 5, f"{name} ({kind}): {elapsed:.1f}s"


def test_html_tokens_cover_the_input_once() -> None:
    source = '<p a="x>y">Hi</p><!-- c --><br/>text<script>if (a<b) {}</script>end<a x="'
    tokens = list(markup.html_tokens(source))
    offsets = [t[0] for t in tokens]
    assert offsets == sorted(set(offsets)) and offsets[0] == 0
    kinds = [(source[t[0] : t[0] + 4], t[1]) for t in tokens]
    assert ("<p a", "start") in kinds and ("<!--", "markup") in kinds
    assert ("<br/", "void") in kinds and ("if (", "raw") in kinds
    text = make_document(source, "a.html", "html").text
    assert text.split() == ["Hi", "text", "end"]


# --- special files ----------------------------------------------------------------------------


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_fifo_as_lint_input_is_refused_by_type(runner: CliRunner, tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    with pytest.raises(DocumentError, match=r"is a FIFO, not a regular file$"):
        load_document(fifo)
    good = tmp_path / "good.txt"
    good.write_text("Ketamine is an anesthetic.\n")
    result = runner.invoke(app, ["lint", str(fifo), str(good)])
    assert result.exit_code == 2
    assert f"ketcheck: error: {fifo}: is a FIFO, not a regular file" in result.output


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
def test_device_as_lint_input_is_refused_by_type() -> None:
    with pytest.raises(DocumentError, match=r"^/dev/zero: is a character device"):
        load_document("/dev/zero")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_fifo_as_source_path_is_refused(runner: CliRunner, basic_kb: Path) -> None:
    (basic_kb / "sources" / "alpha.txt").unlink()
    os.mkfifo(basic_kb / "sources" / "alpha.txt")
    code, output = validate(runner, basic_kb)
    assert code == 2
    [line] = error_lines(output)
    assert (
        line.endswith("source 'alpha': is a FIFO, not a regular file")
        and f"{basic_kb / 'claims.yaml'}:7:" in line
    )


# --- security ---------------------------------------------------------------------------------


@pytest.mark.parametrize("path", ["/etc/passwd", "../outside.txt", "sources/../../outside.txt"])
def test_source_paths_are_confined_to_the_kb(runner: CliRunner, basic_kb: Path, path: str) -> None:
    (basic_kb.parent / "outside.txt").write_text("Zorbamine is a Schedule III drug\n")
    claims = basic_kb / "claims.yaml"
    claims.write_text(claims.read_text().replace("path: sources/alpha.txt", f"path: {path}"))
    code, output = validate(runner, basic_kb)
    assert code == 2
    assert error_lines(output) == [
        f"ketcheck: error: {claims}:7:5: source 'alpha': path '{path}' is outside the "
        "knowledge-base directory"
    ]


def test_symlink_out_of_the_kb_is_refused(basic_kb: Path) -> None:
    target = basic_kb / "sources" / "alpha.txt"
    outside = basic_kb.parent / "secret.txt"
    shutil.move(target, outside)
    target.symlink_to(outside)
    with pytest.raises(InputError, match="outside the knowledge-base directory"):
        load_kb(basic_kb)


# --- malformed errors -------------------------------------------------------------------------


def test_control_byte_after_8kb_has_a_position(runner: CliRunner, basic_kb: Path) -> None:
    claims = basic_kb / "claims.yaml"
    padding = "".join(f"# padding line {n}\n" for n in range(600))
    claims.write_text(padding + claims.read_text().replace("Beta clinic", "Beta\x07clinic"))
    code, output = validate(runner, basic_kb)
    assert code == 2
    assert error_lines(output) == [
        f"ketcheck: error: {claims}:610:16: control character U+0007 is not allowed in YAML"
    ]


def test_newline_in_an_id_does_not_split_the_error_line(runner: CliRunner, basic_kb: Path) -> None:
    claims = basic_kb / "claims.yaml"
    claims.write_text(claims.read_text().replace("id: alpha-cravings", 'id: "alpha\\ncravings"'))
    code, output = validate(runner, basic_kb)
    assert code == 2
    [line] = error_lines(output)
    assert "claim 'alpha\\ncravings': id:" in line


def test_newline_in_a_file_name_does_not_split_the_error_line(
    runner: CliRunner, tmp_path: Path
) -> None:
    odd = tmp_path / "two\nlines.txt"
    odd.write_bytes(b"\xff\xfe")
    result = runner.invoke(app, ["lint", str(odd)])
    assert result.exit_code == 2
    assert [line for line in result.output.splitlines() if "error" in line] == [
        f"ketcheck: error: {tmp_path}/two\\nlines.txt:1: invalid UTF-8 (byte 0xff at offset 0)"
    ]


# --- silent accept ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "allowed"), [("claims.yaml", "sources, claims"), ("facts.yaml", "facts")]
)
def test_unknown_top_level_keys_are_rejected(
    runner: CliRunner, basic_kb: Path, name: str, allowed: str
) -> None:
    path = basic_kb / name
    text = path.read_text()
    path.write_text(text + "clams: []\n")
    code, output = validate(runner, basic_kb)
    assert code == 2
    line = text.count("\n") + 1
    assert error_lines(output) == [
        f"ketcheck: error: {path}:{line}:1: unknown top-level key 'clams'"
        + (" (did you mean 'claims'?)" if name == "claims.yaml" else "")
        + f" (allowed: {allowed})"
    ]


def test_fixture_kb_is_untouched_by_these_tests() -> None:
    assert (FIXTURES / "kb_basic" / "claims.yaml").read_text().startswith("sources:")


def test_a_run_on_sentence_of_claims_is_read_in_bounded_windows() -> None:
    # before: 50 KB of one sentence repeated without spaces took minutes (every claim was read
    # in, and quoted, the whole 50 KB "sentence"); each is now read in a window around it
    from ketcheck.lint import Linter

    linter = Linter(load_kb(Path(__file__).parent.parent / "data"))
    text = "Ketamine is a Schedule I drug." * 1600
    started = time.perf_counter()
    result = linter.check(make_document(text, "a.md", "md"))
    elapsed = time.perf_counter() - started
    assert {f.rule for f in result.findings} == {"KC103"}
    assert max(len(f.quote or "") for f in result.findings) < 2000
    assert elapsed < 30, f"{elapsed:.1f}s"  # a hang guard, not a speed target
