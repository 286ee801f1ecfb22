"""The Python API: read one PDF in this process, or run the batch flow, from a program or a notebook.

    read_pdf(path, settings=None) -> Document     one file, the pipeline's stages called in order, no Prefect
    run(inputs, out, **options) -> RunSummary     files and folders → the contract's output folder (the flow
                                                  `kehoach run` runs; Prefect is started only when there is
                                                  something to read)

`read_pdf` exists because reading one file through the command line pays for the flow engine's start (some
13 s of 18 s on a one-page file); called here, a file costs its pages and the models loaded once a process.
Both take the typed `Settings` (`kehoach.config`) and give typed records (`kehoach.records`); `Document.to_dict()`
is the `docs/<doc_id>.json` record, valid against `kehoach/document.schema.json`.
"""
from __future__ import annotations

import os
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from kehoach.batch_run import RunSummary
from kehoach.config import Settings
from kehoach.errors import InputError, KehoachError, PageTimeout
from kehoach.records import Document, Page

if TYPE_CHECKING:
    from kehoach.pipeline import PagePlan


def with_options(settings: Settings, workers: int = 0, runner: str = "", dask_address: str = "", dpi: int = 0,
                 max_pages: int = 0, page_timeout: float = 0, lang: str = "", pdf: bool = False) -> Settings:
    """`settings` with the command line's options applied: an option left at its zero value keeps the setting."""
    return replace(
        settings,
        workers=workers or settings.workers,
        runner="dask" if dask_address else (runner or settings.runner),
        dask_address=dask_address or settings.dask_address,
        ocr=replace(settings.ocr, dpi=dpi or settings.ocr.dpi,
                    page_timeout_s=page_timeout or settings.ocr.page_timeout_s),
        limits=replace(settings.limits, max_pages=max_pages or settings.limits.max_pages),
        lang=lang or settings.lang,
        pdf=pdf or settings.pdf,
    )


def _read_page_retrying(path: Path, plan: PagePlan, settings: Settings) -> Page:
    """A page read as the flow reads it: a passing Tesseract fault is tried again `page_retries` times, a page over
    its time limit is not; a page that still fails is recorded as failed on the page."""
    from kehoach.extractors.page_reading import failed_page
    from kehoach.pipeline import read_page

    error: KehoachError | None = None
    for _ in range(settings.page_retries + 1):
        try:
            return read_page(path, plan, settings)
        except PageTimeout as exc:
            return failed_page(plan.info, str(exc))
        except KehoachError as exc:
            error = exc
    return failed_page(plan.info, str(error))


def read_pdf(path: str | os.PathLike, settings: Settings | None = None) -> Document:
    """Read one PDF into a `Document`: metadata, targets, tasks, tables, pages and issues.

    Pages are read side by side on `settings.workers` threads of this process (Tesseract lets go of the
    interpreter while it reads). A page that cannot be read leaves the document `partial`; a file that is not a
    readable PDF (missing, empty, encrypted, over a limit) raises `InputError` with a sentence saying why.
    """
    from kehoach.extractors.pdf_input import identify
    from kehoach.pipeline import finish_document, load_models, one_thread_per_page, plan_document

    settings = settings or Settings()
    source_path = Path(path)
    if not source_path.is_file():
        raise InputError(f"No such file: {source_path}")
    plan = plan_document(identify(source_path), settings)
    if plan.error:
        raise InputError(plan.error)
    one_thread_per_page()
    load_models()
    with ThreadPoolExecutor(max_workers=max(1, settings.workers)) as pool:
        pages = list(pool.map(lambda page: _read_page_retrying(source_path, page, settings), plan.pages))
    return finish_document(plan, pages, str(source_path), settings.checks)


def run(inputs: list[str | os.PathLike] | str | os.PathLike, out: str | os.PathLike = "outputs",
        settings: Settings | None = None, **options: object) -> RunSummary:
    """Read PDF files and folders (searched recursively) into the output folder `out`, as `kehoach run` does:
    documents.csv, targets.csv, tasks.csv, issues.csv, kehoach.xlsx, kehoach.duckdb and docs/<doc_id>.json, and
    with `pdf=True` a searchable copy of each input, pdf/<doc_id>.pdf. Documents already in `out` (same file, same
    settings) are skipped. `options` are the command line's (`workers`, `runner`, `dask_address`, `dpi`,
    `max_pages`, `page_timeout`, `lang`, `pdf`) applied over `settings`.
    Progress lines go to standard error. Raises `UsageError` when no input names a PDF or the folder is in use,
    `OutputError` when the outputs cannot be written (the previous ones intact), `Interrupted` on SIGTERM/SIGINT."""
    from kehoach.batch_run import run_batch_of

    names = [inputs] if isinstance(inputs, (str, os.PathLike)) else inputs
    settings = with_options(settings or Settings(), **options)
    return run_batch_of([str(name) for name in names], Path(out), settings)
