"""Tables: one cell model from born-digital pages and from scans; spans, page-spanning tables, targets, tasks."""
from pathlib import Path

import numpy as np
import pytest

from kehoach.config import Settings
from kehoach.extractors.pdf_input import inspect_pages, render_page
from kehoach.extractors.page_reading import page_by_ocr
from kehoach.extractors.table_merge import merge_tables
from kehoach.extractors.target_tables import targets_from_table
from kehoach.extractors.task_matrix import tasks_from_table
from kehoach.extractors.text_layer import read_text_layers
from kehoach.records import Page
from kehoach.synth.pdf_build import build_scanned_pdf
from kehoach.synth.render import render_pdf
from kehoach.synth.scanner import ScanProfile, scan
from kehoach.synth.spec import DocumentSpec, HeaderCell, Paragraph, TableSpec

H = HeaderCell
YEAR_TABLE = TableSpec(
    header=[[H("STT", row_span=2), H("Đơn vị", row_span=2), H("Năm 2023", col_span=3), H("Năm 2024", col_span=3)],
            [H("Số người TG"), H("LLLĐ"), H("Tỷ lệ %"), H("Số người TG"), H("LLLĐ"), H("Tỷ lệ %")]],
    rows=[["1", "TT Hồ Xá", "1.499", "7.800", "19,2%", "1.550", "7.884", "19,7%"],
          ["2", "Xã Vĩnh Thái", "277", "1.645", "16,8%", "287", "1.660", "17,3%"],
          ["", "Tổng cộng", "1.776", "9.445", "18,8%", "1.837", "9.544", "19,2%"]],
    col_widths=[0.07, 0.21] + [0.12] * 6)
MATRIX = TableSpec(
    header=[[H("STT"), H("Nội dung"), H("Đơn vị chủ trì"), H("Đơn vị phối hợp"), H("Thời gian thực hiện")]],
    rows=["I. CÔNG TÁC TUYÊN TRUYỀN"] + [
        [str(n), f"Nhiệm vụ số {n}: tổ chức tuyên truyền, vận động người dân tham gia bảo hiểm xã hội tự nguyện "
                 f"và bảo hiểm y tế hộ gia đình tại các xã", "Bảo hiểm xã hội tỉnh", "Sở Y tế, Sở Tài chính",
         "Quý 2/2024"] for n in range(1, 19)],
    col_widths=[0.08, 0.42, 0.18, 0.19, 0.13])


def spec_with(*blocks) -> DocumentSpec:
    return DocumentSpec(issuer_lines=["UBND TỈNH"], number="1/KH-UBND", place_date="Hà Nội, ngày 1 tháng 1 năm 2024",
                        doc_title="KẾ HOẠCH", subject_lines=["Bảng"], blocks=list(blocks))


def born_digital_pages(path: Path) -> list[Page]:
    infos = inspect_pages(path, Settings().limits).pages
    layers = read_text_layers(path, [info.number for info in infos])
    return [Page(info.number, info.width, info.height, "text_layer", layers[info.number].words, "", 1.0,
                 tables=layers[info.number].tables) for info in infos]


@pytest.fixture(scope="module")
def year_table_pdf(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("tables") / "years.pdf"
    render_pdf(spec_with(Paragraph("CHỈ TIÊU PHÁT TRIỂN NGƯỜI THAM GIA BHXH BẮT BUỘC", "center_bold"), YEAR_TABLE), path)
    return path


def test_merged_year_header_spans_three_columns(year_table_pdf):
    [table] = merge_tables(born_digital_pages(year_table_pdf))
    header = {cell.text.replace("\n", " "): cell for cell in table.cells if cell.row == 0}
    assert (header["Năm 2023"].col, header["Năm 2023"].col_span) == (2, 3)
    first = next(cell for cell in table.cells if (cell.row, cell.col) == (0, 0))
    assert first.row_span == 2
    assert (table.n_rows, table.n_cols) == (5, 8)


def test_year_table_rows_become_targets_with_counts_and_bases(year_table_pdf):
    [table] = merge_tables(born_digital_pages(year_table_pdf))
    targets = targets_from_table(table, "CHỈ TIÊU PHÁT TRIỂN NGƯỜI THAM GIA BHXH BẮT BUỘC")
    found = {(t.area_name_raw, t.year): (t.indicator, t.value, t.participants, t.base, t.base_value) for t in targets}
    assert found[("TT Hồ Xá", 2023)] == ("bhxh_compulsory_rate", 19.2, 1499, "labor_force", 7800)
    assert found[("Tổng cộng", 2024)] == ("bhxh_compulsory_rate", 19.2, 1837, "labor_force", 9544)
    assert len(targets) == 6


def test_task_matrix_over_two_pages_is_one_table_with_every_task(tmp_path):
    path = tmp_path / "matrix.pdf"
    render_pdf(spec_with(MATRIX), path)
    tables = merge_tables(born_digital_pages(path))
    assert len(tables) == 1 and len(tables[0].pages) >= 2
    tasks = tasks_from_table(tables[0])
    assert [task.item for task in tasks] == [str(n) for n in range(1, 19)]
    assert {task.section for task in tasks} == {"I"}
    assert tasks[-1].page == tables[0].pages[-1]


def scanned_page(pdf: Path, folder: Path, skew: float, seed: int) -> Page:
    """The PDF's first page printed, scanned at 300 dpi, and read by OCR."""
    image = scan(render_page(pdf, 1, 300), ScanProfile(dpi=300, skew_degrees=skew), seed=seed)
    scanned = folder / "scan.pdf"
    build_scanned_pdf([image], 300, scanned)
    settings = Settings()
    [info] = inspect_pages(scanned, settings.limits).pages
    return page_by_ocr(scanned, info, settings, "test")


def test_a_scanned_table_gives_the_same_cells_as_the_born_digital_one(year_table_pdf, tmp_path):
    [table] = scanned_page(year_table_pdf, tmp_path, 0.6, 7).tables
    assert (table.n_rows, table.n_cols) == (5, 8)
    targets = targets_from_table(table, "BHXH BẮT BUỘC")
    assert sorted(t.value for t in targets) == [16.8, 17.3, 18.8, 19.2, 19.2, 19.7]
    assert sorted(t.base_value for t in targets) == [1645, 1660, 7800, 7884, 9445, 9544]


RATE_TABLE = TableSpec(
    header=[[H("STT"), H("Đơn vị"), H("Tỷ lệ tham gia BHXH (%)"), H("Tỷ lệ bao phủ BHYT (%)"), H("Tỷ lệ tham gia BHTN (%)")]],
    rows=[[str(n), name, f"{10 + 3 * n},{(17 * n) % 100:02d}", f"9{n},{(31 * n) % 100:02d}", f"{n + 6},{(7 * n) % 100:02d}"]
          for n, name in enumerate(["Thành phố Pleiku", "Thị xã An Khê", "Huyện Kbang", "Huyện Đăk Đoa",
                                    "Huyện Chư Păh", "Huyện Ia Grai", "Huyện Mang Yang", "Huyện Kông Chro"], 1)],
    col_widths=[0.07, 0.33, 0.2, 0.2, 0.2])


def test_rates_on_a_200_dpi_bitonal_fax_keep_their_decimal_commas(tmp_path):
    """The page OCR drops most decimal commas of such a scan; the numeric re-read must bring them back."""
    born_digital = tmp_path / "rates.pdf"
    render_pdf(spec_with(RATE_TABLE), born_digital)
    profile = ScanProfile(dpi=200, skew_degrees=-1.0, blur_sigma=0.9, noise_sigma=12, bitonal=True, speckle=0.003)
    scanned = tmp_path / "fax.pdf"
    build_scanned_pdf([scan(render_page(born_digital, 1, 200), profile, seed=3)], 200, scanned)
    settings = Settings()
    [info] = inspect_pages(scanned, settings.limits).pages
    [table] = page_by_ocr(scanned, info, settings, "test").tables
    printed = [[float(cell.replace(",", ".")) for cell in row[2:]] for row in RATE_TABLE.rows]
    read = {(c.row, c.col): c.text for c in table.cells}
    right = sum(read.get((r + 1, c + 2), "").replace(",", ".") == f"{value:.2f}"
                for r, row in enumerate(printed) for c, value in enumerate(row))
    assert right >= 0.95 * 24, [read.get((r + 1, c)) for r in range(8) for c in range(2, 5)]


def test_a_scanned_table_is_read_once_its_words_in_their_cells_and_in_the_page_text(year_table_pdf, tmp_path):
    """The page is read with the table whited out; the cells' words, read cell by cell, come back into the
    page's words at their place on the page and into its text after the title above the table."""
    page = scanned_page(year_table_pdf, tmp_path, 0.3, 11)
    [table] = page.tables
    inside = [word for word in page.words if table.bbox.top <= word.bbox.top and word.bbox.bottom <= table.bbox.bottom]
    cell = next(cell for cell in table.cells if cell.text == "Xã Vĩnh Thái")
    in_cell = [word.text for word in inside if cell.bbox.x0 <= word.bbox.x0 and word.bbox.x1 <= cell.bbox.x1
               and cell.bbox.top <= word.bbox.top and word.bbox.bottom <= cell.bbox.bottom]
    assert in_cell == ["Xã", "Vĩnh", "Thái"]
    def overlap(a, b) -> float:
        width = min(a.bbox.x1, b.bbox.x1) - max(a.bbox.x0, b.bbox.x0)
        height = min(a.bbox.bottom, b.bbox.bottom) - max(a.bbox.top, b.bbox.top)
        smaller = min((w.bbox.x1 - w.bbox.x0) * (w.bbox.bottom - w.bbox.top) for w in (a, b))
        return max(0.0, width) * max(0.0, height) / smaller

    assert len(inside) > 40
    assert not [(a.text, b.text) for i, a in enumerate(inside) for b in inside[i + 1:] if overlap(a, b) > 0.5]
    text = page.text
    assert text.index("CHỈ TIÊU PHÁT TRIỂN") < text.index("TT Hồ Xá") < text.index("Xã Vĩnh Thái") < text.index("9.544")


def test_the_smallest_ruled_table_is_found_and_a_page_of_underlines_has_none():
    from kehoach.extractors.ink import ink_mask
    from kehoach.extractors.table_grid import MIN_TABLE_POINTS, cell_rectangles, find_rules

    page = np.full((3508, 2480), 255, np.uint8)
    side = int(MIN_TABLE_POINTS * 300 / 72) + 6  # just over the least size, at 300 dpi
    left, top = 1001, 1503  # not on the quarter-size copy's block edges
    for offset in (0, side // 2, side):
        page[top + offset:top + offset + 3, left:left + side + 3] = 0
        page[top:top + side + 3, left + offset:left + offset + 3] = 0
    assert [len(table) for table in cell_rectangles(find_rules(ink_mask(page), 300), 300)] == [4]
    underlined = np.full((3508, 2480), 255, np.uint8)
    for row in range(300, 3300, 120):
        underlined[row:row + 3, 200:2200] = 0
    assert cell_rectangles(find_rules(ink_mask(underlined), 300), 300) == []
