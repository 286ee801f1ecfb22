"""Outputs an analyst opens as they are: CSVs Excel reads as UTF-8, a workbook with dates, percentages, links to
the pages and a pivot, one value per area, indicator and year (`latest_targets`) with the disagreements beside
it, and a plan read twice reported rather than counted twice. Built from a few tiny records, no PDF."""
from __future__ import annotations

import csv
import datetime
import shutil
import subprocess
from dataclasses import replace
from pathlib import Path

import duckdb
import openpyxl
import pytest

from kehoach.records import Document, DocumentMeta, Target
from kehoach.writer import DATABASE_FILE, WORKBOOK_FILE, rebuild_tables, write_document


def target(area: str, level: str, year: int, value: float, page: int = 2, **changes) -> Target:
    return replace(Target(area, area.upper(), level, "", "Tỉnh Gia Lai", "bhyt_rate", year, value, page=page),
                   **changes)


def document(doc_id: str, file: str, plan: str, issued: str, targets: list[Target],
             province: str = "Tỉnh Gia Lai") -> Document:
    return Document(doc_id=doc_id, source_file=file, sha256=doc_id + "0" * 52, status="ok",
                    meta=DocumentMeta(doc_type="Kế hoạch", plan_number=plan, issue_date=issued, province=province),
                    targets=targets)


@pytest.fixture
def run_folder(tmp_path: Path) -> Path:
    """An older plan and a newer one over the same areas (the newer changes one target), and a re-scan of the
    newer plan; the total row and the prose of the older plan state the province's target twice."""
    older = document("aaaaaaaaaaaa", str(tmp_path / "kh_2023.pdf"), "45/KH-UBND", "2023-03-10", [
        target("Tỉnh Gia Lai", "province", 2024, 93.5, page=1, source="narrative"),
        target("Tỉnh Gia Lai", "province", 2024, 93.5, page=4, total_row=True),
        target("Huyện Chư Sê", "district", 2024, 92.1, page=4),
        target("Huyện Chư Sê", "district", 2025, 94.0, page=4),
    ])
    newer = document("bbbbbbbbbbbb", str(tmp_path / "kh_2024.pdf"), "12/KH-UBND", "2024-02-01", [
        target("Huyện Chư Sê", "district", 2024, 92.6, page=3),
    ])
    rescan = replace(newer, doc_id="cccccccccccc", source_file=str(tmp_path / "kh_2024_scan.pdf"),
                     sha256="c" * 64)
    elsewhere = document("dddddddddddd", str(tmp_path / "other.pdf"), "12/KH-UBND", "2024-05-01", [],
                         province="Tỉnh Kon Tum")  # the same number in another province: another plan
    for doc in (older, newer, rescan, elsewhere):
        write_document(tmp_path, doc, "test")
    rebuild_tables(tmp_path)
    return tmp_path


def read_csv(path: Path) -> list[dict]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def test_csvs_open_with_a_byte_order_mark_so_excel_reads_them_as_utf8(run_folder):
    for name in ("documents", "targets", "tasks", "issues"):
        raw = (run_folder / f"{name}.csv").read_bytes()
        assert raw.startswith(b"\xef\xbb\xbfdoc_id,")
    assert "Huyện Chư Sê" in (run_folder / "targets.csv").read_bytes().decode("utf-8-sig")


def test_total_row_is_a_column_of_targets_csv(run_folder):
    rows = read_csv(run_folder / "targets.csv")
    assert [(row["area_name"], row["source"], row["total_row"]) for row in rows if row["page"] in ("1", "4")][:2] \
        == [("Tỉnh Gia Lai", "narrative", "false"), ("Tỉnh Gia Lai", "table", "true")]


def test_workbook_dates_are_dates_and_rates_are_percentages(run_folder):
    sheet = openpyxl.load_workbook(run_folder / WORKBOOK_FILE)["targets"]
    header = [cell.value for cell in sheet[1]]
    first = {name: cell for name, cell in zip(header, sheet[2])}
    assert first["issue_date"].value == datetime.datetime(2023, 3, 10)
    assert first["issue_date"].is_date and "yy" in first["issue_date"].number_format
    assert first["value"].value == pytest.approx(0.935) and first["value"].number_format.endswith("%")
    assert first["year"].value == 2024 and first["year"].number_format == "General"


def test_page_numbers_link_to_their_page_of_the_pdf(run_folder):
    sheet = openpyxl.load_workbook(run_folder / WORKBOOK_FILE)["targets"]
    header = [cell.value for cell in sheet[1]]
    page = sheet.cell(row=2, column=header.index("page") + 1)
    assert page.value == 1
    assert page.hyperlink.target == (run_folder / "kh_2023.pdf").as_uri() + "#page=1"


def test_pivot_has_province_area_indicator_down_and_a_column_per_year(run_folder):
    rows = list(openpyxl.load_workbook(run_folder / WORKBOOK_FILE)["pivot"].iter_rows(values_only=True))
    assert rows[0] == ("province", "area_level", "area_name", "indicator", "unit", "2024", "2025")
    by_area = {row[2]: row[5:] for row in rows[1:]}
    # the newer plan's 92,6 for 2024, the older plan's 94,0 for 2025 (the newer one says nothing of 2025)
    assert by_area["Huyện Chư Sê"] == (pytest.approx(0.926), pytest.approx(0.94))
    assert by_area["Tỉnh Gia Lai"] == (pytest.approx(0.935), None)  # prose and total row: one value


def test_latest_targets_keeps_the_newest_value_and_shows_the_disagreement(run_folder):
    with duckdb.connect(str(run_folder / DATABASE_FILE), read_only=True) as db:
        rows = db.execute("SELECT area_name, year, value, issue_date, n_documents, disagreements "
                          "FROM latest_targets ORDER BY area_name, year").fetchall()
    assert rows == [
        ("Huyện Chư Sê", 2024, 92.6, datetime.date(2024, 2, 1), 3, "92.1 (aaaaaaaaaaaa p.4, table)"),
        ("Huyện Chư Sê", 2025, 94.0, datetime.date(2023, 3, 10), 1, None),
        ("Tỉnh Gia Lai", 2024, 93.5, datetime.date(2023, 3, 10), 1, None),
    ]
    with duckdb.connect(str(run_folder / DATABASE_FILE), read_only=True) as db:
        summed = db.execute("SELECT count(*) FROM targets").fetchone()[0]
    assert summed == 6  # targets keeps every row as read; the view is what adds up


def test_the_same_plan_in_two_files_is_an_issue_on_each(run_folder):
    repeated = [row for row in read_csv(run_folder / "issues.csv") if row["code"] == "duplicate_plan"]
    assert sorted(row["doc_id"] for row in repeated) == ["bbbbbbbbbbbb", "cccccccccccc"]
    assert "kh_2024_scan.pdf" in next(row["message"] for row in repeated if row["doc_id"] == "bbbbbbbbbbbb")


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_the_workbook_opens_in_libreoffice_with_dates_rates_and_vietnamese_intact(run_folder, tmp_path):
    converted = tmp_path / "converted"
    # sheet 2 (targets) as CSV; filter options: separator 44 (,), text delimiter 34 ("), character set 76 (UTF-8),
    # cells as shown (their number formats applied), sheet 2
    subprocess.run(["soffice", "--headless", "--convert-to", 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,'
                    'true,true,false,false,2', "--outdir", str(converted), str(run_folder / WORKBOOK_FILE)],
                   check=True, capture_output=True, timeout=180, env={"HOME": str(tmp_path), "PATH": "/usr/bin:/bin"})
    [written] = converted.glob("*.csv")
    rows = list(csv.DictReader(written.read_text(encoding="utf-8").splitlines()))
    first = rows[0]
    assert (first["area_name"], first["issue_date"], first["value"]) == ("Tỉnh Gia Lai", "2023-03-10", "93.50%")
