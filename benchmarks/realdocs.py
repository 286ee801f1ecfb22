"""Benchmark: header fields of real scanned official documents (../shared/realdocs), scored by their own scorer.

    python -m benchmarks.realdocs [--realdocs ../shared/realdocs] [--out DIR] [--no-run]

Runs `kehoach run REALDOCS/pdf --out DIR` (a fresh temporary folder by default), then `REALDOCS/score_meta.py DIR
--json`, and prints one row per document (each field right or what was read against what is printed) and each
field's accuracy. A field left empty where the truth has a value is a miss, as the scorer counts it; the column
`wrong` counts the fields that were filled with a value that is not the printed one (a miss a reader cannot see).
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

from benchmarks.sample_run import save_results

FIELDS = ("doc_type", "number", "issue_date", "issuer", "province")


def arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--realdocs", type=Path, default=Path(__file__).resolve().parents[2] / "shared" / "realdocs")
    parser.add_argument("--out", type=Path, help="output folder of the run (default: a fresh temporary one)")
    parser.add_argument("--no-run", action="store_true", help="score what --out already holds")
    return parser.parse_args()


def main() -> None:
    args = arguments()
    out = args.out or Path(tempfile.mkdtemp(prefix="kehoach-realdocs-"))
    if not args.no_run:
        subprocess.run([sys.executable, "-m", "kehoach.cli", "run", str(args.realdocs / "pdf"), "--out", str(out)],
                       check=False, capture_output=True)
    scored = subprocess.run([sys.executable, str(args.realdocs / "score_meta.py"), str(out), "--json"],
                            capture_output=True, text=True, check=True)
    report = json.loads(scored.stdout)
    print(f"{'file':18} " + " ".join(f"{name:10}" for name in FIELDS) + " wrong")
    wrong_total = 0
    for result in report["results"]:
        hits, got = result.get("hits", {}), result.get("got", {})
        wrong = sum(1 for name in FIELDS if not hits.get(name) and got.get(name))
        wrong_total += wrong
        print(f"{result['file']:18} " + " ".join(f"{'ok' if hits.get(name) else 'MISS':10}" for name in FIELDS)
              + f" {wrong}")
        for name in FIELDS:
            if not hits.get(name):
                print(f"{'':20}{name}: read {got.get(name, '')!r}, printed {result.get('want', {}).get(name)!r}")
    print()
    for name in FIELDS:
        print(f"{name:10} {report['correct'][name]:3}/{report['documents']}  {report['accuracy'][name]:.3f}")
    print(f"all five   {report['all_five']:3}/{report['documents']}; fields filled with a wrong value: {wrong_total}")
    print(f"\noutputs: {out}")
    save_results("realdocs", report)


if __name__ == "__main__":
    main()
