"""Benchmark: which misread values the per-cell flags point a person to, scored against the corpus's truth.

    python -m benchmarks.review_flags RUN_DIR [--corpus ../shared/corpus]

Takes a `kehoach run ../shared/corpus/pdf` output folder. For every table target whose area, indicator and year
the corpus's truth (`gt/<family>.json`) gives, it is wrong when its value differs from the truth's by 0.005 or
more. Counts, per flag, the values flagged and how many of them are wrong: `low_cell_confidence` (the issue in the
run's records) and `cell_read_two_ways` (found again from the records, `normalizers/cell_readings.py`, so a run
made before the issue existed scores too), and for the latter how often the page's words give the truth. Prints the
counts and the wrong values neither flag names; writes benchmarks/results/review_flags.json.
"""
from __future__ import annotations

import argparse
import json
from pathlib import Path

from benchmarks.sample_run import save_results
from kehoach.normalizers.cell_readings import other_reading, target_cells
from kehoach.normalizers.cross_checks import described
from kehoach.records import BBox, Target, Word
from kehoach.review_marks import record_of, table_of
from kehoach.review_site import documents_to_review
from kehoach.text_folding import squeeze

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"  # as benchmarks/corpus.py: beside the checkout


def truth_values(corpus: Path, source_file: str) -> dict[tuple, float] | None:
    """The truth's table values by (printed area squeezed, indicator, year); None for a file the corpus lacks."""
    path = corpus / "gt" / f"{Path(source_file).stem.rsplit('_', 1)[0]}.json"
    if not path.exists():
        return None
    targets = json.loads(path.read_text(encoding="utf-8"))["targets"]
    return {(squeeze(t["area_name_raw"]), t["indicator"], t["year"]): t["value"]
            for t in targets if t.get("value") is not None}


def printed_value(rate: str) -> float:
    return float(rate.rstrip("%").replace(",", "."))


def score(run_dir: Path, corpus: Path) -> dict:
    counts = {"values": 0, "wrong": 0, "low_flagged": 0, "low_wrong": 0, "two_ways_flagged": 0, "two_ways_wrong": 0,
              "two_ways_words_right": 0}
    missed = []
    for record in documents_to_review(run_dir):
        truth = truth_values(corpus, record["source_file"])
        if truth is None:
            continue
        targets = [record_of(Target, row) for row in record["targets"]]
        tables = [table_of(row) for row in record["tables"]]
        words = {page["number"]: [Word(text, BBox(x0, top, x1, bottom), confidence, line)
                                  for text, x0, top, x1, bottom, confidence, line in page["words"]]
                 for page in record["pages"]}
        low = {issue["message"].split(":")[0] for issue in record["issues"] if issue["code"] == "low_cell_confidence"}
        for target, cell in zip(targets, target_cells(targets, tables)):
            key = (squeeze(target.area_name_raw), target.indicator, target.year)
            if target.source != "table" or target.value is None or key not in truth:
                continue
            wrong = abs(truth[key] - target.value) >= 0.005
            other = other_reading(target, cell, words.get(target.page, [])) if cell is not None else ""
            flagged_low = described(target) in low
            counts["values"] += 1
            counts["wrong"] += wrong
            counts["low_flagged"] += flagged_low
            counts["low_wrong"] += flagged_low and wrong
            counts["two_ways_flagged"] += bool(other)
            counts["two_ways_wrong"] += bool(other) and wrong
            counts["two_ways_words_right"] += bool(other) and abs(printed_value(other) - truth[key]) < 0.005
            if wrong and not other and not flagged_low:
                missed.append({"file": Path(record["source_file"]).name, "target": described(target),
                               "value": target.value, "truth": truth[key], "confidence": round(target.confidence, 2)})
    return {**counts, "missed": missed}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("run", type=Path, help="a `kehoach run ../shared/corpus/pdf` output folder")
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    args = parser.parse_args()
    if not (args.corpus / "gt").is_dir():
        parser.error(f"{args.corpus} holds no gt/ folder: name the corpus with --corpus")
    result = score(args.run, args.corpus)
    print(f"table values with a truth: {result['values']}, wrong: {result['wrong']}")
    print(f"low_cell_confidence: {result['low_flagged']} flagged, {result['low_wrong']} of them wrong")
    print(f"cell_read_two_ways:  {result['two_ways_flagged']} flagged, {result['two_ways_wrong']} of them wrong; "
          f"the page's words give the truth in {result['two_ways_words_right']}")
    for miss in result["missed"]:
        print(f"  missed: {miss['file']} {miss['target']}: {miss['value']} (truth {miss['truth']}, "
              f"confidence {miss['confidence']})")
    save_results("review_flags", result)


if __name__ == "__main__":
    main()
