"""Shared test set-up: one Prefect harness for the whole session (starting a temporary server costs ~10 s)."""
from __future__ import annotations

import os

import pytest

os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")
os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
os.environ["OMP_THREAD_LIMIT"] = "1"


@pytest.fixture(scope="session")
def prefect_harness():
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness(server_startup_timeout=120):
        yield
