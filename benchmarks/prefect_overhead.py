"""Benchmark: the CPU Prefect spends on one task run, in the flow's process and in its server.

A page of a batch is one Prefect task; on a machine whose cores all run Tesseract, whatever Prefect spends on a
task is taken from the pages. This runs a flow of `--tasks` tasks that only wait (50 ms each, 2 threads, so they
cost no CPU of their own) twice, each in a fresh process with a temporary server of its own:
  1. `recorded`: the server with every service on, as Prefect starts it by itself;
  2. `kehoach`: the server as `kehoach run` starts it (`kehoach.flows.batch.prefect_api`: task runs not recorded);
and reports the milliseconds of CPU per task of the flow's process (`time.process_time`) and of the server's
process (psutil), after a warm-up of 4 tasks and with 3 s after the last task for the server to take in what it
was sent.

    python -m benchmarks.prefect_overhead [--tasks 80]

Prints a table and writes benchmarks/results/prefect_overhead.json.
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager

from benchmarks.sample_run import save_results

WAIT_S = 0.05
SETTLE_S = 3.0
VARIANTS = ("recorded", "kehoach")


@contextmanager
def server_as(variant: str) -> Iterator[None]:
    """A temporary Prefect server started the way `kehoach run` starts it, as this process's API; for `recorded`
    with no service turned off (this process measures one variant only)."""
    from kehoach.config import Settings
    from kehoach.flows import batch

    if variant == "recorded":
        batch.UNRECORDED = {}
    with batch.prefect_api(Settings()):
        yield


def measure(variant: str, tasks: int) -> dict:
    import psutil
    from prefect import flow, task
    from prefect.cache_policies import NONE
    from prefect.task_runners import ThreadPoolTaskRunner

    @task(cache_policy=NONE)
    def wait(number: int) -> int:
        time.sleep(WAIT_S)
        return number

    @flow(task_runner=ThreadPoolTaskRunner(max_workers=2), validate_parameters=False)
    def tasks_flow(count: int, server: psutil.Process) -> dict:
        [future.result() for future in [wait.submit(number) for number in range(4)]]
        time.sleep(SETTLE_S)
        client, before = time.process_time(), sum(server.cpu_times()[:2])
        [future.result() for future in [wait.submit(number) for number in range(count)]]
        client = time.process_time() - client
        time.sleep(SETTLE_S)
        server_s = sum(server.cpu_times()[:2]) - before
        return {"tasks": count, "client_ms_per_task": round(1000 * client / count, 1),
                "server_ms_per_task": round(1000 * server_s / count, 1)}

    with server_as(variant):
        [server] = psutil.Process().children()  # the server is this process's only child
        return tasks_flow(tasks, server)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tasks", default=80, type=int)
    parser.add_argument("--variant", choices=VARIANTS, help=argparse.SUPPRESS)  # one measurement, in a child
    args = parser.parse_args()
    if args.variant:
        print(json.dumps(measure(args.variant, args.tasks)))
        return
    results = {}
    for variant in VARIANTS:
        child = subprocess.run([sys.executable, "-m", "benchmarks.prefect_overhead", "--variant", variant,
                                "--tasks", str(args.tasks)], capture_output=True, text=True, check=True)
        results[variant] = json.loads(child.stdout.strip().splitlines()[-1])
    print(f"{'server':10} {'tasks':>6} {'flow process ms/task':>21} {'server ms/task':>15}")
    for variant, r in results.items():
        print(f"{variant:10} {r['tasks']:6} {r['client_ms_per_task']:21.1f} {r['server_ms_per_task']:15.1f}")
    save_results("prefect_overhead", results)


if __name__ == "__main__":
    main()
