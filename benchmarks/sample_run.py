"""What the benchmarks share: `kehoach run` over the samples, their ground truths, and the results folder."""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

import pandas as pd

RESULTS = Path(__file__).parent / "results"


def arguments(description: str) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--samples", default="samples", type=Path)
    parser.add_argument("--out", type=Path, help="output folder of the run (default: a fresh temporary one)")
    return parser.parse_args()


def run_samples(samples: Path, out: Path | None) -> Path:
    """`kehoach run` on the samples into `out` (reusing what is there); gives the output folder."""
    out = out or Path(tempfile.mkdtemp(prefix="kehoach-bench-"))
    subprocess.run([sys.executable, "-m", "kehoach.cli", "run", str(samples), "--out", str(out)],
                   check=False, capture_output=True)
    return out


def truths_with_doc_ids(samples: Path, out: Path) -> list[tuple[dict, str]]:
    documents = pd.read_csv(out / "documents.csv")
    found = []
    for path in sorted(samples.glob("*.truth.json")):
        truth = json.loads(path.read_text(encoding="utf-8"))
        doc_id = documents.loc[documents.source_file.str.endswith("/" + truth["file"]), "doc_id"].iloc[0]
        found.append((truth, doc_id))
    return found


def save_results(name: str, results: object) -> None:
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / f"{name}.json").write_text(json.dumps(results, indent=1, ensure_ascii=False, default=str))
