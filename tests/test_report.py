"""The report's content (``ketcheck.report``), the page it renders to, and ``ketcheck report``
/ ``ketcheck lint --format html``. The browser test is in test_report_browser.py."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from typer.testing import CliRunner

from htmlcheck import Page
from ketcheck import load_kb
from ketcheck.check import cross_check
from ketcheck.cli import app
from ketcheck.lint import Linter, lint_paths
from ketcheck.render import html
from ketcheck.report import Highlight, build_report, curated_articles, lint_articles

REPO = Path(__file__).parent.parent
FIXTURES = Path(__file__).parent / "fixtures"
SMALL = FIXTURES / "kb_small"
SCRIPT = FIXTURES / "report" / "script.txt"


def highlights(pieces: list) -> list[Highlight]:
    out = []
    for piece in pieces:
        if isinstance(piece, Highlight):
            out.append(piece)
            out.extend(highlights(piece.pieces))
    return out


def words(pieces: list) -> str:
    return "".join(p if isinstance(p, str) else words(p.pieces) for p in pieces)


def test_scorecard_bars_add_up_and_list_worst_first() -> None:
    report = build_report(cross_check(load_kb(SMALL)))
    for card in report.scorecards:
        assert sum(s.count for s in card.bar) == card.claims
        assert sum(s.percent for s in card.bar) == pytest.approx(100, abs=0.05)
        order = [v for v, _ in report.legend]
        assert [s.verdict for s in card.bar] == sorted(
            (s.verdict for s in card.bar), key=order.index
        )
    assert {c.id: c.sells_treatment for c in report.scorecards} == {
        "alpha": False,
        "beta": True,
        "gamma": False,
    }


def test_matrix_cell_shows_each_value_and_takes_the_worst_verdict() -> None:
    check = cross_check(load_kb(SMALL))
    matrix = build_report(check).matrix
    assert matrix.sources == ["alpha", "beta", "gamma"]
    row = next(r for r in matrix.rows if r.property == "blood_pressure")
    beta = row.cells[1]
    assert {v.value for v in beta.values} == {"increase", "decrease"}
    assert beta.verdict == "contradicted"  # one of its two values is contradicted
    assert {v.verdict for v in beta.values} >= {"contradicted"}
    said = {(a.property, c.source) for c in check.claims if not c.reported for a in c.assertions}
    for r in matrix.rows:
        for sid, cell in zip(matrix.sources, r.cells, strict=True):
            assert bool(cell.values) == ((r.property, sid) in said)


def test_crossing_and_nested_claims_are_each_one_highlight() -> None:
    kb = load_kb(SMALL)
    text = kb.texts["alpha"]
    start = text.index("Zentamine is a dissociative")
    # alpha-dissociative covers 0-30, alpha-class-iii crosses it (20-60), and
    # alpha-studies-show nests inside alpha-class-iii (40-50)
    spans = dict(kb.quote_spans)
    spans["alpha-dissociative"] = (start, start + 30)
    spans["alpha-class-iii"] = (start + 20, start + 60)
    spans["alpha-studies-show"] = (start + 40, start + 50)
    spans["alpha-2018-study"] = None  # a quote not found in the text
    check = cross_check(dataclasses.replace(kb, quote_spans=spans))
    [article] = [a for a in curated_articles(check) if a.anchor == "source-alpha"]
    found = highlights(article.pieces)
    anchors = [h.anchor for h in found]
    placed = [c.id for c in kb.claims_of("alpha") if c.id != "alpha-2018-study"]
    assert sorted(anchors) == sorted(f"claim-{c}" for c in placed)
    assert [h.anchor for h in article.unplaced] == ["claim-alpha-2018-study"]
    assert words(article.pieces) == text  # every character shown once, in order
    by = {h.claim: h for h in found}
    assert words(by["alpha-dissociative"].pieces) == text[start : start + 30]
    assert words(by["alpha-class-iii"].pieces) == text[start + 30 : start + 60]
    assert [h.claim for h in highlights(by["alpha-class-iii"].pieces)] == ["alpha-studies-show"]


def test_highlight_carries_assertion_verdict_reference_and_citation() -> None:
    check = cross_check(load_kb(SMALL))
    [alpha] = [a for a in curated_articles(check) if a.anchor == "source-alpha"]
    judged = check.judgements["alpha-dissociative"]
    h = next(h for h in highlights(alpha.pieces) if h.claim == "alpha-dissociative")
    assert h.verdict == judged.verdict.value
    assert h.assertions == [
        "drug class: dissociative anesthetic",
        "medical use in practice: anesthesia",
    ]
    assert judged.fact and judged.citation
    assert h.reference == check.kb.fact(judged.fact).statement
    assert h.citation == judged.citation
    assert h.reason == judged.reason


def test_findings_beside_an_article_link_to_its_claims() -> None:
    check = cross_check(load_kb(SMALL))
    [beta] = [a for a in curated_articles(check) if a.anchor == "source-beta"]
    assert [i.finding for i in beta.findings] == [f for f in check.findings if "beta" in f.sources]
    present = {h.anchor for h in highlights(beta.pieces)}
    for item in beta.findings:
        beta_claims = [c for c in item.finding.claims if c.startswith("beta-")]
        assert item.targets == [f"claim-{c}" for c in beta_claims]
        assert set(item.targets) <= present


def test_linted_article_highlights_its_statements_and_links_its_findings() -> None:
    linter = Linter(load_kb(SMALL))
    result = lint_paths(linter, [str(SCRIPT)])
    [article] = lint_articles(linter, result.files)
    found = highlights(article.pieces)
    assert article.linted and article.anchor == "lint-1"
    assert [h.anchor for h in found] == [f"lint-1-claim-{n + 1}" for n in range(len(found))]
    verdicts = {words(h.pieces): h.verdict for h in found}
    assert verdicts["stimulant"] == "contradicted"
    assert verdicts["lowers blood pressure"] == "contradicted"
    kc103 = {i.finding.property: i.targets for i in article.findings if i.finding.rule == "KC103"}
    anchor = {words(h.pieces): h.anchor for h in found}
    assert kc103 == {
        "drug_class": [anchor["stimulant"]],
        "blood_pressure": [anchor["lowers blood pressure"]],
    }


def page_for(*articles: Path) -> str:
    kb = load_kb(SMALL)
    linted = []
    if articles:
        linter = Linter(kb)
        linted = lint_articles(linter, lint_paths(linter, [str(a) for a in articles]).files)
    return html.report(build_report(cross_check(kb), linted))


def test_report_parses_and_every_claim_id_appears_once() -> None:
    text = page_for(SCRIPT)
    page = Page(text)
    assert page.doctype and page.problems == []
    kb = load_kb(SMALL)
    for claim in kb.claims:
        assert page.ids[f"claim-{claim.id}"] == 1, claim.id
    assert [i for i, n in page.ids.items() if n > 1] == []
    assert page.ids["lint-1"] == 1 and page.ids["lint-1-claim-1"] == 1
    # every in-page link lands on an element of the page
    internal = [href[1:] for _, href in page.links if href.startswith("#")]
    assert internal and all(page.ids[target] == 1 for target in internal)


def test_report_loads_nothing_and_runs_nothing() -> None:
    page = Page(page_for(SCRIPT))
    assert page.loads == []
    assert page.tags["script"] == 0 and page.tags["link"] == 0 and page.tags["iframe"] == 0
    external = [href for cls, href in page.links if not href.startswith("#")]
    assert all(cls == "cite" for cls, href in page.links if href in external)


def test_article_text_is_escaped_and_shown_as_text() -> None:
    text = page_for(SCRIPT)
    assert "<script" not in text
    assert "&lt;script&gt;window.pwned = true;" in text
    assert '<script>window.pwned = true; document.title = "pwned";</script>' in "".join(
        Page(text).text
    )


def test_lint_view_alone() -> None:
    linter = Linter(load_kb(SMALL))
    articles = lint_articles(linter, lint_paths(linter, [str(SCRIPT)]).files)
    page = Page(html.articles(articles))
    assert page.problems == [] and page.ids["lint-1"] == 1
    assert page.ids["scorecards"] == 0 and page.ids["matrix"] == 0


# --- the commands -----------------------------------------------------------------------------


@pytest.fixture
def work(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "article.txt").write_text(SCRIPT.read_text(encoding="utf-8"), encoding="utf-8")
    return tmp_path


def test_report_command_writes_the_page(runner: CliRunner, work: Path) -> None:
    result = runner.invoke(app, ["report", "--kb", str(SMALL), "article.txt"])
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    written = (work / "report.html").read_text(encoding="utf-8")
    check = cross_check(load_kb(SMALL))
    assert result.stderr == (
        f"wrote report.html: 3 sources, {len(check.claims)} claims, "
        f"{len(check.findings)} findings, 1 linted articles\n"
    )
    page = Page(written)
    assert page.problems == [] and page.ids["lint-1"] == 1 and page.ids["source-alpha"] == 1


def test_report_command_to_stdout(runner: CliRunner, work: Path) -> None:
    result = runner.invoke(app, ["report", "--kb", str(SMALL), "--out", "-"])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("<!DOCTYPE html>") and not (work / "report.html").exists()


def test_report_command_unreadable_article(runner: CliRunner, work: Path) -> None:
    result = runner.invoke(app, ["report", "--kb", str(SMALL), "missing.txt"])
    assert result.exit_code == 2
    assert result.stderr == "ketcheck: error: missing.txt: no such file or directory\n"
    assert not (work / "report.html").exists()


def test_lint_format_html(runner: CliRunner, work: Path) -> None:
    result = runner.invoke(app, ["lint", "--kb", str(SMALL), "--format", "html", "article.txt"])
    assert result.exit_code == 1  # the findings still decide the exit code
    page = Page(result.stdout)
    assert page.problems == [] and page.ids["lint-1"] == 1
    assert "&lt;script&gt;" in result.stdout and "<script" not in result.stdout


def test_templates_load_through_the_package() -> None:
    """The renderer finds its templates as package data (hatchling ships every file under
    src/ketcheck in the wheel), not through a path relative to the checkout."""
    loader = html._ENV.loader
    assert loader is not None
    assert sorted(loader.list_templates()) == [
        "base.html.j2",
        "lint.html.j2",
        "macros.html.j2",
        "report.html.j2",
        "style.css",
    ]


def test_every_conflict_group_is_shown_with_its_sides() -> None:
    from ketcheck.rules.groups import conflict_groups

    check = cross_check(load_kb(REPO / "data"))
    shown = build_report(check).conflicts
    groups = conflict_groups(check.kb)
    assert len(shown) == len(groups)
    for view, group in zip(shown, groups, strict=True):
        assert [label for label, _ in view.sides] == [side.label for side in group.sides]
        anchors = {a for _, quoted in view.sides for _, _, a in quoted}
        assert anchors == {f"claim-{c}" for c in group.claims}
        assert view.rule in {"KC101", "KC102", "KC104"} and view.message


def test_verdicts_read_without_colour() -> None:
    """Every coloured matrix value and highlight also carries its verdict's mark."""
    import re

    from ketcheck.report import VERDICT_MARKS

    text = page_for(SCRIPT)
    chips = re.findall(r'<a class="chip v-(\w+)"[^>]*><span class="vmark"[^>]*>(.)</span>', text)
    assert chips and all(VERDICT_MARKS[v] == mark for v, mark in chips)
    assert len(chips) == text.count('class="chip ')
    marks = re.findall(r'<mark id="[^"]+" class="claim v-(\w+)"', text)
    after = re.findall(r'<span class="vm" aria-hidden="true">(.)</span>', text)
    assert marks and len(after) == len(marks) == text.count("<mark ")
