"""Citations a reviewer can pass on: every shown citation field of every reference fact is one
of the reference file's primary identifiers, and no mirror page is ever shown as a citation.

``data/primary_identifiers.yaml`` lists what the reference file verifies; these tests check the
list against the reference file (nothing invented) and the facts against the list.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml

from ketcheck import load_kb
from ketcheck.kb import KnowledgeBase
from ketcheck.models import Citation, Fact
from ketcheck.rules.base import format_citation

ROOT = Path(__file__).parent.parent
DATA = ROOT / "data"
REFERENCE = ROOT / "docs" / "reference" / "ketamine-facts.md"
FR_NUMBER = re.compile(r"\b\d+\s+FR\s+\d+")


def _squash(text: str) -> str:
    """Letters and digits only, lower case: titles compare ignoring spacing and punctuation."""
    return re.sub(r"[^a-z0-9]", "", text.lower().replace("&", "and"))


def _words(text: str) -> set[str]:
    return {w for w in re.findall(r"[a-z0-9]+", text.lower()) if len(w) >= 3 or w.isdigit()}


@pytest.fixture(scope="module")
def reference() -> str:
    return REFERENCE.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def primary() -> dict:
    return yaml.safe_load((DATA / "primary_identifiers.yaml").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return load_kb(DATA)


def _citations(kb: KnowledgeBase) -> list[tuple[Fact, Citation]]:
    return [(fact, citation) for fact in kb.facts for citation in fact.citations]


def _is_mirror(url: str, hosts: list[str]) -> bool:
    host = (urlsplit(url).hostname or "").lower()
    return any(host == h or host.endswith("." + h) for h in hosts)


# --- the list is the reference's own ---------------------------------------------------------


@pytest.mark.parametrize("key", ["dois", "pmids", "federal_register", "urls"])
def test_every_listed_identifier_is_in_the_reference(primary, reference, key) -> None:
    missing = [item for item in primary[key] if str(item) not in reference]
    assert not missing, f"{key} not in {REFERENCE.name}: {missing}"


def test_listed_titles_are_in_the_reference(primary, reference) -> None:
    squashed, words = _squash(reference), _words(reference)
    verbatim = [t for t in primary["titles"]["verbatim"] if _squash(t) not in squashed]
    assert not verbatim, f"titles not in the reference: {verbatim}"
    for title in [*primary["titles"]["descriptive"], *primary["statutory_instruments"]]:
        assert _words(title) <= words, f"{title!r}: {_words(title) - words} not in the reference"


def test_listed_container_spellings_are_in_the_reference(primary, reference) -> None:
    lowered = " ".join(reference.lower().split())
    missing = [
        name for name, spelt in primary["containers"].items() if spelt.lower() not in lowered
    ]
    assert not missing, f"containers whose reference spelling is not there: {missing}"


def test_seen_at_addresses_are_those_the_reference_names(kb, reference) -> None:
    unknown = [url for _, c in _citations(kb) for url in c.seen_at if url not in reference]
    assert not unknown


# --- every shown citation field is on the list -----------------------------------------------


def test_shown_identifiers_are_primary(kb, primary) -> None:
    problems = []
    for fact, citation in _citations(kb):
        if citation.doi and citation.doi not in primary["dois"]:
            problems.append(f"{fact.id}: doi {citation.doi}")
        if citation.pmid and citation.pmid not in primary["pmids"]:
            problems.append(f"{fact.id}: pmid {citation.pmid}")
        if citation.url and citation.url not in primary["urls"]:
            problems.append(f"{fact.id}: url {citation.url}")
        for number in FR_NUMBER.findall(citation.container or ""):
            if number not in primary["federal_register"]:
                problems.append(f"{fact.id}: {number}")
    assert not problems


def test_shown_titles_are_primary(kb, primary) -> None:
    titles = primary["titles"]
    known = {_squash(t) for t in [*titles["verbatim"], *titles["descriptive"]]}
    unknown = {
        f"{fact.id}: {c.title}"
        for fact, c in _citations(kb)
        if c.title and _squash(c.title) not in known
    }
    assert not unknown


def test_shown_containers_are_primary(kb, primary, reference) -> None:
    """A container is a listed journal or issuing body, and what follows its name (volume,
    issue, pages, a description) is made of words and figures the reference gives."""
    names = sorted(primary["containers"], key=len, reverse=True)
    words = _words(reference)
    problems = []
    for fact, citation in _citations(kb):
        if not citation.container:
            continue
        name = next((n for n in names if citation.container.startswith(n)), None)
        if name is None:
            problems.append(f"{fact.id}: unlisted container {citation.container!r}")
            continue
        rest = _words(citation.container[len(name) :]) - words
        if rest:
            problems.append(f"{fact.id}: {citation.container!r} has {sorted(rest)}")
    assert not problems


def test_no_mirror_is_shown_as_a_citation(kb, primary) -> None:
    hosts = primary["mirror_hosts"]
    shown = []
    for fact, citation in _citations(kb):
        if citation.url and _is_mirror(citation.url, hosts):
            shown.append(f"{fact.id}: url {citation.url}")
        text = format_citation(citation).lower()
        shown += [f"{fact.id}: {host} in {text!r}" for host in hosts if host in text]
    assert not shown


def test_mirror_copies_are_kept_as_seen_at(kb, primary) -> None:
    """The mirrors the reference file read are not lost: each mirror address a fact keeps is
    under seen_at, and at least the CFR copy and the label copies are there."""
    kept = {url for _, c in _citations(kb) for url in c.seen_at}
    assert all(_is_mirror(url, primary["mirror_hosts"]) for url in kept)
    assert any("docslib.org" in url for url in kept)
    assert any("fda.report" in url for url in kept)


# --- the first citation is the primary work --------------------------------------------------


def test_first_citation_names_the_work(kb, primary) -> None:
    """The citation shown with a verdict names the work (title or issuing body), not a page."""
    bare = [
        f.id
        for f in kb.facts
        if not (f.citations[0].title or f.citations[0].container or f.citations[0].authors)
    ]
    assert not bare


def test_legal_status_facts_cite_the_law_first(kb, primary) -> None:
    """US control status is cited by its Federal Register notice, the CFR or the FDA label;
    UK class by its statutory instrument."""
    legal = {"us_schedule", "us_narcotic_status", "controlled_status", "uk_class"}
    wrong = []
    for fact in kb.facts:
        if fact.property not in legal:
            continue
        first = fact.citations[0]
        shown = f"{first.title or ''} {first.container or ''}"
        if fact.qualifiers.get("jurisdiction") == "UK":
            ok = first.title in primary["statutory_instruments"]
        else:
            ok = bool(
                FR_NUMBER.search(shown) or "CFR" in shown or "prescribing information" in shown
            )
        if not ok:
            wrong.append(f"{fact.id}: {shown.strip()}")
    assert not wrong


def test_the_schedule_fact_cites_the_federal_register_notice(kb) -> None:
    fact = kb.fact("us-schedule-iii")
    assert "64 FR 37673" in format_citation(fact.citations[0])
