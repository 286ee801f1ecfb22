"""The temporary Prefect server a run starts for itself: it records the flow run, not each page's task run (whose
recording took the pages' cores), and it stops with the run. A server named by PREFECT_API_URL is used as it is."""
from __future__ import annotations

from pathlib import Path

import httpx
from prefect.settings import PREFECT_API_URL, temporary_settings

from kehoach.cli import main
from kehoach.config import Settings
from kehoach.flows.batch import prefect_api

SMALLEST = Path(__file__).resolve().parent.parent / "samples" / "giolinh_2025_prose.pdf"  # a two-page scan


def count(api: str, runs: str) -> int:
    return httpx.post(f"{api}/{runs}/count", json={}).json()


def test_a_run_without_a_server_starts_one_that_records_its_flow_run_and_no_task_run(tmp_path, monkeypatch):
    monkeypatch.setenv("PREFECT_HOME", str(tmp_path / "prefect"))  # a database of its own
    with temporary_settings(restore_defaults={PREFECT_API_URL}):
        with prefect_api(Settings()):
            api = PREFECT_API_URL.value()
            services = httpx.get(f"{api}/admin/settings").json()["server"]["services"]
            assert main(["run", str(SMALLEST), "--out", str(tmp_path / "out")]) == 0  # uses this server as it is
            flow_runs, task_runs = count(api, "flow_runs"), count(api, "task_runs")
        assert not PREFECT_API_URL.value()
    assert services["task_run_recorder"]["enabled"] is False
    assert services["event_persister"]["enabled"] is False
    assert (flow_runs, task_runs) == (1, 0)
    try:
        httpx.get(f"{api}/health", timeout=2)
    except httpx.ConnectError:
        pass  # stopped with the run
    else:
        raise AssertionError("the run's temporary server is still running after it")
