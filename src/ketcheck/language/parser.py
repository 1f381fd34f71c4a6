"""The project's trained dependency parser (spaCy, trained on UD English EWT), loaded lazily.

The model lives beside this module (``model/``) with its own licence: it is derived from
CC BY-SA 4.0 data. ``tools/parser/train.sh`` rebuilds it from the treebank.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from spacy.tokens import Doc

MODEL_DIR = Path(__file__).resolve().parent / "model"
# Value phrases the tokenizer splits badly are parsed as one token: hyphenated compounds
# ("FDA-approved" became a passive verb) and names ending in a code ("Schedule I", whose "I"
# was read as a pronoun). Ordinary noun phrases parse well as they are, and verb phrases
# ("raises blood pressure") must keep their verb.
_CODE_END = re.compile(r"\s(?:[IVX]{1,4}|[A-E]|\d{1,2})$")
_CACHE_SIZE = 4096


class ParserUnavailable(RuntimeError):
    """spaCy or the shipped model cannot be loaded."""


@functools.cache
def _nlp() -> Any:
    try:
        import spacy
    except ImportError as exc:  # pragma: no cover - spaCy is a dependency
        raise ParserUnavailable(f"spaCy is not installed: {exc}") from exc
    if not (MODEL_DIR / "meta.json").exists():
        raise ParserUnavailable(f"parser model missing at {MODEL_DIR}")
    return spacy.load(MODEL_DIR)


def should_merge(phrase: str) -> bool:
    return "-" in phrase or "/" in phrase or bool(_CODE_END.search(phrase))


def parse_sentences(items: Sequence[tuple[str, Sequence[tuple[int, int]]]]) -> list[Doc]:
    """Parse each ``(sentence, merge_spans)`` as exactly one sentence.

    ``merge_spans`` are character spans of value phrases to parse as single tokens (only those
    :func:`should_merge` accepts are merged; overlapping spans are skipped).
    """
    out: list[Doc | None] = [_cached.get(item_key(item)) for item in items]
    todo = [i for i, doc in enumerate(out) if doc is None]
    if todo:
        nlp = _nlp()
        docs = [_prepare(nlp, *items[i]) for i in todo]
        for i, doc in zip(todo, nlp.pipe(docs, batch_size=64), strict=True):
            out[i] = doc
            if len(_cached) >= _CACHE_SIZE:
                _cached.pop(next(iter(_cached)))
            _cached[item_key(items[i])] = doc
    return [doc for doc in out if doc is not None]


_cached: dict[tuple[str, tuple[tuple[int, int], ...]], Doc] = {}


def item_key(
    item: tuple[str, Sequence[tuple[int, int]]],
) -> tuple[str, tuple[tuple[int, int], ...]]:
    return item[0], tuple(item[1])


def _prepare(nlp: Any, text: str, merges: Sequence[tuple[int, int]]) -> Doc:
    doc = nlp.make_doc(text)
    taken = -1
    with doc.retokenize() as retokenizer:
        for start, end in sorted(merges):
            if not should_merge(text[start:end]):
                continue
            span = doc.char_span(start, end, alignment_mode="expand")
            if span is not None and len(span) > 1 and span.start_char >= taken:
                retokenizer.merge(span)
                taken = span.end_char
    # the splitter already cut the sentence: the parser must not cut it again
    for token in doc[1:]:
        token.is_sent_start = False
    return doc
