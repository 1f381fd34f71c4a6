"""The console entry point: usage errors are one line on stderr with exit code 2."""

from __future__ import annotations

import pytest

from ketcheck.cli import main


def run_main(monkeypatch: pytest.MonkeyPatch, *args: str) -> int:
    monkeypatch.setattr("sys.argv", ["ketcheck", *args])
    with pytest.raises(SystemExit) as exited:
        main()
    return int(exited.value.code or 0)


@pytest.mark.parametrize(
    "args, message",
    [
        (
            ["list", "--format", "yaml"],
            "ketcheck: error: Invalid value for '--format' / '-f': 'yaml' is not one of "
            "'text', 'json'. (see 'ketcheck list --help')\n",
        ),
        (["nosuch"], "ketcheck: error: No such command 'nosuch'.\n"),
        (
            ["draft", "article.txt"],
            "ketcheck: error: Missing option '--source-id'. (see 'ketcheck draft --help')\n",
        ),
    ],
)
def test_usage_errors_are_one_line(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture, args: list[str], message: str
) -> None:
    assert run_main(monkeypatch, *args) == 2
    captured = capsys.readouterr()
    assert captured.err == message
    assert captured.out == ""


def test_exit_codes_pass_through(monkeypatch: pytest.MonkeyPatch, capsys) -> None:
    assert run_main(monkeypatch, "--version") == 0
    assert capsys.readouterr().out.startswith("ketcheck ")
    assert run_main(monkeypatch, "validate") == 0
