"""KC301 and `ketcheck validate`."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from ketcheck.cli import app
from ketcheck.validate import validate_kb


def test_clean_kb_has_no_findings(basic_kb: Path) -> None:
    assert validate_kb(basic_kb).findings == []


def test_quote_not_verbatim_is_kc301_with_closest_passage(basic_kb: Path) -> None:
    claims = basic_kb / "claims.yaml"
    claims.write_text(
        claims.read_text().replace('"Zorbamine is a sedative"', '"Zorbamine is a sedating drug"')
    )
    [finding] = validate_kb(basic_kb).findings
    assert finding.rule == "KC301"
    assert finding.claims == ("beta-sedative",)
    assert "closest passage (line 3): “Zorbamine is a sedative.”" in finding.message
    assert finding.location is not None and (finding.location.line, finding.location.column) == (
        38,
        5,
    )


def test_cli_validate_exit_codes(basic_kb: Path, runner: CliRunner) -> None:
    ok = runner.invoke(app, ["validate", "--kb", str(basic_kb)])
    assert ok.exit_code == 0, ok.output
    assert "7 claims from 2 sources, 1 reference facts, 5 properties: valid" in ok.output

    claims = basic_kb / "claims.yaml"
    claims.write_text(
        claims.read_text().replace(
            "property: craving, value: decrease}\n  - id: alpha-bp",
            "property: cravings, value: decrease}\n  - id: alpha-bp",
        )
    )
    broken = runner.invoke(app, ["validate", "--kb", str(basic_kb)])
    assert broken.exit_code == 2
    assert broken.output.startswith("ketcheck: error: ")
    assert "unknown property 'cravings' (did you mean 'craving'?)" in broken.output
    assert "Traceback" not in broken.output
