"""One batch run from its inputs to its summary, as `kehoach run` and `kehoach.run` do it.

Finds the PDFs named, checks and locks the output folder before anything is read, gives a row to every input the
flow will not read (a second copy, a path with no file), sets aside records that cannot be used, hands the rest
to the Prefect flow (`kehoach.flows.batch`) and brings the tables up to date. SIGTERM and SIGINT end the run as
`Interrupted`, with the documents finished before them in every output.
"""
from __future__ import annotations

import os
import signal
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from kehoach.config import Settings
from kehoach.errors import Interrupted, UsageError
from kehoach.messages import say

if TYPE_CHECKING:
    from kehoach.records import Document
    from kehoach.resume import Pending


@dataclass
class RunSummary:
    """What a run did: the documents read now (in input order), the files skipped as already in `out`, the
    inputs that could not be opened, and the summary line `kehoach run` prints."""

    out: Path
    documents: list[Document] = field(default_factory=list)
    skipped: list[Path] = field(default_factory=list)
    unopenable: list[Path] = field(default_factory=list)
    text: str = ""

    @property
    def failed(self) -> list[Document]:
        return [doc for doc in self.documents if doc.status == "failed"]

    @property
    def exit_code(self) -> int:
        """`kehoach run`'s: 0 when every input was read, 1 when some failed or could not be opened."""
        return 1 if self.failed or self.unopenable else 0


def find_pdfs(inputs: list[str], lang: str = "en") -> list[Path]:
    """Every input named, in order, once: paths named directly (whatever their extension, and whether or not a
    file is there: each gets a row) and every name ending `.pdf` found recursively under folders, links and
    FIFOs included (the run gives each a row, `kehoach.resume`). Paths are made absolute without following
    links, so each keeps the name it has on disk."""
    files: list[Path] = []
    for item in inputs:
        path = Path(item)
        if path.is_dir():
            files.extend(sorted(p for p in path.rglob("*") if p.suffix.lower() == ".pdf" and not p.is_dir()))
        else:
            files.append(path)
    unique = list(dict.fromkeys(Path(os.path.abspath(p)) for p in files))
    if not unique:
        raise UsageError(say("no_pdfs", lang, inputs=" ".join(inputs)))
    return unique


def run_batch_of(inputs: list[str], out_dir: Path, settings: Settings) -> RunSummary:
    """The inputs read into `out_dir`: the folder checked for writing and space before any OCR and held by
    this run alone while it writes."""
    from kehoach.output_folder import check_output_folder, clear_leftovers, writer_lock

    files = find_pdfs(inputs, settings.lang)
    check_output_folder(out_dir)
    with writer_lock(out_dir), stopped_by_signals():
        clear_leftovers(out_dir)
        print(say("run_start", settings.lang, count=len(files), out=out_dir), file=sys.stderr)
        return read_inputs(files, out_dir, settings)


def read_inputs(files: list[Path], out_dir: Path, settings: Settings) -> RunSummary:
    from kehoach.output_folder import check_space
    from kehoach.progress import Progress
    from kehoach.resume import pending
    from kehoach.writer import refresh_tables

    progress = Progress(lang=settings.lang)
    quarantined = set_aside_unusable_records(out_dir, settings.lang)
    work = pending(files, out_dir, settings)
    check_space(out_dir, len(work.todo))
    record_unread_inputs(out_dir, work, settings)
    for path in work.done:
        progress.document_skipped(str(path))
    documents: list[Document] = []
    try:
        if work.todo:
            os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")  # our own progress lines, not Prefect's
            os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")  # no network here to send it to
            from kehoach.flows.batch import run_batch  # Prefect is imported only when there is something to read

            documents = run_batch(work.todo, out_dir, settings, progress, quarantined)
        else:
            refresh_tables(out_dir, settings.lang)  # a run killed after its last record but before its tables
    except Interrupted:
        refresh_tables(out_dir, settings.lang)  # the documents finished before the signal, in every output
        raise
    if settings.pdf:
        from kehoach.searchable_pdf import write_searchable_pdfs

        write_searchable_pdfs(out_dir, files, settings)
    return RunSummary(out=out_dir, documents=documents, skipped=work.done,
                      unopenable=[item.path for item in work.unopenable], text=progress.summary())


def record_unread_inputs(out_dir: Path, work: Pending, settings: Settings) -> None:
    """A row for the inputs the flow will not read: a second copy of a file, a path with no file to open."""
    from kehoach.writer import settings_fingerprint, write_duplicate, write_unopenable

    fingerprint = settings_fingerprint(settings)
    for duplicate in work.duplicates:
        write_duplicate(out_dir, str(duplicate.path), duplicate.sha256, duplicate.first, fingerprint)
    for unopenable in work.unopenable:
        write_unopenable(out_dir, str(unopenable.path), unopenable.message, fingerprint)
        print(f"kehoach: {unopenable.path}: {unopenable.message}", file=sys.stderr)


def set_aside_unusable_records(out_dir: Path, lang: str) -> dict[str, str]:
    """Damaged or foreign files in `docs/` moved aside before anything reads the store (checked only when the
    records changed since the tables were built); by doc_id, the sentence for the issue of its document."""
    from kehoach.writer import quarantine_unusable, tables_current

    if tables_current(out_dir, lang):
        return {}
    moved = quarantine_unusable(out_dir)
    for record in moved:
        print(f"kehoach: {record.message}", file=sys.stderr)
    return {record.doc_id: record.message for record in moved}


@contextmanager
def stopped_by_signals() -> Iterator[None]:
    """SIGTERM and SIGINT end the run as an `Interrupted` raised in this thread, so that the temporary Prefect
    server is stopped on the way out and the finished documents reach the tables; a second signal while that
    happens is ignored (kill -9 still ends it at once)."""
    def interrupt(signal_number: int, _frame: object) -> None:
        for name in (signal.SIGTERM, signal.SIGINT):
            signal.signal(name, signal.SIG_IGN)
        raise Interrupted(signal_number)

    if threading.current_thread() is not threading.main_thread():  # only the main thread can take signals
        yield
        return
    previous = {name: signal.signal(name, interrupt) for name in (signal.SIGTERM, signal.SIGINT)}
    try:
        yield
    finally:
        for name, handler in previous.items():
            signal.signal(name, handler)
