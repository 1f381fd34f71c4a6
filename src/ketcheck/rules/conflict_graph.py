"""Which stances conflict, found without comparing every pair (the groups' graph).

The conflict relation of :mod:`ketcheck.rules.groups` (same subject, compatible qualifiers,
positions that cannot both hold, figures about the same group, different claims) is linked
into a union-find so that its connected components, and the stances with a partner in another
source, come out exactly as if every pair had been compared:

- Stances are bucketed by subject, then into classes by (qualifiers that matter, position).
  Members of one class never conflict with each other, and two classes conflict member by
  member or not at all, so only class pairs are compared: their number depends on the
  vocabulary's values and the qualifiers in use, not on the number of claims.
- Figures (numeric properties) are compared by sort and sweep: on one sorted list, the
  figures that disagree with a given one beyond the tolerance are a prefix and a suffix, and
  those that a negation contradicts a window; each such run is joined in one step.

Each stance is joined to at most two members of another class (of different claims), which is
enough: two stances of one claim never conflict, and the test suite checks the components
against the pairwise definition on random knowledge bases.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import defaultdict
from collections.abc import Iterable
from typing import TYPE_CHECKING

from ketcheck.kb import KnowledgeBase
from ketcheck.models import Property, PropertyKind
from ketcheck.rules.semantics import (
    Position,
    about_same_thing,
    norm,
    numbers_comparable,
    positions_conflict,
    subject,
    universal_share,
)

if TYPE_CHECKING:
    from ketcheck.rules.groups import Stance

Signature = tuple[tuple[str, str], ...]


class Graph:
    """Union-find over stance numbers, with the stances that take part in a conflict."""

    def __init__(self, count: int) -> None:
        self.parent = list(range(count))
        self.touched: set[int] = set()

    def root(self, i: int) -> int:
        parent = self.parent
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def join(self, i: int, j: int) -> None:
        self.parent[self.root(i)] = self.root(j)
        self.touched.update((i, j))

    def components(self) -> list[list[int]]:
        """Connected stances, each list sorted, lists ordered by their first stance."""
        groups: dict[int, list[int]] = defaultdict(list)
        for i in sorted(self.touched):
            groups[self.root(i)].append(i)
        return list(groups.values())


def conflict(kb: KnowledgeBase, prop: Property, a: Stance, b: Stance) -> bool:
    """The pairwise definition: whether two stances on ``prop`` conflict."""
    return (
        a.claim.id != b.claim.id
        and a.assertion.as_of == b.assertion.as_of
        and about_same_thing(kb, a.assertion, b.assertion)
        and positions_conflict(prop, a.position, b.position)
        and (
            prop.kind is not PropertyKind.numeric
            or numbers_comparable(prop, a.assertion, b.assertion, a.position, b.position)
        )
    )


def link_conflicts(
    kb: KnowledgeBase,
    prop: Property,
    stances: list[Stance],
    members: Iterable[int],
    graph: Graph,
    crossing: set[int] | None,
) -> None:
    """Join conflicting stances among ``members`` in ``graph``; add to ``crossing`` (if given)
    every stance that conflicts with one from another source."""
    # claims speaking of different days never conflict: a 2009 page's law is not today's
    buckets: dict[tuple[str, object], list[int]] = defaultdict(list)
    for n in members:
        assertion = stances[n].assertion
        buckets[(subject(kb, assertion), assertion.as_of)].append(n)
    for bucket in buckets.values():
        linker = _Linker(prop, stances, graph, crossing)
        if prop.kind is PropertyKind.numeric:
            linker.numbers(kb, bucket)
        else:
            linker.classes(bucket)


def _signature(prop: Property, qualifiers: dict[str, str]) -> Signature:
    return tuple((key, norm(qualifiers[key])) for key in prop.qualifiers if key in qualifiers)


def _compatible(left: Signature, right: Signature) -> bool:
    if left == right:
        return True
    mine = dict(left)
    return all(mine.get(key, value) == value for key, value in right)


def _reps(stances: list[Stance], members: list[int], attr: str) -> list[tuple[int, str]]:
    """Up to two members with different claims (``attr="id"``) or sources (``"source"``)."""
    found: list[tuple[int, str]] = []
    for n in members:
        value = getattr(stances[n].claim, attr)
        if not found or (len(found) == 1 and value != found[0][1]):
            found.append((n, value))
            if len(found) == 2:
                break
    return found


class _SortedRun:
    """One sorted list of figures, with what joining runs of it needs."""

    def __init__(self, stances: list[Stance], members: list[int]) -> None:
        order = sorted(members, key=lambda n: (stances[n].position.value, n))
        self.members = order
        self.values = [float(stances[n].position.value) for n in order]
        self.sources = [stances[n].claim.source for n in order]
        self.claims: dict[str, list[int]] = defaultdict(list)
        for k, n in enumerate(order):
            self.claims[stances[n].claim.id].append(k)
        # next_other[k]: first index after k whose source differs from that at k
        self.next_other = [len(order)] * len(order)
        for k in range(len(order) - 2, -1, -1):
            same = self.sources[k + 1] == self.sources[k]
            self.next_other[k] = self.next_other[k + 1] if same else k + 1
        self.cover = [0] * (len(order) + 1)

    def window(self, q: float, tol: float) -> tuple[int, int]:
        """Indices [lo, hi) of the figures within ``tol`` of ``q`` (``same_value``)."""
        values = self.values
        lo = bisect_left(values, True, key=lambda v: v >= q or abs(v - q) <= tol)
        hi = bisect_left(values, True, key=lambda v: v > q and abs(v - q) > tol)
        return lo, hi


class _Linker:
    def __init__(
        self, prop: Property, stances: list[Stance], graph: Graph, crossing: set[int] | None
    ) -> None:
        self.prop, self.stances, self.graph, self.crossing = prop, stances, graph, crossing

    # --- categorical, set and direction properties: class pairs

    def classes(self, bucket: list[int]) -> None:
        stances = self.stances
        classes: dict[tuple[Signature, Position], list[int]] = defaultdict(list)
        for n in bucket:
            stance = stances[n]
            classes[(_signature(self.prop, stance.assertion.qualifiers), stance.position)].append(n)
        items = list(classes.items())
        for x, ((sig_a, pos_a), first) in enumerate(items):
            for (sig_b, pos_b), second in items[x + 1 :]:
                if positions_conflict(self.prop, pos_a, pos_b) and _compatible(sig_a, sig_b):
                    self._join_classes(first, second)
                    self._join_classes(second, first)

    def _join_classes(self, mine: list[int], theirs: list[int]) -> None:
        stances, graph, crossing = self.stances, self.graph, self.crossing
        claim_reps = _reps(stances, theirs, "id")
        source_reps = _reps(stances, theirs, "source") if crossing is not None else []
        for n in mine:
            claim = stances[n].claim
            for m, other in claim_reps:
                if other != claim.id:
                    graph.join(n, m)
            if crossing is not None and any(src != claim.source for _, src in source_reps):
                crossing.add(n)

    # --- numeric properties: sort and sweep

    def numbers(self, kb: KnowledgeBase, bucket: list[int]) -> None:
        stances, prop = self.stances, self.prop
        odd = [n for n in bucket if isinstance(stances[n].position.value, str)]
        if odd:  # a figure given as text: compared one by one (the loader refuses these)
            for n in odd:
                for m in bucket:
                    if m != n and conflict(kb, prop, stances[n], stances[m]):
                        self._join_one(n, m)
            skip = set(odd)
            bucket = [n for n in bucket if n not in skip]
        groups: dict[Signature, list[int]] = defaultdict(list)
        for n in bucket:
            groups[_signature(prop, stances[n].assertion.qualifiers)].append(n)
        runs: dict[Signature, tuple[_SortedRun, ...]] = {}
        for sig, members in groups.items():
            split = [
                [
                    n
                    for n in members
                    if stances[n].position.negated is negated and (not only_u or self._universal(n))
                ]
                for only_u in (False, True)
                for negated in (False, True)
            ]
            runs[sig] = tuple(_SortedRun(stances, part) for part in split)
        for sig, members in groups.items():
            others = [s for s in groups if s != sig and _compatible(sig, s)]
            for n in members:
                full = runs[sig][:2]
                self._query(n, *full)
                for other in others:
                    affirmed, negated, affirmed_u, negated_u = runs[other]
                    if self._universal(n):
                        self._query(n, affirmed, negated)
                    else:
                        self._query(n, affirmed_u, negated_u)
        for run_set in runs.values():
            for run in run_set:
                self._sweep(run)

    def _universal(self, n: int) -> bool:
        return universal_share(self.prop, self.stances[n].position)

    def _query(self, n: int, affirmed: _SortedRun, negated: _SortedRun) -> None:
        pos = self.stances[n].position
        q, tol = float(pos.value), self.prop.tolerance or 0
        if pos.negated:
            lo, hi = affirmed.window(q, tol)
            self._join_run(n, affirmed, lo, hi)
            return
        lo, hi = affirmed.window(q, tol)
        self._join_run(n, affirmed, 0, lo)
        self._join_run(n, affirmed, hi, len(affirmed.members))
        lo, hi = negated.window(q, tol)
        self._join_run(n, negated, lo, hi)

    def _join_run(self, n: int, run: _SortedRun, lo: int, hi: int) -> None:
        if lo >= hi:
            return
        claim = self.stances[n].claim
        crossing = self.crossing
        if crossing is not None and n not in crossing:
            other_source = run.sources[lo] != claim.source or run.next_other[lo] < hi
            if other_source:
                crossing.add(n)
        own = run.claims.get(claim.id, ())
        if any(lo <= k < hi for k in own):  # never join a claim with itself
            for k in range(lo, hi):
                if k not in own:
                    self.graph.join(n, run.members[k])
            return
        self.graph.join(n, run.members[lo])
        run.cover[lo] += 1  # every neighbour pair in [lo, hi) is joined by the sweep
        run.cover[hi - 1] -= 1

    def _join_one(self, n: int, m: int) -> None:
        self.graph.join(n, m)
        if (
            self.crossing is not None
            and self.stances[n].claim.source != self.stances[m].claim.source
        ):
            self.crossing.update((n, m))

    def _sweep(self, run: _SortedRun) -> None:
        depth = 0
        for k in range(len(run.members) - 1):
            depth += run.cover[k]
            if depth > 0:
                self.graph.join(run.members[k], run.members[k + 1])
