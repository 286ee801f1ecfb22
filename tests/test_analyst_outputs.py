"""The outputs beside the CSVs: the published JSON Schema of `docs/<doc_id>.json`, the Excel workbook and the
DuckDB database (same rows as the CSVs, typed), every file written atomically, and tables rebuilt only when
their records changed."""
from __future__ import annotations

import copy
import csv
import datetime
import json
from pathlib import Path

import duckdb
import openpyxl
import pytest
from jsonschema import Draft202012Validator

from kehoach.analyst_outputs import COLUMN_TYPES
from kehoach.cli import main
from kehoach.records import (
    BBox,
    Cell,
    Document,
    DocumentMeta,
    Issue,
    Table,
    Target,
    Task,
)
from kehoach.writer import (
    DATABASE_FILE,
    TABLE_COLUMNS,
    TABLES_STAMP,
    WORKBOOK_FILE,
    document_record,
    document_schema,
    load_records,
    spreadsheet_safe,
    rebuild_tables,
    refresh_tables,
    replacing,
    tables_current,
    write_document,
)

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
NUMERIC = {"INTEGER", "BIGINT", "DOUBLE"}


def read_csv(path: Path) -> list[dict]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def validator(schema: dict) -> Draft202012Validator:
    return Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)


def closed(schema: object) -> object:
    """The schema with every object closed: each property it lists required, no other property allowed."""
    if isinstance(schema, list):
        return [closed(item) for item in schema]
    if not isinstance(schema, dict):
        return schema
    if schema.get("type") == "object" and "properties" in schema:
        schema = {**schema, "required": sorted(schema["properties"]), "additionalProperties": False}
    return {key: closed(value) for key, value in schema.items()}


def as_csv_reads(value: object, sql_type: str, rate: bool = False) -> object:
    """A workbook cell's value as it compares with the CSV's text: numbers as numbers (a spreadsheet stores
    0.0 as 0; a rate as the fraction of 1 its % format shows), dates as ISO text, the rest as the CSV writes it."""
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        return value.date().isoformat()
    if rate:
        return pytest.approx(value * 100)
    if sql_type in NUMERIC:
        assert isinstance(value, (int, float)) and not isinstance(value, bool), (sql_type, value)
        return float(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    return spreadsheet_safe(value)  # the CSV neutralises what a spreadsheet would run; the workbook's text cells
                                    # cannot run


def tiny_document(doc_id: str, source_file: str, **changes) -> Document:
    bbox = BBox(10.0, 20.0, 110.0, 40.0)
    doc = Document(
        doc_id=doc_id, source_file=source_file, sha256=doc_id + "0" * 52, status="ok",
        meta=DocumentMeta(doc_type="Kế hoạch", plan_number="12/KH-UBND", issue_date="2024-02-31",
                          province="Tỉnh Kon Tum", period_start="2024"),
        tables=[Table(page=1, bbox=bbox, n_rows=1, n_cols=1, cells=[Cell(0, 0, "95,2", bbox)], pages=[1],
                      row_pages=[1], title="Phụ lục")],
        targets=[Target("Tỉnh Kon Tum", "TỈNH KON TUM", "province", "62", "Tỉnh Kon Tum", "bhyt_rate", 2024, 95.2,
                        participants=580000, base="population", base_value=610000, page=1, confidence=0.9,
                        table=0, total_row=True, decimals=1)],
        tasks=[Task("I", "Nhiệm vụ", "", "1", "=tuyên truyền", "Sở Y tế", "Sở Y tế", ["Bảo hiểm xã hội tỉnh"],
                    "Quý 2/2024", "2024-06-30", False, 1)],
        issues=[Issue("warning", "low_ocr_confidence", "Trang 1 đọc kém.", 1)],
        seconds=1.234,
    )
    for name, value in changes.items():
        setattr(doc, name, value)
    return doc


# The published schema


def test_every_document_record_validates_against_the_published_schema(sample_run):
    _, out = sample_run
    Draft202012Validator.check_schema(document_schema())
    records = list((out / "docs").glob("*.json"))
    assert len(records) == len(list(SAMPLES.glob("*.pdf")))
    for path in records:
        errors = [error.message for error in validator(document_schema()).iter_errors(json.loads(path.read_text()))]
        assert errors == [], path.name


def test_the_schema_names_every_field_the_writer_writes(sample_run):
    _, out = sample_run
    strict = validator(closed(document_schema()))
    for path in (out / "docs").glob("*.json"):
        record = json.loads(path.read_text(encoding="utf-8"))
        assert [error.message for error in strict.iter_errors(record)] == [], path.name


def test_a_failed_document_record_validates_too():
    failed = Document(doc_id="0123456789ab", source_file="broken.pdf", sha256="0123456789ab" + "0" * 52,
                      status="failed", error="Tệp không phải PDF đọc được.")
    assert list(validator(document_schema()).iter_errors(document_record(failed, "test"))) == []
    tiny = document_record(tiny_document("0123456789ab", "a.pdf"), "test")
    assert list(validator(closed(document_schema())).iter_errors(tiny)) == []


@pytest.mark.parametrize("break_record", [
    lambda record: record.pop("doc_id"),
    lambda record: record.update(status="done"),
    lambda record: record.update(issue_date="15/03/2024"),
    lambda record: record["targets"][0].update(value="94,62"),
    lambda record: record["targets"][0].update(year="2024"),
    lambda record: record["targets"][0].pop("area_name"),
    lambda record: record["tasks"][0].update(recurring=True),
    lambda record: record["pages"][0].update(number=0),
    lambda record: record["pages"][0]["words"][0].append("extra"),
    lambda record: record["tables"][0]["cells"][0].update(row_span=0),
    lambda record: record["issues"][0].update(severity="fatal"),
], ids=["no doc_id", "unknown status", "date not ISO", "value as text", "year as text", "no area_name",
        "recurring not text", "page 0", "word too long", "row_span 0", "unknown severity"])
def test_a_broken_record_fails_validation(break_record):
    record = document_record(tiny_document("0123456789ab", "a.pdf"), "test")
    record["pages"] = [{"number": 1, "width": 595.0, "height": 842.0, "text_source": "ocr", "text": "KẾ HOẠCH",
                        "confidence": 0.9, "triage_reason": "scan", "error": "", "words": [["KẾ", 1, 2, 3, 4, 0.9, 0]]}]
    assert list(validator(document_schema()).iter_errors(record)) == []
    broken = copy.deepcopy(record)
    break_record(broken)
    assert list(validator(document_schema()).iter_errors(broken)) != []


# The workbook and the database


def test_the_workbook_has_a_sheet_per_csv_with_its_rows_and_numbers_as_numbers(sample_run):
    _, out = sample_run
    book = openpyxl.load_workbook(out / WORKBOOK_FILE, read_only=True)
    assert book.sheetnames == ["documents", "targets", "tasks", "issues", "pivot", "latest_targets"]
    for name, columns in TABLE_COLUMNS.items():
        # a read-only sheet ends a row at its last value: an issue without a page is a row one cell short
        rows = [list(row) + [None] * (len(columns) - len(row)) for row in book[name].iter_rows(values_only=True)]
        assert list(rows[0]) == columns
        types = [COLUMN_TYPES[column] for column in columns]
        csv_rows = read_csv(out / f"{name}.csv")
        expected = [[float(text) if text and sql_type in NUMERIC else text
                     for text, sql_type in zip(row.values(), types)] for row in csv_rows]
        assert [[as_csv_reads(value, sql_type, column == "value" and csv_row["unit"] == "percent")
                 for value, sql_type, column in zip(row, types, columns)]
                for row, csv_row in zip(rows[1:], csv_rows)] == expected


def test_the_database_answers_sql_with_the_csv_values_typed(sample_run):
    _, out = sample_run
    with duckdb.connect(str(out / DATABASE_FILE), read_only=True) as db:
        for name in TABLE_COLUMNS:
            assert db.execute(f"SELECT count(*) FROM {name}").fetchone()[0] == len(read_csv(out / f"{name}.csv"))
        found = db.execute(
            "SELECT area_name, year, value, issue_date FROM targets WHERE indicator = 'bhyt_rate' "
            "ORDER BY area_name, year, value, issue_date").fetchall()
        recurring = db.execute("SELECT DISTINCT recurring FROM tasks ORDER BY 1").fetchall()
    expected = sorted((row["area_name"], int(row["year"]), float(row["value"]),
                       datetime.date.fromisoformat(row["issue_date"]))
                      for row in read_csv(out / "targets.csv") if row["indicator"] == "bhyt_rate")
    assert len(found) > 10 and found == expected
    assert recurring == [(False,), (True,)]


def test_typed_outputs_keep_text_as_text_and_unknown_dates_empty(tmp_path):
    write_document(tmp_path, tiny_document("0123456789ab", "a.pdf"), "test")
    rebuild_tables(tmp_path)
    book = openpyxl.load_workbook(tmp_path / WORKBOOK_FILE)
    task_cell = book["tasks"].cell(row=2, column=TABLE_COLUMNS["tasks"].index("task") + 1)
    assert (task_cell.value, task_cell.data_type) == ("=tuyên truyền", "s")  # text, not a formula
    assert read_csv(tmp_path / "documents.csv")[0]["issue_date"] == "2024-02-31"  # as the record has it
    with duckdb.connect(str(tmp_path / DATABASE_FILE), read_only=True) as db:
        assert db.execute("SELECT issue_date, period_start, seconds FROM documents").fetchall() == [(None, 2024, 1.23)]
        assert db.execute("SELECT participants, area_code FROM targets").fetchall() == [(580000, "62")]
        assert db.execute("SELECT due, recurring FROM tasks").fetchall() == [(datetime.date(2024, 6, 30), False)]


# Writing atomically, and only when needed


def test_no_temp_file_is_left_in_the_output_folder(sample_run):
    _, out = sample_run
    assert [path.name for path in out.rglob("*") if path.name.startswith(".") or ".tmp" in path.name
            or path.suffix == ".wal"] == []


def test_a_failed_write_leaves_the_previous_file_whole(tmp_path):
    path = tmp_path / "kehoach.xlsx"
    path.write_text("previous", encoding="utf-8")
    with pytest.raises(RuntimeError), replacing(path) as temp:
        temp.write_text("half a wor", encoding="utf-8")
        raise RuntimeError("killed mid-write")
    assert path.read_text(encoding="utf-8") == "previous"
    assert [entry.name for entry in tmp_path.iterdir()] == ["kehoach.xlsx"]
    with replacing(path) as temp:
        temp.write_text("next", encoding="utf-8")
    assert path.read_text(encoding="utf-8") == "next"
    assert [entry.name for entry in tmp_path.iterdir()] == ["kehoach.xlsx"]


def test_tables_are_rebuilt_only_when_their_records_changed(tmp_path):
    write_document(tmp_path, tiny_document("0123456789ab", "a.pdf"), "test")
    rebuild_tables(tmp_path)
    assert tables_current(tmp_path)
    built = {path.name: path.stat().st_mtime_ns for path in tmp_path.iterdir() if path.is_file()}
    refresh_tables(tmp_path)
    assert {path.name: path.stat().st_mtime_ns for path in tmp_path.iterdir() if path.is_file()} == built

    # A run killed after writing its record and before rebuilding: the next run's refresh brings the record in.
    write_document(tmp_path, tiny_document("ba9876543210", "b.pdf"), "test")
    assert not tables_current(tmp_path)
    refresh_tables(tmp_path)
    assert [row["source_file"] for row in read_csv(tmp_path / "documents.csv")] == ["a.pdf", "b.pdf"]
    with duckdb.connect(str(tmp_path / DATABASE_FILE), read_only=True) as db:
        assert db.execute("SELECT count(*) FROM targets").fetchone()[0] == 2
    assert tables_current(tmp_path)

    (tmp_path / WORKBOOK_FILE).unlink()  # an output removed by hand is made again
    refresh_tables(tmp_path)
    assert len(list(openpyxl.load_workbook(tmp_path / WORKBOOK_FILE, read_only=True)["documents"].rows)) == 3


def test_a_rerun_of_an_unchanged_batch_leaves_the_tables_untouched(sample_run):
    _, out = sample_run
    assert tables_current(out)
    files = [out / name for name in (WORKBOOK_FILE, DATABASE_FILE, "targets.csv", TABLES_STAMP)]
    before = [path.stat().st_mtime_ns for path in files]
    assert main(["run", str(SAMPLES), "--out", str(out)]) == 0
    assert [path.stat().st_mtime_ns for path in files] == before
    assert len(load_records(out)) == len(list(SAMPLES.glob("*.pdf")))
