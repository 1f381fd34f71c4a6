"""Loading and validating the knowledge base: every problem, with its file and line."""

from __future__ import annotations

from pathlib import Path

import pytest

from ketcheck.kb import find_kb, load_kb
from ketcheck.yamlsource import InputError


def problems_of(path: Path) -> list[str]:
    with pytest.raises(InputError) as caught:
        load_kb(path)
    return [str(p) for p in caught.value.problems]


def replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_loads_models_and_locates_quotes(basic_kb: Path) -> None:
    kb = load_kb(basic_kb)
    assert [s for s in kb.sources] == ["alpha", "beta"]
    assert len(kb.claims) == 7
    location = kb.location(kb.claim("beta-cravings"))
    assert (location.line, location.column) == (3, 56)
    assert location.path.endswith("sources/beta.txt")


def test_yaml_syntax_error_names_file_and_line(basic_kb: Path) -> None:
    replace(basic_kb / "claims.yaml", "    title: Beta clinic", "    title: [Beta clinic")
    [problem] = problems_of(basic_kb)
    assert problem.startswith(f"{basic_kb / 'claims.yaml'}:")
    assert ":YAML error:" not in problem and "YAML error" in problem


def test_unknown_property_with_suggestion_and_line(basic_kb: Path) -> None:
    replace(
        basic_kb / "claims.yaml",
        "{property: us_schedule, value: III",
        "{property: us_shedule, value: III",
    )
    [problem] = problems_of(basic_kb)
    assert problem == (
        f"{basic_kb / 'claims.yaml'}:23:10: claim 'alpha-schedule': unknown property "
        "'us_shedule' (did you mean 'us_schedule'?)"
    )


def test_unknown_value_and_unknown_source_reported_together(basic_kb: Path) -> None:
    replace(basic_kb / "claims.yaml", "value: sedative}", "value: sedativ}")
    replace(
        basic_kb / "claims.yaml",
        '    source: beta\n    quote: "It lowers',
        '    source: gamma\n    quote: "It lowers',
    )
    problems = problems_of(basic_kb)
    assert len(problems) == 2
    assert any("unknown source 'gamma'" in p for p in problems)
    assert any(
        "unknown value 'sedativ' for property 'drug_class' (did you mean 'sedative'?)" in p
        for p in problems
    )


def test_unknown_key_is_an_error_with_its_line(basic_kb: Path) -> None:
    replace(
        basic_kb / "claims.yaml",
        "    topic: efficacy\n    assertions:\n      - {property: craving, value: decrease}\n  - id: alpha-bp",
        "    topic: efficacy\n    qoute: typo\n    assertions:\n      - {property: craving, value: decrease}\n  - id: alpha-bp",
    )
    [problem] = problems_of(basic_kb)
    assert (
        problem
        == f"{basic_kb / 'claims.yaml'}:28:5: claim 'alpha-cravings': qoute: unknown key (not allowed here)"
    )


def test_python_tags_are_refused_not_executed(basic_kb: Path) -> None:
    replace(
        basic_kb / "facts.yaml",
        "    statement: Zorbamine",
        "    statement: !!python/object/apply:os.system ['touch /tmp/pwned']\n    note: Zorbamine",
    )
    [problem] = problems_of(basic_kb)
    assert "is not allowed" in problem and "python/object/apply:os.system" in problem
    assert problem.startswith(f"{basic_kb / 'facts.yaml'}:")


def test_missing_source_file(basic_kb: Path) -> None:
    (basic_kb / "sources" / "beta.txt").unlink()
    [problem] = problems_of(basic_kb)
    assert problem.endswith("source 'beta': file not found")
    assert ":14:5:" in problem  # the path key of source beta


def test_non_utf8_and_empty_source_files(basic_kb: Path) -> None:
    (basic_kb / "sources" / "alpha.txt").write_bytes(b"Zorbamine \xff is here\n")
    (basic_kb / "sources" / "beta.txt").write_text("  \n", encoding="utf-8")
    problems = problems_of(basic_kb)
    assert any("source 'alpha': not valid UTF-8 (byte 0xff at offset 10)" in p for p in problems)
    assert any("source 'beta': file is empty" in p for p in problems)


def test_duplicate_ids(basic_kb: Path) -> None:
    replace(basic_kb / "claims.yaml", "id: beta-bp", "id: alpha-bp")
    [problem] = problems_of(basic_kb)
    assert problem.endswith("duplicate id 'alpha-bp'")


def test_missing_kb_files_each_reported(tmp_path: Path) -> None:
    (tmp_path / "claims.yaml").write_text("sources: []\nclaims: []\n")
    problems = problems_of(tmp_path)
    assert any(p.endswith("vocabulary.yaml: file not found") for p in problems)
    assert any(p.endswith("facts.yaml: file not found") for p in problems)


def test_discovery_order(basic_kb: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    project = tmp_path / "project"
    (project / "deep" / "er").mkdir(parents=True)
    (project / "data").symlink_to(basic_kb)
    assert (
        find_kb(cwd=project / "deep" / "er") == (project / "data").resolve()
        or find_kb(cwd=project / "deep" / "er") == project.resolve() / "data"
    )
    monkeypatch.setenv("KETCHECK_KB", str(basic_kb))
    assert find_kb(cwd=tmp_path) == basic_kb
    assert find_kb(basic_kb / "claims.yaml") == basic_kb  # --kb may name the claims file
    with pytest.raises(InputError, match="knowledge base \\(--kb\\) does not exist"):
        find_kb(tmp_path / "nowhere")


def test_duplicate_key_is_an_error_with_both_lines(basic_kb: Path) -> None:
    replace(
        basic_kb / "claims.yaml",
        "    topic: side-effects\n",
        "    topic: side-effects\n    topic: efficacy\n",
    )
    [problem] = problems_of(basic_kb)
    assert problem == f"{basic_kb / 'claims.yaml'}:34:5: duplicate key 'topic' (first at line 33)"
