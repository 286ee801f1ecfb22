"""Re-runs and resumption: an unchanged batch is recognised before any flow starts, and a batch killed with
SIGKILL mid-way takes its temporary Prefect server with it and finishes on the next run with every document
exactly once in every output and no temp file left."""
from __future__ import annotations

import csv
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

from kehoach.config import Settings
from kehoach.resume import pending

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
FAST = "giolinh_2025_prose.pdf"  # two scanned pages of prose: read in seconds
SLOW = "gialai_2024_scan.pdf"  # five scanned pages with tables: still being read when the fast one is written
# A fresh PREFECT_HOME builds the server's database first: on a loaded machine more than Prefect's 20 s default.
SLOW_START = {"PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS": "180"}


def read_csv(path: Path) -> list[dict]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def test_an_unchanged_batch_has_nothing_to_read(sample_run):
    _, out = sample_run
    files = sorted(SAMPLES.glob("*.pdf"))
    work = pending(files, out, Settings())
    assert work.todo == [] and work.done == files


def test_a_changed_setting_makes_every_document_pending_again(sample_run):
    _, out = sample_run
    settings = Settings()
    other = Settings(ocr=type(settings.ocr)(dpi=settings.ocr.dpi + 1))
    work = pending(sorted(SAMPLES.glob("*.pdf")), out, other)
    assert work.done == [] and len(work.todo) == len(list(SAMPLES.glob("*.pdf")))


def wait_for_first_document(run: subprocess.Popen, out: Path) -> None:
    deadline = time.monotonic() + 300
    while not list((out / "docs").glob("*.json")) and time.monotonic() < deadline and run.poll() is None:
        time.sleep(0.05)


def child_pids(pid: int) -> list[int]:
    return [int(child) for task in Path(f"/proc/{pid}/task").iterdir()
            for child in (task / "children").read_text().split()]


def running(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().split(")")[-1].split()[0] != "Z"  # a zombie has ended
    except FileNotFoundError:
        return False


def assert_ended(pids: list[int], seconds: float = 15) -> None:
    deadline = time.monotonic() + seconds
    while any(running(pid) for pid in pids) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not any(running(pid) for pid in pids), f"still running after the run ended: {pids}"


def test_a_batch_killed_mid_way_finishes_on_the_next_run_with_each_document_once(tmp_path):
    inputs = tmp_path / "in"
    inputs.mkdir()
    for name in (FAST, SLOW):
        shutil.copy(SAMPLES / name, inputs / name)
    out = tmp_path / "out"
    command = [sys.executable, "-m", "kehoach.cli", "run", str(inputs), "--out", str(out)]
    env = {**os.environ, "PREFECT_HOME": str(tmp_path / "prefect"), **SLOW_START}
    first = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                             start_new_session=True)
    wait_for_first_document(first, out)
    helpers = child_pids(first.pid)  # the temporary Prefect server
    assert helpers, "the run was to have its temporary Prefect server running"
    first.send_signal(signal.SIGKILL)  # the run alone: its helpers must end with it
    first.wait()
    assert_ended(helpers)
    written = list((out / "docs").glob("*.json"))
    assert len(written) == 1, "the run was to be killed after its first document and before its second"
    assert not (out / "documents.csv").exists()  # killed before the tables: they are built at the end
    (out / ".documents.csv.0badf00d.tmp").write_text("half", encoding="utf-8")  # as a kill while writing leaves
    (out / ".kehoach.duckdb.0badf00d.tmp.wal").write_bytes(b"half")

    second = subprocess.run(command, env=env, capture_output=True, text=True, timeout=600)
    assert second.returncode == 0, second.stderr
    assert "1 skipped" in second.stdout

    documents = read_csv(out / "documents.csv")
    assert sorted(Path(row["source_file"]).name for row in documents) == sorted([FAST, SLOW])
    assert all(row["status"] == "ok" for row in documents)
    for name, key in (("targets.csv", "n_targets"), ("tasks.csv", "n_tasks"), ("issues.csv", "n_issues")):
        rows = read_csv(out / name)
        for row in documents:
            assert sum(r["doc_id"] == row["doc_id"] for r in rows) == int(row[key]), (name, row["source_file"])
    for path in (out / "docs").glob("*.json"):
        json.loads(path.read_text(encoding="utf-8"))  # whole, not half-written
    leftovers = [path.name for path in out.rglob("*") if path.name.startswith(".") or path.suffix == ".tmp"]
    assert leftovers == []
