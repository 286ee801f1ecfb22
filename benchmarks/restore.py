"""Benchmark: diacritic restoration and OCR post-correction on text no statistic was built from.

Held-out text: benchmarks/restore_heldout/*.txt (written by the kehoach authors for this benchmark) and the
Kon Rẫy clean seed; none of it is read by vocab/build_syllable_lm.py or vocab/build_channel.py. Measured in
one run:
  1. `eng`: the held-out text rendered, scanned (300-dpi grey office scan) and read by Tesseract's English
     model, then restored;
  2. `vie harsh`: the same text scanned as a 200-dpi bitonal fax and read by Tesseract `vie`, then restored;
     and the Gia Lai harsh sample (samples/gialai_2024_harsh.pdf) read page by page exactly as `kehoach run`
     reads it, restored, against the sample's ground-truth page text;
  3. clean: the held-out text and both clean seeds given as they are: the output must equal the input;
  4. names: every area name (gazetteer, two words or more) and agency name (vocab/data/agencies.csv) printed
     in the held-out text: exact after restoration;
  5. speed: tokens per second restoring each text in this process (one core), with every restoration cache
     emptied (cold, as in a fresh process with the models loaded; also as milliseconds per distinct token,
     since a repeated token is looked up once) and again (warm), each the median of three passes; the model
     files' size and load time.
Token accuracy is over the words OCR segmented one to one with the printed words (kehoach.synth.parallel.
word_pairs): a restored word counts when it equals the printed word exactly (marks and case). The share of
printed words so aligned is reported beside it, and the word error rate over all printed words.

    python -m benchmarks.restore

Prints a table and writes benchmarks/results/restore.json.
"""
from __future__ import annotations

import json
import os
import statistics
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from rapidfuzz.distance import Levenshtein

from benchmarks.sample_run import save_results
from kehoach.config import Settings
from kehoach.extractors.pdf_input import identify
from kehoach.normalizers import restore as restoration
from kehoach.normalizers.agencies import agency_list
from kehoach.pipeline import plan_document, read_page
from kehoach.synth.parallel import ParallelPage, read_back, word_pairs, words
from kehoach.synth.scanner import ScanProfile
from kehoach.vocab.gazetteer import load_gazetteer, split_type

REPO = Path(__file__).resolve().parent.parent
HELD_OUT = sorted((REPO / "benchmarks" / "restore_heldout").glob("*.txt")) + [
    REPO / "samples" / "sources" / "konray_2025_ke-hoach.clean.txt"]
CLEAN = HELD_OUT + [REPO / "samples" / "sources" / "vinhlinh_2023_127-KH-UBND.clean.txt"]
HARSH_SAMPLE = REPO / "samples" / "gialai_2024_harsh.pdf"
PROFILES = {"eng": ("eng", ScanProfile(dpi=300, skew_degrees=0.8, jpeg_quality=60)),
            "vie harsh": ("vie", ScanProfile(dpi=200, skew_degrees=-1.2, blur_sigma=0.9, noise_sigma=14,
                                             illumination=0.25, bitonal=True, speckle=0.004))}
SEED = 7000  # scans of held-out text use other seeds than the channel's training scans
PASSES = 3  # timings are the median of this many passes: a shared machine's speed drifts within seconds


def read_job(job: tuple[str, Path]) -> tuple[str, list[ParallelPage]]:
    name, path = job
    engine, profile = PROFILES[name]
    return name, read_back(path.read_text(encoding="utf-8"), profile, engine, SEED + HELD_OUT.index(path))


def harsh_sample_pages() -> list[ParallelPage]:
    """The harsh sample read as `kehoach run` reads it (preprocessing, `vie`), before restoration."""
    os.environ["OMP_THREAD_LIMIT"] = "1"
    settings = Settings()
    plan = plan_document(identify(HARSH_SAMPLE), settings)
    truth = json.loads(HARSH_SAMPLE.with_suffix(".truth.json").read_text(encoding="utf-8"))["pages"]
    return [ParallelPage(printed["text"], read_page(HARSH_SAMPLE, page, settings).text)
            for page, printed in zip(plan.pages, truth)]


def name_phrases() -> set[tuple[str, ...]]:
    phrases = {tuple(split_type(area.name)[2].split()) for area in load_gazetteer().areas}
    phrases |= {tuple(words(name)) for agency in agency_list() for name in agency.names}
    return {phrase for phrase in phrases if len(phrase) >= 2}


def score(pages: list[ParallelPage], restored: list[str], phrases: set[tuple[str, ...]]) -> dict:
    aligned = raw_right = right = printed_total = 0
    names = names_right = 0
    errors = 0.0
    for page, text in zip(pages, restored):
        printed, read, out = words(page.printed), words(page.read), words(text)
        assert len(read) == len(out), "restoration must keep one token per token"
        pairs = word_pairs(printed, read)
        printed_total += len(printed)
        aligned += len(pairs)
        raw_right += sum(printed[i] == read[j] for i, j in pairs)
        right += sum(printed[i] == out[j] for i, j in pairs)
        errors += Levenshtein.distance(printed, out)
        to_read = dict(pairs)
        longest = max(map(len, phrases))
        for start in range(len(printed)):
            for length in range(longest, 1, -1):
                phrase = tuple(printed[start:start + length])
                if phrase in phrases and all(i in to_read for i in range(start, start + length)):
                    names += 1
                    names_right += all(printed[i] == out[to_read[i]] for i in range(start, start + length))
                    break
    return {"printed_words": printed_total, "aligned_share": round(aligned / printed_total, 4),
            "raw_accuracy": round(raw_right / aligned, 4), "restored_accuracy": round(right / aligned, 4),
            "word_error_rate": round(errors / printed_total, 4), "names": names,
            "names_exact": round(names_right / names, 4) if names else None}


def main() -> None:
    started = time.perf_counter()
    restorer = restoration.load_restorer()
    load_s = time.perf_counter() - started
    phrases = name_phrases()
    jobs = [(name, path) for name in PROFILES for path in HELD_OUT]
    by_profile: dict[str, list[ParallelPage]] = {name: [] for name in PROFILES}
    with ProcessPoolExecutor(max_workers=2) as pool:
        for name, pages in pool.map(read_job, jobs):
            by_profile[name] += pages
    by_profile["vie harsh sample"] = harsh_sample_pages()
    results: dict = {}
    for name, pages in by_profile.items():
        engine = "eng" if name == "eng" else "vie"
        passes = []
        for _ in range(PASSES):
            restorer.forget()
            tick = time.perf_counter()
            restored = [restorer.restore_text(page.read, engine) for page in pages]
            passes.append(time.perf_counter() - tick)
        seconds = statistics.median(passes)
        results[name] = score(pages, restored, phrases)
        tokens = sum(len(page.read.split()) for page in pages)
        results[name]["tokens_per_s_cold"] = round(tokens / seconds)
        distinct = len({token for page in pages for token in page.read.split()})
        results[name]["ms_per_distinct_token_cold"] = round(1000 * seconds / distinct, 2)
        passes = []
        for _ in range(PASSES):
            tick = time.perf_counter()
            for page in pages:
                restorer.restore_text(page.read, engine)
            passes.append(time.perf_counter() - tick)
        results[name]["tokens_per_s_warm"] = round(tokens / statistics.median(passes))
    clean_tokens = clean_same = 0
    for path in CLEAN:
        text = path.read_text(encoding="utf-8")
        out = restorer.restore_text(text)
        clean_tokens += len(text.split())
        clean_same += sum(a == b for a, b in zip(text.split(), out.split()))
    results["clean"] = {"tokens": clean_tokens, "identity": round(clean_same / clean_tokens, 5)}
    data = REPO / "vocab" / "data"
    model_files = ["syllable_lm.json.gz", "channel.json.gz", "candidates.npz"]
    results["model"] = {"files_mb": round(sum((data / name).stat().st_size for name in model_files) / 1e6, 2),
                        "load_s": round(load_s, 2)}
    print(f"{'text':18} {'words':>6} {'aligned':>8} {'raw acc':>8} {'restored':>9} {'WER':>6} {'names':>6} "
          f"{'exact':>6} {'tok/s cold':>11} {'warm':>7}")
    for name in by_profile:
        r = results[name]
        print(f"{name:18} {r['printed_words']:6} {r['aligned_share']:8.3f} {r['raw_accuracy']:8.4f} "
              f"{r['restored_accuracy']:9.4f} {r['word_error_rate']:6.3f} {r['names']:6} "
              f"{r['names_exact'] if r['names_exact'] is not None else '-':>6} {r['tokens_per_s_cold']:11} "
              f"{r['tokens_per_s_warm']:7}")
    print("cold ms per distinct token: " + ", ".join(f"{name} {results[name]['ms_per_distinct_token_cold']}"
                                                     for name in by_profile))
    print(f"clean text identity {results['clean']['identity']:.5f} over {clean_tokens} tokens; model files "
          f"{results['model']['files_mb']} MB, loaded in {results['model']['load_s']} s")
    save_results("restore", results)


if __name__ == "__main__":
    main()
