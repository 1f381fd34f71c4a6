"""Configuration: discovery, validation messages, merging, rule selection."""

from __future__ import annotations

from pathlib import Path

import pytest

from ketcheck.config import (
    Config,
    ConfigError,
    find_config,
    load_config,
    load_settings,
    merge,
)
from ketcheck.models import Finding, Severity

KNOWN = {"KC101", "KC103", "KC201", "KC202", "KC203", "KC204", "KC301", "KC401"}


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    return path


def error(path: Path) -> str:
    with pytest.raises(ConfigError) as info:
        load_config(path, KNOWN)
    return str(info.value)


# --- discovery --------------------------------------------------------------------------------


def test_find_walks_up_and_prefers_ketcheck_toml(tmp_path: Path) -> None:
    write(tmp_path / "pyproject.toml", "[tool.ketcheck]\nstrict = true\n")
    deep = tmp_path / "a" / "b"
    deep.mkdir(parents=True)
    assert find_config(deep) == tmp_path / "pyproject.toml"
    write(tmp_path / "ketcheck.toml", "strict = false\n")
    assert find_config(deep) == tmp_path / "ketcheck.toml"
    write(deep / "ketcheck.toml", "")
    assert find_config(deep) == deep / "ketcheck.toml"


def test_pyproject_without_our_table_is_skipped(tmp_path: Path) -> None:
    write(tmp_path / "pyproject.toml", "[tool.ketcheck]\nfail-on = 'info'\n")
    write(tmp_path / "sub" / "pyproject.toml", "[tool.ruff]\nline-length = 100\n")
    assert find_config(tmp_path / "sub") == tmp_path / "pyproject.toml"


def test_find_from_a_file_and_nothing_found(tmp_path: Path) -> None:
    doc = write(tmp_path / "article.md", "x")
    assert find_config(doc) is None or not str(find_config(doc)).startswith(str(tmp_path))


# --- loading ----------------------------------------------------------------------------------


def test_full_ketcheck_toml(tmp_path: Path) -> None:
    path = write(
        tmp_path / "ketcheck.toml",
        'select = ["KC1", "KC201"]\nignore = ["KC103"]\nfail-on = "warning"\nkb = "kb/data"\n'
        'format = "sarif"\nexclude = ["drafts/*"]\nstrict = true\n\n[severity]\nKC201 = "info"\n',
    )
    config = load_config(path, KNOWN)
    assert config.select == ["KC1", "KC201"]
    assert config.ignore == ["KC103"]
    assert config.fail_on is Severity.warning
    assert config.kb == (tmp_path / "kb" / "data").resolve()
    assert config.format == "sarif"
    assert config.exclude == ["drafts/*"]
    assert config.strict is True
    assert config.severity == {"KC201": Severity.info}
    assert config.source == path


def test_pyproject_table(tmp_path: Path) -> None:
    path = write(
        tmp_path / "pyproject.toml",
        '[project]\nname = "x"\n\n[tool.ketcheck]\nignore = ["KC2"]\n\n'
        '[tool.ketcheck.severity]\nKC101 = "warning"\n',
    )
    config = load_config(path, KNOWN)
    assert config.ignore == ["KC2"] and config.severity == {"KC101": Severity.warning}


def test_unknown_key_names_file_line_and_close_match(tmp_path: Path) -> None:
    path = write(tmp_path / "ketcheck.toml", 'select = ["KC1"]\n\nfail_on = "error"\n')
    assert error(path) == f"{path}:3: unknown key 'fail_on' (did you mean 'fail-on'?)"


def test_unknown_key_in_pyproject_is_found_below_our_header(tmp_path: Path) -> None:
    path = write(
        tmp_path / "pyproject.toml",
        '[tool.other]\nselekt = 1\n\n[tool.ketcheck]\nstrict = true\nselekt = ["KC1"]\n',
    )
    assert error(path) == f"{path}:6: unknown key 'selekt' (did you mean 'select'?)"


def test_tool_table_in_ketcheck_toml_gets_a_hint(tmp_path: Path) -> None:
    path = write(tmp_path / "ketcheck.toml", "[tool.ketcheck]\nstrict = true\n")
    assert error(path) == (
        f"{path}:1: unknown key 'tool' (in ketcheck.toml write the settings at top level, "
        "without [tool.ketcheck])"
    )


def test_unknown_rule_codes_and_bad_values_are_all_reported(tmp_path: Path) -> None:
    path = write(
        tmp_path / "ketcheck.toml",
        'select = ["KC9", "KC2"]\nignore = ["KC2O1"]\nfail-on = "fatal"\n'
        '[severity]\nKC777 = "info"\nKC201 = "loud"\n',
    )
    assert error(path).splitlines() == [
        f"{path}:1: select: unknown rule code or prefix 'KC9'",
        f"{path}:2: ignore: unknown rule code or prefix 'KC2O1' (did you mean 'KC201'?)",
        f"{path}:3: fail-on: input should be 'error', 'warning' or 'info'",
        f"{path}:5: severity: unknown rule code or prefix 'KC777'",
        f"{path}:6: severity.KC201: input should be 'error', 'warning' or 'info'",
    ]


def test_wrong_type(tmp_path: Path) -> None:
    path = write(tmp_path / "ketcheck.toml", 'strict = true\nselect = "KC1"\n')
    assert error(path) == f"{path}:2: select: input should be a valid list"


def test_invalid_toml(tmp_path: Path) -> None:
    path = write(tmp_path / "ketcheck.toml", "strict = true\nselect = [\n")
    assert error(path).startswith(f"{path}:")
    assert "invalid TOML" in error(path)


# --- selection and severity -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("select", "ignore", "enabled"),
    [
        (None, [], {"KC101", "KC201", "KC204"}),
        (["KC2"], [], {"KC201", "KC204"}),
        (["KC2"], ["KC204"], {"KC201"}),
        (["KC204"], ["KC2"], {"KC204"}),  # the more specific entry wins
        (["KC2"], ["KC2"], set()),  # a tie goes to ignore
        (["ALL"], ["KC1"], {"KC201", "KC204"}),
        ([], [], set()),
    ],
)
def test_selection_by_prefix(
    select: list[str] | None, ignore: list[str], enabled: set[str]
) -> None:
    config = Config(select=select, ignore=ignore)
    assert {c for c in ("KC101", "KC201", "KC204") if config.is_enabled(c)} == enabled


def test_severity_longest_prefix_and_fail_level() -> None:
    config = Config(severity={"KC2": Severity.info, "KC204": Severity.error})
    assert config.severity_for("KC201", Severity.warning) is Severity.info
    assert config.severity_for("KC204", Severity.warning) is Severity.error
    assert config.severity_for("KC101", Severity.warning) is Severity.warning
    assert config.fails(Severity.error) and not config.fails(Severity.warning)
    assert Config(fail_on=Severity.info).fails(Severity.info)


def test_adjust_drops_and_restamps_findings() -> None:
    def f(rule: str) -> Finding:
        return Finding(rule=rule, name="n", severity=Severity.warning, message="m")

    config = Config(ignore=["KC101"], severity={"KC201": Severity.error})
    out = config.adjust([f("KC101"), f("KC201"), f("KC204")])
    assert [(x.rule, x.severity) for x in out] == [
        ("KC201", Severity.error),
        ("KC204", Severity.warning),
    ]


# --- merging ----------------------------------------------------------------------------------


def test_merge_order_defaults_file_cli(tmp_path: Path) -> None:
    write(
        tmp_path / "ketcheck.toml",
        'ignore = ["KC204"]\nfail-on = "warning"\nformat = "json"\n[severity]\nKC201 = "info"\n',
    )
    config = load_settings(
        tmp_path,
        KNOWN,
        ignore=["KC101"],
        fail_on="info",
        format=None,  # flag not given: the file's value stays
        severity={"KC202": "error"},
        strict=True,
    )
    assert config.ignore == ["KC204", "KC101"]
    assert config.fail_on is Severity.info
    assert config.format == "json"
    assert config.severity == {"KC201": Severity.info, "KC202": Severity.error}
    assert config.strict is True
    assert config.source == tmp_path / "ketcheck.toml"
    assert config.select is None


def test_defaults_and_isolated(tmp_path: Path) -> None:
    write(tmp_path / "ketcheck.toml", "strict = true\n")
    config = load_settings(tmp_path, KNOWN, isolated=True)
    assert config == Config()
    assert config.fail_on is Severity.error and config.select is None and not config.strict


def test_explicit_config_path(tmp_path: Path) -> None:
    other = write(tmp_path / "elsewhere" / "conf.toml", 'select = ["KC3"]\n')
    assert load_settings(tmp_path, KNOWN, config_path=other).select == ["KC3"]


def test_cli_override_with_unknown_code(tmp_path: Path) -> None:
    with pytest.raises(ConfigError) as info:
        load_settings(tmp_path, KNOWN, isolated=True, select=["KC2O4"])
    assert (
        str(info.value) == "--select: unknown rule code or prefix 'KC2O4' (did you mean 'KC204'?)"
    )


def test_merge_rejects_unknown_settings() -> None:
    with pytest.raises(TypeError):
        merge(Config(), colour=True)
