"""Whole commands on generated knowledge bases: ``scale.py [--sizes 1000,10000,100000]``.

For each size, ``make_kb.py`` writes a knowledge base (split over ``claims/*.yaml`` in files of
10,000 claims), then each command runs as its own process, cold (empty cache directory: the
run loads the files and compiles the cache) and warm (the compiled cache is current). Wall
seconds and peak resident memory (MB, from the process's rusage) are printed per run, with
the 10k -> 100k growth of each command's warm time (10 is linear).

The machine's load shows in wall time; run it when the machine is quiet, and compare runs of
the same day.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
COMMANDS = [
    ["validate"],
    ["list"],
    ["search", "craving"],
    ["sources", "--claim", "schedule"],
    ["conflicts"],
    ["check"],
]


def measure(args: list[str], env: dict[str, str]) -> tuple[float, float, int]:
    """(wall seconds, peak MB, exit code) of one ketcheck process."""
    started = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, "-m", "ketcheck", *args],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - started
    proc.returncode = os.waitstatus_to_exitcode(status)
    return wall, usage.ru_maxrss / 1024, proc.returncode


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument("--keep", type=Path, help="keep the generated knowledge bases here")
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",")]
    work = Path(args.keep or tempfile.mkdtemp(prefix="ketcheck-scale-"))
    results: dict[tuple[str, int, str], tuple[float, float, int]] = {}
    sys.path.insert(0, str(REPO / "benchmarks"))
    from make_kb import write_kb

    for size in sizes:
        kb_dir = work / f"kb-{size}"
        started = time.perf_counter()
        write_kb(REPO / "data", kb_dir, size, files=max(1, size // 10_000))
        print(f"generated {size} claims in {time.perf_counter() - started:.0f}s", flush=True)
        cache_dir = work / f"cache-{size}"
        env = {**os.environ, "KETCHECK_CACHE_DIR": str(cache_dir), "PYTHONPATH": str(REPO / "src")}
        for command in COMMANDS:
            name = " ".join(command)
            full = [*command, "--kb", str(kb_dir), "--format", "json"]
            shutil.rmtree(cache_dir, ignore_errors=True)
            results[(name, size, "cold")] = measure(full, env)
            results[(name, size, "warm")] = measure(full, env)
            cold, warm = results[(name, size, "cold")], results[(name, size, "warm")]
            print(
                f"  {name:<26} {size:>7}: cold {cold[0]:6.2f}s {cold[1]:6.0f}MB"
                f"  warm {warm[0]:6.2f}s {warm[1]:6.0f}MB  exit {warm[2]}",
                flush=True,
            )
    print()
    print(table(results, sizes))
    if not args.keep:
        shutil.rmtree(work, ignore_errors=True)


def table(results: dict[tuple[str, int, str], tuple[float, float, int]], sizes: list[int]) -> str:
    head = ["command"]
    for size in sizes:
        label = f"{size // 1000}k"
        head += [f"{label} cold s", f"{label} warm s", f"{label} peak MB"]
    if 10_000 in sizes and 100_000 in sizes:
        head.append("10k→100k warm")
    rows = [head]
    for command in COMMANDS:
        name = " ".join(command)
        row = [name]
        for size in sizes:
            cold, warm = results[(name, size, "cold")], results[(name, size, "warm")]
            row += [f"{cold[0]:.2f}", f"{warm[0]:.2f}", f"{max(cold[1], warm[1]):.0f}"]
        if 10_000 in sizes and 100_000 in sizes:
            row.append(
                f"{results[(name, 100_000, 'warm')][0] / results[(name, 10_000, 'warm')][0]:.1f}×"
            )
        rows.append(row)
    widths = [max(len(r[i]) for r in rows) for i in range(len(head))]
    lines = [
        "| " + " | ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)) + " |" for r in rows
    ]
    lines.insert(1, "|" + "|".join("-" * (w + 2) for w in widths) + "|")
    return "\n".join(lines)


if __name__ == "__main__":
    main()
