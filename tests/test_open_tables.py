"""Tables ruled with horizontal lines only: cells from the rules and the words' alignment (records built here),
and from the rules and ink of a scanned crop (`fixtures/open_table_scan.png`)."""
from pathlib import Path

import cv2

from kehoach.extractors.open_tables import HorizontalRule, open_table_cells
from kehoach.extractors.reading_order import assign_lines
from kehoach.extractors.table_cells import table_from_rectangles
from kehoach.extractors.ink import ink_mask
from kehoach.extractors.table_grid import cell_rectangles, erase_rules, find_rules
from kehoach.records import BBox, Word

FIXTURES = Path(__file__).parent / "fixtures"
SIZE = 11.0  # points: the words' height, as a text layer of 10-point type gives
ROW = 16.0


def word(text: str, x0: float, top: float) -> Word:
    return Word(text, BBox(x0, top, x0 + 5.5 * len(text), top + SIZE), 1.0, 0)


def phrase(text: str, x0: float, top: float) -> list[Word]:
    """Words of a phrase a space (a quarter of the text size) apart."""
    words = []
    for part in text.split():
        words.append(word(part, x0, top))
        x0 = words[-1].bbox.x1 + 2.75
    return words


def rules_at(*ys: float, x0: float = 70.0, x1: float = 530.0) -> list[HorizontalRule]:
    return [HorizontalRule(x0, x1, y) for y in ys]


def table_of(rules: list[HorizontalRule], words: list[Word]):
    words = assign_lines(words)
    [rectangles] = open_table_cells(rules, words)
    return table_from_rectangles(rectangles, words, 1)


def texts(table, row: int) -> list[tuple[int, int, str]]:
    return [(cell.col, cell.col_span, cell.text.replace("\n", " ")) for cell in table.cells if cell.row == row]


AREAS = [("1", "Huyện Đồng Văn", "22,83", "24,60"), ("2", "Huyện Mèo Vạc", "14,17", "15,86"),
         ("3", "Thành phố Hà Giang", "32,71", "34,96"), ("4", "Huyện Yên Minh", "24,08", "26,34")]


def area_rows(top: float) -> list[Word]:
    words = []
    for index, (number, name, first, second) in enumerate(AREAS):
        y = top + index * ROW + 2.5
        words += [word(number, 80, y), *phrase(name, 110, y), word(first, 300, y), word(second, 420, y)]
    return words


def test_columns_come_from_word_alignment_when_verticals_are_missing():
    header = [word("STT", 75, 102.5), *phrase("Đơn vị", 140, 102.5), *phrase("KH năm 2024", 280, 102.5),
              *phrase("KH năm 2025", 400, 102.5)]
    table = table_of(rules_at(*(100 + ROW * n for n in range(6))), header + area_rows(100 + ROW))
    assert (table.n_rows, table.n_cols) == (5, 4)
    assert texts(table, 0) == [(0, 1, "STT"), (1, 1, "Đơn vị"), (2, 1, "KH năm 2024"), (3, 1, "KH năm 2025")]
    assert texts(table, 3) == [(0, 1, "3"), (1, 1, "Thành phố Hà Giang"), (2, 1, "32,71"), (3, 1, "34,96")]


def test_header_over_two_columns_and_section_rows_are_merged_cells():
    header = [word("STT", 75, 102.5), *phrase("Đơn vị", 140, 102.5), *phrase("Năm 2024 và 2025", 334, 102.5),
              *phrase("Tỷ lệ (%)", 290, 102.5 + ROW), *phrase("Tỷ lệ (%)", 410, 102.5 + ROW)]
    section = [word("II", 80, 100 + 2 * ROW + 2.5),
               *phrase("Các huyện thuộc tỉnh trong năm kế hoạch", 110, 100 + 2 * ROW + 2.5)]
    table = table_of(rules_at(*(100 + ROW * n for n in range(8))), header + section + area_rows(100 + 3 * ROW))
    assert texts(table, 0)[2] == (2, 2, "Năm 2024 và 2025")
    assert texts(table, 2) == [(0, 1, "II"), (1, 2, "Các huyện thuộc tỉnh trong năm kế hoạch"), (3, 1, "")]
    assert table.n_cols == 4


def test_a_rule_under_part_of_the_header_splits_only_the_columns_it_underlines():
    """`Năm 2024` centred over its two columns, a rule under it (not under `STT`, `Đơn vị`) and a sub-header."""
    header = [word("STT", 75, 110), *phrase("Đơn vị", 140, 110), *phrase("Năm 2024", 359, 102.5),
              *phrase("BHXH", 298, 102.5 + ROW), *phrase("BHYT", 418, 102.5 + ROW)]
    rules = rules_at(100, 100 + 2 * ROW, *(100 + ROW * n for n in range(3, 7))) + [HorizontalRule(270, 530, 100 + ROW)]
    table = table_of(sorted(rules, key=lambda r: r.y), header + area_rows(100 + 2 * ROW))
    cells = {cell.text: (cell.row, cell.col, cell.row_span, cell.col_span) for cell in table.cells}
    assert cells["STT"] == (0, 0, 2, 1) and cells["Đơn vị"] == (0, 1, 2, 1)
    assert cells["Năm 2024"] == (0, 2, 1, 2) and cells["BHXH"] == (1, 2, 1, 1) and cells["BHYT"] == (1, 3, 1, 1)


def test_a_caption_between_two_tables_parts_them():
    first = rules_at(*(100 + ROW * n for n in range(5)))
    caption_top = first[-1].y + 14  # a paragraph's spacing above the caption
    second_top = caption_top + SIZE + 4
    caption = phrase("Biểu số 2. Bảo hiểm xã hội tự nguyện", 72, caption_top)
    second = rules_at(*(second_top + ROW * n for n in range(5)))
    words = assign_lines(area_rows(100) + caption + area_rows(second_top))
    tables = open_table_cells(first + second, words)
    assert [len({(r.top, r.bottom) for r in table}) for table in tables] == [4, 4]


def test_a_column_with_text_in_its_header_only_is_kept():
    header = [word("STT", 75, 102.5), *phrase("Đơn vị", 140, 102.5), *phrase("KH 2024", 290, 102.5),
              *phrase("KH 2025", 410, 102.5), *phrase("Ghi chú", 480, 102.5)]
    table = table_of(rules_at(*(100 + ROW * n for n in range(6))), header + area_rows(100 + ROW))
    assert table.n_cols == 5
    assert texts(table, 0)[-1] == (4, 1, "Ghi chú") and texts(table, 1)[-1] == (4, 1, "")


def test_a_scanned_table_with_horizontal_rules_only_gives_its_grid():
    """A crop of a 200-dpi grey scan: a table with no vertical rules (a shaded two-band header, four rows)."""
    image = cv2.imread(str(FIXTURES / "open_table_scan.png"), cv2.IMREAD_GRAYSCALE)
    rules = find_rules(ink_mask(image), 200)
    [rectangles] = cell_rectangles(rules, 200, erase_rules(image, rules))
    table = table_from_rectangles(rectangles, [], 1)
    assert table.n_cols == 6
    header = sorted((cell.col, cell.col_span, cell.row_span) for cell in table.cells if cell.row == 0)
    assert header == [(0, 1, 2), (1, 1, 2), (2, 2, 1), (4, 2, 1)]
    assert all(sum(cell.col_span for cell in table.cells if cell.row == row) == 6 for row in range(2, table.n_rows))
