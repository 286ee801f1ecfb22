"""Benchmark: the searchable copy `kehoach run --pdf` writes, against OCRmyPDF's, on the corpus's scans.

    python -m benchmarks.searchable_pdf [--corpus ../shared/corpus] [--out DIR] [--only STEM_PART ...]

For each scan of the corpus (`*scan*`, `*fax*`, `*harsh*`, `*engtext*`: the renderings that need OCR):
- kehoach reads the file as `kehoach run` does, one page at a time (`kehoach.read_pdf`, one worker, the models
  loaded once beforehand, no flow engine: its start-up is no part of either tool's reading), and its archive copy
  is written from the record by the function `--pdf` calls (`kehoach.searchable_pdf.write_searchable_pdf`);
- OCRmyPDF reads the same file with `-l vie --jobs 1 --redo-ocr --output-type pdf` (one Tesseract at a time,
  OMP_THREAD_LIMIT=1 for both; `--redo-ocr` replaces the English-model layer of the `engtext` scans as kehoach
  does, and is plain OCR on a page with no layer; no ghostscript here, so no PDF/A);
- both copies' text layers are extracted the same two ways (PDFium's whole-page text and pdfplumber's) and scored
  against the born-digital PDF's text (`gt/<doc>_body.txt`) with the corpus's own tokeniser (`score.py`'s
  `norm`): word recall (multiset intersection / truth words) and precision.
Time: the archive copy's own cost as a share of kehoach's reading of the file (bar: under 10 %), and each tool's
seconds. Results go to benchmarks/results/searchable_pdf.json.
"""
from __future__ import annotations

import argparse
import importlib.util
import os
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

import pdfplumber
import pypdfium2 as pdfium

from benchmarks.sample_run import save_results

RENDERINGS = ("scan", "fax", "harsh", "engtext")


def arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=Path(__file__).resolve().parents[2] / "shared" / "corpus")
    parser.add_argument("--out", type=Path, help="where both tools' copies go (default: a fresh temporary folder)")
    parser.add_argument("--only", nargs="*", default=[], help="only files whose name holds one of these")
    return parser.parse_args()


def corpus_scorer(corpus: Path):
    """The corpus's `score.py` as a module, for its tokeniser."""
    spec = importlib.util.spec_from_file_location("corpus_score", corpus / "score.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def layer_text(path: Path) -> dict[str, str]:
    """The copy's text as two extractors give it: PDFium's (the text a viewer built on it searches) and
    pdfplumber's (pdfminer's word grouping)."""
    pdf = pdfium.PdfDocument(path)
    try:
        by_pdfium = "\n".join(page.get_textpage().get_text_range() for page in pdf)
    finally:
        pdf.close()
    with pdfplumber.open(path) as plumbed:
        by_pdfplumber = "\n".join(page.extract_text() or "" for page in plumbed.pages)
    return {"pdfium": by_pdfium, "pdfplumber": by_pdfplumber}


def word_scores(truth: str, texts: dict[str, str], norm) -> dict:
    """Word recall and precision of each extractor's text against the truth."""
    want = Counter(norm(truth).split())
    scores = {}
    for extractor, text in texts.items():
        got = Counter(norm(text).split())
        hit = sum((want & got).values())
        scores[f"recall_{extractor}"] = round(hit / max(1, sum(want.values())), 4)
        scores[f"precision_{extractor}"] = round(hit / max(1, sum(got.values())), 4)
    return scores


def kehoach_copy(source: Path, out: Path) -> dict:
    """Read `source`, write its archive copy; the seconds of each."""
    from kehoach.api import read_pdf
    from kehoach.config import Settings
    from kehoach.searchable_pdf import write_searchable_pdf

    settings = Settings(workers=1)
    started = time.perf_counter()
    record = read_pdf(source, settings).to_dict(settings)
    read = time.perf_counter() - started
    started = time.perf_counter()
    path = write_searchable_pdf(out, record, settings)
    return {"path": path, "read_s": round(read, 2), "copy_s": round(time.perf_counter() - started, 3),
            "pages": len(record["pages"])}


def ocrmypdf_copy(source: Path, out: Path) -> dict:
    target = out / "ocrmypdf" / source.name
    target.parent.mkdir(parents=True, exist_ok=True)
    command = [str(Path(sys.executable).parent / "ocrmypdf"), "-q", "-l", "vie", "--jobs", "1", "--redo-ocr",
               "--output-type", "pdf", str(source), str(target)]
    started = time.perf_counter()
    subprocess.run(command, check=True, env={**os.environ, "OMP_THREAD_LIMIT": "1"})
    return {"path": target, "seconds": round(time.perf_counter() - started, 2)}


def main() -> None:
    args = arguments()
    os.environ["OMP_THREAD_LIMIT"] = "1"
    from kehoach.pipeline import load_models, one_thread_per_page

    one_thread_per_page()
    load_models()
    scorer = corpus_scorer(args.corpus)
    out = args.out or Path(tempfile.mkdtemp(prefix="searchable-pdf-"))
    files = sorted(path for path in (args.corpus / "pdf").glob("*.pdf")
                   if any(kind in path.stem.rsplit("_", 1)[-1] for kind in RENDERINGS)
                   and (not args.only or any(part in path.name for part in args.only)))
    rows = []
    print(f"{'file':34} {'pages':>5} {'kh_rec':>6} {'om_rec':>6} {'kh_plb':>6} {'om_plb':>6} {'kh_prec':>7} "
          f"{'om_prec':>7} {'kh_read':>7} {'copy':>6} {'share':>6} {'ocrmypdf':>8}")
    for source in files:
        truth = (args.corpus / "gt" / f"{source.stem.rsplit('_', 1)[0]}_body.txt").read_text(encoding="utf-8")
        ours = kehoach_copy(source, out / "kehoach")
        theirs = ocrmypdf_copy(source, out)
        row = {"file": source.name, "pages": ours["pages"],
               "kehoach": {**word_scores(truth, layer_text(ours["path"]), scorer.norm), "read_s": ours["read_s"],
                           "copy_s": ours["copy_s"], "copy_share": round(ours["copy_s"] / ours["read_s"], 4)},
               "ocrmypdf": {**word_scores(truth, layer_text(theirs["path"]), scorer.norm),
                            "seconds": theirs["seconds"]}}
        rows.append(row)
        kh, om = row["kehoach"], row["ocrmypdf"]
        print(f"{source.stem:34} {row['pages']:5} {kh['recall_pdfium']:6.3f} {om['recall_pdfium']:6.3f} "
              f"{kh['recall_pdfplumber']:6.3f} {om['recall_pdfplumber']:6.3f} {kh['precision_pdfium']:7.3f} "
              f"{om['precision_pdfium']:7.3f} {kh['read_s']:7.1f} {kh['copy_s']:6.2f} {kh['copy_share']:6.1%} "
              f"{om['seconds']:8.1f}", flush=True)
    totals = {name: sum(row[name][key] for row in rows) for name, key in (("kehoach", "read_s"),
                                                                          ("ocrmypdf", "seconds"))}
    copy = sum(row["kehoach"]["copy_s"] for row in rows)
    mean = {f"{tool}_{extractor}": round(sum(row[tool][f"recall_{extractor}"] for row in rows) / max(1, len(rows)), 4)
            for tool in ("kehoach", "ocrmypdf") for extractor in ("pdfium", "pdfplumber")}
    print(f"\n{len(rows)} files: mean word recall (PDFium / pdfplumber) kehoach {mean['kehoach_pdfium']:.3f} / "
          f"{mean['kehoach_pdfplumber']:.3f}, OCRmyPDF {mean['ocrmypdf_pdfium']:.3f} / "
          f"{mean['ocrmypdf_pdfplumber']:.3f}; "
          f"kehoach read {totals['kehoach']:.0f} s + copies {copy:.1f} s ({copy / max(totals['kehoach'], 1e-9):.1%}); "
          f"OCRmyPDF {totals['ocrmypdf']:.0f} s")
    save_results("searchable_pdf", {"files": rows, "mean_recall": mean, "copy_s": round(copy, 2),
                                    "kehoach_read_s": round(totals["kehoach"], 1),
                                    "ocrmypdf_s": round(totals["ocrmypdf"], 1)})


if __name__ == "__main__":
    main()
