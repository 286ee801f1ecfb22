"""Benchmark: `kehoach review` on run folders, against the run's own time.

    python -m benchmarks.review_speed RUN_DIR [RUN_DIR ...]
    python -m benchmarks.review_speed --inputs samples/ [--inputs ../shared/corpus/pdf/x.pdf ...]

For each `kehoach run` output folder: copies its records (`docs/`, `documents.csv`) to a temporary folder, then
times `kehoach review` there as a user sees it (a fresh process, wall clock): first with no review site (every
page image drawn), then again (images kept, HTML rewritten). The bound is the run's own time from documents.csv,
measured when the folder was made: the sum of its documents' `seconds`, and, stricter, the longest document's
(the run's wall clock cannot be shorter, whatever ran side by side). On a shared machine the load when the folder
was made may not be the load now: `--inputs` runs `kehoach run` on them first, into a fresh folder, and times its
wall clock too, so run and review are measured side by side. The bar (issue 23): under 10 % of the run.
Prints one row per folder and writes benchmarks/results/review_speed.json.
"""
from __future__ import annotations

import argparse
import csv
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.sample_run import save_results


def run_seconds(run_dir: Path) -> tuple[float, float, int]:
    """The run's documents' seconds summed, the longest, and the pages read, from its documents.csv."""
    with open(run_dir / "documents.csv", encoding="utf-8-sig") as handle:
        rows = list(csv.DictReader(handle))
    seconds = [float(row["seconds"] or 0) for row in rows]
    return sum(seconds), max(seconds, default=0.0), sum(int(row["pages"] or 0) for row in rows)


def timed_review(folder: Path) -> float:
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "kehoach.cli", "review", str(folder)], check=True, capture_output=True)
    return time.perf_counter() - started


def fresh_run(inputs: list[str], out: Path) -> float:
    """`kehoach run INPUTS --out OUT` in a fresh process: its wall clock."""
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "kehoach.cli", "run", *inputs, "--out", str(out)], capture_output=True)
    return time.perf_counter() - started


def measure(run_dir: Path, run_wall: float | None = None) -> dict:
    total, longest, pages = run_seconds(run_dir)
    with tempfile.TemporaryDirectory(prefix="kehoach-review-") as work:
        folder = Path(work)
        shutil.copytree(run_dir / "docs", folder / "docs")
        shutil.copy(run_dir / "documents.csv", folder)
        first = timed_review(folder)
        again = timed_review(folder)
        megabytes = sum(path.stat().st_size for path in (folder / "review").rglob("*") if path.is_file()) / 1e6
    return {"run": str(run_dir), "pages": pages, "run_seconds_sum": round(total, 1),
            "run_seconds_longest": round(longest, 1), "review_s": round(first, 2), "rerun_s": round(again, 2),
            "share_of_sum": round(first / total, 3) if total else None,
            "share_of_longest": round(first / longest, 3) if longest else None,
            "site_megabytes": round(megabytes, 1), "run_wall_s": round(run_wall, 1) if run_wall else None,
            "share_of_wall": round(first / run_wall, 3) if run_wall else None}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("runs", nargs="*", type=Path, help="`kehoach run` output folders")
    parser.add_argument("--inputs", nargs="+", action="append", default=[], metavar="INPUT",
                        help="PDFs or folders to run first (one run folder per --inputs), timed beside the review")
    args = parser.parse_args()
    results = [measure(run_dir) for run_dir in args.runs]
    for inputs in args.inputs:
        with tempfile.TemporaryDirectory(prefix="kehoach-run-") as out:
            named = f"{len(inputs)} inputs: {', '.join(Path(name).stem for name in inputs)}"
            results.append({**measure(Path(out), fresh_run(inputs, Path(out))), "run": named})
    print(f"{'run':40} {'pages':>5} {'run s: sum/longest/wall':>24} {'review s':>8} {'rerun s':>7} "
          f"{'share: longest/wall':>19} {'MB':>5}")
    for row in results:
        wall = f"{row['run_wall_s']:.1f}" if row["run_wall_s"] else "-"
        share = f"{row['share_of_wall']:.3f}" if row["share_of_wall"] else "-"
        print(f"{row['run'][:40]:40} {row['pages']:5d} "
              f"{row['run_seconds_sum']:10.1f}/{row['run_seconds_longest']:.1f}/{wall:<6} {row['review_s']:8.2f} {row['rerun_s']:7.2f} {row['share_of_longest']:9.3f}/{share:<9} "
              f"{row['site_megabytes']:5.1f}")
    save_results("review_speed", results)


if __name__ == "__main__":
    main()
