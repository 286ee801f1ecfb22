"""Shared test set-up: one Prefect harness for the whole session (starting a temporary server costs ~10 s), and
one `kehoach run` over the samples that every end-to-end test reads."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")
os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
os.environ["OMP_THREAD_LIMIT"] = "1"


@pytest.fixture(scope="session")
def prefect_harness():
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness(server_startup_timeout=120):
        yield


@pytest.fixture(scope="session")
def sample_run(prefect_harness, tmp_path_factory) -> tuple[int, Path]:
    """`kehoach run samples/`: its exit code and output folder."""
    from kehoach.cli import main

    out = tmp_path_factory.mktemp("out")
    code = main(["run", str(Path(__file__).resolve().parent.parent / "samples"), "--out", str(out)])
    return code, out
