"""Benchmark: a re-run of an unchanged batch of 20 documents, against hashing the same files.

Makes 20 distinct born-digital plans (the Vĩnh Linh sample with a different document title in each file's
metadata, so each has its own hash and doc_id), runs `kehoach run` on them once, then again, and times the
second run as a user sees it (a fresh `kehoach` process, wall clock) next to the bound measured in the same
run: SHA-256 of the same files, which a re-run cannot avoid (the hash is the doc_id).

    python -m benchmarks.rerun [--documents 20]

Prints the figures and writes benchmarks/results/rerun.json.
"""
from __future__ import annotations

import argparse
import hashlib
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pikepdf

from benchmarks.sample_run import save_results

SOURCE = Path(__file__).resolve().parent.parent / "samples" / "vinhlinh_2023_born_digital.pdf"


def make_batch(folder: Path, count: int) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for index in range(count):
        path = folder / f"plan {index:02d}.pdf"
        with pikepdf.open(SOURCE) as pdf:
            pdf.docinfo["/Title"] = f"Copy {index} for the re-run benchmark"
            pdf.save(path, deterministic_id=True)
        paths.append(path)
    return paths


def run(inputs: Path, out: Path) -> tuple[float, subprocess.CompletedProcess]:
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "kehoach.cli", "run", str(inputs), "--out", str(out)],
                          capture_output=True, text=True)
    return time.perf_counter() - started, done


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=20)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="kehoach-rerun-"))
    paths = make_batch(work / "in", args.documents)
    first_s, first = run(work / "in", work / "out")
    second_s, second = run(work / "in", work / "out")
    started = time.perf_counter()
    for path in paths:
        hashlib.sha256(path.read_bytes()).hexdigest()
    hash_s = time.perf_counter() - started
    results = {"documents": args.documents, "megabytes": round(sum(p.stat().st_size for p in paths) / 1e6, 1),
               "first_run_s": round(first_s, 2), "first_exit": first.returncode,
               "rerun_s": round(second_s, 3), "rerun_exit": second.returncode,
               "rerun_summary": second.stdout.strip(), "hash_only_s": round(hash_s, 3)}
    print(f"{args.documents} documents ({results['megabytes']} MB): first run {first_s:.1f} s (exit "
          f"{first.returncode}); re-run {second_s:.2f} s wall clock (exit {second.returncode}): "
          f"{second.stdout.strip()}; hashing the files alone {hash_s:.3f} s")
    save_results("rerun", results)


if __name__ == "__main__":
    main()
