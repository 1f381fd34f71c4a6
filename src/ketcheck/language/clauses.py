"""Reading a value phrase by its role in its clause (Universal Dependencies relations).

A value phrase is a claim about the subject only when it is predicated of it: the predicate of
a copular clause ("is a dissociative anesthetic"), an argument of a verb whose subject it is
("blocks NMDA receptors", "is classified as a stimulant"), an apposition, or a conjunct of
these. Modifiers ("stimulant-like effects", "opioid use disorder", "uncontrolled
hypertension") are not, except of a generic head noun that is itself predicated ("a Schedule
III drug"). The subject is found on the clause, inherited through ``conj``/``xcomp``/``advcl``
where English writes it once, and taken from the head noun for relative clauses ("anesthetics,
which lower blood pressure" is about the anesthetics).

Polarity comes from syntax and ends at the clause: a negation word attached to the value, to a
word between it and its predicate, or to the predicate (UD attaches "not" to the predicate,
not to its auxiliary); "no" as the value's determiner; a negating verb ("denies", "lacks")
above it. A contrastive conjunct ("not a stimulant but a depressant") leaves the negation
behind. Modality is recorded on every reading: possible ("can", "may"), frequency ("in rare
cases"), past tense and the year a clause names.

No word lists live here: every cue comes from the vocabulary (:class:`ClauseCues`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

Subject = Literal["ours", "other", "reference", "none", "unknown"]
Role = Literal["predicate", "modifier", "subject"]

_PASS_THROUGH = frozenset({"conj", "appos", "flat", "fixed", "list", "flat:name"})
_MODIFIER = frozenset(
    {"amod", "compound", "nmod", "nmod:poss", "nmod:npmod", "nmod:tmod", "nummod", "det", "case"}
)
_SUBJECTS = frozenset({"nsubj", "nsubj:pass", "csubj", "csubj:pass", "nsubj:outer"})
_INHERITS_SUBJECT = frozenset({"conj", "xcomp", "advcl", "parataxis"})
# not "discourse": an answer particle ("No, it is not a stimulant") negates nothing in its clause
_NEGATION_DEPS = frozenset(
    {"advmod", "det", "det:predet", "cc:preconj", "cc", "mark", "case", "aux"}
)
_CONTRASTIVE = frozenset({"but", "yet", "rather", "instead", "whereas", "while"})
_RELATIVE = frozenset({"which", "that", "who", "whom", "whose"})
_YEAR = re.compile(r"^(?:19|20)\d{2}$")
_MAX_CLIMB = 12


@dataclass(frozen=True)
class ClauseCues:
    """The vocabulary's language cues, compiled once."""

    negations: frozenset[str]  # single words: not, no, never, neither, nor, without
    pseudo_negations: tuple[str, ...]  # phrases that start with a negation but do not negate
    negating_verbs: frozenset[str]  # lemmas: deny, lack
    possibility: frozenset[str]  # modal lemmas and adverbs: can, may, sometimes
    rare: re.Pattern[str] | None  # "in rare cases", "rarely"
    common: re.Pattern[str] | None  # "commonly", "often"
    generic_heads: frozenset[str]  # lemmas that pass predication to modifiers: drug, substance
    references: frozenset[str]  # lemmas of nouns that refer back to the subject: the drug
    modifier_suffix: re.Pattern[str] | None  # "-like", "-derived" right after a phrase


@dataclass(frozen=True)
class Reading:
    """What the clause says about one value phrase."""

    role: Role
    subject: Subject
    negated: bool = False
    possible: bool = False
    frequency: str | None = None  # "rare" | "common"
    past: bool = False
    year: int | None = None
    clause: tuple[int, int] = (0, 0)  # characters of the clause the value is read in


def read_value(
    doc: Doc,
    start: int,
    end: int,
    cues: ClauseCues,
    is_ours: Callable[[str], bool],
    is_other: Callable[[str], bool],
    whole_match: bool = False,
    values: Iterable[tuple[int, int]] = (),
) -> Reading | None:
    """Read the phrase at characters ``start:end`` of the parsed sentence ``doc``.

    ``is_ours``/``is_other`` tell whether a piece of text names the subject or another named
    drug. Returns None when no token covers the span.
    """
    head = _span_head(doc, start, end)
    if head is None:
        return None
    values = [v for v in values if v != (start, end)]
    if cues.modifier_suffix is not None and cues.modifier_suffix.match(doc.text, end):
        return Reading("modifier", "none")
    # a negation inside a value phrase is part of its value ("not a controlled substance"),
    # except for a pattern's match, which may span its own negation ("is not an opioid")
    inside = range(start, start) if whole_match else range(start, end)
    negation_open = True
    counted = head  # the last word whose negations are counted
    span = [t for t in doc if start <= t.idx < end]
    negated = sum(_negations(t, cues, inside) for t in span or [head]) % 2 == 1
    token = head
    role: Role = "predicate"
    secondary = False
    for _ in range(_MAX_CLIMB):
        if _is_predicate(token):
            break
        dep = token.dep_
        if dep in _PASS_THROUGH:
            if dep == "conj" and (_contrastive(token) or _has_cc(token, "nor")):
                negation_open = False  # "not A but B"; "neither A nor B" negated B already
            token = token.head
        elif dep in ("nmod", "obl", "xcomp") and _predicative_as(token):
            token = token.head  # "classified as X", "its status as X", "considers it X"
            secondary = True
            break
        elif dep in _MODIFIER or dep.startswith("compound"):
            # "a Schedule III drug", "a Schedule II stimulant": the head is predicated
            if not (
                _generic(token.head, cues)
                or _covered(token.head, values)
                or (dep == "amod" and _is_copular(token.head))  # "is a proven cure"
            ):
                return Reading("modifier", "none")
            token = token.head
        elif dep in _SUBJECTS:
            role = "subject"
            token = token.head
            break
        else:  # an argument or adjunct of the predicate above it
            token = token.head
            break
        counted = token
        if negation_open and _negations(token, cues, inside) % 2 == 1:
            negated = not negated
    else:
        return Reading("modifier", "none")
    clause = token
    if clause is not counted and negation_open and _negations(clause, cues, inside) % 2 == 1:
        negated = not negated
    if negation_open and _negated_above(clause, cues, inside):
        negated = not negated
    subject = _secondary_subject(clause) if secondary else None
    subject = subject or _subject_of(clause)
    if role == "subject":
        about: Subject = "ours" if _names_ours(clause, start, end, is_ours) else "unknown"
    elif subject is not None and start <= subject.idx < end:
        about = "none"  # "the blood pressure goes down": the phrase holds its own subject
    else:
        about = _classify(subject, cues, is_ours, is_other)
        if about == "unknown" and not _subordinate(clause):
            # a main clause about a noun the vocabulary does not know ("the group", "users")
            # may still continue the text about ours; a relative or adverbial clause with its
            # own subject ("anesthetics, which lower ...") never does
            about = "none"
    past, year = _tense(clause)
    return Reading(
        role=role,
        subject=about,
        negated=negated,
        possible=_possible(clause, cues),
        frequency=_frequency(doc, clause, cues),
        past=past,
        year=year,
        clause=_clause_span(clause, head),
    )


def _clause_span(clause: Token, value: Token) -> tuple[int, int]:
    """The predicate's own clause: its subtree less the clauses embedded in it."""
    embedded = ("acl:relcl", "advcl", "ccomp", "parataxis", "csubj")
    tokens = {clause.i, value.i}
    stack = [clause]
    while stack:
        token = stack.pop()
        for child in token.children:
            if child.dep_ in embedded and child.i != value.i and value not in child.subtree:
                continue
            if (
                child.dep_ == "conj"
                and child.pos_ in ("VERB", "AUX")
                and value not in child.subtree
            ):
                continue
            if child.dep_ == "punct":
                continue  # a final full stop would stretch the span over embedded clauses
            tokens.add(child.i)
            stack.append(child)
    doc = clause.doc
    first, last = doc[min(tokens)], doc[max(tokens)]
    return first.idx, last.idx + len(last.text)


def _span_head(doc: Doc, start: int, end: int) -> Token | None:
    tokens = [t for t in doc if t.idx < end and t.idx + len(t.text) > start and not t.is_space]
    if not tokens:
        return None
    inside = {t.i for t in tokens}
    for token in tokens:
        if token.head.i not in inside or token.head.i == token.i:
            return token
    return tokens[0]


_CLAUSAL = frozenset(
    {"conj", "xcomp", "ccomp", "advcl", "acl", "acl:relcl", "parataxis", "csubj", "root"}
)


def _is_predicate(token: Token) -> bool:
    if token.dep_ in _MODIFIER or token.dep_.startswith("compound"):
        return False
    if token.dep_ == "ROOT":
        return True
    if any(c.dep_ in _SUBJECTS or c.dep_ in ("cop", "expl") for c in token.children):
        return True
    # a verb heads a clause; a word tagged VERB in an argument slot is a tagging slip
    return token.pos_ in ("VERB", "AUX") and token.dep_.lower() in _CLAUSAL


def _has_cc(conjunct: Token, word: str) -> bool:
    return any(c.dep_ == "cc" and c.lower_ == word for c in conjunct.children)


def _is_copular(token: Token) -> bool:
    return any(c.dep_ == "cop" for c in token.children)


def _generic(token: Token, cues: ClauseCues) -> bool:
    return token.lemma_.lower() in cues.generic_heads or token.lower_ in cues.generic_heads


def _covered(token: Token, values: Iterable[tuple[int, int]]) -> bool:
    """Whether ``token`` is part of another value phrase of the sentence."""
    return any(a <= token.idx < b for a, b in values)


def _contrastive(conjunct: Token) -> bool:
    return any(c.dep_ == "cc" and c.lower_ in _CONTRASTIVE for c in conjunct.children)


def _negations(token: Token, cues: ClauseCues, inside: range) -> int:
    """Negation words attached to ``token`` (outside the value phrase itself)."""
    count = 0
    for child in token.children:
        if child.idx in inside or child.dep_ not in _NEGATION_DEPS:
            continue
        word = child.lower_
        if word not in cues.negations and "Neg" not in child.morph.get("Polarity", []):
            continue
        if child.dep_ == "cc" and word not in ("nor",):
            continue
        rest = child.doc.text[child.idx : child.idx + 40].lower()
        if any(rest.startswith(p) for p in cues.pseudo_negations):
            continue
        count += 1
    return count


def _negated_above(clause: Token, cues: ClauseCues, inside: range) -> bool:
    """A negating verb on the clause or above it ("denies that ...", "lacks ..."), or a negated
    verb the clause complements ("does not appear to be ...")."""
    negated = clause.lemma_.lower() in cues.negating_verbs
    token = clause
    for _ in range(4):
        if token.dep_ not in ("xcomp", "ccomp", "acl", "acl:relcl") or token.head is token:
            break
        if token.dep_ == "acl:relcl":
            break  # a relative clause does not take its head's negation
        token = token.head
        if token.lemma_.lower() in cues.negating_verbs:
            negated = not negated
        if _negations(token, cues, inside) % 2 == 1:
            negated = not negated
    return negated


def _subordinate(clause: Token) -> bool:
    token = clause
    for _ in range(6):
        if token.dep_.startswith(("acl", "advcl")):
            return True
        if token.dep_ not in ("conj", "xcomp") or token.head is token:
            return False
        token = token.head
    return False


def _predicative_as(token: Token) -> bool:
    if token.dep_ == "xcomp":
        return token.head.pos_ == "VERB" and any(c.dep_ == "obj" for c in token.head.children)
    return any(c.dep_ in ("case", "mark") and c.lower_ == "as" for c in token.children)


def _secondary_subject(clause: Token) -> Token | None:
    """What a secondary predicate is said of: the object ("classifies ketamine as X"), or the
    possessor of a noun ("its classification as X")."""
    for child in clause.children:
        if child.dep_ == "obj":
            return child
    if clause.pos_ in ("NOUN", "PROPN"):
        for child in clause.children:
            if child.dep_ == "nmod:poss":
                return child
    return None


def _subject_of(clause: Token) -> Token | None:
    token = clause
    for _ in range(6):
        for child in token.children:
            if child.dep_ in _SUBJECTS:
                if child.lower_ in _RELATIVE and token.dep_.startswith("acl"):
                    return token.head
                return child
        if token.dep_.startswith("acl"):
            return token.head  # "a drug used to treat ...": the drug
        if token.dep_ in _INHERITS_SUBJECT and token.head is not token:
            token = token.head
            continue
        return None
    return None


def _classify(
    subject: Token | None,
    cues: ClauseCues,
    is_ours: Callable[[str], bool],
    is_other: Callable[[str], bool],
) -> Subject:
    for _ in range(4):
        if subject is None:
            return "none"
        # "Ketamine is a drug that is classified as ...": the drug is ketamine
        if any(c.dep_ == "cop" for c in subject.children):
            inner = _subject_of(subject)
            if inner is not None and inner is not subject:
                subject = inner
                continue
        break
    if subject is None:
        return "none"
    phrase = _own_phrase(subject)
    if _mentions(phrase, is_ours, cues):
        return "ours"
    if is_other(phrase):
        return "other"
    if subject.pos_ in ("PRON", "DET"):
        return "reference"
    if subject.lemma_.lower() in cues.references and _refers_back(subject):
        return "reference"
    named = [t for t in subject.subtree if t.dep_ in ("nmod", "nmod:poss", "compound")]
    if any(_mentions(t.text, is_ours, cues) for t in named):
        return "ours"
    return "unknown"


def _refers_back(noun: Token) -> bool:
    """ "the drug", "this medication" refer to the subject; "anesthetics" names a class."""
    return "Plur" not in noun.morph.get("Number", [])


def _own_phrase(token: Token) -> str:
    """The token with the words in front of it that modify it: "the ketamine infusion"."""
    left = min((c.left_edge.idx for c in token.lefts), default=token.idx)
    return token.doc.text[left : token.idx + len(token.text)]


def _mentions(text: str, is_ours: Callable[[str], bool], cues: ClauseCues) -> bool:
    if not is_ours(text):
        return False
    # "a ketamine-derived spray" is another product
    return not (cues.modifier_suffix is not None and cues.modifier_suffix.search(text))


def _names_ours(clause: Token, start: int, end: int, is_ours: Callable[[str], bool]) -> bool:
    """For a value in subject position ("Nausea is a side effect of ketamine")."""
    return any(is_ours(t.text) for t in clause.subtree if not start <= t.idx < end)


def _possible(clause: Token, cues: ClauseCues) -> bool:
    for token in _up_through_xcomp(clause):
        for child in token.children:
            if child.dep_ in ("aux", "advmod") and child.lemma_.lower() in cues.possibility:
                return True
    return False


def _up_through_xcomp(clause: Token) -> Iterable[Token]:
    token = clause
    yield token
    for _ in range(3):
        if token.dep_ not in ("xcomp", "conj") or token.head is token:
            return
        token = token.head
        yield token


def _frequency(doc: Doc, clause: Token, cues: ClauseCues) -> str | None:
    text = doc.text[clause.left_edge.idx : clause.right_edge.idx + len(clause.right_edge.text)]
    if cues.rare is not None and cues.rare.search(text):
        return "rare"
    if cues.common is not None and cues.common.search(text):
        return "common"
    return None


def _tense(clause: Token) -> tuple[bool, int | None]:
    helpers = [c for c in clause.children if c.dep_ in ("aux", "aux:pass", "cop")]
    tenses = [t for c in helpers for t in c.morph.get("Tense", [])]
    if helpers:
        past = bool(tenses) and tenses[0] == "Past"
    else:
        past = "Past" in clause.morph.get("Tense", []) and "Fin" in clause.morph.get("VerbForm", [])
    year = None
    for token in clause.subtree:
        if _YEAR.match(token.text) and token.dep_ in ("obl", "nmod", "nummod", "obl:tmod"):
            year = int(token.text)
            break
        if _YEAR.match(token.text) and token.head.dep_ in ("obl", "obl:tmod", "nmod"):
            year = int(token.text)
            break
    return past, year
