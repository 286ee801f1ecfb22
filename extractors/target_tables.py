"""Target tables → targets: one per area (row) × indicator × year (column group).

Takes a merged `Table` and the title printed above it; gives `Target`s with the area as printed (the area
normaliser resolves it) and `source="table"`. The header is read column by column, from the text of every
header cell over the column (a `Năm 2023` cell spanning three columns gives its year to each):
  indicator  from the column's header (`Tỷ lệ tham gia BHXH (%)`, `Trong đó BHXH tự nguyện`, `BHYT`, `BHTN`),
             else from the table's title (`CHỈ TIÊU PHÁT TRIỂN NGƯỜI THAM GIA BHYT ...`)
  measure    the rate (`Tỷ lệ`, `%`), the head count (`Số người TG`), or the base (`LLLĐ` → labour force,
             `Dân số` → population)
  year       a four-digit year in the header; none → the caller's plan year
The unit column is the one headed `Đơn vị` / `Địa phương` / `Huyện` / `Xã`; a row whose unit cell is empty
takes the text of its first cell (a total row `Tổng cộng` often spans STT and unit). A table without a
unit column and at least one rate column is not a target table and gives nothing. Each target keeps which
table it came from, whether its row is the table's total row, and the rate's printed precision, so the
cross-checks (normalizers/cross_checks.py) can add a table's rows up and compare them with its total.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from kehoach.extractors.task_matrix import clean, rows_of
from kehoach.normalizers.numbers import decimals_of, parse_count, parse_number
from kehoach.extractors.reading_order import compose_text
from kehoach.records import Cell, Page, Table, Target
from kehoach.text_folding import fold, squeeze
from kehoach.vocab.gazetteer import total_row

INDICATOR_CUES = [  # most specific first; matched on the diacritic-free skeleton
    ("tu nguyen", "bhxh_voluntary_rate"), ("bat buoc", "bhxh_compulsory_rate"),
    ("that nghiep", "bhtn_rate"), ("bhtn", "bhtn_rate"), ("bhyt", "bhyt_rate"), ("y te", "bhyt_rate"),
    ("bhxh", "bhxh_rate"), ("xa hoi", "bhxh_rate"),
]
UNIT_CUES = ("don vi", "dia phuong", "huyen", "xa", "dia ban")
YEAR = re.compile(r"\b(19|20)\d{2}\b")
RATE_COLUMN = 0.6  # share of a column's values that must look like rates when its header does not say so


@dataclass(frozen=True)
class Column:
    index: int
    indicator: str
    measure: str  # rate | participants | base_value
    base: str
    year: int | None


def _indicator(text: str) -> str:
    words = fold(text)
    return next((key for cue, key in INDICATOR_CUES if cue in words), "")


def _measure(text: str) -> tuple[str, str]:
    words, squeezed = fold(text), squeeze(text)
    if "llld" in squeezed or "luc luong lao dong" in words:
        return "base_value", "labor_force"
    if "dan so" in words:
        return "base_value", "population"
    if "so nguoi" in words or squeezed.endswith("tg"):
        return "participants", ""
    if "ty le" in words or "tyle" in squeezed or "%" in text:
        return "rate", ""
    return "", ""


def holds_rates(table: Table, depth: int, col: int) -> bool:
    """The column's body is mostly numbers with a decimal comma between 0 and 100: rates, whatever OCR left
    of the header's `Tỷ lệ` and `(%)` (head counts and bases are whole numbers)."""
    texts = [clean(c.text) for c in table.cells if c.col == col and c.row >= depth and c.col_span == 1 and c.text.strip()]
    rates = [t for t in texts if "," in t and (value := parse_number(t)) is not None and 0 <= value <= 100]
    return bool(texts) and len(rates) >= RATE_COLUMN * len(texts)


def header_depth(rows: list[list[Cell]]) -> int:
    """Rows before the first one whose cells beyond the first two hold numbers."""
    for index, cells in enumerate(rows):
        values = [c for c in cells if c.col >= 2 and c.text.strip()]
        if values and sum(parse_number(clean(c.text)) is not None for c in values) >= len(values) / 2:
            return index
    return len(rows)


def read_columns(table: Table, depth: int, title: str) -> tuple[int | None, list[Column]]:
    header_cells = [cell for cell in table.cells if cell.row < depth]
    unit_column = None
    columns = []
    title_indicator = _indicator(title)
    for col in range(table.n_cols):
        over = [cell for cell in sorted(header_cells, key=lambda c: c.row)
                if cell.col <= col < cell.col + cell.col_span]
        text = " ".join(clean(cell.text) for cell in over)
        if unit_column is None and any(cue == fold(clean(cell.text)) or fold(clean(cell.text)).startswith(cue)
                                       for cell in over for cue in UNIT_CUES):
            unit_column = col
            continue
        measure, base = _measure(text)
        if not measure and holds_rates(table, depth, col):
            measure = "rate"
        if not measure:
            continue
        year = YEAR.search(text)
        indicator = _indicator(text) or title_indicator
        if indicator:
            columns.append(Column(col, indicator, measure, base, int(year.group()) if year else None))
    return unit_column, columns


def title_above(page: Page, table: Table, reach: float = 120.0) -> str:
    """The text printed just above a table (its appendix title), which may name the indicator."""
    words = [w for w in page.words if table.bbox.top - reach <= w.bbox.top and w.bbox.bottom <= table.bbox.top + 2]
    return compose_text(words)


def targets_from_table(table: Table, title: str = "", number: int | None = None) -> list[Target]:
    """The table's targets; `number` is the table's index among the document's tables, kept on each target."""
    rows = [sorted(row.cells.values(), key=lambda c: c.col) for row in rows_of(table)]
    depth = header_depth(rows)
    unit_column, columns = read_columns(table, depth, title)
    if unit_column is None or not any(column.measure == "rate" for column in columns):
        return []
    bases = {(c.indicator, c.year): c.base for c in columns if c.base}
    targets = []
    for cells in rows[depth:]:
        by_col = {cell.col: cell for cell in cells}
        unit_cell = by_col.get(unit_column)
        area = clean(unit_cell.text) if unit_cell and unit_cell.text.strip() else clean(cells[0].text) if cells else ""
        if not area or parse_number(area) is not None:
            continue
        groups: dict[tuple[str, int | None], dict[str, Cell]] = {}
        for column in columns:
            cell = by_col.get(column.index)
            if cell is not None and cell.text.strip():
                groups.setdefault((column.indicator, column.year), {})[column.measure] = cell
        for (indicator, year), measures in groups.items():
            if "rate" not in measures:
                continue
            rate = measures["rate"]
            count, base = measures.get("participants"), measures.get("base_value")
            row = rate.row
            targets.append(Target(
                area_name="", area_name_raw=area, area_level="", area_code="", province="", indicator=indicator,
                year=year, value=parse_number(clean(rate.text)), decimals=decimals_of(clean(rate.text)), unit="percent",
                participants=parse_count(clean(count.text)) if count else None,
                base=bases.get((indicator, year), ""),
                base_value=parse_count(clean(base.text)) if base else None, source="table",
                page=table.row_pages[row] if row < len(table.row_pages) else table.page,
                confidence=min(cell.confidence for cell in measures.values()),
                table=number, total_row=total_row(area) is not None,
            ))
    return targets
