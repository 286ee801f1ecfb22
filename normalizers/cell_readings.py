"""A table target's cell found again, and what the page's own words read there (cell_read_two_ways).

Takes a document's targets, its pages (words with boxes) and its tables; gives each table target's cell, and the
issues where the page's words in that cell print another rate than the cell's reading gave. A target keeps its
table but not its cell, so the cell is found again: the one of its table, on its page, that holds its value, after
the cell naming its area (right of it in its row, or below it in its column), a cell given to one target only.

Why a second reading: a numeric cell of a scan is read again on its own (extractors/cell_ocr.py), so its print is
read twice, by the page's OCR and by the cell's. Where both give a well-formed rate with the same decimals and the
rates differ, one of them is a misread, whatever the confidences say: on the corpus's harsh and fax scans the three
misread values (`20,6` for `50,6`, `9,40` for `5,40`, `9,15` for `5,15`) were read at 0.82-0.96, and the page's
words held the right rate in each. A word half-read (`17,`, `211` without its comma, `7,B6`) is no reading.

  code                 severity  what it finds
  cell_read_two_ways   warning   a table target whose cell the page's words read as another rate
"""
from __future__ import annotations

from dataclasses import dataclass

from kehoach.extractors.target_tables import rate_text
from kehoach.normalizers.cross_checks import described, half_unit, printed_decimals, printed_rate
from kehoach.normalizers.numbers import decimals_of, parse_number
from kehoach.records import BBox, Cell, Issue, Page, Table, Target, Word
from kehoach.text_folding import squeeze


def cell_page(table: Table, cell: Cell) -> int:
    return table.row_pages[cell.row] if cell.row < len(table.row_pages) else table.page


@dataclass(frozen=True)
class ReadCell:
    """A table cell as the placing needs it, worked out once a table: its page, number as a rate, the decimals
    it prints and its squeezed text."""

    cell: Cell
    page: int
    number: float | None
    decimals: int | None
    key: str


def read_cells(table: Table) -> list[ReadCell]:
    return [ReadCell(cell, cell_page(table, cell), parse_number(number), decimals_of(number), squeeze(cell.text))
            for cell in table.cells for number in [rate_text(cell.text)]]


def table_target_cell(target: Target, cells: list[ReadCell], taken: set[tuple[int, int]]) -> Cell | None:
    """The cell of the target's table, on its page, holding its value; never one another target took. Of several,
    the one after a cell naming its area (a row's number `12` before its name is not its rate `12,0`), printed
    with the target's decimals."""
    half = half_unit(printed_decimals(target))
    found = [read for read in cells if read.page == target.page and read.number is not None
             and abs(read.number - target.value) < half and (read.cell.row, read.cell.col) not in taken]
    area = squeeze(target.area_name_raw)
    named = [read.cell for read in cells if area and read.key == area]

    def rank(read: ReadCell) -> tuple[bool, bool]:
        cell = read.cell
        after = any((cell.row == name.row and cell.col > name.col) or (cell.col == name.col and cell.row > name.row)
                    for name in named)
        return not after, target.decimals is not None and read.decimals != target.decimals

    return min(found, key=rank).cell if found else None


def target_cells(targets: list[Target], tables: list[Table]) -> list[Cell | None]:
    """Each target's cell (None for a prose target, an empty value, or a value no cell holds), in order."""
    taken: dict[int, set[tuple[int, int]]] = {}
    cells: dict[int, list[ReadCell]] = {}
    found = []
    for target in targets:
        cell = None
        if target.value is not None and target.table is not None and target.table < len(tables):
            if target.table not in cells:
                cells[target.table] = read_cells(tables[target.table])
            cell = table_target_cell(target, cells[target.table], taken.setdefault(target.table, set()))
            if cell is not None:
                taken[target.table].add((cell.row, cell.col))
        found.append(cell)
    return found


def words_inside(box: BBox, words: list[Word]) -> str:
    """The page's words whose centre lies in `box`, in reading order."""
    return " ".join(word.text for word in words
                    if box.x0 <= (word.bbox.x0 + word.bbox.x1) / 2 <= box.x1
                    and box.top <= (word.bbox.top + word.bbox.bottom) / 2 <= box.bottom)


def other_reading(target: Target, cell: Cell, words: list[Word]) -> str:
    """The rate the page's words print in the target's cell (`5,40%`), where it is well formed, has the target's
    decimals and differs from the target's value; else empty."""
    printed = rate_text(words_inside(cell.bbox, words))
    number = parse_number(printed)
    if number is None or number > 100 or target.decimals is None or decimals_of(printed) != target.decimals:
        return ""
    return printed_rate(number, target.decimals) if abs(number - target.value) >= half_unit(target.decimals) else ""


def check_cell_readings(targets: list[Target], pages: list[Page], tables: list[Table]) -> list[Issue]:
    """cell_read_two_ways: a table target whose cell the page's own words read as another rate."""
    words = {page.number: page.words for page in pages}
    issues = []
    for target, cell in zip(targets, target_cells(targets, tables)):
        if cell is not None and (other := other_reading(target, cell, words.get(target.page, []))):
            issues.append(Issue(
                "warning", "cell_read_two_ways",
                f"{described(target)}: the cell was read as {printed_rate(target.value, printed_decimals(target))} "
                f"on page {target.page}, and the page's words there read {other}: one of the two is a misread; check "
                "it against the scan.", target.page))
    return issues
