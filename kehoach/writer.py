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
"""
from __future__ import annotations

import csv
import hashlib
import io
import json
import os
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
from kehoach.issue_texts import issue_message
from kehoach.repeated_plans import repeated_plan_issues
from kehoach.records import Document, Page, Table, Target, Task

DOCUMENT_COLUMNS = [
    "doc_id", "source_file", "sha256", "status", "error", "pages", "text_source", "doc_type", "plan_number",
    "issuer", "issue_date", "province", "district", "title", "period_start", "period_end", "n_targets",
    "n_tasks", "n_issues", "seconds",
]
TARGET_COLUMNS = [
    "doc_id", "plan_number", "issue_date", "area_name", "area_name_raw", "area_level", "area_code", "province",
    "indicator", "year", "value", "unit", "participants", "base", "base_value", "source", "page", "confidence",
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


@dataclass(frozen=True)
class TableRows:
    """One output table (documents, targets, tasks or issues) as every format gets it: its columns in order
    and its rows, text NFC-normalised, values as the document records hold them."""

    name: str
    columns: list[str]
    rows: list[dict]


@contextmanager
def replacing(path: Path) -> Iterator[Path]:
    """A temp path beside `path`, not yet created, for the block to write; when the block succeeds the file is
    flushed to disk and replaces `path` in one step, when it fails the temp file is removed."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temp = path.parent / f".{path.name}.{secrets.token_hex(4)}.tmp"
    try:
        yield temp
        with temp.open("rb") as stream:
            os.fsync(stream.fileno())
        os.replace(temp, path)
    finally:
        temp.unlink(missing_ok=True)


def atomic_write(path: Path, text: str) -> None:
    with replacing(path) as temp:
        temp.write_text(text, encoding="utf-8", newline="")


def nfc(value: object) -> object:
    return unicodedata.normalize("NFC", value) if isinstance(value, str) else value


def document_row(doc: Document) -> dict:
    meta = asdict(doc.meta)
    return {
        "doc_id": doc.doc_id, "source_file": doc.source_file, "sha256": doc.sha256, "status": doc.status,
        "error": doc.error, "pages": len(doc.pages), "text_source": doc.text_source, **meta,
        "n_targets": len(doc.targets), "n_tasks": len(doc.tasks), "n_issues": len(doc.issues),
        "seconds": round(doc.seconds, 2),
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
        "error": page.error,
        "words": [[w.text, round(w.bbox.x0, 1), round(w.bbox.top, 1), round(w.bbox.x1, 1),
                   round(w.bbox.bottom, 1), round(w.confidence, 3), w.line] for w in page.words],
    }


def table_record(table: Table) -> dict:
    return asdict(table)


def document_record(doc: Document, fingerprint: str) -> dict:
    """The whole document as JSON: the documents.csv fields, pages, tables and the rows of the other CSVs."""
    record = {
        **document_row(doc),
        "pipeline": fingerprint,
        "pages": [page_record(page) for page in doc.pages],
        "tables": [table_record(table) for table in doc.tables],
        "targets": [target_row(doc, target) for target in doc.targets],
        "tasks": [task_row(doc, task) for task in doc.tasks],
        "issues": [{"doc_id": doc.doc_id, **asdict(issue)} for issue in doc.issues],
    }
    return record


def docs_folder(out_dir: Path) -> Path:
    return out_dir / "docs"


def write_document(out_dir: Path, doc: Document, fingerprint: str) -> None:
    record = document_record(doc, fingerprint)
    atomic_write(docs_folder(out_dir) / f"{doc.doc_id}.json",
                 json.dumps(record, ensure_ascii=False, indent=1, default=str))


def read_record(path: Path) -> dict | None:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (json.JSONDecodeError, UnicodeDecodeError):
        return None  # a damaged record is redone, never trusted


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
    return bool(record) and record.get("pipeline") == fingerprint and record.get("status") != "failed"


def csv_text(table: TableRows) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=table.columns, lineterminator="\n")
    writer.writeheader()
    for row in table.rows:
        writer.writerow({key: "" if value is None else str(value).lower() if isinstance(value, bool) else value
                         for key, value in row.items()})
    return buffer.getvalue()


def load_records(out_dir: Path) -> list[dict]:
    """Every readable document record in the folder, ordered by source file."""
    records = [record for path in sorted(docs_folder(out_dir).glob("*.json")) if (record := read_record(path))]
    records.sort(key=lambda record: (record["source_file"], record["doc_id"]))
    return records


def output_tables(records: list[dict], lang: str = "en") -> list[TableRows]:
    """The four tables' rows from the document records: a documents row is the record less its nested lists
    (`pages` counted), the other tables' rows are stored whole in the records; an issue's message in `lang`."""
    tables = []
    for name, columns in TABLE_COLUMNS.items():
        if name == "documents":
            rows = [{**record, "pages": len(record["pages"])} for record in records]
        else:
            rows = [row for record in records for row in record[name]]
        if name == "issues":
            rows = [{**row, "message": issue_message(row["code"], row["message"], lang)}
                    for row in rows + repeated_plan_issues(records)]
        tables.append(TableRows(name, columns, [{key: nfc(row.get(key)) for key in columns} for row in rows]))
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
    digest = records_digest(out_dir, lang)
    tables = output_tables(load_records(out_dir), lang)
    for table in tables:
        # utf-8-sig: the byte-order mark makes Excel read UTF-8, not the reader's code page (mojibake Vietnamese)
        atomic_write(out_dir / f"{table.name}.csv", "\ufeff" + csv_text(table))
    with replacing(out_dir / WORKBOOK_FILE) as temp:
        write_workbook(temp, tables)
    with replacing(out_dir / DATABASE_FILE) as temp:
        write_database(temp, tables)
    atomic_write(out_dir / TABLES_STAMP, digest)


def refresh_tables(out_dir: Path, lang: str = "en") -> None:
    """The tables brought up to date with the records, rebuilt only when they are not (`tables_current`)."""
    if not tables_current(out_dir, lang):
        rebuild_tables(out_dir, lang)
