"""The documentation cannot drift: README's rules reference is generated, every command has help,
README's examples (configuration, library use) run, and `ketcheck rules` prints the docstrings.
"""

from __future__ import annotations

import json
import re
import tomllib
from pathlib import Path

import pytest
import typer.main
import yaml
from typer.testing import CliRunner

from ketcheck import docs
from ketcheck.cli import app
from ketcheck.config import validate
from ketcheck.lint import lint_codes
from ketcheck.rules import all_rules

REPO = Path(__file__).parent.parent
README = REPO / "README.md"
COMMANDS = typer.main.get_command(app).commands  # type: ignore[attr-defined]


def readme() -> str:
    return README.read_text(encoding="utf-8")


def code_blocks(language: str) -> list[str]:
    return re.findall(rf"^```{language}\n(.*?)^```", readme(), re.M | re.S)


def test_readme_rules_section_is_generated_from_the_registry() -> None:
    assert docs.readme_section(readme()) == docs.rules_markdown(), (
        "README.md is stale: run python -m ketcheck.docs --write"
    )
    assert docs.main(["--check", str(README)]) == 0


def test_docs_write_regenerates_a_stale_readme(tmp_path: Path) -> None:
    stale = tmp_path / "README.md"
    stale.write_text(f"# x\n\n{docs.START}\nold text\n{docs.END}\n\nafter\n", encoding="utf-8")
    assert docs.main(["--check", str(stale)]) == 1
    assert docs.main(["--write", str(stale)]) == 0
    assert stale.read_text(encoding="utf-8") == (
        f"# x\n\n{docs.START}\n{docs.rules_markdown()}{docs.END}\n\nafter\n"
    )
    assert docs.main(["--check", str(stale)]) == 0
    (tmp_path / "bare.md").write_text("# no markers\n", encoding="utf-8")
    assert docs.main(["--check", str(tmp_path / "bare.md")]) == 2


def test_every_rule_documents_itself() -> None:
    generated = docs.rules_markdown()
    for rule in all_rules():
        doc = rule.doc
        assert doc.startswith(f"{rule.code} {rule.name}: "), rule.code
        assert "Would PASS" in doc and "Would FAIL" in doc, rule.code
        section = docs.rule_markdown(docs.find_rule(rule.code))
        assert section.startswith(
            f"### {rule.code} `{rule.name}`\n\n{rule.summary.rstrip('.')}. "
            f"Default severity: **{rule.severity.value}**.\n"
        )
        assert "**Would PASS**" in section and "**Would FAIL**" in section
        assert section.count("```text\n") == 2 and "``" not in section.replace("```", "")
        assert section in generated


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_every_command_and_option_has_help(name: str) -> None:
    command = COMMANDS[name]
    assert command.help and command.help.strip(), name
    for param in command.params:
        assert getattr(param, "help", None), f"{name} {param.name}"


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_every_command_is_in_the_readme(name: str) -> None:
    assert f"`ketcheck {name}" in readme(), name


def test_readme_configuration_examples_are_valid() -> None:
    blocks = code_blocks("toml")
    assert len(blocks) == 2
    for block in blocks:
        data = tomllib.loads(block)
        name = "pyproject.toml" if "[tool.ketcheck]" in block else "ketcheck.toml"
        if name == "pyproject.toml":
            data = data["tool"]["ketcheck"]
        validate(data, lint_codes(), path=name, raw=block)
    keys = re.findall(r"^\| `([a-z-]+)` \|", readme(), re.M)
    assert {"select", "ignore", "severity", "fail-on", "kb", "format", "exclude", "strict"} <= set(
        keys
    )


def test_readme_library_example_runs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    example = code_blocks("python")[0]  # "Library use"; the Python API's block is tested below
    (tmp_path / "article.md").write_text("Ketamine lowers blood pressure.\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("KETCHECK_KB", str(REPO / "data"))
    namespace: dict = {}
    exec(compile(example, "README.md", "exec"), namespace)
    assert capsys.readouterr().out.startswith("1 KC103 error US controlled-substance schedule")
    assert [f.rule for f in namespace["result"].findings] == ["KC103"]


def test_readme_python_api_example_runs(capsys: pytest.CaptureFixture[str]) -> None:
    [example] = [b for b in code_blocks("python") if "ketcheck.lint_text(" in b]
    namespace: dict = {}
    exec(
        compile(example.replace('"data"', repr(str(REPO / "data"))), "README.md", "exec"), namespace
    )
    assert namespace["report"].findings and capsys.readouterr().out.startswith("KC")
    # "Schedule II" and "stimulant" both contradict the reference
    assert [(f.rule, f.location.path) for f in namespace["findings"]] == [
        ("KC103", "draft.md"),
        ("KC103", "draft.md"),
    ]


def test_rules_command_lists_every_rule(runner: CliRunner) -> None:
    result = runner.invoke(app, ["rules"])
    assert result.exit_code == 0, result.output
    assert result.stdout == docs.rules_table()
    lines = result.stdout.splitlines()
    assert [line.split()[0] for line in lines] == [*(r.code for r in all_rules()), "KC900"]
    assert lines[2] == (
        "KC103  contradicts-reference       error    A claim contradicts a reference fact"
    )
    result = runner.invoke(app, ["rules", "--format", "json"])
    items = json.loads(result.stdout)
    assert [i["code"] for i in items] == [*(r.code for r in all_rules()), "KC900"]
    assert set(items[0]) == {"code", "name", "severity", "summary", "description", "documentation"}


def test_rules_command_explains_one_rule(runner: CliRunner) -> None:
    result = runner.invoke(app, ["rules", "kc103"])
    assert result.exit_code == 0, result.output
    assert result.stdout == docs.rule_markdown(docs.find_rule("KC103"), level=1)
    assert result.stdout.startswith(
        "# KC103 `contradicts-reference`\n\n"
        "A claim contradicts a reference fact. Default severity: **error**.\n\n"
    )
    assert '"the blood pressure goes down"   blood_pressure = decrease\n' in result.stdout
    item = json.loads(runner.invoke(app, ["rules", "KC900", "-f", "json"]).stdout)
    assert (item["code"], item["name"], item["severity"]) == (
        "KC900",
        "unused-suppression",
        "warning",
    )


def test_rules_command_unknown_code(runner: CliRunner) -> None:
    result = runner.invoke(app, ["rules", "KC1O3"])
    assert result.exit_code == 2
    assert result.stderr == "ketcheck: error: no such rule: 'KC1O3' (did you mean 'KC103'?)\n"


def test_pre_commit_hook() -> None:
    [hook] = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert hook["id"] == "ketcheck-lint"
    assert hook["entry"] == "ketcheck lint" and hook["language"] == "python"
    assert set(hook.get("types_or", [])) == {"markdown", "html", "plain-text"}
    pyproject = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    assert pyproject["project"]["scripts"]["ketcheck"] == "ketcheck.cli:main"
    assert "id: ketcheck-lint" in readme()


def test_changelog_names_the_contracts() -> None:
    changelog = (REPO / "CHANGELOG.md").read_text(encoding="utf-8")
    # the newest entry (Unreleased, or the latest dated version) lists the contracts
    unreleased = changelog.split("\n## ", 2)[1].split("\n## ", 1)[0]
    for info in docs.rule_docs():
        assert f"{info['code']} {info['name']}" in " ".join(unreleased.split()), info["code"]
    for field in ("`rule`", "`severity`", "`path`", "`line`", "`column`", "`reference`"):
        assert field in unreleased
    assert "**Exit codes**" in unreleased
