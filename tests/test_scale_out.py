"""Scale-out on Dask: the batch flow on a local Dask cluster reads the same documents as on threads, and the
cluster it starts is the one asked for (one single-threaded process per worker, Tesseract single-threaded); a
crash planning or finishing one document of a batch stays with that document."""
from __future__ import annotations

import csv
import json
import os
from pathlib import Path

from kehoach.cli import main
from kehoach.config import Settings

SMALLEST = Path(__file__).resolve().parent.parent / "samples" / "giolinh_2025_prose.pdf"  # a two-page scan


def outputs(out: Path) -> dict:
    """Everything a run wrote that does not depend on how long it took."""
    tables = {}
    for name in ("documents.csv", "targets.csv", "tasks.csv", "issues.csv"):
        with (out / name).open(encoding="utf-8-sig", newline="") as handle:
            tables[name] = [{key: value for key, value in row.items() if key != "seconds"}
                            for row in csv.DictReader(handle)]
    records = [json.loads(path.read_text(encoding="utf-8")) for path in sorted((out / "docs").glob("*.json"))]
    tables["pages"] = [[page["text"] for page in record["pages"]] for record in records]
    return tables


def test_the_dask_runner_with_two_workers_reads_what_threads_read(prefect_harness, tmp_path):
    on_threads, on_dask = tmp_path / "threads", tmp_path / "dask"
    assert main(["run", str(SMALLEST), "--out", str(on_threads), "--workers", "2", "--runner", "threads"]) == 0
    assert main(["run", str(SMALLEST), "--out", str(on_dask), "--workers", "2", "--runner", "dask"]) == 0
    threads, dask = outputs(on_threads), outputs(on_dask)
    assert [row["status"] for row in dask["documents.csv"]] == ["ok"]
    assert len(dask["pages"][0]) == 2 and all(dask["pages"][0])
    assert dask["targets.csv"] and dask["tasks.csv"]
    assert dask == threads


def test_the_local_cluster_has_one_single_threaded_process_per_worker_tesseract_and_opencv_single_threaded(
        monkeypatch):
    from kehoach.flows.dask_runner import dask_runner

    monkeypatch.delenv("OMP_THREAD_LIMIT")  # the workers must get it from the runner, not from this process
    with dask_runner(Settings(workers=2, runner="dask")) as runner:
        workers = runner.client.scheduler_info()["workers"].values()
        limits = runner.client.run(lambda: os.environ.get("OMP_THREAD_LIMIT"))
        opencv_threads = runner.client.run(lambda: __import__("cv2").getNumThreads())
        pids = runner.client.run(os.getpid)
    assert [worker["nthreads"] for worker in workers] == [1, 1]
    assert list(limits.values()) == ["1", "1"]
    assert list(opencv_threads.values()) == [1, 1]
    assert len(set(pids.values()) | {os.getpid()}) == 3  # two processes of their own


def test_a_remote_scheduler_without_a_prefect_server_its_workers_can_reach_is_a_usage_error(tmp_path, capsys):
    from prefect.settings import PREFECT_API_URL, temporary_settings

    with temporary_settings(restore_defaults={PREFECT_API_URL}):
        code = main(["run", str(SMALLEST), "--out", str(tmp_path), "--dask-address", "tcp://127.0.0.1:9"])
    assert code == 2
    assert "PREFECT_API_URL" in capsys.readouterr().err


def test_a_crash_planning_or_finishing_one_document_fails_that_document_not_the_batch(prefect_harness, tmp_path,
                                                                                        monkeypatch):
    import kehoach.flows.batch as batch

    samples = SMALLEST.parent
    crash_plan, crash_finish = samples / "konray_2025_legacy.pdf", samples / "gialai_2024_legacy.pdf"
    plan, finish = batch.plan_document, batch.finish_document

    def planning(source, settings):
        if source.path == crash_plan:
            raise RuntimeError("a PDF library's fault")
        return plan(source, settings)

    def finishing(plan_, pages, source_file, checks):
        if Path(source_file) == crash_finish:
            raise ValueError("a bug")
        return finish(plan_, pages, source_file, checks)

    monkeypatch.setattr(batch, "plan_document", planning)
    monkeypatch.setattr(batch, "finish_document", finishing)
    assert main(["run", str(crash_plan), str(crash_finish), str(SMALLEST), "--out", str(tmp_path)]) == 1
    with (tmp_path / "documents.csv").open(encoding="utf-8-sig", newline="") as handle:
        rows = {Path(row["source_file"]).name: row for row in csv.DictReader(handle)}
    assert rows[SMALLEST.name]["status"] == "ok"
    assert rows[crash_plan.name]["status"] == rows[crash_finish.name]["status"] == "failed"
    assert "The PDF could not be read (RuntimeError: a PDF library's fault)" in rows[crash_plan.name]["error"]
    assert "Extraction failed inside kehoach (ValueError: a bug)" in rows[crash_finish.name]["error"]
