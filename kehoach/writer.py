"""Emit: documents → the contract's output folder (CSV, JSON, Excel, DuckDB), every file written atomically.

Takes `Document` records; writes `docs/<doc_id>.json` as each document finishes, then rebuilds the four CSVs,
the workbook and the database (`kehoach.analyst_outputs`) from every `docs/*.json` in the folder, all from the
same rows. The per-document JSON files are the store: a re-run finds a document already done by its doc_id and
skips it, and rebuilding the tables from the store means a row can never be written twice. A temp file in the
same folder plus `os.replace` means a reader (or a kill -9) never sees a half-written file. The shape of a
`docs/<doc_id>.json` is published as a JSON Schema, `kehoach/document.schema.json`.

Rebuilding the workbook and the database costs more than the rest of a re-run of an unchanged batch, so the
tables carry a stamp, `tables.digest`: a digest of the records they were built from, written after them.
`refresh_tables` rebuilds only when the records differ from the stamp (a run killed after writing a record but
before rebuilding leaves exactly that) or an output is missing.

The store keeps a row for every input and no row twice: a file in `docs/` that is not a record of this writer
(damaged, foreign) is moved to `docs/.quarantine/` and its document read again; a record whose source file has
since been read with other bytes (a new version at the same path) is kept with `superseded_by` and left out of
the tables; a second file with the same bytes gets a small record of its own, `docs/<doc_id>.<path key>.json`,
whose row repeats the first's with `duplicate_of` (its targets and tasks are the first's, written once).
"""
from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import re
import secrets
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from functools import cache
from importlib.metadata import version
from importlib.resources import files
from pathlib import Path

from kehoach.analyst_outputs import write_database, write_workbook
from kehoach.config import EXECUTION_FIELDS, Settings
from kehoach.errors import OutputError
from kehoach.issue_texts import issue_message
from kehoach.records import Document, Page, Signature, Table, Target, Task
from kehoach.repeated_plans import repeated_plan_issues

DOCUMENT_COLUMNS = [
    "doc_id", "source_file", "sha256", "status", "error", "pages", "text_source", "doc_type", "plan_number",
    "issuer", "issue_date", "province", "district", "title", "period_start", "period_end", "n_targets",
    "n_tasks", "n_issues", "seconds", "signatures", "duplicate_of",
]
TARGET_COLUMNS = [
    "doc_id", "plan_number", "issue_date", "area_name", "area_name_raw", "area_level", "area_code", "province",
    "indicator", "indicator_label", "year", "value", "unit", "participants", "base", "base_value", "source", "page",
    "confidence",
    "total_row",  # a table's total row: the table's whole area, which its rows add up to (sum either, not both)
]
TASK_COLUMNS = [
    "doc_id", "plan_number", "section", "section_title", "group", "item", "task", "lead_agency",
    "lead_agency_raw", "partner_agencies", "timeline", "due", "recurring", "page", "confidence",
]
ISSUE_COLUMNS = ["doc_id", "severity", "code", "message", "page"]
TABLE_COLUMNS = {"documents": DOCUMENT_COLUMNS, "targets": TARGET_COLUMNS, "tasks": TASK_COLUMNS,
                 "issues": ISSUE_COLUMNS}
WORKBOOK_FILE = "kehoach.xlsx"
DATABASE_FILE = "kehoach.duckdb"
TABLES_STAMP = "tables.digest"
TABLE_FILES = [f"{name}.csv" for name in TABLE_COLUMNS] + [WORKBOOK_FILE, DATABASE_FILE]
QUARANTINE_FOLDER = ".quarantine"
# What a record must hold for the tables to be built from it; anything else in `docs/` is quarantined.
RECORD_SHAPE = {"doc_id": str, "source_file": str, "status": str, "pipeline": str, "pages": list, "tables": list,
                "targets": list, "tasks": list, "issues": list}


@dataclass(frozen=True)
class TableRows:
    """One output table (documents, targets, tasks or issues) as every format gets it: its columns in order
    and its rows, text NFC-normalised, values as the document records hold them."""

    name: str
    columns: list[str]
    rows: list[dict]


def cannot_write(path: Path, exc: OSError) -> OutputError:
    return OutputError(f"{path} could not be written ({exc.strerror or exc}): free some space or fix the output "
                       "folder's permissions, then run again; the outputs written before are intact.")


@contextmanager
def replacing(path: Path) -> Iterator[Path]:
    """A temp path beside `path`, not yet created, for the block to write; when the block succeeds the file is
    flushed to disk and replaces `path` in one step, when it fails the temp file is removed. A write the system
    refuses (no space, read-only) is an `OutputError`, and `path` keeps what it held."""
    temp = path.parent / f".{path.name}.{secrets.token_hex(4)}.tmp"
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        yield temp
        with temp.open("rb") as stream:
            os.fsync(stream.fileno())
        os.replace(temp, path)
    except OSError as exc:
        raise cannot_write(path, exc) from exc
    finally:
        temp.unlink(missing_ok=True)
        Path(f"{temp}.wal").unlink(missing_ok=True)


def atomic_write(path: Path, text: str) -> None:
    with replacing(path) as temp:
        temp.write_text(text, encoding="utf-8", newline="")


def nfc(value: object) -> object:
    return unicodedata.normalize("NFC", value) if isinstance(value, str) else value


def signature_summary(signatures: list[Signature]) -> str:
    """documents.csv's short form: each signer once, with the day and how many fields it signed, and whether the
    file still matches what each signed."""
    parts: dict[tuple[str, str], list[Signature]] = {}
    for signature in signatures:
        parts.setdefault((signature.signer, signature.signed_at[:10]), []).append(signature)
    written = []
    for (signer, day), group in parts.items():
        state = ("intact" if all(s.intact for s in group) else "CHANGED after signing" if any(s.intact is False for s in group)
                 else "not checked")
        count = f" ×{len(group)}" if len(group) > 1 else ""
        written.append(f"{signer or 'unknown signer'} {day}{count} ({state})")
    return "; ".join(written)


def document_row(doc: Document) -> dict:
    meta = asdict(doc.meta)
    return {
        "doc_id": doc.doc_id, "source_file": doc.source_file, "sha256": doc.sha256, "status": doc.status,
        "error": doc.error, "pages": len(doc.pages), "text_source": doc.text_source, **meta,
        "n_targets": len(doc.targets), "n_tasks": len(doc.tasks), "n_issues": len(doc.issues),
        "seconds": round(doc.seconds, 2), "signatures": signature_summary(doc.signatures), "duplicate_of": "",
    }


def target_row(doc: Document, target: Target) -> dict:
    return {"doc_id": doc.doc_id, "plan_number": doc.meta.plan_number, "issue_date": doc.meta.issue_date,
            **asdict(target)}


def task_row(doc: Document, task: Task) -> dict:
    row = {"doc_id": doc.doc_id, "plan_number": doc.meta.plan_number, **asdict(task)}
    row["partner_agencies"] = " | ".join(task.partner_agencies)
    row["recurring"] = "true" if task.recurring else "false"
    return row


def page_record(page: Page) -> dict:
    return {
        "number": page.number, "width": page.width, "height": page.height, "text_source": page.text_source,
        "text": page.text, "confidence": round(page.confidence, 4), "triage_reason": page.triage_reason,
        "error": page.error, "turned": page.turned,
        "words": [[w.text, round(w.bbox.x0, 1), round(w.bbox.top, 1), round(w.bbox.x1, 1),
                   round(w.bbox.bottom, 1), round(w.confidence, 3), w.line] for w in page.words],
    }


def table_record(table: Table) -> dict:
    return asdict(table)


def document_record(doc: Document, fingerprint: str) -> dict:
    """The whole document as JSON: the documents.csv fields, pages, tables and the rows of the other CSVs."""
    record = {
        **document_row(doc),
        "superseded_by": "",
        "pipeline": fingerprint,
        "pages": [page_record(page) for page in doc.pages],
        "tables": [table_record(table) for table in doc.tables],
        "targets": [target_row(doc, target) for target in doc.targets],
        "tasks": [task_row(doc, task) for task in doc.tasks],
        "issues": [{"doc_id": doc.doc_id, **asdict(issue)} for issue in doc.issues],
        "digital_signatures": [asdict(signature) for signature in doc.signatures],
    }
    return record


def docs_folder(out_dir: Path) -> Path:
    return out_dir / "docs"


def record_json(record: dict) -> str:
    return json.dumps(record, ensure_ascii=False, indent=1, default=str)


def write_record(path: Path, record: dict) -> None:
    """A file name that is not UTF-8 on disk is held as lone surrogates (`os.fsdecode`); written as JSON escapes
    (`\\udcff`) they read back as the same string, so the record keeps the name byte for byte."""
    with replacing(path) as temp:
        temp.write_text(record_json(record), encoding="utf-8", errors="backslashreplace", newline="")


def write_document(out_dir: Path, doc: Document, fingerprint: str) -> None:
    write_record(docs_folder(out_dir) / f"{doc.doc_id}.json", document_record(doc, fingerprint))


def path_digest(source_file: str) -> str:
    return hashlib.sha256(b"path\0" + os.fsencode(source_file)).hexdigest()


def write_if_changed(path: Path, record: dict) -> None:
    """Records of inputs that were not read are written only when they change, so that an unchanged re-run
    leaves the tables' stamp current."""
    if not path.exists() or read_record(path) != json.loads(record_json(record)):
        write_record(path, record)


def write_duplicate(out_dir: Path, source_file: str, sha256: str, first_doc_id: str, fingerprint: str) -> None:
    """The record of a file with the same bytes as one read in its place: its documents row is the first's
    (`document_rows`), the error below shows only if the first's record is gone."""
    duplicate = Document(doc_id=first_doc_id, source_file=source_file, sha256=sha256, status="failed",
                         error=f"The same bytes as document {first_doc_id}, whose record is missing: run that file "
                               "again.")
    record = {**document_record(duplicate, fingerprint), "duplicate_of": first_doc_id}
    write_if_changed(docs_folder(out_dir) / f"{first_doc_id}.{path_digest(source_file)[:8]}.json", record)


def write_unopenable(out_dir: Path, source_file: str, message: str, fingerprint: str) -> None:
    """The `failed` record of a path that could not be opened. It has no bytes to hash: its doc_id is a digest of
    the path, so that the path, once a file is there, supersedes it (`supersede_old_versions`)."""
    doc_id = path_digest(source_file)[:12]
    failed = Document(doc_id=doc_id, source_file=source_file, sha256="", status="failed", error=message)
    write_if_changed(docs_folder(out_dir) / f"{doc_id}.json", document_record(failed, fingerprint))


def record_problem(path: Path, record: object) -> str:
    """Why a file in `docs/` is not a record the tables can be built from; empty when it is one."""
    if not isinstance(record, dict):
        return "it is not a JSON object"
    for key, kind in RECORD_SHAPE.items():
        if not isinstance(record.get(key), kind):
            return f"its `{key}` is missing or not a JSON {'text' if kind is str else 'list'}"
    if path.name.split(".")[0] != record["doc_id"]:
        return f"its doc_id {record['doc_id']!r} is not the one its file name gives"
    if not all(isinstance(row, dict) for key in ("pages", "targets", "tasks", "issues") for row in record[key]):
        return "some of its pages or rows are not JSON objects"
    return ""


def parse_record(path: Path) -> tuple[dict | None, str]:
    """The record at `path` and '', or None and why it cannot be used."""
    try:
        record = json.loads(path.read_text(encoding="utf-8"))
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        return None, f"it is not UTF-8 JSON ({exc})"
    problem = record_problem(path, record)
    return (None, problem) if problem else (record, "")


def read_record(path: Path) -> dict | None:
    return parse_record(path)[0]  # a damaged record is redone, never trusted


@dataclass(frozen=True)
class Quarantined:
    """A file moved out of `docs/`: the doc_id its name gives, and a sentence saying why and what follows."""

    doc_id: str
    message: str


def quarantine_unusable(out_dir: Path) -> list[Quarantined]:
    """Move every file of `docs/` that is not a usable record to `docs/.quarantine/`, so that no later run trips
    over it and its document (if named again) is read again. Every record is read, so this runs only when the
    tables' stamp says the records changed since the tables were built (`tables_current`)."""
    moved = []
    aside = docs_folder(out_dir) / QUARANTINE_FOLDER
    for path in sorted(docs_folder(out_dir).glob("*.json")):
        _, problem = parse_record(path)
        if problem:
            aside.mkdir(exist_ok=True)
            os.replace(path, aside / path.name)
            moved.append(Quarantined(path.name.split(".")[0], f"docs/{path.name} could not be used ({problem}): "
                                     f"moved to docs/{QUARANTINE_FOLDER}/, and the document is read again."))
    return moved


def load_document_record(out_dir: Path, doc_id: str) -> dict | None:
    path = docs_folder(out_dir) / f"{doc_id}.json"
    return read_record(path) if path.exists() else None


@cache
def document_schema() -> dict:
    """The JSON Schema (draft 2020-12) every `docs/<doc_id>.json` conforms to, shipped as package data."""
    return json.loads(files("kehoach").joinpath("document.schema.json").read_text(encoding="utf-8"))


def settings_fingerprint(settings: Settings) -> str:
    """What a stored record was made with: the package version and every setting that changes results.
    A record made otherwise is redone."""
    relevant = {key: value for key, value in asdict(settings).items() if key not in EXECUTION_FIELDS}
    digest = hashlib.sha256(json.dumps(relevant, sort_keys=True, default=str).encode()).hexdigest()[:12]
    return f"{version('kehoach')}+{digest}"


def is_done(out_dir: Path, doc_id: str, fingerprint: str) -> bool:
    """A document counts as done when its record exists, was made with this fingerprint and did not fail
    (failures are cheap to retry and may have been fixed, e.g. a re-copied file gets a new id anyway)."""
    record = load_document_record(out_dir, doc_id)
    return (bool(record) and record.get("pipeline") == fingerprint and record.get("status") != "failed"
            and not record.get("superseded_by"))


# What a spreadsheet takes for the start of a formula (OWASP, "CSV Injection"): `=`, `+`, `-`, `@`, and tab and
# carriage return, which some spreadsheets drop before reading the rest as a formula.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
PLAIN_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?")


def spreadsheet_safe(value: object) -> object:
    """A cell a spreadsheet would run as a formula (`=HYPERLINK(…)`, `+cmd|' /C calc'!A0`, `@SUM(…)`) gets a
    leading apostrophe, as OWASP recommends: shown as the text it is, never run. A number, negative ones
    included, stays a number: a spreadsheet reads `-3.5` as a value, not a formula."""
    if isinstance(value, str) and value.startswith(FORMULA_START) and not PLAIN_NUMBER.fullmatch(value):
        return "'" + value
    return value


def csv_cell(value: object) -> object:
    """A value as its CSV cell: none empty, a flag `true`/`false` (as JSON and DuckDB write it), text made safe."""
    if value is None:
        return ""
    return str(value).lower() if isinstance(value, bool) else spreadsheet_safe(value)


def csv_text(table: TableRows) -> str:
    """The table as CSV, lines ended by CR LF as RFC 4180 has them: Python's writer quotes a cell holding any
    character of the line ending, so a carriage return inside a cell can no longer end its row early."""
    buffer = io.StringIO(newline="")
    writer = csv.DictWriter(buffer, fieldnames=table.columns, lineterminator="\r\n")
    writer.writeheader()
    for row in table.rows:
        writer.writerow({key: csv_cell(value) for key, value in row.items()})
    return buffer.getvalue()


def stored_records(out_dir: Path) -> list[tuple[Path, dict]]:
    """Every usable record in the folder with its path."""
    return [(path, record) for path in sorted(docs_folder(out_dir).glob("*.json")) if (record := read_record(path))]


def current_records(stored: list[tuple[Path, dict]]) -> list[dict]:
    """The records the tables are built from (none superseded), ordered by source file."""
    return sorted((record for _, record in stored if not record.get("superseded_by")),
                  key=lambda record: (record["source_file"], record["doc_id"], record.get("duplicate_of", "")))


def load_records(out_dir: Path) -> list[dict]:
    return current_records(stored_records(out_dir))


def supersede_old_versions(stored: list[tuple[Path, dict]]) -> bool:
    """Of the records made from one source path, the one written last is the file as it is now; each earlier one
    (another version's bytes, or the path's failure while it was missing) gets `superseded_by` and is rewritten.
    Whether any was."""
    by_source: dict[str, list[tuple[Path, dict]]] = {}
    for path, record in stored:
        if not record.get("superseded_by"):
            by_source.setdefault(record["source_file"], []).append((path, record))
    changed = False
    for versions in by_source.values():
        versions.sort(key=lambda version: version[0].stat().st_mtime_ns)
        newest = versions[-1][1]["doc_id"]
        for path, record in versions[:-1]:
            record["superseded_by"] = newest
            write_record(path, record)
            changed = True
    return changed


def document_rows(records: list[dict], stored: dict[str, dict]) -> list[dict]:
    """A documents row per record; a duplicate's row is the first's (`stored`: records by doc_id) under its own
    name, with `duplicate_of` and no rows of its own counted."""
    rows = []
    for record in records:
        first = stored.get(record.get("duplicate_of") or "")
        if first:
            record = {**first, "source_file": record["source_file"], "duplicate_of": first["doc_id"],
                      "n_targets": 0, "n_tasks": 0, "n_issues": 0, "seconds": 0}
        rows.append({**record, "pages": len(record["pages"])})
    return rows


def readable_name(source_file: str) -> str:
    """The file name as the tables hold it: exactly as on disk (NFD stays NFD); bytes that are not UTF-8 (held
    as lone surrogates) written as `\\xff`, since the tables are UTF-8 text."""
    return source_file.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def output_tables(records: list[dict], stored: dict[str, dict] | None = None, lang: str = "en") -> list[TableRows]:
    """The four tables' rows from the document records: a documents row is the record less its nested lists
    (`pages` counted), the other tables' rows are stored whole in the records. Text is NFC except the file name,
    kept as on disk so that it names the file; an issue's message in `lang`."""
    tables = []
    for name, columns in TABLE_COLUMNS.items():
        if name == "documents":
            rows = document_rows(records, stored or {})
        else:
            rows = [row for record in records for row in record[name]]
        if name == "issues":
            rows = [{**row, "message": issue_message(row["code"], row["message"], lang)}
                    for row in rows + repeated_plan_issues(records)]
        if name == "documents":
            rows = [{**row, "error": issue_message("document_failed", row["error"], lang) if row.get("error") else ""}
                    for row in rows]
        tables.append(TableRows(name, columns, [
            {key: readable_name(row[key]) if key == "source_file" else nfc(row.get(key)) for key in columns}
            for row in rows]))
    return tables


def records_digest(out_dir: Path, lang: str = "en") -> str:
    """Which records the tables would be built from: each record's name, size and modification time (a record
    is only ever replaced whole, so a changed one has a new time), the writer's version and the language."""
    entries = sorted((path.name, stat.st_size, stat.st_mtime_ns)
                     for path in docs_folder(out_dir).glob("*.json") for stat in [path.stat()])
    return hashlib.sha256(json.dumps([version("kehoach"), lang, entries]).encode()).hexdigest()


def tables_current(out_dir: Path, lang: str = "en") -> bool:
    stamp = out_dir / TABLES_STAMP
    return (stamp.exists() and all((out_dir / name).exists() for name in TABLE_FILES)
            and stamp.read_text(encoding="utf-8") == records_digest(out_dir, lang))


def rebuild_tables(out_dir: Path, lang: str = "en") -> None:
    """documents/targets/tasks/issues.csv, kehoach.xlsx and kehoach.duckdb from every document record in the
    folder, all from the same rows; then the stamp. The digest is taken first: a record replaced meanwhile
    leaves the stamp behind it, so the next run rebuilds rather than trusting tables that may lack it."""
    (out_dir / TABLES_STAMP).unlink(missing_ok=True)  # no stamp vouches for tables half replaced
    digest = records_digest(out_dir, lang)
    stored = stored_records(out_dir)
    if supersede_old_versions(stored):
        digest = records_digest(out_dir, lang)  # the records it rewrote are this run's own
    firsts = {record["doc_id"]: record for _, record in stored if not record.get("duplicate_of")}
    tables = output_tables(current_records(stored), firsts, lang)
    for table in tables:
        # utf-8-sig: the byte-order mark makes Excel read UTF-8, not the reader's code page (mojibake Vietnamese)
        atomic_write(out_dir / f"{table.name}.csv", "\ufeff" + csv_text(table))
    with replacing(out_dir / WORKBOOK_FILE) as temp:
        write_workbook(temp, tables)
    with replacing(out_dir / DATABASE_FILE) as temp:
        write_database(temp, tables)
        check_database(temp, tables)
    atomic_write(out_dir / TABLES_STAMP, digest)


def check_database(path: Path, tables: list[TableRows]) -> None:
    """The database as written holds every row: DuckDB says nothing when its checkpoint at close fails (a full
    disk), and its WAL, which then holds the data, is removed with the temp file. Read back before it replaces
    the old database; a table missing or short is an `OutputError`."""
    import duckdb

    try:
        with duckdb.connect(str(path), read_only=True) as db:
            short = [table.name for table in tables
                     if db.execute(f"SELECT count(*) FROM {table.name}").fetchone()[0] != len(table.rows)]
    except duckdb.Error as exc:
        short = [f"all ({str(exc).splitlines()[0]})"]
    if short:
        raise OutputError(f"{path.name} lost rows while it was written (tables {', '.join(short)}; most often a "
                          "full disk): free some space, then run again; the outputs written before are intact.")


def refresh_tables(out_dir: Path, lang: str = "en") -> None:
    """The tables brought up to date with the records, rebuilt only when they are not (`tables_current`)."""
    if not tables_current(out_dir, lang):
        rebuild_tables(out_dir, lang)
