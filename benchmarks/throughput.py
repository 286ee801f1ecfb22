"""Benchmark: pages per minute of `kehoach run` on the scanned samples against Tesseract alone, in one run.

For every sample whose truth says it is read by OCR (benchmarks.ocr_quality.scanned_samples), and for each
number of workers N asked for, one after the other so each ratio compares figures taken minutes apart:
  1. the bound: Tesseract alone (`vie`, OMP_THREAD_LIMIT=1) on the same pages rendered at the same dpi,
     N processes side by side over all the pages of all the files (benchmarks.ocr_quality.tesseract_alone;
     rendering is not timed); and beside it the same page images read by the pipeline's own engine (extractors/ocr.py: Tesseract's API through
     tesserocr, a model loaded once per thread), N threads: Tesseract with no load and no file per page;
  2. `kehoach run --workers N --runner R` end to end into a fresh folder, for each runner R (threads, dask):
     wall clock, and the reading time its summary prints (from the first document planned to the last output
     written: the documents' records and the tables rebuilt from them), so the start-up (Prefect's temporary
     server, the Dask cluster, the models' loading beside them) and the shut-down are reported apart;
     and the peak resident memory of each process of the run (psutil, sampled every 0.1 s): the flow process
     (where Tesseract runs, through its API) and each Dask worker;
  3. OCRmyPDF (`ocrmypdf -l vie --jobs N --force-ocr --output-type pdf --optimize 0`, the same files one
     after the other) where it is installed: OCR and a text layer, no PDF/A conversion, no image optimisation.
Then, in this process on one core: restoration tokens per second over the Tesseract-alone text of the same
pages (empty candidate caches, then warm), and where one worker's time goes on the normal scan sample
(cProfile, wall clock per stage of `read_page` and `finish_document`, seconds per page).

    python -m benchmarks.throughput [--samples samples] [--workers 1 2] [--runners threads dask]
                                    [--ocrmypdf PATH] [--rounds K]

With `--rounds K` all of 1-3 is measured K times over, round after round, and the median of each ratio is
reported with every round's: on a shared machine (a VM whose host lends its cores elsewhere) one round's ratio
moves by several hundredths.

Prints a table and writes benchmarks/results/throughput.json.
"""
from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import cv2
import psutil

from benchmarks.ocr_quality import scanned_samples, tesseract_alone
from benchmarks.sample_run import save_results
from kehoach.config import OcrSettings, Settings
from kehoach.extractors.ocr import run_tesseract
from kehoach.extractors.pdf_input import identify
from kehoach.normalizers.restore import engine_of, load_restorer
from kehoach.pipeline import finish_document, plan_document, read_page

PROFILED_SAMPLE = "gialai_2024_scan.pdf"
# Stages of one page and of finishing a document: (label, file, function); cumulative wall time of each.
STAGES = [
    ("render (PDFium)", "pdf_input.py", "render_page"),
    ("orientation: ink columns", "orientation.py", "turn_if_sideways"),
    ("orientation: OSD on low confidence", "orientation.py", "turn_if_unreadable"),
    ("preprocess (deskew, clean)", "preprocess.py", "prepare"),
    ("  of which the deskew search", "preprocess.py", "estimate_skew"),
    ("table rules: find", "table_grid.py", "find_rules"),
    ("table rules: erase", "table_grid.py", "erase_rules"),
    ("Tesseract: the page, tables whited out", "ocr.py", "ocr_image"),
    ("table cells: every cell (Tesseract)", "cell_ocr.py", "read_cells"),
    ("table cells: numbers again (Tesseract)", "cell_ocr.py", "reread_numeric_cells"),
    ("table assembly", "table_cells.py", "table_from_rectangles"),
    ("every Tesseract call", "ocr.py", "run_tesseract"),
    ("read_page, all of it", "pipeline.py", "read_page"),
    ("restoration", "page_restoration.py", "restore_page"),
    ("metadata", "metadata.py", "extract_metadata"),
    ("tables into targets and tasks", "pipeline.py", "read_tables"),
    ("prose targets", "prose_targets.py", "extract_prose_targets"),
    ("prose tasks", "prose_tasks.py", "extract_prose_tasks"),
    ("cross-checks", "cross_checks.py", "cross_check"),
    ("  loading, once a process: restoration models", "restore.py", "load_restorer"),
    ("  loading, once a process: spaCy pipeline", "language.py", "load_nlp"),
    ("  loading, once a process: gazetteer", "gazetteer.py", "load_gazetteer"),
    ("finish_document, all of it", "pipeline.py", "finish_document"),
]


def role(process: psutil.Process, root: int) -> str:
    command = " ".join(process.cmdline())
    if process.pid == root:
        return "flow process"
    if "spawn_main" in command:
        return "dask worker"
    return "other"


def run_measured(command: list[str]) -> tuple[float, str, dict]:
    """Run a command, sampling the resident memory of its process tree; gives (wall seconds, stdout, peak MB of
    each process by role). A process living between two samples is missed."""
    peaks: dict[int, tuple[str, float]] = {}
    started = time.perf_counter()
    with tempfile.TemporaryFile() as output:
        child = subprocess.Popen(command, stdout=output, stderr=subprocess.DEVNULL)
        root = psutil.Process(child.pid)
        while child.poll() is None:
            try:
                tree = [root, *root.children(recursive=True)]
            except psutil.NoSuchProcess:
                break
            for process in tree:
                try:
                    name, peak = peaks.get(process.pid) or (role(process, child.pid), 0.0)
                    peaks[process.pid] = (name, max(peak, process.memory_info().rss / 1e6))
                except (psutil.NoSuchProcess, psutil.AccessDenied):
                    pass
            time.sleep(0.1)
        wall = time.perf_counter() - started
        output.seek(0)
        stdout = output.read().decode("utf-8")
    if child.returncode != 0:
        raise SystemExit(f"{' '.join(command)} exited {child.returncode}:\n{stdout}")
    by_role: dict[str, list[float]] = {}
    for name, mb in peaks.values():
        by_role.setdefault(name, []).append(round(mb))
    return wall, stdout, {name: sorted(values, reverse=True) for name, values in by_role.items()}


def kehoach_run(files: list[Path], workers: int, runner: str, pages: int, out: Path) -> dict:
    wall, stdout, memory = run_measured([sys.executable, "-m", "kehoach.cli", "run", *map(str, files), "--out",
                                         str(out), "--workers", str(workers), "--runner", runner])
    summary = re.search(r"(\d+) ok, (\d+) partial, (\d+) failed.*?(\d+) pages read in ([\d.]+) s", stdout)
    if not summary or int(summary.group(1)) != len(files) or int(summary.group(4)) != pages:
        raise SystemExit(f"kehoach run did not read every page of every file:\n{stdout}")
    reading = float(summary.group(5))
    workers_mb = memory.get("dask worker", []) if runner == "dask" else memory.get("flow process", [])
    return {"wall_s": round(wall, 1), "reading_s": round(reading, 1), "startup_s": round(wall - reading, 1),
            "pages_per_min_wall": round(pages / wall * 60, 1),
            "pages_per_min_reading": round(pages / reading * 60, 1),
            "peak_mb_per_worker": workers_mb, "peak_mb_flow_process": memory.get("flow process", [])}


def ocrmypdf_run(ocrmypdf: str, files: list[Path], workers: int, pages: int, scratch: Path) -> dict:
    started = time.perf_counter()
    for pdf in files:
        subprocess.run([ocrmypdf, "-l", "vie", "--jobs", str(workers), "--force-ocr", "--output-type", "pdf",
                        "--optimize", "0", "--quiet", str(pdf), str(scratch / f"{pdf.stem}.ocrmypdf.pdf")],
                       check=True, env={**os.environ, "OMP_THREAD_LIMIT": "1"})
    wall = time.perf_counter() - started
    return {"wall_s": round(wall, 1), "pages_per_min_wall": round(pages / wall * 60, 1)}


def engine_alone(images: list[Path], settings: OcrSettings, workers: int) -> float:
    """Seconds for the pipeline's Tesseract engine to read the page images (decoded before the clock starts),
    `workers` threads, each thread's model loaded before the clock starts."""
    os.environ["OMP_THREAD_LIMIT"] = "1"
    pixels = [cv2.imread(str(image), cv2.IMREAD_GRAYSCALE) for image in images]
    with ThreadPoolExecutor(max_workers=workers) as pool:
        list(pool.map(lambda image: run_tesseract(image[:64], settings), pixels[:workers]))
        started = time.perf_counter()
        list(pool.map(lambda image: run_tesseract(image, settings), pixels))
        return time.perf_counter() - started


def restoration_speed(texts: list[str]) -> dict:
    """Tokens per second restoring the pages' raw `vie` text as the pipeline does, one core: cold, then warm."""
    restorer = load_restorer()
    tokens = sum(len(text.split()) for text in texts)
    restorer.index.candidates.cache_clear()
    figures = {"tokens": tokens}
    for label in ("cold", "warm"):
        tick = time.perf_counter()
        for text in texts:
            restorer.restore_text(text, engine_of(text))
        figures[f"tokens_per_s_{label}"] = round(tokens / (time.perf_counter() - tick))
    return figures


def stage_breakdown(pdf: Path) -> dict:
    """Seconds per page of each stage, one worker, pages read one after the other in this process, which has
    loaded no model yet (as a fresh worker): the loads are shown apart."""
    os.environ["OMP_THREAD_LIMIT"] = "1"
    settings = Settings(workers=1)
    plan = plan_document(identify(pdf), settings)
    profile = cProfile.Profile()
    profile.enable()
    pages = [read_page(pdf, page, settings) for page in plan.pages]
    finish_document(plan, pages, str(pdf))
    profile.disable()
    stats = pstats.Stats(profile).stats
    per_page = {}
    for label, file, function in STAGES:
        seconds = sum(entry[3] for (path, _, name), entry in stats.items()
                      if name == function and path.endswith("/" + file))
        per_page[label] = round(seconds / len(pages), 2)
    calls = sum(entry[1] for (path, _, name), entry in stats.items()
                if name == "run_tesseract" and path.endswith("/ocr.py"))
    return {"sample": pdf.name, "pages": len(pages), "seconds_per_page": per_page,
            "tesseract_calls_per_page": round(calls / len(pages), 1)}


def measure(samples: list, settings: OcrSettings, workers: int, args: argparse.Namespace,
            scratch: Path) -> tuple[list[str], dict]:
    """One round at `workers`: the bounds, then each runner (and OCRmyPDF), minutes apart at most; gives the
    bound's page texts and the round's figures."""
    files = [pdf for pdf, _ in samples]
    pages = sum(len(truth["pages"]) for _, truth in samples)
    read, bound_s = tesseract_alone([(pdf, len(truth["pages"])) for pdf, truth in samples], settings, workers,
                                    scratch)
    bound = pages / bound_s * 60
    engine_bound = pages / engine_alone(sorted(scratch.glob("*.pgm")), settings, workers) * 60
    row: dict = {"tesseract_alone_pages_per_min": round(bound, 1), "engine_alone_pages_per_min": round(engine_bound, 1)}
    for runner in args.runners:
        out = scratch / f"out-{runner}-{workers}"
        shutil.rmtree(out, ignore_errors=True)  # a fresh folder each round: nothing is skipped
        figures = kehoach_run(files, workers, runner, pages, out)
        figures["ratio_wall"] = round(figures["pages_per_min_wall"] / bound, 3)
        figures["ratio_reading"] = round(figures["pages_per_min_reading"] / bound, 3)
        figures["ratio_reading_to_engine"] = round(figures["pages_per_min_reading"] / engine_bound, 3)
        row[runner] = figures
    if args.ocrmypdf:
        row["ocrmypdf"] = ocrmypdf_run(args.ocrmypdf, files, workers, pages, scratch)
        row["ocrmypdf"]["ratio_wall"] = round(row["ocrmypdf"]["pages_per_min_wall"] / bound, 3)
    return [text for pdf_texts in read.values() for text in pdf_texts], row


def ratio_summary(rounds: list[dict]) -> dict:
    """For each number of workers and runner: the reading and wall ratios of every round, and their medians."""
    summary: dict = {}
    for workers, row in rounds[0].items():
        for runner in ("threads", "dask"):
            if runner in row:
                reading = [r[workers][runner]["ratio_reading"] for r in rounds]
                wall = [r[workers][runner]["ratio_wall"] for r in rounds]
                summary[f"{workers} {runner}"] = {"reading": reading, "reading_median": statistics.median(reading),
                                                  "wall": wall, "wall_median": statistics.median(wall)}
    return summary


def report(results: dict) -> None:
    print(f"{results['pages']} pages of {len(results['files'])} scanned samples; pages/min, and in brackets the ratio "
          f"to the `tesseract` command alone / to the pipeline's engine alone, same number of processes or "
          f"threads, same run")
    print(f"{'workers':>7} {'tesseract':>9} {'engine':>6} {'run':8} {'wall':>12} {'reading':>19} {'start-up s':>10} "
          f"{'peak MB per worker':>20}")
    for workers, row in results["by_workers"].items():
        bound, engine_bound = row["tesseract_alone_pages_per_min"], row["engine_alone_pages_per_min"]
        for runner in ("threads", "dask", "ocrmypdf"):
            if runner not in row:
                continue
            r = row[runner]
            reading = (f"{r['pages_per_min_reading']:6.1f} ({r['ratio_reading']:.2f}/{r['ratio_reading_to_engine']:.2f})"
                       if "reading_s" in r else "-")
            memory = ", ".join(map(str, r.get("peak_mb_per_worker", []))) or "-"
            print(f"{workers:>7} {bound:9.1f} {engine_bound:6.1f} {runner:8} {r['pages_per_min_wall']:5.1f} "
                  f"({r['ratio_wall']:.2f}) {reading:>19} {r.get('startup_s', '-'):>10} {memory:>20}")
    if len(results["rounds"]) > 1:
        print(f"over {len(results['rounds'])} rounds (the table is the first), ratio to the `tesseract` command:")
        for key, figures in results["ratios"].items():
            print(f"  {key:>12}: reading median {figures['reading_median']:.3f} "
                  f"({', '.join(f'{r:.2f}' for r in sorted(figures['reading']))}), "
                  f"wall median {figures['wall_median']:.3f}")
    if results["ocrmypdf"] == "not installed":
        print("OCRmyPDF: not installed (pass --ocrmypdf PATH)")
    speed = results["restoration"]
    print(f"restoration over the same pages' raw text ({speed['tokens']} tokens, one core): "
          f"{speed['tokens_per_s_cold']} tokens/s cold, {speed['tokens_per_s_warm']} warm")
    stages = results["stages"]
    print(f"where one worker's time goes on {stages['sample']} ({stages['pages']} pages, "
          f"{stages['tesseract_calls_per_page']} Tesseract calls a page), seconds per page:")
    for label, seconds in stages["seconds_per_page"].items():
        print(f"  {label:46} {seconds:6.2f}")



def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--samples", default="samples", type=Path)
    parser.add_argument("--workers", default=[1, 2], type=int, nargs="+")
    parser.add_argument("--runners", default=["threads", "dask"], nargs="+", choices=["threads", "dask"])
    parser.add_argument("--ocrmypdf", default=shutil.which("ocrmypdf"), help="the ocrmypdf command (default: on PATH)")
    parser.add_argument("--rounds", default=1, type=int,
                        help="measure everything this many times over, one round after the other, and report the "
                             "median ratio: on a shared machine one round's ratio moves by several hundredths")
    args = parser.parse_args()
    samples = scanned_samples(args.samples)
    if not samples:
        raise SystemExit(f"No scanned samples with truth in {args.samples}/")
    files = [pdf for pdf, _ in samples]
    pages = sum(len(truth["pages"]) for _, truth in samples)
    settings = OcrSettings()
    results: dict = {"pages": pages, "files": [pdf.name for pdf in files], "ocrmypdf": args.ocrmypdf or "not installed",
                     "rounds": []}
    with tempfile.TemporaryDirectory() as scratch:
        scratch_path = Path(scratch)
        texts: list[str] = []
        for _ in range(args.rounds):
            by_workers: dict = {}
            for workers in args.workers:
                texts, by_workers[str(workers)] = measure(samples, settings, workers, args, scratch_path)
            results["rounds"].append(by_workers)
    results["by_workers"] = results["rounds"][0]
    results["ratios"] = ratio_summary(results["rounds"])
    results["stages"] = stage_breakdown(args.samples / PROFILED_SAMPLE)  # first: as a fresh worker, nothing loaded
    results["restoration"] = restoration_speed(texts)
    report(results)
    save_results("throughput", results)


if __name__ == "__main__":
    main()
