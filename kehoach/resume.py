"""Which inputs of a run are still to read, decided before the flow engine starts.

Takes the input paths, the output folder and the settings; gives the files still to read (each hashed once: the
hash is its doc_id), the files already done, whose record in the output folder was made by the same pipeline
(`writer.is_done`), the files whose bytes are another input's (read once, a row each), and the paths that cannot
be opened as files (missing, a broken or looping symbolic link, a FIFO), each with a sentence for its `failed` row.
A re-run of an unchanged batch therefore costs one hash per file and starts no flow, no Prefect server and no
OCR; a batch killed mid-way resumes with the documents it had not written. Nothing here blocks: a FIFO is found
by its type and never opened.
"""
from __future__ import annotations

import errno
import os
import stat
from dataclasses import dataclass
from pathlib import Path

from kehoach.config import Settings
from kehoach.extractors.pdf_input import SourceFile, identify
from kehoach.writer import is_done, load_document_record, settings_fingerprint


@dataclass(frozen=True)
class Duplicate:
    """An input with the same bytes as the document `first` (its doc_id), read under another name."""

    path: Path
    sha256: str
    first: str


@dataclass(frozen=True)
class Unopenable:
    path: Path
    message: str


@dataclass(frozen=True)
class Pending:
    todo: list[SourceFile]
    done: list[Path]
    duplicates: list[Duplicate]
    unopenable: list[Unopenable]


def why_unopenable(path: Path) -> str:
    """Why `path` cannot be read as a file, in a sentence; empty when it is a regular file."""
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        if path.is_symlink():
            return f"The symbolic link points at {os.readlink(path)}, which does not exist: fix or remove the link."
        return "No such file: check the path, or copy the file again."
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return "The symbolic link leads round in a loop and never reaches a file: fix or remove the link."
        return f"The file cannot be opened ({exc.strerror}): check its permissions."
    if stat.S_ISFIFO(mode):
        return "The name is a FIFO (a named pipe), not a file: nothing was read from it."
    if not stat.S_ISREG(mode):
        return "The name is a device or socket, not a file: nothing was read from it."
    return ""


def identified(path: Path) -> SourceFile | str:
    """The file hashed, or why it cannot be."""
    problem = why_unopenable(path)
    if problem:
        return problem
    try:
        return identify(path)
    except OSError as exc:
        return f"The file cannot be read ({exc.strerror}): check its permissions, or copy it again."


def stored_elsewhere(out_dir: Path, source: SourceFile) -> bool:
    """The document's record names another path, which still exists: this file is a second copy of it."""
    record = load_document_record(out_dir, source.doc_id) or {}
    elsewhere = record.get("source_file", str(source.path))
    return elsewhere != str(source.path) and os.path.lexists(elsewhere)


def pending(files: list[Path], out_dir: Path, settings: Settings) -> Pending:
    fingerprint = settings_fingerprint(settings)
    work = Pending(todo=[], done=[], duplicates=[], unopenable=[])
    seen: set[str] = set()
    for path in files:
        source = identified(path)
        if isinstance(source, str):
            work.unopenable.append(Unopenable(path, source))
            continue
        done = is_done(out_dir, source.doc_id, fingerprint)
        if source.doc_id in seen or (done and stored_elsewhere(out_dir, source)):
            work.duplicates.append(Duplicate(path, source.sha256, source.doc_id))
        elif done:
            work.done.append(path)
        else:
            work.todo.append(source)
        seen.add(source.doc_id)
    return work
