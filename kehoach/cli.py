"""The `kehoach` command: `run`, `restore` and `compare` (see CONTRACT.md for what each promises).

Builds one `Settings` from the command line and hands it down; exit codes (`kehoach.errors`): 0 every
document read, 1 some failed, 2 bad usage or the output folder in use by another run, 3 the outputs could not be
written (the previous ones intact), 130 interrupted (SIGINT), 143 terminated (SIGTERM).
"""
from __future__ import annotations

import argparse
import os
import signal
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from kehoach.config import Limits, OcrSettings, Settings
from kehoach.errors import Interrupted, OutputError, UsageError

if TYPE_CHECKING:
    from kehoach.resume import Pending


def find_pdfs(inputs: list[str]) -> list[Path]:
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
        raise UsageError(f"No PDF files found in: {' '.join(inputs)}")
    return unique


def settings_from(args: argparse.Namespace) -> Settings:
    defaults = Settings()
    return replace(
        defaults,
        workers=args.workers or defaults.workers,
        runner="dask" if args.dask_address else args.runner,
        dask_address=args.dask_address,
        ocr=replace(defaults.ocr, dpi=args.dpi or defaults.ocr.dpi,
                    page_timeout_s=args.page_timeout or defaults.ocr.page_timeout_s),
        limits=replace(defaults.limits, max_pages=args.max_pages) if args.max_pages else defaults.limits,
    )


def record_unread_inputs(out_dir: Path, work: Pending, settings: Settings) -> None:
    """A row for the inputs the flow will not read: a second copy of a file, a path with no file to open."""
    from kehoach.writer import settings_fingerprint, write_duplicate, write_unopenable

    fingerprint = settings_fingerprint(settings)
    for duplicate in work.duplicates:
        write_duplicate(out_dir, str(duplicate.path), duplicate.sha256, duplicate.first, fingerprint)
    for unopenable in work.unopenable:
        write_unopenable(out_dir, str(unopenable.path), unopenable.message, fingerprint)
        print(f"kehoach: {unopenable.path}: {unopenable.message}", file=sys.stderr)


def set_aside_unusable_records(out_dir: Path) -> dict[str, str]:
    """Damaged or foreign files in `docs/` moved aside before anything reads the store (checked only when the
    records changed since the tables were built); by doc_id, the sentence for the issue of its document."""
    from kehoach.writer import quarantine_unusable, tables_current

    if tables_current(out_dir):
        return {}
    moved = quarantine_unusable(out_dir)
    for record in moved:
        print(f"kehoach: {record.message}", file=sys.stderr)
    return {record.doc_id: record.message for record in moved}


def command_run(args: argparse.Namespace) -> int:
    from kehoach.output_folder import check_output_folder, clear_leftovers, writer_lock

    files = find_pdfs(args.inputs)
    settings = settings_from(args)
    out_dir = Path(args.out)
    check_output_folder(out_dir)
    with writer_lock(out_dir), stopped_by_signals():
        clear_leftovers(out_dir)
        print(f"kehoach: {len(files)} PDF files → {out_dir}/", file=sys.stderr)
        return read_inputs(files, out_dir, settings)


def read_inputs(files: list[Path], out_dir: Path, settings: Settings) -> int:
    from kehoach.output_folder import check_space
    from kehoach.progress import Progress
    from kehoach.resume import pending
    from kehoach.writer import refresh_tables

    progress = Progress()
    quarantined = set_aside_unusable_records(out_dir)
    work = pending(files, out_dir, settings)
    check_space(out_dir, len(work.todo))
    record_unread_inputs(out_dir, work, settings)
    for path in work.done:
        progress.document_skipped(str(path))
    documents = []
    try:
        if work.todo:
            os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")  # our own progress lines, not Prefect's
            os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")  # no network here to send it to
            from kehoach.flows.batch import run_batch  # Prefect is imported only when there is something to read

            documents = run_batch(work.todo, out_dir, settings, progress, quarantined)
        else:
            refresh_tables(out_dir)  # a run killed after its last record but before its tables left them stale
    except Interrupted:
        refresh_tables(out_dir)  # the documents finished before the signal, in every output
        raise
    print(progress.summary())
    return 0 if all(doc.status != "failed" for doc in documents) and not work.unopenable else 1


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


def restore_input(name: str | None) -> str:
    """The text `restore` is to read, from the file named or standard input, decoded as strict UTF-8: text in
    another encoding is refused with a sentence rather than restored as replacement characters."""
    label = name or "standard input"
    try:
        if name:
            with open(name, "rb") as handle:
                data = handle.read()
        else:
            data = sys.stdin.buffer.read()
    except FileNotFoundError:
        raise UsageError(f"No such file: {name}") from None
    except IsADirectoryError:
        raise UsageError(f"{name} is a folder: name a text file, or pipe the text in.") from None
    except OSError as exc:
        raise UsageError(f"{label} cannot be read ({exc.strerror}).") from None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise UsageError(
            f"{label} is not UTF-8 text (byte 0x{data[exc.start]:02x} at offset {exc.start}): convert it first, "
            "e.g. `iconv -f WINDOWS-1258 -t UTF-8` for Windows Vietnamese text.") from None


def command_restore(args: argparse.Namespace) -> int:
    from kehoach.normalizers.restore import engine_of, load_restorer

    text = restore_input(args.file)
    restorer = load_restorer()
    engine = engine_of(text)  # judged on the whole text: a short line says little about which OCR wrote it
    lines = text.splitlines()
    if not args.explain:
        for line in restorer.restore_lines(lines, engine):
            print(line)
        return 0
    for line in lines:
        for choice in restorer.explain(line, engine):
            alternatives = ", ".join(f"{form} {score:.2f}" for form, score in choice.alternatives)
            print(f"{choice.token}\t{choice.chosen}\t{choice.confidence:.2f}\t{alternatives}")
        print()
    return 0


def command_compare(args: argparse.Namespace) -> int:
    from kehoach.comparison import compare_targets

    print(compare_targets(Path(args.dir), args.indicator))
    if args.html:
        from kehoach.report_html import write_report

        write_report(Path(args.dir), Path(args.html), args.indicator)
        print(f"kehoach: report written to {args.html}", file=sys.stderr)
    return 0


def parser() -> argparse.ArgumentParser:
    root = argparse.ArgumentParser(prog="kehoach", description="Read Vietnamese government plans from PDFs.")
    commands = root.add_subparsers(dest="command", required=True)
    run = commands.add_parser("run", help="read PDFs into the output folder")
    run.add_argument("inputs", nargs="+", metavar="INPUT", help="PDF files and/or folders (searched recursively)")
    run.add_argument("--out", default="outputs", help="output folder (default: outputs/)")
    run.add_argument("--workers", type=int, default=0, help="pages read side by side (default: all cores)")
    run.add_argument("--runner", choices=["threads", "dask"], default=Settings.runner,
                     help=f"threads in this process, or a Dask cluster of worker processes (default {Settings.runner})")
    run.add_argument("--dask-address", default="", metavar="tcp://HOST:PORT",
                     help="send pages to this running Dask scheduler (implies --runner dask)")
    run.add_argument("--dpi", type=int, default=0, help=f"render resolution for OCR (default {OcrSettings.dpi})")
    run.add_argument("--max-pages", type=int, default=0, help=f"page limit per document (default {Limits.max_pages})")
    run.add_argument("--page-timeout", type=float, default=0, metavar="SECONDS",
                     help=f"time limit of each Tesseract call on a page (default {OcrSettings.page_timeout_s:g})")
    run.set_defaults(handler=command_run)
    restore = commands.add_parser("restore", help="restore diacritics in UTF-8 text (file or stdin)")
    restore.add_argument("file", nargs="?", help="text file (default: standard input)")
    restore.add_argument("--explain", action="store_true", help="per token: chosen form, alternatives, confidence")
    restore.set_defaults(handler=command_restore)
    compare = commands.add_parser("compare", help="targets of a run folder side by side by area and year")
    compare.add_argument("dir", help="a `kehoach run` output folder")
    compare.add_argument("--indicator", default="", help="only this indicator (e.g. bhyt_rate)")
    compare.add_argument("--html", default="", metavar="FILE",
                         help="also write a self-contained HTML report with charts to FILE")
    compare.set_defaults(handler=command_compare)
    return root


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        return args.handler(args)
    except (UsageError, OutputError, Interrupted) as exc:
        print(f"kehoach: {exc}", file=sys.stderr)
        return exc.exit_code


if __name__ == "__main__":
    sys.exit(main())
