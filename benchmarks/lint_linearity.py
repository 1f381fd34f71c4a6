"""Is linting one long article linear in its length? Times one file of repeated claim-bearing
paragraphs (the seed articles' paragraphs, in order) at several sizes, in one process with the
knowledge base and parser loaded once, and prints each time and its ratio to the smallest.

    python benchmarks/lint_linearity.py [--sizes 64 128 256] [--repeat 3]

Target (issue "Judge a new article"): 256 KB takes at most 5x the time of 64 KB.
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def article(kilobytes: int) -> str:
    seeds = [p.read_text("utf-8") for p in sorted((ROOT / "data" / "sources").glob("*.txt"))]
    paragraphs = [p for s in seeds for p in s.split("\n\n") if p.strip()]
    parts: list[str] = []
    size, i = 0, 0
    while size < kilobytes * 1000:
        parts.append(paragraphs[i % len(paragraphs)])
        size += len(parts[-1]) + 2
        i += 1
    return "\n\n".join(parts) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[64, 128, 256])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    from ketcheck import load_kb
    from ketcheck.lint import Linter
    from ketcheck.text import make_document

    linter = Linter(load_kb(ROOT / "data"))
    linter.check(make_document(article(4), "warm.txt"))  # load the parser once
    times = {}
    for kb in args.sizes:
        doc = make_document(article(kb), f"article-{kb}k.txt")
        runs = []
        for _ in range(args.repeat):
            start = time.perf_counter()
            linter.check(doc)
            runs.append(time.perf_counter() - start)
        times[kb] = statistics.median(runs)
    base = times[args.sizes[0]]
    for kb, seconds in times.items():
        print(f"{kb:5d} KB  {seconds:7.2f} s  {seconds / base:5.2f}x")


if __name__ == "__main__":
    main()
