"""The compiled knowledge-base cache: same output with and without it, never trusted when
stale or damaged, never writing inside the knowledge base or the linted files."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from ketcheck import cache, kb
from ketcheck.cli import app

ARTICLE = Path(__file__).parent / "fixtures" / "articles" / "zentamine.md"


def commands(kb_dir: Path, article: Path) -> list[list[str]]:
    k = ["--kb", str(kb_dir)]
    out = []
    for fmt in ("text", "json"):
        f = ["--format", fmt]
        out += [
            ["validate", *k, *f],
            ["list", *k, *f],
            ["search", "blood", *k, *f],
            ["sources", *k, *f],
            ["sources", "--claim", "blood pressure", *k, *f],
            ["conflicts", *k, *f],
            ["check", *k, *f],
            ["lint", str(article), *k, *f],
        ]
    return out


def run(runner: CliRunner, args: list[str], *, no_cache: bool = False) -> tuple[int, str]:
    result = runner.invoke(app, (["--no-cache"] if no_cache else []) + args)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.stdout


def digest_tree(*roots: Path) -> dict[str, str]:
    found = {}
    for root in roots:
        paths = [root] if root.is_file() else sorted(p for p in root.rglob("*") if p.is_file())
        for path in paths:
            found[str(path)] = hashlib.sha256(path.read_bytes()).hexdigest()
    return found


def test_every_command_gives_the_same_output_with_and_without_the_cache(
    runner: CliRunner, basic_kb: Path, private_cache: Path, tmp_path: Path
) -> None:
    article = tmp_path / "article.md"
    article.write_text(ARTICLE.read_text())
    for args in commands(basic_kb, article):
        expected = run(runner, args, no_cache=True)
        assert run(runner, args) == expected, args  # cold: builds the cache
        assert run(runner, args) == expected, args  # warm: reads it
    assert len(list(private_cache.glob("kb-*.pickle"))) == 1


def test_no_command_writes_into_the_kb_or_the_linted_files(
    runner: CliRunner, basic_kb: Path, tmp_path: Path
) -> None:
    article = tmp_path / "article.md"
    article.write_text(ARTICLE.read_text())
    before = digest_tree(basic_kb, article)
    for args in commands(basic_kb, article):
        run(runner, args)
        run(runner, args, no_cache=True)
        # same files (none added, none removed), same bytes
        assert digest_tree(basic_kb, article) == before, args


def test_warm_load_does_not_parse(basic_kb: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first = kb.load_kb(basic_kb, cache=True)

    def refuse(directory: Path) -> None:
        raise AssertionError("parsed the files despite a current cache")

    monkeypatch.setattr(kb, "_load", refuse)
    again = kb.load_kb(basic_kb, cache=True)
    assert [c.id for c in again.claims] == [c.id for c in first.claims]
    assert again.verdicts is not None and again.search_index is not None


def cache_file(private_cache: Path) -> Path:
    [path] = private_cache.glob("kb-*.pickle")
    return path


@pytest.mark.parametrize(
    "damage",
    [
        lambda b: b[: len(b) // 2],  # truncated
        lambda b: b[:-10] + bytes(10),  # corrupt payload
        lambda b: b"not a cache at all",
        lambda b: b"",
    ],
)
def test_a_damaged_cache_is_rebuilt_not_trusted(
    basic_kb: Path, private_cache: Path, damage
) -> None:
    good = kb.load_kb(basic_kb, cache=True)
    path = cache_file(private_cache)
    path.write_bytes(damage(path.read_bytes()))
    key = cache.content_key(basic_kb)
    assert cache.read(key) is None
    again = kb.load_kb(basic_kb, cache=True)
    assert [c.id for c in again.claims] == [c.id for c in good.claims]
    assert cache.read(key) is not None  # rewritten


def test_damaged_analyses_are_computed_again(
    runner: CliRunner, basic_kb: Path, private_cache: Path
) -> None:
    args = ["conflicts", "--kb", str(basic_kb), "--format", "json"]
    expected = run(runner, args, no_cache=True)
    run(runner, args)
    [analyses] = private_cache.glob("analyses-*.pickle")
    analyses.write_bytes(analyses.read_bytes()[:-5])
    assert run(runner, args) == expected


def test_an_edited_kb_is_not_read_from_the_cache(basic_kb: Path) -> None:
    kb.load_kb(basic_kb, cache=True)
    claims = basic_kb / "claims.yaml"
    claims.write_text(claims.read_text().replace("id: alpha-bp", "id: alpha-blood"))
    ids = [c.id for c in kb.load_kb(basic_kb, cache=True).claims]
    assert "alpha-blood" in ids and "alpha-bp" not in ids
    source = basic_kb / "sources" / "alpha.txt"
    source.write_text(source.read_text().replace("raises blood pressure", "lifts blood pressure"))
    loaded = kb.load_kb(basic_kb, cache=True)
    assert loaded.quote_spans["alpha-blood"] is None  # the quote is no longer in its source


def test_cache_is_off_for_library_callers_and_with_the_switches(
    runner: CliRunner, basic_kb: Path, private_cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    kb.load_kb(basic_kb)
    assert not list(private_cache.iterdir())
    run(runner, ["list", "--kb", str(basic_kb)], no_cache=True)
    assert not list(private_cache.iterdir())
    monkeypatch.setenv("KETCHECK_NO_CACHE", "1")
    run(runner, ["list", "--kb", str(basic_kb)])
    assert not list(private_cache.iterdir())


def test_moved_kb_shows_its_new_paths(basic_kb: Path, tmp_path: Path) -> None:
    kb.load_kb(basic_kb, cache=True)
    moved = tmp_path / "elsewhere"
    basic_kb.rename(moved)
    loaded = kb.load_kb(moved, cache=True)
    assert loaded.root == moved
    assert loaded.source_path("alpha") == str(moved / "sources" / "alpha.txt")


def test_two_processes_building_at_once_both_succeed(basic_kb: Path, private_cache: Path) -> None:
    env = {**os.environ, "KETCHECK_CACHE_DIR": str(private_cache), "NO_COLOR": "1"}
    args = [sys.executable, "-m", "ketcheck", "list", "--kb", str(basic_kb), "--format", "json"]
    expected = subprocess.run(
        [sys.executable, "-m", "ketcheck", "--no-cache", *args[3:]],
        env=env,
        capture_output=True,
        check=True,
    ).stdout
    procs = [subprocess.Popen(args, env=env, stdout=subprocess.PIPE) for _ in range(3)]
    outputs = [p.communicate()[0] for p in procs]
    assert all(p.returncode == 0 for p in procs)
    assert outputs == [expected] * 3
    assert cache.read(cache.content_key(basic_kb)) is not None
    assert not list(private_cache.glob("*.tmp"))
