"""The temporary Prefect server a run starts for itself: it records the flow run, not each page's task run (whose
recording took the pages' cores), and it stops with the run. Checked in a process of its own, as `kehoach run`
is one: this session's test harness has a server of its own, with its own event workers."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

SMALLEST = Path(__file__).resolve().parent.parent / "samples" / "giolinh_2025_prose.pdf"  # a two-page scan

# Run in the child: the server as a run starts it, a run against it, what it recorded, and whether it still
# answers afterwards.
CHILD = """
import json, sys
import httpx
from prefect.settings import PREFECT_API_URL
from kehoach.cli import main
from kehoach.config import Settings
from kehoach.flows.batch import prefect_api

def count(api, runs):
    return httpx.post(f"{api}/{runs}/count", json={}).json()

with prefect_api(Settings()):
    api = PREFECT_API_URL.value()
    services = httpx.get(f"{api}/admin/settings").json()["server"]["services"]
    code = main(["run", sys.argv[1], "--out", sys.argv[2]])
    runs = [count(api, "flow_runs"), count(api, "task_runs")]
try:
    httpx.get(f"{api}/health", timeout=2)
    stopped = False
except httpx.ConnectError:
    stopped = True
print(json.dumps({"code": code, "recorder": services["task_run_recorder"]["enabled"],
                  "persister": services["event_persister"]["enabled"], "runs": runs, "stopped": stopped}))
"""


def test_a_run_without_a_server_starts_one_that_records_its_flow_run_and_no_task_run(tmp_path):
    env = {key: value for key, value in os.environ.items() if key != "PREFECT_API_URL"}
    env["PREFECT_HOME"] = str(tmp_path / "prefect")  # a database of its own
    child = subprocess.run([sys.executable, "-c", CHILD, str(SMALLEST), str(tmp_path / "out")], env=env,
                           capture_output=True, text=True, timeout=600)
    assert child.returncode == 0, child.stderr
    result = json.loads(child.stdout.strip().splitlines()[-1])
    assert result == {"code": 0, "recorder": False, "persister": False, "runs": [1, 0], "stopped": True}
