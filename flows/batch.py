"""The batch flow: a folder of PDFs → the contract's output folder, on Prefect 3 with no server to run.

Wires the pipeline's stages (`kehoach.pipeline`) into tasks and holds no extraction logic. Pages, not
documents, are the unit of work: the pages of the documents in a sliding window are read side by side, `workers`
at a time, on the runner `settings.runner` names, while this process plans the next documents and finishes the
ones whose pages are in. "threads" is a thread pool in this process (Tesseract runs single-threaded through its
API and lets go of the interpreter lock while it reads, so threads give real parallelism); "dask" is Prefect's
DaskTaskRunner on a local cluster of `workers` single-threaded processes, or on the scheduler at
`settings.dask_address`, where rendering and preprocessing run side by side too (restoration is part of
finishing, in this process). Each document is written as soon as it is finished. Which documents are already in
the output folder is decided before the flow starts (`kehoach.resume`); the flow gets only those still to read.
"""
from __future__ import annotations

import ctypes
import os
import signal
import socket
import subprocess
from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import replace
from functools import partial
from itertools import islice
from pathlib import Path
from unittest.mock import patch

from prefect import flow, task
from prefect.cache_policies import NONE
from prefect.events.worker import EventsWorker
from prefect.logging.handlers import APILogWorker
from prefect.server.api.server import SubprocessASGIServer
from prefect.settings import (
    PREFECT_API_URL,
    PREFECT_SERVER_SERVICES_EVENT_PERSISTER_ENABLED,
    PREFECT_SERVER_SERVICES_TASK_RUN_RECORDER_ENABLED,
    temporary_settings,
)
from prefect.task_runners import TaskRunner, ThreadPoolTaskRunner

from kehoach.config import Settings
from kehoach.errors import KehoachError, PageTimeout, UsageError
from kehoach.extractors.pdf_input import SourceFile
from kehoach.extractors.page_reading import failed_page
from kehoach.pipeline import (
    DocumentPlan,
    PagePlan,
    failed_document,
    finish_document,
    load_models,
    one_thread_per_page,
    plan_document,
    read_page,
    unreadable_plan,
)
from kehoach.progress import Progress
from kehoach.records import Document, Issue, Page
from kehoach.writer import rebuild_tables, settings_fingerprint, write_document


def retryable(result: object) -> bool:
    """A page that failed on a passing fault is read once more; one over the time limit is not."""
    return isinstance(result, KehoachError) and not isinstance(result, PageTimeout)


@task(name="read-page", cache_policy=NONE, retry_delay_seconds=1,
      retry_condition_fn=lambda _task, _run, state: retryable(state.result(raise_on_failure=False)))
def page_task(path: Path, plan: PagePlan, settings: Settings) -> Page:
    return read_page(path, plan, settings)


def _plan(source: SourceFile, settings: Settings) -> DocumentPlan:
    """A crash inside a PDF library on one file must not take down the batch: it becomes that file's error."""
    try:
        return plan_document(source, settings)
    except Exception as exc:  # noqa: BLE001 - any fault of a PDF library on a file is that file's
        return unreadable_plan(source, f"The PDF could not be read ({type(exc).__name__}: {exc}); "
                                     "obtain a fresh copy or report it with the file attached.")


def _finish(plan: DocumentPlan, pages: list[Page], source_file: str, settings: Settings) -> Document:
    """A fault while extracting one document (a bug, not bad input) fails that document, not the batch."""
    try:
        return finish_document(plan, pages, source_file, settings.checks)
    except Exception as exc:  # noqa: BLE001 - see above
        return failed_document(replace(plan, error=f"Extraction failed inside kehoach ({type(exc).__name__}: "
                                                    f"{exc}); please report it with the file attached."),
                               source_file)


def _page_results(plan: DocumentPlan, futures: list, progress: Progress) -> list[Page]:
    pages = []
    for page_plan, future in zip(plan.pages, futures):
        result = future.result(raise_on_failure=False)
        pages.append(failed_page(page_plan.info, str(result)) if isinstance(result, Exception) else result)
        progress.page_done()
    return pages


@flow(name="kehoach-batch", validate_parameters=False, log_prints=False)
def batch_flow(todo: list[SourceFile], out_dir: Path, settings: Settings, progress: Progress,
               quarantined: dict[str, str]) -> list[Document]:
    """Documents are planned and finished here, in the flow's own thread, and not as tasks of their own: a task
    costs Prefect's server some 50 ms of CPU, as much as finishing a scanned document takes. Their pages go to
    the runner as tasks. A window of `workers × 4` documents slides along the batch: when the oldest is finished
    and written, the next is planned and its pages queued, so the workers always have pages to read while a
    document is being planned or finished, and memory holds only the window's pages. A document whose earlier
    record was quarantined (`quarantined`: doc_id → why) says so in an issue."""
    one_thread_per_page()
    load_models()  # started by run_batch beside the engine's start-up: this waits for it to end
    fingerprint = settings_fingerprint(settings)
    read = page_task.with_options(retries=settings.page_retries)
    sources = iter(todo)
    window: deque[tuple[DocumentPlan, list]] = deque()

    def start(source: SourceFile) -> None:
        plan = _plan(source, settings)
        progress.add_pages(len(plan.pages))
        window.append((plan, [read.submit(source.path, page, settings) for page in plan.pages]))

    for source in islice(sources, max(1, settings.workers * 4)):
        start(source)
    documents: list[Document] = []
    while window:
        plan, futures = window.popleft()
        path = str(plan.source.path)
        if plan.error:
            doc = failed_document(plan, path)
        else:
            pages = _page_results(plan, futures, progress)
            doc = _finish(plan, pages, path, settings)
        if plan.source.doc_id in quarantined:
            doc = replace(doc, issues=[*doc.issues, Issue("warning", "record_quarantined",
                                                          quarantined[plan.source.doc_id])])
        write_document(out_dir, doc, fingerprint)
        progress.document_done(doc)
        documents.append(doc)
        for source in islice(sources, 1):
            start(source)
    rebuild_tables(out_dir, settings.lang)
    progress.outputs_written()
    return documents


# What Prefect's server does for every task run, and a run of kehoach does not need: the task-run recorder turns
# each task's state events into rows, the event persister stores the events. Together about 40 of the 50 ms of the
# server's CPU a task costs, taken from the pages' OCR on a machine whose cores all read (measured with 80 tasks).
# The flow runs are still recorded.
UNRECORDED = {PREFECT_SERVER_SERVICES_TASK_RUN_RECORDER_ENABLED: False,
              PREFECT_SERVER_SERVICES_EVENT_PERSISTER_ENABLED: False}


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


PR_SET_PDEATHSIG = 1  # prctl(2): the signal a process gets when its parent ends


def die_with_parent() -> Callable[[], None] | None:
    """What the temporary server's process runs before it starts: ask Linux to send it SIGTERM when this process
    ends, however it ends (kill -9 included), and end at once if this process is already gone. None where there
    is no prctl."""
    try:
        prctl = ctypes.CDLL(None, use_errno=True).prctl  # looked up here: the forked child must not import
    except (OSError, AttributeError):
        return None
    parent = os.getpid()

    def in_child() -> None:
        prctl(PR_SET_PDEATHSIG, signal.SIGTERM)
        if os.getppid() != parent:
            os._exit(1)

    return in_child


class ChildServer(SubprocessASGIServer):
    """Prefect's temporary server as a child that cannot outlive the run: without it a run killed with -9 left
    the server (about 210 MB) running for ever under PID 1. Prefect starts it with `subprocess.Popen`; here that
    call gets `die_with_parent` as its pre-exec hook."""

    def _run_uvicorn_command(self) -> subprocess.Popen:
        hook = die_with_parent()
        if hook is None:
            return super()._run_uvicorn_command()
        with patch.object(subprocess, "Popen", partial(subprocess.Popen, preexec_fn=hook)):
            return super()._run_uvicorn_command()


@contextmanager
def prefect_api(settings: Settings) -> Iterator[None]:
    """The Prefect API the flow and every worker report to. With PREFECT_API_URL set, that server, as it is.
    Otherwise a temporary server of this run's own, started here rather than by Prefect, so that it can be started
    without recording each task run (`UNRECORDED`), and so that Dask workers, which are other processes, report to
    it too: without an API address each would start a temporary server of its own (10-30 s each, on one database).
    Workers on other machines cannot reach it: they need a server of their own, named by PREFECT_API_URL."""
    if PREFECT_API_URL.value():
        yield
        return
    if settings.dask_address:
        raise UsageError("--dask-address needs PREFECT_API_URL set to a Prefect server the Dask workers can reach "
                         "(for example `prefect server start` on this machine, with its address as seen from them).")
    server = ChildServer(port=free_port())  # a port of its own: no other server of this process is reused
    with temporary_settings(UNRECORDED):  # handed to the server's process in its environment
        server.start()
    try:
        with temporary_settings({PREFECT_API_URL: server.api_url}):
            yield
            # what the flow's log and event workers still hold goes to the server before it stops: sent after,
            # they would be retried at this process's exit for over a minute
            APILogWorker.drain_all(timeout=5)
            EventsWorker.drain_all(timeout=5)
    finally:
        server.stop()


def run_batch(todo: list[SourceFile], out_dir: Path, settings: Settings, progress: Progress,
              quarantined: dict[str, str] | None = None) -> list[Document]:
    if settings.runner == "dask":
        # distributed is imported only when asked for
        from kehoach.flows.dask_runner import dask_runner

        runner: TaskRunner = dask_runner(settings)
    else:
        runner = ThreadPoolTaskRunner(max_workers=settings.workers)
    with ThreadPoolExecutor(max_workers=1) as loader:
        loader.submit(load_models)  # while the Prefect server starts (a subprocess: the cores are free)
        with prefect_api(settings):
            return batch_flow.with_options(task_runner=runner)(todo, out_dir, settings, progress, quarantined or {})
