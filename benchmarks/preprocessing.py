"""Benchmark: what each preprocessing step is worth — word recall of page OCR on the scanned samples.

    python -m benchmarks.preprocessing [--samples samples] [--workers 2]

Reads every page of every scanned sample with the pipeline's own page reader under each setting below
(rules erased, numeric cells re-read, exactly as `kehoach run` reads a page), and scores the page text
against the ground truth, diacritic-exact, per sample kind.
"""
from __future__ import annotations

import argparse
import os
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from pathlib import Path

from benchmarks.ocr_quality import recall, scanned_samples
from benchmarks.sample_run import save_results
from kehoach.config import OcrSettings, Settings
from kehoach.extractors.pdf_input import inspect_pages
from kehoach.extractors.page_reading import page_by_ocr

VARIANTS = {
    "none": OcrSettings(deskew=False, denoise=False, binarize=False),
    "deskew": OcrSettings(deskew=True, denoise=False, binarize=False),
    "deskew+binarise": OcrSettings(deskew=True, denoise=False, binarize=True, clean_only_bitonal=False),
    "deskew+denoise+binarise": OcrSettings(deskew=True, denoise=True, binarize=True, clean_only_bitonal=False),
    "default (clean bitonal only)": OcrSettings(),
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--samples", default="samples", type=Path)
    parser.add_argument("--workers", default=os.cpu_count() or 1, type=int)
    args = parser.parse_args()
    os.environ["OMP_THREAD_LIMIT"] = "1"
    samples = scanned_samples(args.samples)
    results: dict[str, dict[str, float]] = {}
    for name, ocr in VARIANTS.items():
        settings = replace(Settings(), ocr=ocr)
        jobs = [(pdf, info, truth["pages"][info.number - 1]["text"])
                for pdf, truth in samples for info in inspect_pages(pdf, settings.limits).pages]
        with ThreadPoolExecutor(max_workers=args.workers) as pool:
            texts = list(pool.map(lambda job: page_by_ocr(job[0], job[1], settings, name).text, jobs))
        per_sample: dict[str, list[int]] = {}
        for (pdf, _, truth_text), text in zip(jobs, texts):
            hit, total = recall(truth_text, text)
            per_sample.setdefault(pdf.name, [0, 0])
            per_sample[pdf.name][0] += hit
            per_sample[pdf.name][1] += total
        results[name] = {sample: round(hit / total, 4) for sample, (hit, total) in per_sample.items()}
        print(f"{name:26} " + "  ".join(f"{sample} {value:.3f}" for sample, value in results[name].items()))
    save_results("preprocessing", results)


if __name__ == "__main__":
    main()
