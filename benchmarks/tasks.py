"""Benchmark: tasks of the samples' task matrices against their ground truth.

    python benchmarks/tasks.py [--samples samples] [--out DIR]

Per sample with true tasks: tasks found (by item number), lead agency exact, partner-agency F1 (whole
agencies, exact names), timeline exact, and task-text similarity (rapidfuzz ratio / 100, mean).
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

import pandas as pd
from rapidfuzz import fuzz


def score(truth: list[dict], found: pd.DataFrame) -> dict:
    by_item = {str(row.item): row for row in found.itertuples() if pd.notna(row.item)}
    matched = [(t, by_item[t["item"]]) for t in truth if t["item"] in by_item]
    tp = fp = fn = 0
    for t, row in matched:
        got = set(str(row.partner_agencies).split(" | ")) if pd.notna(row.partner_agencies) else set()
        want = set(t["partner_agencies"])
        tp, fp, fn = tp + len(got & want), fp + len(got - want), fn + len(want - got)
    n = max(1, len(matched))
    return {
        "truth": len(truth), "found": len(found), "matched": len(matched),
        "lead_exact": round(sum(row.lead_agency == t["lead_agency"] for t, row in matched) / n, 4),
        "partner_f1": round(2 * tp / max(1, 2 * tp + fp + fn), 4),
        "timeline_exact": round(sum(str(row.timeline) == t["timeline"] for t, row in matched) / n, 4),
        "text_similarity": round(sum(fuzz.ratio(str(row.task), t["task"]) for t, row in matched) / n / 100, 4),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--samples", default="samples", type=Path)
    parser.add_argument("--out", type=Path)
    args = parser.parse_args()
    out = args.out or Path(tempfile.mkdtemp(prefix="kehoach-bench-"))
    subprocess.run([sys.executable, "-m", "kehoach.cli", "run", str(args.samples), "--out", str(out)],
                   check=False, capture_output=True)
    documents = pd.read_csv(out / "documents.csv")
    tasks = pd.read_csv(out / "tasks.csv", dtype={"item": str})
    results = {}
    for truth_path in sorted(args.samples.glob("*.truth.json")):
        truth = json.loads(truth_path.read_text(encoding="utf-8"))
        if not truth.get("tasks"):
            continue
        doc_id = documents.loc[documents.source_file.str.endswith("/" + truth["file"]), "doc_id"].iloc[0]
        r = results[truth["file"]] = score(truth["tasks"], tasks[tasks.doc_id == doc_id])
        print(f"{truth['file']:34} tasks {r['matched']}/{r['truth']} (found {r['found']}): lead exact "
              f"{r['lead_exact']:.3f}, partner F1 {r['partner_f1']:.3f}, timeline exact {r['timeline_exact']:.3f}, "
              f"text similarity {r['text_similarity']:.3f}")
    results_dir = Path(__file__).parent / "results"
    results_dir.mkdir(exist_ok=True)
    (results_dir / "tasks.json").write_text(json.dumps(results, indent=1, ensure_ascii=False))


if __name__ == "__main__":
    main()
