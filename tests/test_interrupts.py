"""A run stopped by SIGTERM ends as the contract says: exit 143, its temporary Prefect server stopped, the
documents it finished in every output (the database holding what the CSVs hold), no temp file left; and a second
run on the same output folder while the first writes is refused with a sentence (exit 2)."""
from __future__ import annotations

import csv
import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import duckdb

from kehoach.writer import DATABASE_FILE, TABLE_COLUMNS
from tests.test_resume import FAST, SAMPLES, SLOW, SLOW_START, assert_ended, child_pids, wait_for_first_document


def rows_of(path: Path) -> list[dict]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def test_sigterm_stops_the_server_writes_the_finished_documents_and_exits_143(tmp_path):
    inputs, out = tmp_path / "in", tmp_path / "out"
    inputs.mkdir()
    for name in (FAST, SLOW):
        shutil.copy(SAMPLES / name, inputs / name)
    command = [sys.executable, "-m", "kehoach.cli", "run", str(inputs), "--out", str(out)]
    env = {**os.environ, "PREFECT_HOME": str(tmp_path / "prefect"), **SLOW_START}
    run = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                           start_new_session=True)
    wait_for_first_document(run, out)
    helpers = child_pids(run.pid)
    assert helpers, "the run was to have its temporary Prefect server running"

    second = subprocess.run(command, env=env, capture_output=True, text=True, timeout=120)
    assert second.returncode == 2 and "Another kehoach run is writing to" in second.stderr

    run.send_signal(signal.SIGTERM)
    _, stderr = run.communicate(timeout=120)
    assert run.returncode == 143, stderr[-2000:]
    assert "Stopped by signal 15" in stderr and "Traceback" not in stderr
    assert_ended(helpers)
    finished = [path.stem for path in (out / "docs").glob("*.json")]
    assert [row["doc_id"] for row in rows_of(out / "documents.csv")] == finished and len(finished) == 1
    with duckdb.connect(str(out / DATABASE_FILE), read_only=True) as db:
        for name in TABLE_COLUMNS:
            assert db.execute(f"SELECT count(*) FROM {name}").fetchone()[0] == len(rows_of(out / f"{name}.csv"))
    assert [path.name for path in out.rglob("*") if path.name.startswith(".") or ".tmp" in path.name] == []
