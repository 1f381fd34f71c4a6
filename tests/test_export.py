"""`ketcheck export`: ClaimReview JSON-LD against the project's schema, JSON Lines and CSV
that load into pandas with the documented columns, and the configuration it needs."""

from __future__ import annotations

import io
import json
import re
from datetime import date
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator, FormatChecker
from typer.testing import CliRunner

from ketcheck import load_kb
from ketcheck.check import cross_check
from ketcheck.cli import app
from ketcheck.export import (
    CLAIM_COLUMNS,
    FINDING_COLUMNS,
    RATING_SCALE,
    Reviewer,
    claim_reviews,
    reviewable,
)

pd = pytest.importorskip("pandas")  # a test extra; CI installs it

REPO = Path(__file__).parent.parent
SMALL = REPO / "tests" / "fixtures" / "kb_small"
SCHEMA = json.loads((REPO / "docs" / "schemas" / "claimreview.schema.json").read_text())
REVIEWER = 'reviewer = "Example Checks"\nreviewer-url = "https://checks.example.org/"\n'


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A working directory whose ketcheck.toml names the reviewing organisation."""
    (tmp_path / "ketcheck.toml").write_text(REVIEWER, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def export(runner: CliRunner, *args: str, kb: Path = SMALL):  # type: ignore[no-untyped-def]
    return runner.invoke(app, ["export", *args, "--kb", str(kb)])


def test_schema_is_a_valid_2020_12_schema() -> None:
    Draft202012Validator.check_schema(SCHEMA)


@pytest.mark.parametrize("kb", [SMALL, REPO / "data"], ids=["kb_small", "shipped"])
def test_claimreview_validates_against_the_schema(
    runner: CliRunner, project: Path, kb: Path
) -> None:
    result = export(runner, "--format", "claimreview", kb=kb)
    assert result.exit_code == 0, result.output
    items = json.loads(result.stdout)
    check = cross_check(load_kb(kb))
    assert [i["claimReviewed"] for i in items] == [c.quote for c in reviewable(check)]
    validator = Draft202012Validator(SCHEMA, format_checker=FormatChecker())
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(items)]
    assert errors == []


@pytest.mark.parametrize(
    "path, change",
    [
        (("claimReviewed",), None),
        (("reviewRating", "alternateName"), None),
        (("url",), None),
        (("url",), "checks.example.org/#claim-a"),
        (("reviewRating", "ratingValue"), "4"),
        (("author",), None),
        (("itemReviewed", "appearance"), {"@type": "CreativeWork"}),
        (("datePublished",), "1 March 2026"),
    ],
)
def test_schema_rejects_items_missing_what_google_requires(path: tuple, change: object) -> None:
    check = cross_check(load_kb(SMALL))
    [item] = claim_reviews(check, Reviewer("X", "https://x.example/"), date(2026, 3, 1))[:1]
    target = item
    for key in path[:-1]:
        target = target[key]
    if change is None:
        del target[path[-1]]
    else:
        target[path[-1]] = change
    assert not Draft202012Validator(SCHEMA).is_valid([item])


def test_claimreview_fields(project: Path) -> None:
    check = cross_check(load_kb(SMALL))
    reviewer = Reviewer("Example Checks", "https://checks.example.org/")
    items = {i["url"]: i for i in claim_reviews(check, reviewer, date(2026, 3, 1))}
    item = items["https://checks.example.org/#claim-alpha-class-iii"]
    assert item == {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": "https://checks.example.org/#claim-alpha-class-iii",
        "claimReviewed": "It is a class III scheduled drug.",
        "datePublished": "2026-03-01",
        "author": {
            "@type": "Organization",
            "name": "Example Checks",
            "url": "https://checks.example.org/",
        },
        "reviewRating": {
            "@type": "Rating",
            "ratingValue": RATING_SCALE[check.judgements["alpha-class-iii"].verdict],
            "bestRating": 4,
            "worstRating": 1,
            "alternateName": check.judgements["alpha-class-iii"].verdict.value.capitalize(),
            "ratingExplanation": check.judgements["alpha-class-iii"].reason,
        },
        "itemReviewed": {
            "@type": "Claim",
            "author": {"@type": "Organization", "name": "Alpha Blog"},
            "appearance": {"@type": "CreativeWork", "name": "Zentamine explained"},
        },
        **(
            {"citation": check.judgements["alpha-class-iii"].citation}
            if check.judgements["alpha-class-iii"].citation
            else {}
        ),
    }
    # unverified claims were not reviewed, and reported statements are not the source's claims
    unverified = [c.id for c in check.claims if check.judgements[c.id].verdict == "unverified"]
    reported = [c.id for c in check.claims if c.reported]
    assert unverified and not any(f"#claim-{c}" in u for c in unverified + reported for u in items)


def test_report_url_is_the_page_each_review_links_into(runner: CliRunner, project: Path) -> None:
    (project / "ketcheck.toml").write_text(
        REVIEWER + 'report-url = "https://checks.example.org/ketamine/report.html"\n'
    )
    result = export(runner, "--format", "claimreview")
    assert result.exit_code == 0, result.output
    for item in json.loads(result.stdout):
        assert re.fullmatch(
            r"https://checks\.example\.org/ketamine/report\.html#claim-[a-z0-9._-]+", item["url"]
        )


def test_claimreview_needs_the_reviewer(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "ketcheck.toml").write_text('reviewer = "Example Checks"\n')
    result = export(runner, "--format", "claimreview")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == (
        "ketcheck: error: ketcheck.toml: ClaimReview needs the reviewing organisation: "
        "set 'reviewer-url' in ketcheck.toml or [tool.ketcheck]\n"
    )


def test_reviewer_url_must_be_a_web_address(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "ketcheck.toml").write_text('reviewer = "X"\nreviewer-url = "checks.example"\n')
    result = export(runner, "--format", "claimreview")
    assert result.exit_code == 2
    assert result.stderr.startswith("ketcheck: error: ketcheck.toml:2: reviewer-url: ")


def test_claimreview_of_findings_is_a_usage_error(runner: CliRunner, project: Path) -> None:
    result = export(runner, "--format", "claimreview", "--what", "findings")
    assert result.exit_code == 2
    assert "ClaimReview reviews claims" in result.stderr


@pytest.mark.parametrize("what", ["claims", "findings"])
def test_jsonl_and_csv_load_in_pandas_with_the_same_columns(
    runner: CliRunner, project: Path, what: str
) -> None:
    columns = list(CLAIM_COLUMNS if what == "claims" else FINDING_COLUMNS)
    lines = export(runner, "--format", "jsonl", "--what", what)
    table = export(runner, "--format", "csv", "--what", what)
    assert lines.exit_code == 0 and table.exit_code == 0, lines.output + table.output
    records = [json.loads(line) for line in lines.stdout.splitlines()]
    assert records and all(list(r) == columns for r in records)
    from_jsonl = pd.read_json(io.StringIO(lines.stdout), lines=True)
    from_csv = pd.read_csv(io.StringIO(table.stdout))
    assert list(from_jsonl.columns) == columns == list(from_csv.columns)
    assert len(from_jsonl) == len(from_csv) == len(records)
    key = "id" if what == "claims" else "message"
    assert list(from_csv[key]) == list(from_jsonl[key]) == [r[key] for r in records]


def test_claim_records_match_the_cross_check(runner: CliRunner, project: Path) -> None:
    check = cross_check(load_kb(SMALL))
    frame = pd.read_csv(io.StringIO(export(runner, "--format", "csv").stdout))
    assert list(frame["id"]) == [c.id for c in check.claims]
    assert list(frame["verdict"]) == [check.judgements[c.id].verdict.value for c in check.claims]
    row = frame.set_index("id").loc["alpha-class-iii"]
    assert (row["source"], row["line"], row["property"], row["value"]) == (
        "alpha",
        3,
        "us_schedule",
        "III",
    )


def test_finding_lists_are_joined_in_csv_and_kept_in_jsonl(
    runner: CliRunner, project: Path
) -> None:
    records = [
        json.loads(line)
        for line in export(runner, "--format", "jsonl", "--what", "findings").stdout.splitlines()
    ]
    frame = pd.read_csv(io.StringIO(export(runner, "--format", "csv", "--what", "findings").stdout))
    multi = next(n for n, r in enumerate(records) if len(r["sources"]) > 1)
    assert isinstance(records[multi]["sources"], list)
    assert frame["sources"][multi] == ";".join(records[multi]["sources"])


def test_export_source_filter(runner: CliRunner, project: Path) -> None:
    frame = pd.read_csv(io.StringIO(export(runner, "--format", "csv", "--source", "beta").stdout))
    assert set(frame["source"]) == {"beta"}
