"""The linear conflict graph gives the components of the pairwise definition, on random data."""

from __future__ import annotations

import random
from itertools import combinations
from pathlib import Path

import pytest

from ketcheck.kb import KnowledgeBase, load_kb
from ketcheck.models import Assertion, Claim
from ketcheck.rules.conflict_graph import Graph, conflict, link_conflicts
from ketcheck.rules.groups import Stance
from ketcheck.rules.semantics import position

SMALL = Path(__file__).parent.parent / "fixtures" / "kb_small"


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return load_kb(SMALL)


def random_stances(kb: KnowledgeBase, prop_name: str, rng: random.Random) -> list[Stance]:
    prop = kb.prop(prop_name)
    stances = []
    for c in range(rng.randint(2, 14)):
        claim_id, source = f"c{c}", rng.choice(["s1", "s2", "s3"])
        assertions = []
        for _ in range(rng.choice([1, 1, 1, 2])):  # sometimes two on one property
            if prop.values:
                value: str | float = rng.choice(list(prop.values))
            else:
                value = float(rng.choice([0, 1, 2, 3, 50, 51, 53, 100]))
            qualifiers = {
                key: rng.choice(["a", "b"]) for key in prop.qualifiers if rng.random() < 0.4
            }
            assertions.append(
                Assertion(
                    property=prop_name,
                    value=value,
                    polarity=rng.choice(["affirmed", "affirmed", "negated"]),
                    subject=rng.choice([None, None, None, "other"]),
                    qualifiers=qualifiers,
                )
            )
        claim = Claim(
            id=claim_id, source=source, quote="a quote", topic="pharmacology", assertions=assertions
        )
        stances += [Stance(claim, a, position(prop, a)) for a in assertions]
    return stances


def pairwise(kb: KnowledgeBase, prop_name: str, stances: list[Stance], members: list[int]):
    prop = kb.prop(prop_name)
    graph, crossing = Graph(len(stances)), set()
    for i, j in combinations(members, 2):
        if conflict(kb, prop, stances[i], stances[j]):
            graph.join(i, j)
            if stances[i].claim.source != stances[j].claim.source:
                crossing.update((i, j))
    return graph.components(), crossing


@pytest.mark.parametrize(
    "prop_name",
    [
        "us_schedule",
        "drug_class",
        "blood_pressure",
        "abstinence_rate",
        "efficacy_rate",
        "overdose_margin",
    ],
)
def test_components_match_the_pairwise_definition(kb: KnowledgeBase, prop_name: str) -> None:
    rng = random.Random(prop_name)
    prop = kb.prop(prop_name)
    for _ in range(300):
        stances = random_stances(kb, prop_name, rng)
        everyone = list(range(len(stances)))
        graph, crossing = Graph(len(stances)), set()
        link_conflicts(kb, prop, stances, everyone, graph, crossing)
        expected_components, expected_crossing = pairwise(kb, prop_name, stances, everyone)
        assert graph.components() == expected_components
        assert crossing == expected_crossing
        s1 = [n for n in everyone if stances[n].claim.source == "s1"]
        within = Graph(len(stances))
        link_conflicts(kb, prop, stances, s1, within, None)
        assert within.components() == pairwise(kb, prop_name, stances, s1)[0]
