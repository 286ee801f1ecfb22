"""The output folder keeps what it holds and leaks nothing: spreadsheet formulas neutralised in the CSVs, records
that cannot be read moved aside, a new version of a file superseding the old one, every write checked."""
from __future__ import annotations

import csv
import io

from kehoach.writer import TableRows, csv_text


def csv_cells(table: TableRows) -> list[dict]:
    return list(csv.DictReader(io.StringIO(csv_text(table), newline="")))


def test_csv_cells_that_a_spreadsheet_would_run_get_a_leading_apostrophe_and_numbers_stay_numbers():
    hostile = ["=HYPERLINK(\"http://x\",\"bấm\")", "+cmd|' /C calc'!A0", "@SUM(A1:A9)", "-2+3", "\tA1", "\r=1"]
    harmless = ["-3.5", "+84", "-12", "97.50", "Ủy ban nhân dân", "a-b"]
    rows = [{"text": value, "value": -2.5} for value in hostile + harmless]
    cells = csv_cells(TableRows("t", ["text", "value"], rows))
    assert [cell["text"] for cell in cells[:len(hostile)]] == ["'" + value for value in hostile]
    assert [cell["text"] for cell in cells[len(hostile):]] == harmless
    assert all(cell["value"] == "-2.5" for cell in cells)  # a negative number is a number, not a formula
