"""Exports of the cross-check for other tools: claim and finding records, and ClaimReview.

Records are flat dictionaries with the same keys, in the same order, for every item
(:data:`CLAIM_COLUMNS`, :data:`FINDING_COLUMNS`): JSON Lines and CSV are written from them, so
both load into a pandas frame with the documented columns. These column names are a contract.

ClaimReview follows schema.org and Google's fact-check structured data. The rating scale is
ketcheck's own (Google asks for a documented one): 1 contradicted, 2 misleading,
3 unsupported, 4 supported. A claim no reference fact decides (``unverified``) has not been
reviewed, and a statement an article reports only to refute it is not the article's claim:
neither gets a ClaimReview.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from ketcheck.check import CheckReport
from ketcheck.models import Claim, Finding, Verdict
from ketcheck.report import claim_anchor

CLAIM_COLUMNS = (
    "id",
    "source",
    "publisher",
    "path",
    "line",
    "column",
    "topic",
    "property",
    "value",
    "polarity",
    "assertions",
    "verdict",
    "reason",
    "reference",
    "citation",
    "support",
    "reported",
    "quote",
)
FINDING_COLUMNS = (
    "rule",
    "name",
    "severity",
    "message",
    "property",
    "claims",
    "sources",
    "path",
    "line",
    "column",
    "end_line",
    "end_column",
    "quote",
    "reference",
    "citation",
    "fix",
)
# Columns holding lists (JSON Lines keeps them; CSV joins them with LIST_SEPARATOR).
LIST_COLUMNS = frozenset({"claims", "sources"})
LIST_SEPARATOR = ";"

RATING_SCALE = {
    Verdict.contradicted: 1,
    Verdict.misleading: 2,
    Verdict.unsupported: 3,
    Verdict.supported: 4,
}
WORST_RATING = min(RATING_SCALE.values())
BEST_RATING = max(RATING_SCALE.values())


def claim_records(check: CheckReport) -> list[dict[str, Any]]:
    """One record per claim; ``property``/``value``/``polarity`` are its first assertion's,
    ``assertions`` how many it makes."""
    kb = check.kb
    records = []
    for claim in check.claims:
        judgement = check.judgements[claim.id]
        location = kb.location(claim)
        first = claim.assertions[0]
        records.append(
            {
                "id": claim.id,
                "source": claim.source,
                "publisher": kb.sources[claim.source].publisher,
                "path": location.path,
                "line": location.line,
                "column": location.column,
                "topic": claim.topic,
                "property": first.property,
                "value": first.value,
                "polarity": first.polarity.value,
                "assertions": len(claim.assertions),
                "verdict": judgement.verdict.value,
                "reason": judgement.reason,
                "reference": judgement.fact,
                "citation": judgement.citation,
                "support": claim.support.kind.value,
                "reported": claim.reported,
                "quote": claim.quote,
            }
        )
    return records


def finding_records(findings: list[Finding]) -> list[dict[str, Any]]:
    """One record per finding: the finding JSON contract, in :data:`FINDING_COLUMNS` order."""
    items = (f.to_json() for f in findings)
    return [{key: item[key] for key in FINDING_COLUMNS} for item in items]


@dataclass(frozen=True)
class Reviewer:
    """The organisation publishing the reviews (from configuration)."""

    name: str
    url: str
    report_url: str | None = None  # the published report; ClaimReview ``url``s link into it


class MissingReviewer(ValueError):
    """ClaimReview needs the reviewing organisation; the configuration does not name it."""


def reviewer_from(name: str | None, url: str | None, report_url: str | None) -> Reviewer:
    missing = [key for key, value in (("reviewer", name), ("reviewer-url", url)) if not value]
    if missing:
        raise MissingReviewer(
            "ClaimReview needs the reviewing organisation: set "
            + " and ".join(f"'{k}'" for k in missing)
            + " in ketcheck.toml or [tool.ketcheck]"
        )
    assert name and url
    return Reviewer(name, url, report_url)


def reviewable(check: CheckReport) -> list[Claim]:
    """The claims a ClaimReview can be published for: the articles' own, with a verdict."""
    return [
        c for c in check.claims if not c.reported and check.judgements[c.id].verdict in RATING_SCALE
    ]


def claim_reviews(check: CheckReport, reviewer: Reviewer, published: date) -> list[dict]:
    """A schema.org ClaimReview (JSON-LD) for every reviewable claim."""
    kb = check.kb
    page = reviewer.report_url or reviewer.url
    items = []
    for claim in reviewable(check):
        judgement = check.judgements[claim.id]
        source = kb.sources[claim.source]
        appearance: dict[str, Any] = {"@type": "CreativeWork", "name": source.title}
        if source.url:
            appearance["url"] = source.url
        rating: dict[str, Any] = {
            "@type": "Rating",
            "ratingValue": RATING_SCALE[judgement.verdict],
            "bestRating": BEST_RATING,
            "worstRating": WORST_RATING,
            "alternateName": judgement.verdict.value.capitalize(),
        }
        if judgement.reason:
            rating["ratingExplanation"] = judgement.reason
        item: dict[str, Any] = {
            "@context": "https://schema.org",
            "@type": "ClaimReview",
            "url": f"{page.split('#')[0]}#{claim_anchor(claim.id)}",
            "claimReviewed": claim.quote,
            "datePublished": published.isoformat(),
            "author": {"@type": "Organization", "name": reviewer.name, "url": reviewer.url},
            "reviewRating": rating,
            "itemReviewed": {
                "@type": "Claim",
                "author": {"@type": "Organization", "name": source.publisher},
                "appearance": appearance,
            },
        }
        if judgement.citation:
            item["citation"] = judgement.citation
        items.append(item)
    return items
