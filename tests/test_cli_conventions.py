"""Issue 10: the command line a ruff or Vale user expects.

Each test reproduces one friction a new user hit (the old behaviour is in a comment) and
asserts the whole new output and exit code. ``CliRunner`` output is not a terminal, so it is
the piped form; terminal tables are pinned with ``TTY_COMPATIBLE=1`` and ``COLUMNS``.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from ketcheck.cli import app

REPO = Path(__file__).parent.parent
ANSI = re.compile(r"\x1b\[[0-9;]*m")


def plain(text: str) -> str:
    """Terminal output without styles (NO_COLOR drops colours, not bold) or trailing pads."""
    return "\n".join(line.rstrip() for line in ANSI.sub("", text).split("\n"))


def piped(*args: str, cwd: Path = REPO) -> subprocess.CompletedProcess[str]:
    """``ketcheck ARGS | cat``: stdout through a real pipe."""
    return subprocess.run(
        [sys.executable, "-m", "ketcheck", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        check=False,
    )


# --- item 2: tables when piped or at 80 columns ------------------------------------------------


def test_sources_piped_is_one_source_per_line(runner: CliRunner, basic_kb: Path) -> None:
    # before: a rich table squeezed to "publ…", "by top…" (about 80 lines for 4 rows)
    result = runner.invoke(app, ["sources", "--kb", str(basic_kb)])
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout == (
        "alpha\tAlpha Health\tblog\tno\t3\tlegal-status 1, efficacy 1, side-effects 1"
        "\tunverified 2, supported 1\n"
        "beta\tBeta Clinic\ttreatment-marketing\tyes\t4\tefficacy 2, pharmacology 1, side-effects 1"
        "\tunverified 4\n"
    )


@pytest.mark.parametrize("command", ["sources", "list"])
def test_shipped_ids_stay_whole_through_a_pipe(command: str) -> None:
    # before: "trademastr-dissoc / iative-anesthetic" (list), "publ…" (sources)
    from ketcheck.kb import load_kb

    kb = load_kb(REPO / "data")
    expected = list(kb.sources) if command == "sources" else [c.id for c in kb.claims]
    done = piped(command, "--kb", "data")
    assert done.returncode == 0, done.stderr
    rows = [line.split("\t") for line in done.stdout.splitlines()]
    assert [row[0] for row in rows] == expected
    assert len({len(row) for row in rows}) == 1  # every record has every field


def test_list_on_a_narrow_terminal_keeps_ids_whole(
    runner: CliRunner, basic_kb: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TTY_COMPATIBLE", "1")
    monkeypatch.setenv("COLUMNS", "80")
    result = runner.invoke(app, ["list", "--kb", str(basic_kb), "--source", "alpha"])
    assert result.exit_code == 0, result.output
    assert plain(result.stdout) == (
        "3 claims\n"
        "alpha-schedule  alpha:3  supported\n"
        "    us_schedule = III\n"
        "    “Zorbamine is a Schedule III drug”\n"
        "alpha-cravings  alpha:3  unverified\n"
        "    craving = decrease\n"
        "    “It reduces cravings in people who use opioids”\n"
        "alpha-bp  alpha:4  unverified\n"
        "    blood_pressure = increase\n"
        "    “Zorbamine raises blood pressure”\n"
    )


def test_sources_on_an_80_column_terminal_fit(
    runner: CliRunner, basic_kb: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TTY_COMPATIBLE", "1")
    monkeypatch.setenv("COLUMNS", "80")
    result = runner.invoke(app, ["sources", "--kb", str(basic_kb)])
    assert result.exit_code == 0, result.output
    assert plain(result.stdout) == (
        "Sources\n"
        "\n"
        " id     publisher     kind                 sells  claims  by verdict\n"
        " " + "─" * 78 + "\n"
        " alpha  Alpha Health  blog                 no          3  unverified 2,\n"
        "                                                          supported 1\n"
        " beta   Beta Clinic   treatment-marketing  yes         4  unverified 4\n"
        "\n"
    )
    assert max(len(line) for line in ANSI.sub("", result.stdout).splitlines()) <= 80
