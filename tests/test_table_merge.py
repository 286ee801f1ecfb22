"""Tables continued over pages: joined by the columns' positions, with or without a repeated header."""
from kehoach.extractors.table_merge import merge_tables
from kehoach.records import BBox, Cell, Page, Table

EDGES = [70.0, 100.0, 240.0, 380.0, 530.0]  # STT | Đơn vị | 2024 | 2025


def table(page: int, rows: list[list[str]], edges: list[float], top: float) -> Table:
    cells = [Cell(r, c, text, BBox(edges[c], top + 16 * r, edges[c + 1], top + 16 * (r + 1)))
             for r, row in enumerate(rows) for c, text in enumerate(row)]
    return Table(page=page, bbox=BBox(edges[0], top, edges[-1], top + 16 * len(rows)), n_rows=len(rows),
                 n_cols=len(edges) - 1, cells=cells, pages=[page], row_pages=[page] * len(rows))


def page(number: int, *tables: Table) -> Page:
    return Page(number, 595, 842, "text_layer", [], "", 1.0, tables=list(tables))


HEADER = ["STT", "Đơn vị", "KH năm 2024", "KH năm 2025"]
FIRST = table(3, [HEADER, ["1", "Huyện Đồng Văn", "22,83", "24,60"]], EDGES, 600)


def test_continuation_without_repeated_header_keeps_every_row():
    rest = table(4, [["2", "Huyện Mèo Vạc", "14,17", "15,86"], ["3", "Huyện Yên Minh", "24,08", "26,34"]], EDGES, 57)
    [merged] = merge_tables([page(3, FIRST), page(4, rest)])
    assert merged.n_rows == 4 and merged.row_pages == [3, 3, 4, 4]
    assert [c.text for c in merged.cells if c.row == 2] == ["2", "Huyện Mèo Vạc", "14,17", "15,86"]


def test_repeated_header_misread_by_ocr_is_dropped():
    misread = ["STT", "Đơn vi", "KH nãm 2024", "KH năm 2O25"]
    rest = table(4, [misread, ["2", "Huyện Mèo Vạc", "14,17", "15,86"]], EDGES, 57)
    [merged] = merge_tables([page(3, FIRST), page(4, rest)])
    assert merged.n_rows == 3 and [c.text for c in merged.cells if c.row == 2][0] == "2"


def test_continuation_without_stt_column_joins_by_position():
    rest = table(4, [["Huyện Mèo Vạc", "14,17", "15,86"]], EDGES[1:], 57)
    [merged] = merge_tables([page(3, FIRST), page(4, rest)])
    assert [(c.col, c.text) for c in merged.cells if c.row == 2] == [(1, "Huyện Mèo Vạc"), (2, "14,17"), (3, "15,86")]


def test_a_table_whose_columns_stand_elsewhere_is_another_table():
    other = table(4, [["a", "b", "c", "d", "e", "f"]], [70.0, 90.0, 150.0, 200.0, 260.0, 400.0, 530.0], 57)
    assert len(merge_tables([page(3, FIRST), page(4, other)])) == 2
