"""Emit for analysts: the output tables as one Excel workbook and one DuckDB database.

Takes the rows the CSVs get (`writer.TableRows`: documents, targets, tasks, issues) and gives `kehoach.xlsx`, a
sheet per table with numbers as numbers, dates as dates, rates as percentages, each page number a link to that
page of its PDF and each target's value a link to its place in the review site (`kehoach review`), plus a `pivot`
sheet (province × area × indicator, a column per year) and a `latest_targets` sheet; and `kehoach.duckdb`, a typed
table per table and the view `latest_targets`. CSV is text only: a spreadsheet opening it guesses each cell's type
by the reader's locale (`19.2` may become a date, an area code `00001` a number) and SQL over it must cast every
column. Both writers take a path and write a new file there; the writer module gives them a temp path and moves the
result into place. openpyxl and duckdb are imported only when a batch's tables are written, so `kehoach run`
starts no slower.

A run often holds one plan more than once (a scan and its re-scan), and a plan states a target in its prose and
again in its annex: summing targets.csv counts those twice. `latest_targets` keeps one row per area, indicator
and year, the newest document's, and puts the values other documents or places give beside it, so a
disagreement is seen rather than summed; the pivot shows those newest values.
"""
from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from kehoach.review_links import review_path, target_anchor

if TYPE_CHECKING:
    from kehoach.writer import TableRows

# The SQL type of every column of the output tables (and of the view `latest_targets`); the workbook writes the
# numeric ones as numbers, BOOLEAN as TRUE/FALSE and DATE as dates. A column added to a table needs its type here:
# `duplicate_of` and `superseded_by` (doc_ids, VARCHAR), once the records carry them, go into the documents table's
# columns (writer.DOCUMENT_COLUMNS) and here.
COLUMN_TYPES = {
    **dict.fromkeys([
        "doc_id", "source_file", "sha256", "status", "error", "text_source", "doc_type", "plan_number", "issuer",
        "province", "district", "title", "area_name", "area_name_raw", "area_level", "area_code", "indicator",
        "indicator_label", "unit", "base", "source", "section", "section_title", "group", "item", "task",
        "lead_agency", "lead_agency_raw", "partner_agencies", "timeline", "severity", "code", "message", "signatures",
        "duplicate_of",
    ], "VARCHAR"),
    **dict.fromkeys(["pages", "period_start", "period_end", "n_targets", "n_tasks", "n_issues", "year", "page"],
                    "INTEGER"),
    **dict.fromkeys(["participants", "base_value"], "BIGINT"),
    **dict.fromkeys(["seconds", "value", "confidence"], "DOUBLE"),
    **dict.fromkeys(["issue_date", "due"], "DATE"),
    **dict.fromkeys(["recurring", "total_row"], "BOOLEAN"),
    **dict.fromkeys(["n_documents"], "INTEGER"),
    "disagreements": "VARCHAR",
}
# Written by DuckDB 2 in the storage format DuckDB 1.0 introduced, so an analyst's older DuckDB (CLI, DBeaver,
# R) opens the file too; the latest format would shut out every 1.x release.
DUCKDB_STORAGE_VERSION = "v1.0.0"
# Characters an .xlsx cell cannot hold (XML 1.0 control characters); a stray one from a text layer becomes a space.
XLSX_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
MIN_WIDTH, MAX_WIDTH = 6, 60  # column widths in characters; longer text stays whole in its cell
RATE_FORMAT = "0.00%"  # a rate is stored as the fraction a spreadsheet computes with: 95,5 % is 0.955
DATE_FORMAT = "yyyy-mm-dd"  # ISO, as in the CSVs, whatever the reader's locale

# One row per (province, area, indicator, year): the value of the newest document (latest issue_date; in one
# document a table before its prose), with the other documents' and places' values beside it where they differ.
LATEST_TARGETS = """
CREATE VIEW latest_targets AS
WITH keyed AS (
    SELECT *, coalesce(nullif(area_name, ''), area_name_raw) AS area FROM targets
    WHERE year IS NOT NULL AND value IS NOT NULL),
ranked AS (
    SELECT *, row_number() OVER (PARTITION BY province, area, indicator, year
                                 ORDER BY issue_date DESC NULLS LAST, source = 'table' DESC, doc_id, page) AS rank
    FROM keyed)
SELECT newest.province, newest.area_level, newest.area AS area_name, newest.area_code, newest.indicator,
       newest.year, newest.value, newest.unit, newest.total_row, newest.doc_id, newest.plan_number,
       newest.issue_date, newest.source, newest.page,
       (SELECT count(DISTINCT other.doc_id) FROM keyed other
        WHERE other.province IS NOT DISTINCT FROM newest.province AND other.area = newest.area
          AND other.indicator = newest.indicator AND other.year = newest.year) AS n_documents,
       (SELECT string_agg(other.value || ' (' || other.doc_id || ' p.' || coalesce(other.page::VARCHAR, '?') || ', '
                          || other.source || ')', ' | ' ORDER BY other.issue_date DESC, other.doc_id, other.page)
        FROM keyed other
        WHERE other.province IS NOT DISTINCT FROM newest.province AND other.area = newest.area
          AND other.indicator = newest.indicator AND other.year = newest.year
          AND other.value <> newest.value) AS disagreements
FROM ranked newest WHERE rank = 1
ORDER BY province, area_level, area_name, indicator, year
"""


def calendar_date(text: str) -> datetime.date | None:
    """An ISO date; a date the calendar lacks (a misread `31/02`) is unknown to the database, while the CSV and
    the workbook keep the text as the record has it."""
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        return None


def typed_value(value: object, sql_type: str) -> object:
    """A record's value as the Python value of its column's SQL type; an empty text is unknown (None)."""
    if value is None or value == "":
        return None
    if sql_type in ("INTEGER", "BIGINT"):
        return int(value)
    if sql_type == "DOUBLE":
        return float(value)
    if sql_type == "BOOLEAN":
        return value is True or value == "true"
    if sql_type == "DATE":
        return calendar_date(str(value))
    return str(value)


def cell_value(value: object, sql_type: str) -> object:
    """What a workbook cell holds: numbers, booleans and dates typed, text as text a cell can hold; a date the
    calendar lacks stays the text the record has."""
    typed = typed_value(value, sql_type)
    if sql_type == "DATE" and typed is None and value:
        typed = str(value)
    return XLSX_ILLEGAL.sub(" ", typed) if isinstance(typed, str) else typed


def column_width(header: str, values: list[object]) -> int:
    longest = max((len(str(value)) for value in values if value is not None), default=0)
    return min(max(len(header), longest, MIN_WIDTH) + 2, MAX_WIDTH)


def page_link(source_file: str, page: object) -> str:
    """The page of the PDF, as a link a spreadsheet opens in the system's PDF viewer (`#page=` is the PDF open
    parameter of RFC 8118)."""
    path = Path(source_file)
    return f"{(path if path.is_absolute() else path.resolve()).as_uri()}#page={page}"


def review_link(row: dict) -> str | None:
    """Where a target's value is drawn over its page in the run folder's review site (`kehoach review DIR`), as a
    link relative to the workbook (it sits in the run folder): the target's own box where the row names its printed
    area (targets), else its page (latest_targets)."""
    if not row.get("doc_id"):
        return None
    anchor = (target_anchor(row.get("source", ""), row.get("indicator", ""), row.get("year"), row["area_name_raw"])
              if "area_name_raw" in row else "")
    page = row.get("page")
    return review_path(row["doc_id"], int(page) if page not in (None, "") else None, anchor)


@dataclass(frozen=True)
class Sheet:
    """One sheet of the workbook: its columns, each column's SQL type, its rows, and the columns that hold a
    rate in a row whose unit is `percent`."""

    name: str
    columns: list[str]
    types: list[str]
    rows: list[dict]
    rates: frozenset[str] = frozenset({"value"})


def workbook_cell(sheet: object, column: str, sql_type: str, row: dict, rate: bool, files: dict[str, str]) -> object:
    """A cell of `row`: a `rate` in `percent` as a fraction shown as a percentage, a date shown as a date, a page
    a link to that page of its PDF (`files`: by doc_id), a target's value a link to its place in the review site,
    a text opening with `=` kept as text (openpyxl would store it as a formula)."""
    from openpyxl.cell import WriteOnlyCell

    value = cell_value(row[column], sql_type)
    if rate and row.get("unit") == "percent" and value is not None:
        cell = WriteOnlyCell(sheet, round(value / 100, 12))  # no float noise: 95.2 / 100 is 0.9520000000000001
        if column == "value" and (link := review_link(row)):
            cell.hyperlink = link
            cell.style = "Hyperlink"
        cell.number_format = RATE_FORMAT
    elif isinstance(value, datetime.date):
        cell = WriteOnlyCell(sheet, value)
        cell.number_format = DATE_FORMAT
    elif column == "page" and value is not None and row.get("doc_id") in files:
        cell = WriteOnlyCell(sheet, value)
        cell.hyperlink = page_link(files[row["doc_id"]], value)
        cell.style = "Hyperlink"
    else:
        cell = WriteOnlyCell(sheet, value)
        if isinstance(value, str) and value.startswith("="):
            cell.data_type = "s"
    return cell


def add_sheet(book: object, sheet_rows: Sheet, files: dict[str, str]) -> None:
    """A sheet named as the table, the header row bold, frozen and filterable."""
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    sheet = book.create_sheet(sheet_rows.name)
    for index, column in enumerate(sheet_rows.columns):
        values = [cell_value(row[column], sql_type) for row in sheet_rows.rows
                  for sql_type in [sheet_rows.types[index]]]
        sheet.column_dimensions[get_column_letter(index + 1)].width = column_width(column, values)
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(sheet_rows.columns))}{len(sheet_rows.rows) + 1}"
    bold = Font(bold=True)
    header = []
    for column in sheet_rows.columns:
        cell = WriteOnlyCell(sheet, column)
        cell.font = bold
        header.append(cell)
    sheet.append(header)
    for row in sheet_rows.rows:
        sheet.append([workbook_cell(sheet, column, sql_type, row, column in sheet_rows.rates, files)
                      for column, sql_type in zip(sheet_rows.columns, sheet_rows.types)])


def pivot(latest: list[dict]) -> Sheet:
    """Province × area × indicator down, a column per year, each cell the newest document's value."""
    keys = ["province", "area_level", "area_name", "indicator", "unit"]
    years = [str(year) for year in sorted({row["year"] for row in latest})]
    lines: dict[tuple, dict] = {}
    for row in latest:
        line = lines.setdefault(tuple(row[key] for key in keys), {key: row[key] for key in keys} | dict.fromkeys(years))
        line[str(row["year"])] = row["value"]
    return Sheet("pivot", keys + years, [COLUMN_TYPES[key] for key in keys] + ["DOUBLE"] * len(years),
                 list(lines.values()), frozenset(years))


def write_workbook(path: Path, tables: list[TableRows]) -> None:
    """A new .xlsx at `path`: a sheet per table with the CSV's columns, then `pivot` and `latest_targets`."""
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    files = {row["doc_id"]: row["source_file"] for table in tables if table.name == "documents"
             for row in table.rows if row.get("source_file")}
    for table in tables:
        add_sheet(book, Sheet(table.name, table.columns, [COLUMN_TYPES[column] for column in table.columns],
                              table.rows), files)
    columns, latest = latest_targets(tables)
    add_sheet(book, pivot(latest), files)
    add_sheet(book, Sheet("latest_targets", columns, [COLUMN_TYPES[column] for column in columns], latest), files)
    book.save(path)


def create_tables(db: object, tables: list[TableRows]) -> None:
    """A typed table per output table (`COLUMN_TYPES`), rows in the CSV's order, and the view `latest_targets`."""
    for table in tables:
        types = [COLUMN_TYPES[column] for column in table.columns]
        columns = ", ".join(f'"{column}" {sql_type}' for column, sql_type in zip(table.columns, types))
        db.execute(f"CREATE TABLE {table.name} ({columns})")
        if table.rows:
            # One list per column, unnested side by side: a bulk insert (executemany takes ~1 ms a row).
            values = [[typed_value(row[column], sql_type) for row in table.rows]
                      for column, sql_type in zip(table.columns, types)]
            unnested = ", ".join(f"unnest(?::{sql_type}[])" for sql_type in types)
            db.execute(f"INSERT INTO {table.name} SELECT {unnested}", values)
    db.execute(LATEST_TARGETS)


def latest_targets(tables: list[TableRows]) -> tuple[list[str], list[dict]]:
    """The view's columns and rows, from the tables (an in-memory database of them): what the workbook shows."""
    import duckdb

    with duckdb.connect() as db:
        create_tables(db, tables)
        result = db.execute("SELECT * FROM latest_targets")
        columns = [column[0] for column in result.description]
        return columns, [dict(zip(columns, row)) for row in result.fetchall()]


def write_database(path: Path, tables: list[TableRows]) -> None:
    """A new DuckDB database at `path`: the tables and the view (`create_tables`)."""
    import duckdb

    wal = path.with_name(path.name + ".wal")
    try:
        with duckdb.connect(str(path), config={"storage_compatibility_version": DUCKDB_STORAGE_VERSION}) as db:
            create_tables(db, tables)
    finally:
        wal.unlink(missing_ok=True)
