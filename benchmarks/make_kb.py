"""Write a large, valid knowledge base for benchmarks: ``make_kb.py --claims N --out DIR``.

Built from the shipped knowledge base, so everything in it is vocabulary the project knows:

- the shipped vocabulary and reference facts, copied unchanged;
- N claims over about N/30 sources, each claim modelled on a shipped claim (its property,
  qualifiers and topic); most keep the shipped value, a share take another value of the
  property (conflicts), numbers drift beyond the tolerance now and then;
- each source text is generated sentence by sentence from the shipped source texts' words, and
  each claim's quote is one of its sentences, verbatim;
- some sources copy a few sentences from another (KC302), and figures are quoted without a
  source (KC201) as often as in the shipped claims.

The output is deterministic for a given ``--seed``. ``--files K`` splits sources and claims
over ``claims/part-NNN.yaml`` (claims.yaml then holds the first part).
"""

from __future__ import annotations

import argparse
import random
import re
import shutil
import sys
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))

from ketcheck.kb import load_kb  # noqa: E402
from ketcheck.models import PropertyKind  # noqa: E402

CLAIMS_PER_SOURCE = 30
OTHER_VALUE = 0.15  # share of claims that take another value than the shipped claim
COPIED = 0.03  # share of sentences a source copies from another source
KINDS = ["news", "blog", "health-info", "treatment-marketing", "reference"]


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--claims", type=int, required=True, help="number of claims")
    parser.add_argument("--out", type=Path, required=True, help="directory to write (replaced)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--files", type=int, default=1, help="YAML files for sources and claims")
    parser.add_argument("--kb", type=Path, default=REPO / "data", help="knowledge base to model")
    args = parser.parse_args(argv)
    write_kb(args.kb, args.out, args.claims, args.seed, args.files)


def write_kb(model_dir: Path, out: Path, count: int, seed: int = 1, files: int = 1) -> None:
    rng = random.Random(seed)
    model = load_kb(model_dir)
    lexicon = sorted(
        {w for text in model.texts.values() for w in re.findall(r"[a-z]{3,}", text.lower())}
    )
    if out.exists():
        shutil.rmtree(out)
    (out / "sources").mkdir(parents=True)
    shutil.copy(model_dir / "vocabulary.yaml", out / "vocabulary.yaml")
    shutil.copy(model_dir / "facts.yaml", out / "facts.yaml")

    n_sources = max(2, round(count / CLAIMS_PER_SOURCE))
    sources, claims = [], []
    sentences_of: list[list[str]] = []
    for s in range(n_sources):
        sid = f"src-{s:05d}"
        sources.append(
            {
                "id": sid,
                "title": f"Generated article {s}",
                "publisher": f"Publisher {s % 97}",
                "kind": KINDS[s % len(KINDS)],
                "sells_treatment": s % 3 == 0,
                "path": f"sources/{sid}.txt",
                "retrieved": "2026-01-02",
            }
        )
        sentences_of.append([])
    for k in range(count):
        s = k * n_sources // count
        template = rng.choice(model.claims)
        assertions = [_assertion(model, a, rng) for a in template.assertions]
        quote = _sentence(rng, lexicon, model.prop(template.assertions[0].property), assertions[0])
        sentences_of[s].append(quote)
        claim = {
            "id": f"c-{k:06d}",
            "source": sources[s]["id"],
            "quote": quote,
            "topic": template.topic,
            "assertions": assertions,
        }
        if template.support.kind.value != "none":
            claim["support"] = template.support.model_dump(mode="json", exclude_none=True)
            claim["support"].pop("fact", None)
        if template.reported:
            claim["reported"] = True
        claims.append(claim)
    for s, sentences in enumerate(sentences_of):
        text = []
        for sentence in sentences:
            text.append(sentence)
            text.append(_filler(rng, lexicon))
            if rng.random() < COPIED and s > 0:  # a sentence taken from another article
                text.append(rng.choice(sentences_of[rng.randrange(s)] or [_filler(rng, lexicon)]))
        (out / "sources" / f"{sources[s]['id']}.txt").write_text(
            f"Generated article {s}\n\n" + "\n".join(text) + "\n", encoding="utf-8"
        )
    _write_entries(out, sources, claims, files)


def _write_entries(out: Path, sources: list[dict], claims: list[dict], files: int) -> None:
    parts = max(1, files)
    for p in range(parts):
        chunk = {
            "sources": sources[p * len(sources) // parts : (p + 1) * len(sources) // parts],
            "claims": claims[p * len(claims) // parts : (p + 1) * len(claims) // parts],
        }
        if p == 0:
            path = out / "claims.yaml"
        else:
            (out / "claims").mkdir(exist_ok=True)
            path = out / "claims" / f"part-{p:03d}.yaml"
        path.write_text(
            yaml.safe_dump(chunk, sort_keys=False, allow_unicode=True, width=1000),
            encoding="utf-8",
        )


def _assertion(model, assertion, rng: random.Random) -> dict:  # type: ignore[no-untyped-def]
    prop = model.prop(assertion.property)
    item = assertion.model_dump(mode="json", exclude_none=True, exclude_defaults=True)
    item["property"] = assertion.property
    if prop.kind is PropertyKind.numeric:
        value = float(assertion.value)
        if rng.random() < OTHER_VALUE:
            value = round(value + rng.choice([-3, -2, 2, 3]) * ((prop.tolerance or 1) + 1), 1)
        item["value"] = max(0.0, value)
    else:
        value = str(assertion.value)
        if rng.random() < OTHER_VALUE:
            value = rng.choice(list(prop.values))
        item["value"] = value
    return item


def _filler(rng: random.Random, lexicon: list[str]) -> str:
    words = rng.choices(lexicon, k=rng.randint(8, 16))
    return " ".join(words).capitalize() + "."


def _sentence(rng: random.Random, lexicon: list[str], prop, assertion: dict) -> str:  # type: ignore[no-untyped-def]
    """A quote that names the property and value (so search finds it) among varied words."""
    value = assertion["value"]
    if isinstance(value, float):
        shown = f"{value:g}{prop.unit}" if prop.unit == "%" else f"{value:g} {prop.unit}"
    else:
        shown = (prop.values[value].label or value).replace("-", " ")
    lead = " ".join(rng.choices(lexicon, k=rng.randint(3, 6))).capitalize()
    tail = " ".join(rng.choices(lexicon, k=rng.randint(3, 6)))
    return f"{lead} {prop.label.lower()} {shown} {tail}."


if __name__ == "__main__":
    main()
