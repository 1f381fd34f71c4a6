"""The HTML report in a real browser: Debian's headless Chromium driven by Playwright.

Never ``playwright install``: the browser is the system's ``/usr/bin/chromium`` (CI installs
it, see ``.ci/run``), started with the flags below and an empty profile directory. The test
skips only when that browser or the playwright package is absent. Screenshots are kept in
``test-artifacts/`` (or ``$KETCHECK_ARTIFACTS``).
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from ketcheck import load_kb
from ketcheck.check import cross_check
from ketcheck.lint import Linter, lint_paths
from ketcheck.render import html
from ketcheck.report import build_report, lint_articles

CHROMIUM = "/usr/bin/chromium"
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
REPO = Path(__file__).parent.parent
FIXTURES = Path(__file__).parent / "fixtures"
WIDTH = 1280

if not Path(CHROMIUM).exists():
    pytest.skip(
        f"{CHROMIUM} is not installed (CI installs Debian's chromium)", allow_module_level=True
    )
sync_api = pytest.importorskip("playwright.sync_api")


def artifacts() -> Path:
    folder = Path(os.environ.get("KETCHECK_ARTIFACTS") or REPO / "test-artifacts")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[object]:
    profile = tmp_path_factory.mktemp("chromium-profile")
    assert not any(profile.iterdir())  # an empty profile: no state from earlier runs
    with sync_api.sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            str(profile),
            executable_path=CHROMIUM,
            headless=True,
            args=FLAGS,
            viewport={"width": WIDTH, "height": 900},
        )
        yield context
        context.close()


def write_page(folder: Path, kb_path: Path, articles: list[Path]) -> tuple[Path, object]:
    kb = load_kb(kb_path)
    linter = Linter(kb)
    linted = lint_articles(linter, lint_paths(linter, [str(a) for a in articles]).files)
    check = cross_check(kb)
    target = folder / "report.html"
    target.write_text(html.report(build_report(check, linted)), encoding="utf-8")
    return target, check


def open_page(browser, target: Path):  # type: ignore[no-untyped-def]
    page = browser.new_page()
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(target.as_uri())
    return page, requests


def test_report_in_chromium(browser, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    target, check = write_page(
        tmp_path, REPO / "data", [FIXTURES / "articles" / "ketamine-wrong.txt"]
    )
    page, requests = open_page(browser, target)

    # nothing but the page itself is loaded
    assert requests == [target.as_uri()]

    # the browser's DOM holds every claim once, as a visible, keyboard-focusable highlight
    ids = page.eval_on_selector_all("mark.claim", "els => els.map(e => e.id)")
    curated = [i for i in ids if i.startswith("claim-")]
    assert sorted(curated) == sorted(f"claim-{c.id}" for c in check.claims)
    assert len(ids) == len(set(ids)) and any(i.startswith("lint-1-claim-") for i in ids)
    assert page.eval_on_selector_all("mark.claim", "els => els.every(e => e.tabIndex === 0)"), (
        "every highlight is in the tab order"
    )
    first = page.locator("#source-avenues mark.claim").first
    assert first.is_visible()
    box = first.bounding_box()
    assert box and box["width"] > 0 and box["height"] > 0

    # the matrix fits a 1280-pixel window: no horizontal scroll
    widths = page.evaluate(
        "() => [document.documentElement.scrollWidth, document.documentElement.clientWidth,"
        " document.querySelector('table.matrix').getBoundingClientRect().right]"
    )
    assert widths[0] <= widths[1] == WIDTH and widths[2] <= WIDTH

    # focus, by keyboard: Tab from one highlight lands on the next, and shows its detail
    marks = page.locator("#source-avenues .text > mark.claim")
    claim_id = marks.nth(1).get_attribute("id")
    assert claim_id
    detail = page.locator(f"#{claim_id}-detail")
    assert not detail.is_visible()
    marks.nth(0).focus()
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.id") == claim_id
    assert detail.is_visible()
    judged = check.judgements[claim_id.removeprefix("claim-")]
    shown = detail.inner_text()
    assert judged.verdict.value in shown
    for part in (judged.reason, judged.citation):
        if part:
            assert part.split(" ")[0] in shown
    if judged.fact:
        assert check.kb.fact(judged.fact).statement in shown
    page.screenshot(path=str(artifacts() / "report-focus.png"))

    # hover shows a detail too
    page.keyboard.press("Shift+Tab")
    page.locator("body").click(position={"x": 5, "y": 5})
    other = marks.nth(3)
    other.hover()
    assert page.locator(f"#{other.get_attribute('id')}-detail").is_visible()

    page.evaluate("() => window.scrollTo(0, 0)")
    page.screenshot(path=str(artifacts() / "report.png"))

    # printed: no pop-up details, the text and its findings one under the other, nothing
    # wider than the page
    page.emulate_media(media="print")
    assert not page.locator(f"#{other.get_attribute('id')}-detail").is_visible()
    columns = page.evaluate(
        "() => getComputedStyle(document.querySelector('.article-body')).gridTemplateColumns"
    )
    assert len(columns.split()) == 1
    page.close()


def test_script_in_an_article_is_text_and_does_not_run(browser, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    article = tmp_path / "article.txt"
    shutil.copy(FIXTURES / "report" / "script.txt", article)
    target, _ = write_page(tmp_path, FIXTURES / "kb_small", [article])
    page, requests = open_page(browser, target)
    assert requests == [target.as_uri()]
    assert page.evaluate("() => typeof window.pwned") == "undefined"
    assert page.title() == "ketcheck report"
    assert page.evaluate("() => document.querySelectorAll('script').length") == 0
    text = page.locator("#lint-1 .text").inner_text()
    assert '<script>window.pwned = true; document.title = "pwned";</script>' in text
    page.close()
