"""Emit for analysts: the output tables → one Excel workbook and one DuckDB database.

Takes the rows the CSVs get (`writer.TableRows`: documents, targets, tasks, issues) and gives `kehoach.xlsx`, a
sheet per table with numbers as numbers, and `kehoach.duckdb`, a typed table per table. CSV is text only: a
spreadsheet opening it guesses each cell's type by the reader's locale (`19.2` may become a date, an area code
`00001` a number) and SQL over it must cast every column. Both writers take a path and write a new file there;
the writer module gives them a temp path and moves the result into place. openpyxl and duckdb are imported only when a batch's
tables are written, so `kehoach run` starts no slower.
"""
from __future__ import annotations

import datetime
import re
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from kehoach.writer import TableRows

# The SQL type of every column of the output tables; the workbook writes the numeric ones as numbers, BOOLEAN as
# TRUE/FALSE and DATE as the ISO text the CSV has. A column added to a table needs its type here.
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
    "recurring": "BOOLEAN",
}
# Written by DuckDB 2 in the storage format DuckDB 1.0 introduced, so an analyst's older DuckDB (CLI, DBeaver,
# R) opens the file too; the latest format would shut out every 1.x release.
DUCKDB_STORAGE_VERSION = "v1.0.0"
# Characters an .xlsx cell cannot hold (XML 1.0 control characters); a stray one from a text layer becomes a space.
XLSX_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
MIN_WIDTH, MAX_WIDTH = 6, 60  # column widths in characters; longer text stays whole in its cell


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
    """What a workbook cell holds: numbers and booleans typed, text (dates too) as text a cell can hold."""
    typed = str(value) if sql_type == "DATE" and value else typed_value(value, sql_type)
    return XLSX_ILLEGAL.sub(" ", typed) if isinstance(typed, str) else typed


def column_width(header: str, values: list[object]) -> int:
    longest = max((len(str(value)) for value in values if value is not None), default=0)
    return min(max(len(header), longest, MIN_WIDTH) + 2, MAX_WIDTH)


def text_cell(sheet: object, text: str) -> object:
    """A cell that keeps `text` as text: openpyxl would store a text opening with `=` as a formula."""
    from openpyxl.cell import WriteOnlyCell

    cell = WriteOnlyCell(sheet, text)
    cell.data_type = "s"
    return cell


def write_workbook(path: Path, tables: list[TableRows]) -> None:
    """A new .xlsx at `path`: a sheet per table named as the table, the CSV's columns, the header row bold, frozen
    and filterable."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    book = Workbook(write_only=True)
    bold = Font(bold=True)
    for table in tables:
        sheet = book.create_sheet(table.name)
        types = [COLUMN_TYPES[column] for column in table.columns]
        rows = [[cell_value(row[column], sql_type) for column, sql_type in zip(table.columns, types)]
                for row in table.rows]
        for index, column in enumerate(table.columns):
            width = column_width(column, [row[index] for row in rows])
            sheet.column_dimensions[get_column_letter(index + 1)].width = width
        sheet.freeze_panes = "A2"
        sheet.auto_filter.ref = f"A1:{get_column_letter(len(table.columns))}{len(rows) + 1}"
        header = []
        for column in table.columns:
            cell = WriteOnlyCell(sheet, column)
            cell.font = bold
            header.append(cell)
        sheet.append(header)
        for row in rows:
            sheet.append([text_cell(sheet, value) if isinstance(value, str) and value.startswith("=") else value
                          for value in row])
    book.save(path)


def write_database(path: Path, tables: list[TableRows]) -> None:
    """A new DuckDB database at `path` with a table per output table, its columns typed (`COLUMN_TYPES`), rows in
    the CSV's order."""
    import duckdb

    wal = path.with_name(path.name + ".wal")
    try:
        with duckdb.connect(str(path), config={"storage_compatibility_version": DUCKDB_STORAGE_VERSION}) as db:
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
    finally:
        wal.unlink(missing_ok=True)
