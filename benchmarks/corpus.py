"""Benchmark: `kehoach run` over the shared corpus (documents this project did not write), scored by its own scorer.

    python -m benchmarks.corpus [--corpus ../shared/corpus] [--out DIR] [--only STEM_PART ...] [--no-run]

Runs `kehoach run CORPUS/pdf --out DIR` (reusing what DIR holds; a fresh temporary folder by default), then
`CORPUS/score.py doc` on every PDF, and prints one row per file (family, rendering, target recall and precision,
tasks found of expected, lead, partners F1, timeline, header fields) and the totals per rendering: targets pooled
over the files (correct / expected, correct / produced), task measures weighted by each file's task count, header
fields as the share of files right. The scorer is the corpus's own, so the figures are the ones its authors get.
"""
from __future__ import annotations

import argparse
import csv
import json
import subprocess
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

from benchmarks.sample_run import save_results

HEADER_FIELDS = ("plan_number", "issue_date", "province", "title")


def arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=Path(__file__).resolve().parents[2] / "shared" / "corpus")
    parser.add_argument("--out", type=Path, help="output folder of the run (default: a fresh temporary one)")
    parser.add_argument("--only", nargs="*", default=[], help="score (and run) only files whose name holds one of these")
    parser.add_argument("--no-run", action="store_true", help="score what --out already holds")
    return parser.parse_args()


def chosen(corpus: Path, only: list[str]) -> list[dict]:
    with open(corpus / "index.csv", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    return [row for row in rows if not only or any(part in row["pdf"] for part in only)]


def run(corpus: Path, rows: list[dict], out: Path) -> None:
    paths = [str(corpus / row["pdf"]) for row in rows]
    subprocess.run([sys.executable, "-m", "kehoach.cli", "run", *paths, "--out", str(out)], check=False)


def score(corpus: Path, out: Path, row: dict) -> dict:
    stem = Path(row["pdf"]).stem
    result = subprocess.run([sys.executable, str(corpus / "score.py"), "doc", str(out), stem, row["document"]],
                            capture_output=True, text=True, check=True)
    return json.loads(result.stdout[:result.stdout.rstrip().rfind("\n")])


def fmt(value, width: int = 5) -> str:
    return f"{value:{width}.3f}" if isinstance(value, float) else f"{'-' if value is None else value:>{width}}"


class Totals:
    """Pooled targets and task-weighted task measures of one rendering."""

    def __init__(self) -> None:
        self.files = 0
        self.counts = defaultdict(float)

    def add(self, result: dict) -> None:
        self.files += 1
        targets, tasks, meta = result.get("targets") or {}, result.get("tasks"), result.get("meta") or {}
        self.counts["expected"] += targets.get("expected", 0)
        self.counts["produced"] += targets.get("produced", 0)
        self.counts["correct"] += targets.get("value_correct", 0)
        if tasks:
            n = tasks["expected"]
            self.counts["tasks"] += n
            self.counts["matched"] += tasks["matched"]
            for name in ("lead_acc", "partners_f1"):
                self.counts[name] += tasks[name] * n
            if tasks["timeline_acc"] is not None:
                self.counts["timeline_n"] += n
                self.counts["timeline_acc"] += tasks["timeline_acc"] * n
        for name in HEADER_FIELDS:
            self.counts[name] += bool(meta.get(name))

    def row(self) -> dict:
        c = self.counts
        share = lambda a, b: round(a / b, 4) if b else None
        return {"files": self.files, "target_recall": share(c["correct"], c["expected"]),
                "target_precision": share(c["correct"], c["produced"]),
                "tasks_found": share(c["matched"], c["tasks"]), "lead": share(c["lead_acc"], c["tasks"]),
                "partners_f1": share(c["partners_f1"], c["tasks"]),
                "timeline": share(c["timeline_acc"], c["timeline_n"]),
                **{name: share(c[name], self.files) for name in HEADER_FIELDS}}


def main() -> None:
    args = arguments()
    rows = chosen(args.corpus, args.only)
    out = args.out or Path(tempfile.mkdtemp(prefix="kehoach-corpus-"))
    if not args.no_run:
        run(args.corpus, rows, out)
    print(f"{'file':34} {'layout':18} {'t.rec':>5} {'t.pre':>5} {'tasks':>7} {'lead':>5} {'partn':>5} {'timel':>5} header")
    totals: dict[str, Totals] = defaultdict(Totals)
    results = {}
    for row in rows:
        result = results[Path(row["pdf"]).stem] = score(args.corpus, out, row)
        totals[row["rendering"]].add(result)
        totals["all"].add(result)
        targets, tasks, meta = result.get("targets") or {}, result.get("tasks") or {}, result.get("meta") or {}
        found = f"{tasks['matched']}/{tasks['expected']}" if tasks else "-"
        header = " ".join(name for name in HEADER_FIELDS if not meta.get(name))
        print(f"{Path(row['pdf']).stem:34} {row['target_layout'][:18]:18} {fmt(targets.get('recall'))} "
              f"{fmt(targets.get('precision'))} {found:>7} {fmt(tasks.get('lead_acc'))} {fmt(tasks.get('partners_f1'))} "
              f"{fmt(tasks.get('timeline_acc'))} {'ok' if not header else 'wrong: ' + header}")
    print()
    print(f"{'rendering':10} {'files':>5} {'t.rec':>5} {'t.pre':>5} {'found':>5} {'lead':>5} {'partn':>5} {'timel':>5} "
          + " ".join(f"{name[:6]:>6}" for name in HEADER_FIELDS))
    summary = {}
    for rendering in sorted(totals, key=lambda r: (r == "all", r)):
        t = summary[rendering] = totals[rendering].row()
        print(f"{rendering:10} {t['files']:5} {fmt(t['target_recall'])} {fmt(t['target_precision'])} "
              f"{fmt(t['tasks_found'])} {fmt(t['lead'])} {fmt(t['partners_f1'])} {fmt(t['timeline'])} "
              + " ".join(fmt(t[name], 6) for name in HEADER_FIELDS))
    print(f"\noutputs: {out}")
    save_results("corpus", {"files": results, "totals": summary})


if __name__ == "__main__":
    main()
