"""Emit: documents → the contract's output folder (CSV, JSON), every file written atomically.

Takes `Document` records; writes `docs/<doc_id>.json` as each document finishes, then rebuilds the four CSVs
from every `docs/*.json` in the folder. The per-document JSON files are the store: a re-run finds a document
already done by its doc_id and skips it, and rebuilding the CSVs from the store means a row can never be
written twice. A temp file in the same folder plus `os.replace` means a reader (or a kill -9) never sees a
half-written file.
"""
from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import tempfile
import unicodedata
from dataclasses import asdict
from importlib.metadata import version
from pathlib import Path

from kehoach.config import Settings
from kehoach.records import Document, Page, Table, Target, Task

DOCUMENT_COLUMNS = [
    "doc_id", "source_file", "sha256", "status", "error", "pages", "text_source", "doc_type", "plan_number",
    "issuer", "issue_date", "province", "district", "title", "period_start", "period_end", "n_targets",
    "n_tasks", "n_issues", "seconds",
]
TARGET_COLUMNS = [
    "doc_id", "plan_number", "issue_date", "area_name", "area_name_raw", "area_level", "area_code", "province",
    "indicator", "year", "value", "unit", "participants", "base", "base_value", "source", "page", "confidence",
]
TASK_COLUMNS = [
    "doc_id", "plan_number", "section", "section_title", "group", "item", "task", "lead_agency",
    "lead_agency_raw", "partner_agencies", "timeline", "due", "recurring", "page", "confidence",
]
ISSUE_COLUMNS = ["doc_id", "severity", "code", "message", "page"]
CSV_FILES = {
    "targets.csv": ("targets", TARGET_COLUMNS),
    "tasks.csv": ("tasks", TASK_COLUMNS),
    "issues.csv": ("issues", ISSUE_COLUMNS),
}


def atomic_write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as stream:
            stream.write(text)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


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


def load_document_record(out_dir: Path, doc_id: str) -> dict | None:
    path = docs_folder(out_dir) / f"{doc_id}.json"
    if not path.exists():
        return None
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (json.JSONDecodeError, UnicodeDecodeError):
        return None  # a damaged record is redone, never trusted


def settings_fingerprint(settings: Settings) -> str:
    """What a stored record was made with: the package version and every setting that changes results.
    A record made otherwise is redone."""
    relevant = {key: value for key, value in asdict(settings).items() if key != "workers"}
    digest = hashlib.sha256(json.dumps(relevant, sort_keys=True, default=str).encode()).hexdigest()[:12]
    return f"{version('kehoach')}+{digest}"


def is_done(out_dir: Path, doc_id: str, fingerprint: str) -> bool:
    """A document counts as done when its record exists, was made with this fingerprint and did not fail
    (failures are cheap to retry and may have been fixed, e.g. a re-copied file gets a new id anyway)."""
    record = load_document_record(out_dir, doc_id)
    return bool(record) and record.get("pipeline") == fingerprint and record.get("status") != "failed"


def csv_text(rows: list[dict], columns: list[str]) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns, extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({key: "" if row.get(key) is None else nfc(row.get(key)) for key in columns})
    return buffer.getvalue()


def rebuild_tables(out_dir: Path) -> None:
    """documents/targets/tasks/issues.csv from every document record in the folder, ordered by source file."""
    records = []
    for path in sorted(docs_folder(out_dir).glob("*.json")):
        try:
            records.append(json.loads(path.read_text(encoding="utf-8")))
        except (json.JSONDecodeError, UnicodeDecodeError):
            continue
    records.sort(key=lambda record: (record["source_file"], record["doc_id"]))
    documents = [{**record, "pages": len(record["pages"])} for record in records]
    atomic_write(out_dir / "documents.csv", csv_text(documents, DOCUMENT_COLUMNS))
    for name, (key, columns) in CSV_FILES.items():
        atomic_write(out_dir / name, csv_text([row for record in records for row in record[key]], columns))
