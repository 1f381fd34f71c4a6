"""Issue 10: the command line a ruff or Vale user expects.

Each test reproduces one friction a new user hit (the old behaviour is in a comment) and
asserts the whole new output and exit code. ``CliRunner`` output is not a terminal, so it is
the piped form; terminal tables are pinned with ``TTY_COMPATIBLE=1`` and ``COLUMNS``.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from ketcheck.cli import app

REPO = Path(__file__).parent.parent
SHIPPED = str(REPO / "data")
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
    done = piped(command, "--kb", SHIPPED)
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


# --- item 5: options silently dropped or accepted ------------------------------------------------

SMALL = REPO / "tests" / "fixtures" / "kb_small"
ARTICLES = REPO / "tests" / "fixtures" / "articles"


def run_main(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture, *args: str):  # type: ignore[no-untyped-def]
    """The console entry point (usage errors are formatted there), as (code, out, err)."""
    from ketcheck.cli import main

    monkeypatch.setattr("sys.argv", ["ketcheck", *args])
    with pytest.raises(SystemExit) as exited:
        main()
    captured = capsys.readouterr()
    return int(exited.value.code or 0), captured.out, captured.err


def test_repeated_rule_options_accumulate(runner: CliRunner) -> None:
    # before: --rule KC102 --rule KC104 kept only KC104 ("1 findings")
    def rules_of(*args: str) -> list[dict]:
        result = runner.invoke(app, ["conflicts", "--kb", SHIPPED, *args, "--format", "json"])
        assert result.exit_code in (0, 1), result.output
        return json.loads(result.stdout)

    both = rules_of("--rule", "KC102", "--rule", "KC104")
    one, other = rules_of("--rule", "KC102"), rules_of("--rule", "KC104")
    assert one and other
    key = lambda f: (f["path"], f["line"], f["column"], f["rule"])  # noqa: E731
    assert both == sorted([*one, *other], key=key)
    result = runner.invoke(app, ["conflicts", "--kb", SHIPPED, "-r", "KC102", "-r", "KC104"])
    assert result.stderr == f"{len(both)} findings\n"


def test_single_value_option_given_twice_is_a_usage_error(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture
) -> None:
    # before: the last --source won silently
    code, out, err = run_main(monkeypatch, capsys, "list", "--source", "ark", "-s", "avenues")
    assert (code, out) == (2, "")
    assert err == (
        "ketcheck: error: '--source' / '-s' takes one value; it was given 2 times "
        "(see 'ketcheck list --help')\n"
    )


def test_statistics_has_a_json_form(runner: CliRunner, monkeypatch: pytest.MonkeyPatch) -> None:
    # before: --statistics --format json printed the findings
    monkeypatch.chdir(ARTICLES)
    args = ["lint", "zentamine.txt", "--kb", str(SMALL), "--isolated", "--statistics"]
    result = runner.invoke(app, [*args, "--format", "json"])
    assert (result.exit_code, result.stderr) == (1, "")
    assert json.loads(result.stdout) == [
        {"code": "KC103", "name": "contradicts-reference", "count": 2, "severity": "error"},
        {"code": "KC401", "name": "control-status-terminology", "count": 1, "severity": "warning"},
    ]
    result = runner.invoke(app, [*args, "--format", "github"])
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == (
        "ketcheck: error: --statistics works with --format text or json, not github\n"
    )


def test_sources_on_an_unknown_point_is_a_usage_error(runner: CliRunner) -> None:
    # before: every source "silent on this point", exit 0
    result = runner.invoke(app, ["sources", "--kb", SHIPPED, "--claim", "shedule"])
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == (
        "ketcheck: error: --claim: no property, topic or claim matches 'shedule' "
        "(did you mean 'schedule'?)\n"
    )
    known = runner.invoke(app, ["sources", "--kb", SHIPPED, "--claim", "schedule", "-q"])
    assert known.exit_code == 0 and "us_schedule = III" in known.stdout


def test_unknown_code_in_a_suppression_is_kc900(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    # before: ignore[KC2O1] was accepted silently (and hid nothing)
    monkeypatch.chdir(tmp_path)
    Path("a.txt").write_text(
        "Zentamine raises blood pressure.\n# ketcheck: ignore[KC2O1]\nZentamine is a stimulant.\n"
    )
    args = ["lint", "a.txt", "--kb", str(SMALL), "--isolated", "--select", "KC2,KC900"]
    result = runner.invoke(app, args)
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout == (
        "a.txt:2:3: KC900 [warning] unknown rule code 'KC2O1' in 'ketcheck: ignore[KC2O1]' "
        "(did you mean 'KC201'?)\n"
        "  |\n"
        "2 | # ketcheck: ignore[KC2O1]\n"
        "  |   ^\n"
        "\n"
        "1 finding (1 warning) in 1 file\n"
    )
    # KC900 is a code like any: --ignore takes it (before: "unknown rule code or prefix")
    result = runner.invoke(app, [*args, "--ignore", "KC900"])
    assert (result.exit_code, result.stdout, result.stderr) == (0, "No findings in 1 file\n", "")


def test_ignoring_a_rule_leaves_other_rules_counts_alone(runner: CliRunner) -> None:
    # before: --ignore KC103 raised KC101 from 0 to 3 here (3 to 13 on the devset)
    target = str(ARTICLES / "ketamine-wrong.txt")

    def counts(*extra: str) -> dict[str, int]:
        args = ["lint", target, "--kb", SHIPPED, "--isolated", "--statistics", "-f", "json"]
        result = runner.invoke(app, [*args, *extra])
        return {row["code"]: row["count"] for row in json.loads(result.stdout)}

    everything, without = counts(), counts("--ignore", "KC103")
    assert without == {k: n for k, n in everything.items() if k != "KC103"}


@pytest.mark.parametrize(
    "typo, message",
    [
        ("--bogus", "No such option: --bogus"),  # before: "(Possible options: --jobs)"
        ("--quite", "No such option: --quite (Possible options: --quiet)"),
    ],
)
def test_unknown_option_suggests_only_close_matches(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture, typo: str, message: str
) -> None:
    code, out, err = run_main(monkeypatch, capsys, "lint", typo, "x.txt")
    assert (code, out, err) == (2, "", f"ketcheck: error: {message} (see 'ketcheck lint --help')\n")


# --- item 6: HTML on standard input ---------------------------------------------------------------


def test_html_on_stdin_is_read_as_html(runner: CliRunner) -> None:
    # before: linted as plain text, tags, script and style included
    page = (
        "<!DOCTYPE html>\n<html><head><style>p { content: 'Zentamine is a stimulant.' }</style>"
        "</head>\n<body><p>It is a class III scheduled drug.</p>\n"
        "<script>var s = 'Zentamine is a stimulant.';</script></body></html>\n"
    )
    args = ["lint", "-", "--kb", str(SMALL), "--isolated", "--format", "json"]
    sniffed = runner.invoke(app, args, input=page)
    assert sniffed.exit_code == 0, sniffed.output
    assert [(f["path"], f["line"], f["rule"]) for f in json.loads(sniffed.stdout)] == [
        ("-", 3, "KC401")
    ]
    as_text = runner.invoke(app, [*args, "--stdin-filename", "page.txt"], input=page)
    assert as_text.exit_code == 1
    # as text, the style and script contents are read as the article's own sentences
    found = {(f["line"], f["rule"]) for f in json.loads(as_text.stdout)}
    assert {(2, "KC103"), (4, "KC103")} <= found


@pytest.mark.parametrize(
    "start, kind",
    [
        (b"<!doctype html><p>x", "html"),
        (b"\xef\xbb\xbf  <html lang=en>", "html"),
        (b'<?xml version="1.0"?>\n<!-- saved -->\n<HTML>', "html"),
        (b"<htmlish> is not a tag we know", "txt"),
        (b"Ketamine <b>is</b> here", "txt"),
    ],
)
def test_stdin_sniffing(start: bytes, kind: str) -> None:
    from ketcheck.cli.lint_commands import stdin_kind

    assert stdin_kind(start, "-") == kind
    assert stdin_kind(start, "notes.md") == "md"  # --stdin-filename's extension decides


# --- item 7: conventions --------------------------------------------------------------------------


def test_shell_completion_is_typers_own(monkeypatch: pytest.MonkeyPatch) -> None:
    # before: --install-completion / --show-completion were switched off
    done = subprocess.run(
        [sys.executable, "-m", "ketcheck"],
        env={**__import__("os").environ, "_KETCHECK_COMPLETE": "complete_bash",
             "COMP_WORDS": "ketcheck li", "COMP_CWORD": "1"},
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert (done.returncode, done.stdout, done.stderr) == (0, "list\nlint\n", "")


def test_root_help_offers_completion(runner: CliRunner) -> None:
    result = runner.invoke(app, ["--help"])
    assert result.exit_code == 0
    assert "--install-completion" in result.stdout and "--show-completion" in result.stdout


COMMANDS = ["conflicts", "check", "validate", "list", "search", "sources", "lint", "draft"]
COMMANDS += ["rules", "config"]


@pytest.mark.parametrize("command", COMMANDS)
def test_help_has_no_python_isms(runner: CliRunner, command: str) -> None:
    # before: "<bool>" on every flag, "<list[str]>", "{paths}...", "<str>"
    result = runner.invoke(app, [command, "--help"])
    assert result.exit_code == 0, result.output
    for python_ism in ("<bool>", "list[", "<str>", "{", "}"):
        assert python_ism not in result.stdout, (command, python_ism)


def test_usage_lines_read_as_in_man_pages(runner: CliRunner) -> None:
    usage = {
        command: next(
            line.strip()
            for line in runner.invoke(app, [command, "--help"]).stdout.splitlines()
            if "Usage:" in line
        )
        for command in ("lint", "search", "rules", "draft")
    }
    assert usage == {
        "lint": "Usage: ketcheck lint [OPTIONS] PATH...",
        "search": "Usage: ketcheck search [OPTIONS] QUERY",
        "rules": "Usage: ketcheck rules [OPTIONS] [CODE]",
        "draft": "Usage: ketcheck draft [OPTIONS] ARTICLE",
    }


def test_bare_ketcheck_prints_help_without_an_empty_error(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture
) -> None:
    # before: the help, then "ketcheck: error: " with nothing after it
    code, out, err = run_main(monkeypatch, capsys)
    assert (code, err) == (2, "")
    assert "Usage: ketcheck [OPTIONS] COMMAND [ARGS]..." in out


@pytest.mark.parametrize(
    "args",
    [
        ["validate"],
        ["list", "--source", "ark"],
        ["search", "craving"],
        ["search", "nothing-matches-this"],
        ["sources"],
        ["conflicts", "--rule", "KC102"],
        ["check", "--source", "ark"],
    ],
)
def test_quiet_on_every_listing_command(runner: CliRunner, args: list[str]) -> None:
    # before: --quiet existed only on lint
    loud = runner.invoke(app, [*args, "--kb", SHIPPED])
    quiet = runner.invoke(app, [*args, "--kb", SHIPPED, "--quiet"])
    assert quiet.exit_code == loud.exit_code, quiet.output
    assert quiet.stderr == ""
    assert quiet.stdout == loud.stdout


def test_config_prints_settings_and_where_each_came_from(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    # before: no way to print the effective configuration
    monkeypatch.chdir(tmp_path)
    Path("ketcheck.toml").write_text(
        'ignore = ["KC204"]\nfail-on = "warning"\nseverity = { KC201 = "info" }\n'
    )
    result = runner.invoke(app, ["config", "--kb", SHIPPED])
    assert (result.exit_code, result.stderr) == (0, "")
    rows = [
        ("select", '["ALL"]', "default"),
        ("ignore", '["KC204"]', "ketcheck.toml:1"),
        ("severity", '{ KC201 = "info" }', "ketcheck.toml:3"),
        ("fail-on", '"warning"', "ketcheck.toml:2"),
        ("format", '"text"', "default"),
        ("exclude", "[]", "default"),
        ("strict", "false", "default"),
        ("jurisdiction", "null", "default"),
        ("reviewer", "null", "default"),
        ("reviewer-url", "null", "default"),
        ("report-url", "null", "default"),
        ("kb", f'"{SHIPPED}"', "--kb"),
    ]
    width = max(len(v) for _, v, _ in rows)
    keys = max(len(k) for k, _, _ in rows)
    assert result.stdout == "# configuration file: ketcheck.toml\n" + "".join(
        f"{k:<{keys}} = {v:<{width}}  # {o}\n" for k, v, o in rows
    )
    result = runner.invoke(app, ["config", "--isolated", "--kb", SHIPPED, "--format", "json"])
    assert json.loads(result.stdout)["settings"][1] == {
        "key": "ignore",
        "value": [],
        "origin": "default",
    }


def lint_text(runner: CliRunner, text: str, *args: str, name: str = "a.md"):  # type: ignore[no-untyped-def]
    Path(name).write_text(text, encoding="utf-8")
    return runner.invoke(app, ["lint", name, "--kb", SHIPPED, "--isolated", *args])


def test_block_and_file_suppressions(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    # before: "ketcheck: off" and "ignore-file" were prose; every finding was reported
    monkeypatch.chdir(tmp_path)
    body = (
        "Ketamine is a proven cure for cravings.\n"
        "\n"
        "> Ketamine reduces cravings in 80% of patients, the brochure says.\n"
    )
    bare = lint_text(runner, body, "--select", "KC2", "-q", name="bare.md")
    assert [line.split(": ")[0] for line in bare.stdout.splitlines() if ": KC" in line] == [
        "bare.md:1:15",
        "bare.md:3:32",
    ]
    text = (
        "<!-- ketcheck: ignore-file[KC204] -->\n"
        + body.replace("> Ketamine", "<!-- ketcheck: off -->\n> Ketamine")
        + "<!-- ketcheck: on -->\n"
        + "Ketamine reduces cravings in 80% of patients.\n"
    )
    result = lint_text(runner, text, "--select", "KC2", "--strict")
    assert result.exit_code == 0
    assert result.stdout == (
        "a.md:7:30: KC201 [warning] statistic “80%” with no checkable source\n"
        "  |\n"
        "7 | Ketamine reduces cravings in 80% of patients.\n"
        "  |                              ^~~\n"
        "  = help: name the study or data the figure comes from\n"
        "\n"
        "1 finding (1 warning) in 1 file\n"
    )


def test_readme_suppression_examples_are_used_under_strict(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    # before: the README's own example was reported as KC900 unused under --strict
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Suppressions", 1)[1].split("\n## ", 1)[0]
    blocks = re.findall(r"```(markdown|text)\n(.*?)```", section, re.S)
    assert len(blocks) >= 3
    monkeypatch.chdir(tmp_path)
    for n, (kind, body) in enumerate(blocks):
        name = f"example{n}.{'md' if kind == 'markdown' else 'txt'}"
        result = lint_text(runner, body, "--strict", "-f", "json", name=name)
        assert [f for f in json.loads(result.stdout) if f["rule"] == "KC900"] == [], body
        unsuppressed = re.sub(r"<!--.*?-->|# ketcheck:.*", "", body)
        bare = lint_text(runner, unsuppressed, "-f", "json", name="bare-" + name)
        assert len(json.loads(bare.stdout)) > len(json.loads(result.stdout)), body


# --- item 8: draft and validate -------------------------------------------------------------------

MARKDOWN = (
    "# Zentamine\n\n**Zentamine** is a *stimulant*.\n\n"
    "It is a class III scheduled drug, and [Zentamine](https://x.org)'s label says it raises "
    "blood pressure.\n"
)


@pytest.mark.parametrize(
    "name, text",
    [
        ("marked.md", MARKDOWN),
        ("zentamine.md", (ARTICLES / "zentamine.md").read_text(encoding="utf-8")),
        ("zentamine.html", (ARTICLES / "zentamine.html").read_text(encoding="utf-8")),
        ("zentamine.txt", (ARTICLES / "zentamine.txt").read_text(encoding="utf-8")),
    ],
)
def test_every_drafted_candidate_validates_once_pasted(
    runner: CliRunner, tmp_path: Path, name: str, text: str
) -> None:
    # before: Markdown stripping put spaces into quotes ("Zentamine is a stimulant ."), which
    # no saved file holds: KC301 on paste
    import shutil

    import yaml

    kb = tmp_path / "kb"
    shutil.copytree(SMALL, kb)
    article = tmp_path / name
    article.write_text(text, encoding="utf-8")
    result = runner.invoke(app, ["draft", str(article), "--source-id", "new", "--kb", str(kb)])
    assert result.exit_code == 0, result.output
    drafted = yaml.safe_load(result.stdout)
    saved = f"sources/new{article.suffix}"
    assert result.stderr == (
        f"{len(drafted)} candidate claims from {article}; save the file unchanged as {saved} "
        "in the knowledge base, so the quotes validate\n"
    )
    assert drafted and all(c["quote"] in text for c in drafted)
    (kb / saved).write_text(text, encoding="utf-8")  # what the message says to do
    claims = yaml.safe_load((kb / "claims.yaml").read_text(encoding="utf-8"))
    claims["sources"].append(
        {"id": "new", "title": "New", "publisher": "New", "kind": "blog",
         "sells_treatment": False, "path": saved, "retrieved": "2026-01-01"}
    )  # fmt: skip
    claims["claims"] += drafted
    (kb / "claims.yaml").write_text(yaml.safe_dump(claims, sort_keys=False), encoding="utf-8")
    checked = runner.invoke(app, ["validate", "--kb", str(kb)])
    assert (checked.exit_code, checked.stdout) == (0, ""), checked.output


def test_one_missing_key_is_one_error(runner: CliRunner, basic_kb: Path) -> None:
    # before: the real error, then "unknown source 'alpha'" for every claim of that source
    claims = basic_kb / "claims.yaml"
    claims.write_text(
        claims.read_text(encoding="utf-8").replace("    retrieved: 2026-01-02\n", "", 1),
        encoding="utf-8",
    )
    result = runner.invoke(app, ["validate", "--kb", str(basic_kb)])
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == (
        f"ketcheck: error: {claims}:2:5: source 'alpha': retrieved: required key is missing\n"
    )


def test_list_on_a_wide_terminal_is_a_table_with_whole_ids(
    runner: CliRunner, basic_kb: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TTY_COMPATIBLE", "1")
    monkeypatch.setenv("COLUMNS", "160")
    result = runner.invoke(app, ["list", "--kb", str(basic_kb), "--source", "alpha"])
    assert result.exit_code == 0, result.output
    rows = plain(result.stdout).splitlines()
    assert rows[0].strip() == "3 claims"
    assert rows[2].split() == [
        "id", "source", "topic", "property", "=", "value", "quote", "line", "verdict"
    ]  # fmt: skip
    assert [row.split()[0] for row in rows[4:7]] == ["alpha-schedule", "alpha-cravings", "alpha-bp"]
    assert rows[5].split("   ")[-1].strip() == "unverified"


# --- item 9: the README's first command -------------------------------------------------------------


def test_readme_first_command_says_it_exits_1(runner: CliRunner) -> None:
    # before: `pip install . && ketcheck conflicts` exits 1 with no word about it
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    first_block, after = readme.split("```sh\n", 1)[1].split("```\n", 1)
    assert first_block == "pip install . && ketcheck conflicts\n"
    note = after.split("```", 1)[0]
    assert "exits 1" in note and "ketcheck validate" in note
    assert runner.invoke(app, ["conflicts", "--kb", SHIPPED, "-q"]).exit_code == 1
    assert runner.invoke(app, ["validate", "--kb", SHIPPED, "-q"]).exit_code == 0
