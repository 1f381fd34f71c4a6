"""`ketcheck lint`: inputs, formats, selection, configuration, suppressions, exit codes.

Exact-output tests use the fictional `kb_small` knowledge base (short, stable citations); the
acceptance tests and the seed articles use the shipped `data/`. Every test runs in a temporary
directory, so no configuration file of the checkout is picked up.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from jsonschema import validators
from typer.testing import CliRunner

from contracts import FINDING_FIELDS
from ketcheck.cli import app
from ketcheck.rules import all_rules

REPO = Path(__file__).parent.parent
FIXTURES = Path(__file__).parent / "fixtures"
ARTICLES = FIXTURES / "articles"
SMALL = str(FIXTURES / "kb_small")
SHIPPED = str(REPO / "data")
ZEN_STIMULANT = "drug class “stimulant”: the reference says dissociative anesthetic"
ZEN_BP = "effect on blood pressure “decrease”: the reference says increase"
ZEN_CITATION = "“Zentamine label”. Example Pharma 2020"


@pytest.fixture
def work(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A working directory holding copies of the sample articles, and no configuration."""
    for article in ARTICLES.iterdir():
        shutil.copy(article, tmp_path / article.name)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def lint(runner: CliRunner, *args: str, kb: str = SMALL, input: str | bytes | None = None):  # type: ignore[no-untyped-def]
    return runner.invoke(app, ["lint", *args, "--kb", kb], input=input)


def lint_json(runner: CliRunner, *args: str, kb: str = SMALL) -> tuple[int, list[dict]]:
    result = lint(runner, *args, "--format", "json", kb=kb)
    assert result.exit_code in (0, 1), result.output
    return result.exit_code, json.loads(result.stdout)


def where(items: list[dict]) -> list[tuple[str, int, int, str]]:
    return [(i["path"], i["line"], i["column"], i["rule"]) for i in items]


# --- acceptance -----------------------------------------------------------------------------


def test_true_statements_exit_zero_without_findings(runner: CliRunner, work: Path) -> None:
    result = lint(runner, "ketamine-true.txt", kb=SHIPPED)
    assert result.exit_code == 0, result.output
    assert result.stdout == "No findings in 1 file\n"
    assert result.stderr == ""
    assert lint_json(runner, "ketamine-true.txt", kb=SHIPPED) == (0, [])


def test_one_wrong_sentence_gives_three_kc103_on_line_one(runner: CliRunner, work: Path) -> None:
    code, items = lint_json(runner, "ketamine-wrong.txt", kb=SHIPPED)
    assert code == 1
    assert [(i["rule"], i["line"], i["column"], i["end_column"]) for i in items] == [
        ("KC103", 1, 15, 26),  # Schedule II
        ("KC103", 1, 27, 36),  # stimulant
        ("KC103", 1, 42, 63),  # lowers blood pressure
    ]
    assert [i["property"] for i in items] == ["us_schedule", "drug_class", "blood_pressure"]
    assert [i["reference"] for i in items] == [
        "us-schedule-iii",
        "class-not-stimulant",
        "blood-pressure-increase",
    ]
    for item in items:
        assert item.keys() >= FINDING_FIELDS
        assert item["name"] == "contradicts-reference"
        assert item["severity"] == "error"
        assert item["path"] == "ketamine-wrong.txt"
        assert item["quote"] == "Ketamine is a Schedule II stimulant that lowers blood pressure."
        assert item["fix"]  # the reference statement, as the suggested correction


@pytest.fixture(scope="module")
def seed_findings() -> list[dict]:
    """All four seed articles linted in one run (two workers)."""
    result = CliRunner().invoke(
        app, ["lint", str(REPO / "data" / "sources"), "--kb", SHIPPED, "-f", "json", "-j", "2"]
    )
    assert result.exit_code == 1, result.output
    return json.loads(result.stdout)


@pytest.mark.parametrize(
    ("article", "line", "phrase", "rule"),
    [
        ("avenues-infusing-addiction", 15, "stimulant drug", "KC103"),
        ("avenues-infusing-addiction", 27, "blood pressure goes down", "KC103"),
        ("avenues-infusing-addiction", 36, "Decreased heart rate", "KC103"),
        ("avenues-infusing-addiction", 77, "all users abstained", "KC104"),
        ("avenues-infusing-addiction", 77, "all users", "KC204"),
        ("avenues-infusing-addiction", 77, "50%", "KC201"),
        ("healthstatus-opioid-addiction", 14, "80%", "KC201"),
        ("healthstatus-opioid-addiction", 14, "was known to", "KC202"),
        ("healthstatus-opioid-addiction", 14, "class III", "KC401"),
        ("healthstatus-opioid-addiction", 34, "activates opioid receptors", "KC105"),
        ("healthstatus-opioid-addiction", 34, "Most of the experts", "KC202"),
        ("trademastr-opioid-withdrawal", 43, "A 2018 study published", "KC203"),
        ("ark-withdrawal-detox", 23, "6 to 10 times", "KC201"),
    ],
)
def test_seed_articles_report_wrong_and_unsupported_claims_where_they_are(
    seed_findings: list[dict], article: str, line: int, phrase: str, rule: str
) -> None:
    path = REPO / "data" / "sources" / f"{article}.txt"
    text = path.read_text(encoding="utf-8").split("\n")[line - 1]
    start = text.index(phrase) + 1
    end = start + len(phrase)
    hits = [
        f
        for f in seed_findings
        if f["path"] == str(path)
        and f["rule"] == rule
        and f["line"] == line
        # the finding's span overlaps the phrase
        and f["column"] < end
        and (f["end_column"] or f["column"] + 1) > start
    ]
    assert hits, [where([f])[0][1:] for f in seed_findings if f["path"] == str(path)]


def test_seed_articles_are_all_checked(seed_findings: list[dict]) -> None:
    assert sorted({Path(f["path"]).name for f in seed_findings}) == sorted(
        p.name for p in (REPO / "data" / "sources").glob("*.txt")
    )


# --- formats --------------------------------------------------------------------------------


def test_text_groups_by_file_with_source_line_caret_and_help(runner: CliRunner, work: Path) -> None:
    result = lint(runner, "zentamine.txt")
    assert result.exit_code == 1, result.output
    assert result.stdout == (
        f"zentamine.txt:1:16: KC103 [error] {ZEN_STIMULANT}\n"
        "  |\n"
        "1 | Zentamine is a stimulant that lowers blood pressure.\n"
        "  |                ^~~~~~~~~\n"
        "  = help: Zentamine is a dissociative anesthetic.\n"
        f"  = reference: {ZEN_CITATION}\n"
        "\n"
        f"zentamine.txt:1:31: KC103 [error] {ZEN_BP}\n"
        "  |\n"
        "1 | Zentamine is a stimulant that lowers blood pressure.\n"
        "  |                               ^~~~~~~~~~~~~~~~~~~~~\n"
        "  = help: Zentamine raises blood pressure.\n"
        "\n"
        'zentamine.txt:3:9: KC401 [warning] “class III”: US federal control status is a "Schedule", not a "class"\n'
        "  |\n"
        "3 | It is a class III scheduled drug.\n"
        "  |         ^~~~~~~~~\n"
        "  = help: use the US controlled-substance schedule term\n"
        "\n"
        "3 findings (2 errors, 1 warning) in 1 file\n"
    )
    assert result.stderr == ""


def test_quiet_prints_findings_without_summary(runner: CliRunner, work: Path) -> None:
    result = lint(runner, "zentamine.txt", "--quiet", "--select", "KC4")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[0].startswith("zentamine.txt:3:9: KC401 [warning]")
    assert "finding" not in result.stdout
    assert lint(runner, "ketamine-true.txt", "-q", kb=SHIPPED).stdout == ""


def test_statistics_counts_per_rule(runner: CliRunner, work: Path) -> None:
    result = lint(runner, "zentamine.txt", "zentamine.html", "--statistics")
    assert result.exit_code == 1, result.output
    assert result.stdout == (
        "4  KC103  contradicts-reference       [error]\n"
        "2  KC401  control-status-terminology  [warning]\n"
    )


def test_github_annotations(runner: CliRunner, work: Path) -> None:
    result = lint(runner, "zentamine.txt", "--format", "github")
    assert result.exit_code == 1, result.output
    assert result.stdout.splitlines() == [
        "::error file=zentamine.txt,line=1,col=16,endLine=1,endColumn=25,"
        f"title=KC103::{ZEN_STIMULANT}%0Ahelp: Zentamine is a dissociative anesthetic."
        f"%0Areference: {ZEN_CITATION}",
        "::error file=zentamine.txt,line=1,col=31,endLine=1,endColumn=52,"
        f"title=KC103::{ZEN_BP}%0Ahelp: Zentamine raises blood pressure."
        f"%0Areference: {ZEN_CITATION}",
        "::warning file=zentamine.txt,line=3,col=9,endLine=3,endColumn=18,"
        "title=KC401::“class III”: US federal control status is a "
        '"Schedule", not a "class"%0Ahelp: use the US controlled-substance schedule term',
    ]


def test_github_escapes_percent_in_messages(runner: CliRunner, work: Path) -> None:
    result = lint(
        runner, "ketamine-wrong.txt", "--format", "github", "--select", "KC103", kb=SHIPPED
    )
    bp = result.stdout.splitlines()[2]
    assert bp.startswith("::error file=ketamine-wrong.txt,line=1,col=42,")
    assert "10-50%25 above baseline" in bp and "%0Ahelp: " in bp
    assert "\n" not in bp and "50% " not in bp


def test_sarif_validates_and_is_complete(runner: CliRunner, work: Path) -> None:
    result = lint(runner, "zentamine.txt", "zentamine.md", "--format", "sarif", "--strict")
    assert result.exit_code == 1, result.output
    log = json.loads(result.stdout)
    schema = json.loads((FIXTURES / "schemas" / "sarif-schema-2.1.0.json").read_text())
    validator = validators.validator_for(schema)
    validator.check_schema(schema)
    errors = sorted(validator(schema).iter_errors(log), key=lambda e: list(e.path))
    assert not errors, [f"{list(e.path)}: {e.message}" for e in errors]

    [run] = log["runs"]
    rules = run["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == [*(rule.code for rule in all_rules()), "KC900"]
    for rule in rules:
        assert rule["shortDescription"]["text"] and rule["fullDescription"]["text"]
        assert "Would FAIL" in rule["help"]["text"]
        assert rule["defaultConfiguration"]["level"] in {"error", "warning", "note"}
    results = run["results"]
    assert [
        (
            r["ruleId"],
            r["level"],
            r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
            r["locations"][0]["physicalLocation"]["region"],
        )
        for r in results
        if r["ruleId"] in {"KC401", "KC900"}
    ] == [
        ("KC900", "warning", "zentamine.md", {"startLine": 13, "startColumn": 6}),
        (
            "KC401",
            "warning",
            "zentamine.txt",
            {"startLine": 3, "startColumn": 9, "endLine": 3, "endColumn": 18},
        ),
    ]
    for r in results:
        assert rules[r["ruleIndex"]]["id"] == r["ruleId"]
        assert r["partialFingerprints"]
    assert run["originalUriBaseIds"]["%SRCROOT%"]["uri"] == work.as_uri() + "/"


# --- inputs ---------------------------------------------------------------------------------


def test_markdown_and_html_positions_are_the_files_own(runner: CliRunner, work: Path) -> None:
    _, items = lint_json(runner, "zentamine.md", "zentamine.html")
    assert where(items) == [
        ("zentamine.html", 6, 23, "KC103"),  # <em>stimulant</em>
        ("zentamine.html", 6, 43, "KC103"),
        ("zentamine.html", 9, 12, "KC401"),  # class&nbsp;III; line 8 is suppressed
        ("zentamine.md", 6, 17, "KC103"),  # [stimulant](…)
        ("zentamine.md", 6, 60, "KC102"),
        ("zentamine.md", 6, 60, "KC103"),
        ("zentamine.md", 9, 17, "KC102"),  # KC103 suppressed; KC102 is not
    ]


def test_directories_are_read_recursively_in_a_stable_order(runner: CliRunner, work: Path) -> None:
    (work / "site" / "b").mkdir(parents=True)
    (work / "site" / ".git").mkdir()
    shutil.copy(work / "zentamine.txt", work / "site" / "z.txt")
    shutil.copy(work / "zentamine.html", work / "site" / "b" / "page.htm")
    shutil.copy(work / "zentamine.md", work / "site" / "b" / "a.markdown")
    shutil.copy(work / "zentamine.txt", work / "site" / ".git" / "hidden.txt")
    (work / "site" / "data.json").write_text('{"claim": "Zentamine is a stimulant."}')
    _, items = lint_json(runner, "site", "--select", "KC103")
    assert [(i["path"], i["line"], i["column"]) for i in items] == [
        ("site/b/a.markdown", 6, 17),
        ("site/b/a.markdown", 6, 60),
        ("site/b/page.htm", 6, 23),
        ("site/b/page.htm", 6, 43),
        ("site/z.txt", 1, 16),
        ("site/z.txt", 1, 31),
    ]


def test_standard_input(runner: CliRunner, work: Path) -> None:
    text = "Zentamine lowers blood pressure.\n"
    result = lint(runner, "-", "--format", "json", input=text)
    assert result.exit_code == 1, result.output
    assert where(json.loads(result.stdout)) == [("-", 1, 11, "KC103")]
    html = "<p>Zentamine <b>lowers blood pressure</b>.</p>\n"
    result = lint(runner, "-", "--stdin-filename", "page.html", "-f", "json", input=html)
    assert where(json.loads(result.stdout)) == [("page.html", 1, 17, "KC103")]


def test_unreadable_files_get_one_line_each_and_do_not_stop_the_others(
    runner: CliRunner, work: Path
) -> None:
    (work / "binary.txt").write_bytes(b"Zentamine\0\x01\x02")
    (work / "latin1.txt").write_bytes(b"Zentamine is caf\xe9.\nSecond line.\n")
    (work / "empty.md").write_text("  \n\n")
    (work / "minified.html").write_text("<p>" + "x" * (1024 * 1024 + 10) + "</p>\n")
    (work / "nothing-here").mkdir()
    result = lint(
        runner,
        "binary.txt",
        "latin1.txt",
        "empty.md",
        "minified.html",
        "missing.md",
        "nothing-here",
        "zentamine.txt",
        "--select",
        "KC401",
    )
    assert result.exit_code == 2, result.output  # input errors outrank the findings
    assert "zentamine.txt" in result.stdout  # the readable file is still reported
    assert result.stderr.splitlines() == [
        "ketcheck: error: missing.md: no such file or directory",
        "ketcheck: error: nothing-here: no documents (.htm, .html, .markdown, .md, .txt) "
        "in directory",
        "ketcheck: error: binary.txt: binary file (NUL byte at offset 9)",
        "ketcheck: error: latin1.txt:1: invalid UTF-8 (byte 0xe9 at offset 16)",
        "ketcheck: error: empty.md: empty file",
        "ketcheck: error: minified.html:1: single line of 1048593 bytes: not prose",
    ]
    assert result.stdout.startswith("zentamine.txt:3:9: KC401 [warning]")
    assert result.stdout.endswith("1 finding (1 warning) in 1 file\n")


def test_nothing_readable_exits_two(runner: CliRunner, work: Path) -> None:
    (work / "binary.txt").write_bytes(b"\0")
    result = lint(runner, "binary.txt", "missing.txt")
    assert result.exit_code == 2
    assert result.stderr == (
        "ketcheck: error: missing.txt: no such file or directory\n"
        "ketcheck: error: binary.txt: binary file (NUL byte at offset 0)\n"
    )
    assert result.stdout == ""
    result = lint(runner, "-", input=b"")
    assert (result.exit_code, result.stderr) == (2, "ketcheck: error: -: empty file\n")


# --- selection and exit codes ---------------------------------------------------------------


def test_select_ignore_and_fail_on(runner: CliRunner, work: Path) -> None:
    code, items = lint_json(runner, "zentamine.txt", "--select", "KC4")
    assert (code, where(items)) == (0, [("zentamine.txt", 3, 9, "KC401")])  # a warning
    code, items = lint_json(runner, "zentamine.txt", "--select", "KC4", "--fail-on", "warning")
    assert (code, len(items)) == (1, 1)
    # the most specific entry wins: KC10 beats KC1
    code, items = lint_json(runner, "zentamine.txt", "--select", "KC1,KC4", "--ignore", "KC10")
    assert (code, where(items)) == (0, [("zentamine.txt", 3, 9, "KC401")])
    code, items = lint_json(runner, "zentamine.txt", "--ignore", "KC401", "--select", "KC103")
    assert (code, [i["rule"] for i in items]) == (1, ["KC103", "KC103"])


def test_unknown_rule_code_on_the_command_line(runner: CliRunner, work: Path) -> None:
    result = lint(runner, "zentamine.txt", "--select", "KC1", "--ignore", "KC1O3")
    assert result.exit_code == 2
    assert result.stderr == (
        "ketcheck: error: --ignore: unknown rule code or prefix 'KC1O3' (did you mean 'KC103'?)\n"
    )


# --- configuration --------------------------------------------------------------------------


def test_ketcheck_toml_is_found_walking_up(
    runner: CliRunner, work: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (work / "ketcheck.toml").write_text(
        f'kb = "{Path(SMALL).as_posix()}"\n'
        'select = ["KC4"]\n'
        'severity = { KC401 = "error" }\n'
        'format = "json"\n'
    )
    (work / "docs").mkdir()
    shutil.copy(work / "zentamine.txt", work / "docs" / "z.txt")
    monkeypatch.chdir(work / "docs")
    result = runner.invoke(app, ["lint", "z.txt"])
    assert result.exit_code == 1, result.output
    [item] = json.loads(result.stdout)
    assert (item["rule"], item["severity"]) == ("KC401", "error")
    # --isolated ignores the file: text output, every rule, the KB given on the command line
    result = runner.invoke(app, ["lint", "z.txt", "--isolated", "--kb", SMALL, "-q"])
    assert result.stdout.startswith("z.txt:1:16: KC103 [error]")


def test_pyproject_tool_table(runner: CliRunner, work: Path) -> None:
    (work / "pyproject.toml").write_text(
        '[project]\nname = "site"\n\n[tool.ketcheck]\nignore = ["KC10"]\nfail-on = "warning"\n'
    )
    code, items = lint_json(runner, "zentamine.txt")
    assert (code, where(items)) == (1, [("zentamine.txt", 3, 9, "KC401")])


def test_config_errors_name_file_line_and_what(runner: CliRunner, work: Path) -> None:
    (work / "ketcheck.toml").write_text(
        'strict = true\nfial-on = "warning"\nselect = ["KC7"]\nseverity = { KC201 = "loud" }\n'
    )
    result = lint(runner, "zentamine.txt")
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        "ketcheck: error: ketcheck.toml:2: unknown key 'fial-on' (did you mean 'fail-on'?)",
        "ketcheck: error: ketcheck.toml:3: select: unknown rule code or prefix 'KC7'",
        "ketcheck: error: ketcheck.toml:4: severity.KC201: input should be 'error', 'warning' "
        "or 'info'",
    ]
    assert result.stdout == ""


def test_exclude_applies_to_files_named_explicitly(runner: CliRunner, work: Path) -> None:
    (work / "ketcheck.toml").write_text('exclude = ["zentamine.*"]\n')
    shutil.copy(work / "zentamine.txt", work / "notes.txt")
    _, items = lint_json(runner, "zentamine.txt", "zentamine.md", "notes.txt")
    assert {i["path"] for i in items} == {"notes.txt"}
    result = lint(runner, "zentamine.txt")
    assert (result.exit_code, result.stdout) == (0, "")
    assert result.stderr == "ketcheck: warning: no files to lint (every path is excluded)\n"


# --- suppressions ---------------------------------------------------------------------------


def test_suppressions_and_unused_ones_under_strict(runner: CliRunner, work: Path) -> None:
    _, items = lint_json(runner, "zentamine.md", "zentamine.txt")
    assert ("zentamine.md", 9, 17, "KC103") not in where(items)  # ignore[KC103], line before
    assert ("zentamine.md", 11, 9, "KC401") not in where(items)  # ignore[KC401], same line
    assert ("zentamine.txt", 2, 11, "KC103") not in where(items)  # # ketcheck: ignore[KC103]
    assert not any(i["rule"] == "KC900" for i in items)

    code, items = lint_json(runner, "zentamine.md", "zentamine.txt", "--strict")
    assert code == 1
    [unused] = [i for i in items if i["rule"] == "KC900"]
    assert unused == {
        **unused,
        "name": "unused-suppression",
        "severity": "warning",
        "message": "unused suppression for KC201 in 'ketcheck: ignore[KC201]'",
        "path": "zentamine.md",
        "line": 13,
        "column": 6,
    }


def test_bare_ignore_silences_every_rule_on_the_next_line(runner: CliRunner, work: Path) -> None:
    (work / "notes.txt").write_text(
        "# ketcheck: ignore\nZentamine is a stimulant that lowers blood pressure.\n"
        "Zentamine lowers blood pressure.\n"
    )
    _, items = lint_json(runner, "notes.txt")
    assert where(items) == [("notes.txt", 3, 11, "KC103")]


# --- parallel runs --------------------------------------------------------------------------


def test_output_does_not_depend_on_jobs(runner: CliRunner, work: Path) -> None:
    for n in range(3):
        shutil.copy(work / "zentamine.md", work / f"copy{n}.md")
    args = ["zentamine.txt", "zentamine.html", ".", "--format", "json"]
    one = lint(runner, *args, "--jobs", "1")
    two = lint(runner, *args, "--jobs", "2")
    assert one.exit_code == two.exit_code == 1, one.output
    assert one.stdout == two.stdout
    paths = [i["path"] for i in json.loads(one.stdout)]
    assert paths == sorted(paths)
    assert {"copy0.md", "copy1.md", "copy2.md", "zentamine.html"} <= set(paths)
    assert paths.count("zentamine.txt") == 3  # each file once, though named twice
    assert one.stderr == two.stderr == ""  # no progress bar when stderr is not a terminal
