"""Benchmark: tasks of the samples' task matrices against their ground truth.

    python -m benchmarks.tasks [--samples samples] [--out DIR]

Per sample with true tasks: tasks found (by item number; tasks assigned in prose by their text), lead agency exact, partner-agency F1 (whole
agencies, exact names), timeline exact, due date and recurring flag exact (against the dates written by hand
in the sample's source), and task-text similarity (rapidfuzz ratio / 100, mean).
"""
from __future__ import annotations

import pandas as pd
from rapidfuzz import fuzz

from benchmarks.sample_run import arguments, run_samples, save_results, truths_with_doc_ids


PROSE_MATCH = 80  # text similarity (0–100) at which a found prose task is the true one


def matches(truth: list[dict], found: pd.DataFrame) -> list[tuple[dict, object]]:
    """A matrix task is found by its item number; a task assigned in prose (no number) by the found task
    whose text is the most similar, each found task used once."""
    rows = list(found.itertuples())
    by_item = {str(row.item): row for row in rows if pd.notna(row.item)}
    matched = [(t, by_item[t["item"]]) for t in truth if t["item"] and t["item"] in by_item]
    unnumbered = [row for row in rows if pd.isna(row.item)]
    for t in (t for t in truth if not t["item"]):
        best = max(unnumbered, key=lambda row: fuzz.ratio(str(row.task), t["task"]), default=None)
        if best is not None and fuzz.ratio(str(best.task), t["task"]) >= PROSE_MATCH:
            matched.append((t, best))
            unnumbered.remove(best)
    return matched


def score(truth: list[dict], found: pd.DataFrame) -> dict:
    matched = matches(truth, found)
    tp = fp = fn = 0
    for t, row in matched:
        got = set(str(row.partner_agencies).split(" | ")) if pd.notna(row.partner_agencies) else set()
        want = set(t["partner_agencies"])
        tp, fp, fn = tp + len(got & want), fp + len(got - want), fn + len(want - got)
    n = max(1, len(matched))
    return {
        "truth": len(truth), "found": len(found), "matched": len(matched),
        "lead_exact": round(sum(row.lead_agency == t["lead_agency"] for t, row in matched) / n, 4),
        "partner_f1": round(2 * tp / (2 * tp + fp + fn), 4) if tp + fp + fn else 1.0,
        "timeline_exact": round(sum((str(row.timeline) if pd.notna(row.timeline) else "") == t["timeline"]
                                    for t, row in matched) / n, 4),
        "due_exact": round(sum((str(row.due) if pd.notna(row.due) else "", bool(row.recurring))
                               == (t["due"], t["recurring"]) for t, row in matched) / n, 4),
        "text_similarity": round(sum(fuzz.ratio(str(row.task), t["task"]) for t, row in matched) / n / 100, 4),
    }


def main() -> None:
    args = arguments(__doc__.splitlines()[0])
    out = run_samples(args.samples, args.out)
    tasks = pd.read_csv(out / "tasks.csv", dtype={"item": str})
    results = {}
    for truth, doc_id in truths_with_doc_ids(args.samples, out):
        if not truth.get("tasks"):
            continue
        r = results[truth["file"]] = score(truth["tasks"], tasks[tasks.doc_id == doc_id])
        print(f"{truth['file']:34} tasks {r['matched']}/{r['truth']} (found {r['found']}): lead exact "
              f"{r['lead_exact']:.3f}, partner F1 {r['partner_f1']:.3f}, timeline exact {r['timeline_exact']:.3f}, "
              f"due exact {r['due_exact']:.3f}, "
              f"text similarity {r['text_similarity']:.3f}")
    save_results("tasks", results)


if __name__ == "__main__":
    main()
