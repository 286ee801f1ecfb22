"""Which inputs of a run are still to read, decided before the flow engine starts.

Takes the input files, the output folder and the settings; gives the files still to read (each hashed once:
the hash is its doc_id) and the files already done, whose record in the output folder was made by the same
pipeline (`writer.is_done`). A re-run of an unchanged batch therefore costs one hash per file and starts no
flow, no Prefect server and no OCR; a batch killed mid-way resumes with the documents it had not written.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from kehoach.config import Settings
from kehoach.extractors.pdf_input import SourceFile, identify
from kehoach.writer import is_done, settings_fingerprint


@dataclass(frozen=True)
class Pending:
    todo: list[SourceFile]
    done: list[Path]


def pending(files: list[Path], out_dir: Path, settings: Settings) -> Pending:
    fingerprint = settings_fingerprint(settings)
    todo: list[SourceFile] = []
    done: list[Path] = []
    for path in files:
        source = identify(path)
        if is_done(out_dir, source.doc_id, fingerprint):
            done.append(path)
        else:
            todo.append(source)
    return Pending(todo=todo, done=done)
