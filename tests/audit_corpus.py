"""A generated corpus for the audit tests: a few hundred short articles in a directory tree,
made from the paragraphs of the shipped seed articles and the sample articles, in .txt, .md
and .html, plus three files no linter can read (binary, not UTF-8, empty)."""

from __future__ import annotations

import html
import random
from pathlib import Path

REPO = Path(__file__).parent.parent
SHIPPED_KB = REPO / "data"
UNREADABLE = ("bad/binary.txt", "bad/latin1.txt", "bad/empty.txt")


def paragraphs() -> list[str]:
    texts = [p.read_text(encoding="utf-8") for p in sorted((SHIPPED_KB / "sources").glob("*.txt"))]
    texts += [
        p.read_text(encoding="utf-8")
        for p in sorted((REPO / "tests" / "fixtures" / "articles").glob("*.txt"))
    ]
    return [" ".join(p.split()) for t in texts for p in t.split("\n\n") if len(p.split()) > 8]


def article(rng: random.Random, pool: list[str]) -> str:
    return "\n\n".join(rng.sample(pool, rng.randint(1, 3))) + "\n"


def build(root: Path, documents: int = 240, seed: int = 12) -> list[Path]:
    """Write the corpus under ``root``; the readable files, in no particular order."""
    rng = random.Random(seed)
    pool = paragraphs()
    written = []
    for n in range(documents):
        body = article(rng, pool)
        kind = ("txt", "txt", "md", "html")[n % 4]
        path = root / f"batch{n % 3}" / f"article-{n:03d}.{kind}"
        path.parent.mkdir(parents=True, exist_ok=True)
        if kind == "md":
            body = f"# Article {n}\n\n{body}"
        elif kind == "html":
            paras = "".join(f"<p>{html.escape(p)}</p>\n" for p in body.split("\n\n"))
            body = f"<html><head><title>Article {n}</title></head><body>\n{paras}</body></html>\n"
        path.write_text(body, encoding="utf-8")
        written.append(path)
    (root / "bad").mkdir(exist_ok=True)
    (root / UNREADABLE[0]).write_bytes(b"PK\x03\x04\x00\x00binary")
    (root / UNREADABLE[1]).write_bytes("Caf\xe9 au lait".encode("latin-1"))
    (root / UNREADABLE[2]).write_bytes(b"\n\n")
    return written


def texts(rng_seed: int = 34, count: int = 40) -> list[str]:
    """Plain-text articles for JSON Lines records."""
    rng = random.Random(rng_seed)
    pool = paragraphs()
    return [article(rng, pool) for _ in range(count)]
