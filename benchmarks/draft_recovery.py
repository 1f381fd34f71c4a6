"""How much of each curated article `ketcheck draft` recovers.

For every source in the knowledge base, drafts candidates from its text and counts the curated
claims that a candidate recovers: a candidate whose sentence overlaps the claim's quote and
asserts the same property (and, stricter, the same property and value). Run from the repo root:

    python benchmarks/draft_recovery.py [--kb data] [--misses]
"""

from __future__ import annotations

import argparse

from ketcheck.draft import candidates
from ketcheck.extract import Extractor
from ketcheck.kb import load_kb
from ketcheck.text import make_document


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kb", default=None)
    parser.add_argument("--misses", action="store_true", help="list the claims not recovered")
    args = parser.parse_args()
    kb = load_kb(args.kb)
    extractor = Extractor(kb.vocabulary)
    totals = [0, 0, 0]
    print(f"{'source':<14} {'claims':>6} {'property':>9} {'prop+value':>11} {'candidates':>11}")
    for source_id in kb.sources:
        doc = make_document(kb.texts[source_id], kb.source_path(source_id), "txt")
        drafted = candidates(extractor, doc, source_id)
        claims = kb.claims_of(source_id)
        by_prop = by_value = 0
        misses = []
        for claim in claims:
            start, end = kb.quote_spans[claim.id] or (0, 0)
            near = [c for c in drafted if c.start < end and start < c.end]
            props = {a.property for c in near for a in c.assertions}
            pairs = {(a.property, str(a.value)) for c in near for a in c.assertions}
            wanted = {a.property for a in claim.assertions}
            wanted_pairs = {(a.property, str(a.value)) for a in claim.assertions}
            by_prop += bool(wanted & props)
            by_value += bool(wanted_pairs & pairs)
            if not wanted_pairs & pairs:
                misses.append(claim)
        totals[0] += len(claims)
        totals[1] += by_prop
        totals[2] += by_value
        print(
            f"{source_id:<14} {len(claims):>6} {by_prop / len(claims):>9.0%} "
            f"{by_value / len(claims):>11.0%} {len(drafted):>11}"
        )
        if args.misses:
            for claim in misses:
                first = claim.assertions[0]
                print(f"    miss {claim.id}: {first.property}={first.value}  «{claim.quote}»")
    print(
        f"{'all':<14} {totals[0]:>6} {totals[1] / totals[0]:>9.0%} {totals[2] / totals[0]:>11.0%}"
    )


if __name__ == "__main__":
    main()
