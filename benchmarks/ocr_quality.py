"""Benchmark: page-text word recall on the scanned samples and throughput against Tesseract alone.

For every sample whose truth says it is a scan (image only or with a legacy English-model layer), in one run:
  1. the bound: Tesseract alone (`vie`, OMP_THREAD_LIMIT=1, as many processes side by side as there are
     workers, over all the pages of all the files) on the same pages rendered at the same dpi, timed;
  2. `kehoach run` on the same files into a fresh folder, timed (wall clock, and the flow's own reading time
     without the Prefect engine's start-up);
  3. word recall of the page text against the ground truth, diacritic-exact: for Tesseract alone, and for
     kehoach's restored page text.

    python -m benchmarks.ocr_quality [--samples samples] [--workers 2]

Prints a table and writes benchmarks/results/ocr_quality.json.
"""
from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import time
import unicodedata
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import cv2

from benchmarks.sample_run import save_results
from kehoach.config import OcrSettings
from kehoach.extractors.ocr import tesseract_config
from kehoach.extractors.pdf_input import render_page

WORD = re.compile(r"[^\W_]+(?:[-/.,][^\W_]+)*", re.UNICODE)


def words(text: str) -> Counter:
    return Counter(WORD.findall(unicodedata.normalize("NFC", text)))


def recall(truth: str, read: str) -> tuple[int, int]:
    expected, found = words(truth), words(read)
    return sum((expected & found).values()), sum(expected.values())


def scanned_samples(folder: Path) -> list[tuple[Path, dict]]:
    chosen = []
    for truth_path in sorted(folder.glob("*.truth.json")):
        truth = json.loads(truth_path.read_text(encoding="utf-8"))
        if truth.get("expected_text_source") == "ocr":
            chosen.append((folder / truth["file"], truth))
    return chosen


def tesseract_alone(documents: list[tuple[Path, int]], settings: OcrSettings, workers: int,
                    scratch: Path) -> tuple[dict[str, list[str]], float]:
    """Render every page of every (pdf, page count) to PGM first (not timed), then time Tesseract on all of them,
    `workers` at a time over the whole set (as the pipeline spreads pages across documents); gives each pdf's page
    texts by file name, and the seconds."""
    images = []
    for pdf, pages in documents:
        for number in range(1, pages + 1):
            path = scratch / f"{pdf.stem}-{number}.pgm"
            cv2.imwrite(str(path), render_page(pdf, number, settings.dpi))
            images.append((pdf.name, path))
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}

    def run(image: tuple[str, Path]) -> str:
        command = ["tesseract", str(image[1]), "stdout", "-l", settings.lang, *tesseract_config(settings).split()]
        return subprocess.run(command, capture_output=True, text=True, env=env, check=True).stdout

    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=workers) as pool:
        texts = list(pool.map(run, images))
    seconds = time.perf_counter() - started
    by_pdf: dict[str, list[str]] = {pdf.name: [] for pdf, _ in documents}
    for (name, _), text in zip(images, texts):
        by_pdf[name].append(text)
    return by_pdf, seconds


def run_kehoach(files: list[Path], workers: int, out_dir: Path) -> tuple[float, float]:
    """(wall seconds of the whole command, the flow's own reading seconds from its summary line)."""
    started = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-m", "kehoach.cli", "run", *map(str, files), "--out", str(out_dir),
         "--workers", str(workers)],
        capture_output=True, text=True,
    )
    wall = time.perf_counter() - started
    if result.returncode not in (0, 1):
        raise SystemExit(f"kehoach run failed:\n{result.stderr}")
    match = re.search(r"pages read in ([\d.]+) s", result.stdout)
    return wall, float(match.group(1)) if match else wall


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--samples", default="samples", type=Path)
    parser.add_argument("--workers", default=os.cpu_count() or 1, type=int)
    args = parser.parse_args()
    settings = OcrSettings()
    samples = scanned_samples(args.samples)
    if not samples:
        raise SystemExit(f"No scanned samples with truth in {args.samples}/")
    rows = []
    with tempfile.TemporaryDirectory() as scratch:
        scratch_path = Path(scratch)
        bound_texts, bound_seconds = tesseract_alone([(pdf, len(truth["pages"])) for pdf, truth in samples],
                                                     settings, args.workers, scratch_path)
        total_pages = sum(len(texts) for texts in bound_texts.values())
        out_dir = scratch_path / "out"
        wall, reading = run_kehoach([pdf for pdf, _ in samples], args.workers, out_dir)
        records = {json.loads(p.read_text())["source_file"]: json.loads(p.read_text())
                   for p in (out_dir / "docs").glob("*.json")}
        for pdf, truth in samples:
            record = records[str(pdf.resolve())]
            truth_text = "\n".join(page["text"] for page in truth["pages"])
            raw_hit, total = recall(truth_text, "\n".join(bound_texts[pdf.name]))
            ours_hit, _ = recall(truth_text, "\n".join(page["text"] for page in record["pages"]))
            rows.append({"sample": pdf.name, "pages": len(truth["pages"]), "words": total,
                         "recall_tesseract_alone": round(raw_hit / total, 4),
                         "recall_kehoach": round(ours_hit / total, 4)})
    bound_rate = total_pages / bound_seconds * 60
    summary = {
        "workers": args.workers,
        "pages": total_pages,
        "tesseract_alone_pages_per_min": round(bound_rate, 1),
        "kehoach_pages_per_min_wall": round(total_pages / wall * 60, 1),
        "kehoach_pages_per_min_reading": round(total_pages / reading * 60, 1),
        "ratio_wall": round(total_pages / wall * 60 / bound_rate, 3),
        "ratio_reading": round(total_pages / reading * 60 / bound_rate, 3),
        "samples": rows,
    }
    for row in rows:
        print(f"{row['sample']:32} {row['pages']:3} pages {row['words']:6} words  recall: tesseract alone "
              f"{row['recall_tesseract_alone']:.3f}  kehoach {row['recall_kehoach']:.3f}")
    print(f"throughput on {total_pages} pages, {args.workers} workers: Tesseract alone {bound_rate:.1f} pages/min; "
          f"kehoach {summary['kehoach_pages_per_min_wall']:.1f} pages/min wall (ratio {summary['ratio_wall']:.2f}), "
          f"{summary['kehoach_pages_per_min_reading']:.1f} pages/min after engine start-up "
          f"(ratio {summary['ratio_reading']:.2f})")
    save_results("ocr_quality", summary)


if __name__ == "__main__":
    main()
