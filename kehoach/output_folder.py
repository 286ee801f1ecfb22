"""The output folder as a whole, before a run reads anything and while it runs.

Takes the `--out` folder; gives it checked (a folder, writable, with room: `check_output_folder`), locked for one
run at a time (`writer_lock`), and cleared of the temp files a killed run left (`clear_leftovers`). Each problem
is an `OutputError` (exit 3) or, for a folder in use, a `UsageError` (exit 2), raised before any page is read.
"""
from __future__ import annotations

import fcntl
import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from kehoach.errors import OutputError, UsageError
from kehoach.writer import TABLE_FILES, docs_folder

LOCK_FILE = "kehoach.lock"
# What `writer.replacing` names its temp files (and DuckDB their WAL): `.<name>.<hex>.tmp[.wal]`.
LEFTOVER_PATTERNS = (".*.tmp", ".*.tmp.wal")
# A document's record (its pages' text and word boxes) rarely reaches a megabyte; the tables are rebuilt beside
# the old ones before replacing them, so they need their size again, and DuckDB wants room for its WAL.
RECORD_ROOM = 1_000_000
TABLES_ROOM = 8_000_000


def check_output_folder(out_dir: Path) -> None:
    """Before anything is written: the folder is a folder, and a file can be created, written and removed in it
    and in `docs/`. Raises `OutputError` saying which."""
    if out_dir.exists() and not out_dir.is_dir():
        raise OutputError(f"{out_dir} is a file, not a folder: name another --out folder, or move the file.")
    for folder in (out_dir, docs_folder(out_dir)):
        try:
            folder.mkdir(parents=True, exist_ok=True)
            with tempfile.TemporaryFile(dir=folder) as probe:
                probe.write(b"kehoach")
                probe.flush()
                os.fsync(probe.fileno())
        except OSError as exc:
            raise OutputError(f"The output folder {folder} cannot be written ({exc.strerror or exc}): fix its "
                              "permissions or name another --out folder.") from exc


def space_needed(out_dir: Path, documents: int) -> int:
    tables = sum(path.stat().st_size for name in TABLE_FILES if (path := out_dir / name).exists())
    return documents * RECORD_ROOM + 2 * tables + TABLES_ROOM


def check_space(out_dir: Path, documents: int) -> None:
    """Before any page is read: room for the records of the `documents` to read and for a second copy of the
    tables while they are rebuilt (`space_needed`)."""
    free, needed = shutil.disk_usage(out_dir).free, space_needed(out_dir, documents)
    if free < needed:
        raise OutputError(f"The disk of {out_dir} has {free / 1e6:.1f} MB free and this run needs about "
                          f"{needed / 1e6:.0f} MB: free some space or name another --out folder.")


@contextmanager
def writer_lock(out_dir: Path) -> Iterator[None]:
    """One run at a time writes to a folder: an advisory lock on `kehoach.lock`, which the system lets go of
    when the run ends however it ends (kill -9 included). The file stays: removing it would let a run waiting
    on the old file and one creating a new file both write."""
    handle = (out_dir / LOCK_FILE).open("a+")
    try:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise UsageError(f"Another kehoach run is writing to {out_dir}: wait for it to end, or name another "
                             "--out folder.") from None
        handle.seek(0)
        handle.truncate()
        handle.write(f"{os.getpid()}\n")
        handle.flush()
        yield
    finally:
        handle.close()


def clear_leftovers(out_dir: Path) -> list[Path]:
    """The temp files of earlier runs killed while writing (under the lock none can be another run's)."""
    leftovers = [path for folder in (out_dir, docs_folder(out_dir)) for pattern in LEFTOVER_PATTERNS
                 for path in folder.glob(pattern)]
    for path in leftovers:
        path.unlink(missing_ok=True)
    return leftovers
