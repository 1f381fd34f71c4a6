"""Issue 10, item 1: an installed ketcheck, run from anywhere, finds the bundled knowledge base.

``pip install -e .`` (the README's test command) has no ``ketcheck/_data``: the repository's
``data/`` beside ``src/`` is the bundled copy then. Paths outside the working directory are
printed absolute, never relative to ``/`` (which read as ``tmp/…`` without the slash).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

import ketcheck
from ketcheck.kb import bundled_kb, display_path, load_kb

REPO = Path(__file__).parent.parent
SCRIPT = Path(sys.executable).parent / "ketcheck"


def test_editable_install_bundles_the_repository_data() -> None:
    if Path(ketcheck.__file__).resolve().parent != REPO / "src" / "ketcheck":
        pytest.skip("ketcheck is not imported from this repository's src/")
    assert bundled_kb() == REPO / "data"


@pytest.mark.skipif(not SCRIPT.is_file(), reason="the console script is not installed")
def test_console_script_from_the_root_lists_every_claim() -> None:
    # before: "ketcheck: error: /: no knowledge base found (use --kb PATH)", exit 2
    env = {k: v for k, v in os.environ.items() if k != "KETCHECK_KB"}
    done = subprocess.run(
        [str(SCRIPT), "list", "--format", "json"],
        cwd="/",
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert (done.returncode, done.stderr) == (0, "")
    items = json.loads(done.stdout)
    kb = load_kb(bundled_kb())
    assert [i["id"] for i in items] == [c.id for c in kb.claims]
    assert all(Path(i["path"]).is_absolute() and Path(i["path"]).is_file() for i in items)


def test_paths_outside_the_working_directory_are_absolute(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    target = tmp_path / "a" / "claims.yaml"
    (tmp_path / "b").mkdir()
    monkeypatch.chdir("/")
    assert display_path(target) == target.resolve().as_posix()  # before: "tmp/…/claims.yaml"
    monkeypatch.chdir(tmp_path)
    assert display_path(target) == "a/claims.yaml"
    monkeypatch.chdir(tmp_path / "b")
    assert display_path(target) == target.resolve().as_posix()
