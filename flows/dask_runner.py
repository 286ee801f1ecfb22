"""The Dask runner of the batch flow: Prefect's DaskTaskRunner, with workers that run Tesseract single-threaded.

Takes the run's `Settings`; gives a task runner on the scheduler at `settings.dask_address`, or on a local
cluster of `settings.workers` processes of one thread each, started for the run. One thread per process,
because a page's own CPU work (PDFium rendering, OpenCV, restoration) is Python and a lock that threads would
share. Imported only when `--runner dask` is asked for: `distributed` takes a second to import.

A remote cluster's workers need kehoach installed and the input files at the same paths as here.
"""
from __future__ import annotations

import importlib
import logging

from distributed import get_worker
from distributed.diagnostics.plugin import WorkerPlugin
from prefect_dask import DaskTaskRunner

from kehoach.config import Settings
from kehoach.pipeline import one_thread_per_page


class PageReaderSetup(WorkerPlugin):
    """Readies every worker, local or remote, before its first page: Tesseract and OpenCV on one thread (pages
    already run side by side: `kehoach.pipeline.one_thread_per_page`), and the flow's modules imported
    (Prefect, OpenCV, the pipeline: seconds a worker would otherwise spend inside its first task, as the flow
    process did before it started)."""

    def setup(self, worker) -> None:
        one_thread_per_page()
        importlib.import_module("kehoach.flows.batch")


class OcrDaskTaskRunner(DaskTaskRunner):
    def __enter__(self):
        super().__enter__()
        try:
            get_worker()  # inside a worker, Prefect enters a copy of this runner for each task: nothing to set up
        except ValueError:
            self.client.register_plugin(PageReaderSetup(), name="kehoach-page-reader-setup")
        return self


def dask_runner(settings: Settings) -> OcrDaskTaskRunner:
    logging.getLogger("distributed").setLevel(logging.WARNING)  # the run prints its own progress lines
    if settings.dask_address:
        return OcrDaskTaskRunner(address=settings.dask_address)
    # No dashboard, and the scheduler's health server on a free port: two runs side by side do not clash.
    return OcrDaskTaskRunner(cluster_kwargs={"n_workers": settings.workers, "threads_per_worker": 1,
                                             "processes": True, "dashboard_address": None,
                                             "scheduler_kwargs": {"dashboard_address": ":0"}})
