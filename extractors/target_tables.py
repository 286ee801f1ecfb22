"""Target tables → targets: one per area (row) × indicator × year (column group).

Takes a merged `Table` and the text printed above it (`title`: the section's lead-in, then the table's caption);
gives `Target`s with the area as printed (the area normaliser resolves it), `source="table"`, and the year and
where it came from. Column roles come from the header words through OCR noise and from the cells themselves
(`column_roles.py`), so the layouts plans use read alike:
  A       one year, indicators as columns (`Tỷ lệ tham gia BHXH (%)`, a `Trong đó BHXH tự nguyện` column)
  B       years as merged column groups (`Năm 2024` over `Số người TG | LLLĐ | Tỷ lệ`), one table per indicator
          or one rate per indicator
  D       one indicator per table, years as columns: the indicator is in the caption (`Biểu 1: TỶ LỆ THAM GIA
          BẢO HIỂM XÃ HỘI`), the header holds years alone
  E       `Thực hiện năm 2023 | Kế hoạch năm 2024` (`TH | KH`, `Ước thực hiện | Chỉ tiêu giao`): results are no
          targets, only the plan's column is read
The area column is the one headed `Đơn vị` / `Tên đơn vị` / `Địa phương` (an edit or two allowed), else the one
whose cells are names; STT, `Ghi chú` and change columns give nothing; a column-number row (`A | B | 1 | 2`) and a
unit row (`(%)`) are header; a row with no rate (a group row `I. Các huyện`) gives nothing. A table printing indicators as
rows and areas as columns is turned and read the same way. A rate column whose
header names none of the contract's indicators keeps a slug of its printed label (`ho_ngheo`).
Each column's year comes in layers, and the target says which gave it: the column's header, else the caption's
one year, else the section lead-in's (`Phấn đấu đến cuối năm 2025, ...`); the document's own year is the
caller's last layer. Each target keeps its table, whether its row is the table's total row, and the rate's
printed precision, for the cross-checks (normalizers/cross_checks.py).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace

from kehoach.extractors.column_roles import (
    NOTES_CUES, STT_CUES, any_cue, column_contents, indicators_named, is_change, is_executed, is_unit_header,
    is_year_label, measure_named,
)
from kehoach.extractors.reading_order import compose_text
from kehoach.extractors.task_matrix import clean, rows_of
from kehoach.normalizers.numbers import decimals_of, parse_count, parse_number
from kehoach.records import Cell, Page, Table, Target
from kehoach.text_folding import fold
from kehoach.vocab.gazetteer import total_row

YEAR = re.compile(r"(?<!\d)(?:19|20)\d{2}(?!\d)")
# A caption's citation of its plan (`(Kèm theo Kế hoạch số 12/KH-UBND ngày 30 tháng 3 năm 2023 ...)`) and dates
# name the year the plan was signed, not the targets' year.
CITATION = re.compile(r"\(\s*(?:ban\s+hành\s+)?kèm\s+theo[^)]*\)?", re.IGNORECASE | re.DOTALL)
DATE = re.compile(r"ngày\s+\d{1,2}\s*(?:tháng\s+\d{1,2}\s+năm\s+|[/.-]\s*\d{1,2}\s*[/.-]\s*)(?:19|20)\d{2}", re.IGNORECASE)
# A lead-in states the year a plan aims at: `Phấn đấu đến cuối năm 2025`, `chỉ tiêu năm 2024`, `trong năm 2025`.
AIMED_YEAR = re.compile(r"(?:phấn\s+đấu|đến|cuối|trong|chỉ\s+tiêu|giao)[^.;:\d]{0,40}?năm\s+((?:19|20)\d{2})(?!\d)",
                        re.IGNORECASE)
SENTENCE_END = (".", ":", ";")
MISREAD_COMMA = re.compile(r"(?<=\d)\s?[/;:]\s?(?=\d)")
# Words any target column's header may print beside its indicator: they name no indicator.
GENERIC_WORDS = {"nam", "ty", "ti", "le", "chi", "tieu", "ke", "hoach", "kh", "giao", "muc", "phan", "dau"}
TITLE_REACH = 0.3  # share of the page's height above a table searched for its caption and lead-in


@dataclass(frozen=True)
class Column:
    index: int
    indicator: str
    label: str  # the indicator as printed over the column (`Tỷ lệ tham gia BHXH (%)`)
    measure: str  # rate | participants | base_value
    base: str
    year: int | None
    year_from: str  # header | caption | lead-in | "" (the caller's layers)


@dataclass(frozen=True)
class Context:
    """What the text above a table says about it: the caption's indicator and year, the lead-in's year."""

    indicator: str = ""
    label: str = ""
    year: int | None = None
    year_from: str = ""


def without_citations(text: str) -> str:
    return DATE.sub(" ", CITATION.sub(" ", text))


def is_sentence(line: str) -> bool:
    """A line of prose closing a sentence; a heading in capitals is caption even with a stray dot OCR left."""
    letters = [ch for ch in line if ch.isalpha()]
    return line.endswith(SENTENCE_END) and sum(ch.islower() for ch in letters) > len(letters) / 2


def context_of(title: str) -> Context:
    """The caption is the lines after the lead-in's last sentence; its nearest line naming one indicator gives the
    indicator (a line naming several, `BHXH, BHYT, BHTN`, leaves it to the columns); its one year, the year (a
    range `2023 - 2025` leaves it to the columns). Failing a caption year, the lead-in's aimed year."""
    lines = [line.strip() for line in without_citations(title).splitlines() if line.strip()]
    cut = max((i + 1 for i, line in enumerate(lines) if is_sentence(line)), default=0)
    caption, lead_in = lines[cut:], lines[:cut]
    indicator = label = ""
    for line in reversed(caption):
        named = indicators_named(line)
        if named:
            indicator, label = (named[0], line) if len(named) == 1 else ("", "")
            break
    years = {int(y) for y in YEAR.findall(" ".join(caption))}
    if len(years) == 1:
        return Context(indicator, label, years.pop(), "caption")
    if not years:
        aimed = AIMED_YEAR.findall(" ".join(lead_in))
        if aimed:
            return Context(indicator, label, int(aimed[-1]), "lead-in")
    return Context(indicator, label)


def title_above(page: Page, table: Table) -> str:
    """The text printed above a table up to the table or the page part above it: the section's lead-in and the
    table's caption (appendix title, `Đơn vị tính: %`)."""
    tops = [t.bbox.bottom for t in page.tables if t.bbox.bottom <= table.bbox.top + 2 and t is not table
            and t.bbox != table.bbox]
    start = max(tops + [table.bbox.top - TITLE_REACH * page.height])
    words = [w for w in page.words if start - 2 <= w.bbox.top and w.bbox.bottom <= table.bbox.top + 2]
    return compose_text(words)


def is_numbering_row(cells: list[Cell]) -> bool:
    """A column-number row under the header (`A | B | 1 | 2 | 3` or `(1) | (2) | (3)`)."""
    texts = [clean(c.text).strip("()") for c in cells if c.text.strip()]
    numbers = [int(t) for t in texts if t.isdigit()]
    letters = [t for t in texts if len(t) == 1 and t.isalpha()]
    return len(numbers) >= 2 and len(numbers) + len(letters) == len(texts) and \
        numbers == list(range(numbers[0], numbers[0] + len(numbers)))


def header_depth(rows: list[list[Cell]]) -> int:
    """Rows before the first one whose cells beyond the first hold numbers that are not years (a header row of
    years alone, `2024 | 2025`, is header) and that is no column-number row."""
    for index, cells in enumerate(rows):
        values = [c for c in cells if c.col >= 1 and c.text.strip()]
        numbers = [c for c in values if parse_number(rate_text(c.text)) is not None and not is_year_label(clean(c.text))]
        if numbers and len(numbers) >= len(values) / 2 and not is_numbering_row(cells):
            return index
    return len(rows)


def header_over(table: Table, depth: int, col: int) -> list[Cell]:
    """The header cells over a column, top first."""
    return sorted((c for c in table.cells if c.row < depth and c.col <= col < c.col + c.col_span), key=lambda c: c.row)


def body_texts(table: Table, depth: int, col: int) -> list[str]:
    return [rate_text(c.text) for c in table.cells if c.col == col and c.row >= depth and c.col_span == 1]


def area_column(table: Table, depth: int) -> int | None:
    """The column headed as the unit column whose cells are not figures; failing a header, the column with the
    most names (not STT numbers, not the notes column)."""
    named = None
    best, most = None, 0
    for col in range(table.n_cols):
        header = " ".join(clean(c.text) for c in header_over(table, depth, col))
        contents = column_contents(body_texts(table, depth, col))
        if contents.holds_rates or contents.holds_counts:
            continue
        if named is None and any(is_unit_header(clean(c.text)) for c in header_over(table, depth, col)):
            named = col
        if contents.names > most and not any_cue(header, NOTES_CUES):
            best, most = col, contents.names
    return named if named is not None else best


def slug(label: str) -> str:
    """A stable name for an indicator the contract does not list: the folded words of its printed label, without
    its unit, year and the words every target column shares (`Tỷ lệ hộ nghèo (%)` → `ho_ngheo`)."""
    words = fold(YEAR.sub(" ", re.sub(r"\(.*?\)", " ", label))).split()
    return "_".join(word for word in words if word.isalpha() and word not in GENERIC_WORDS)


def label_of(cells: list[Cell]) -> str:
    """The printed label of an indicator no cue names: the lowest header cell saying more than a year, a measure
    or a plan mark."""
    return next((clean(cell.text) for cell in reversed(cells) if slug(clean(cell.text))), "")


def column_of(table: Table, depth: int, col: int, context: Context) -> Column | None:
    cells = header_over(table, depth, col)
    text = " ".join(clean(c.text) for c in cells)
    if any(is_executed(clean(c.text)) or is_change(clean(c.text)) for c in cells) or \
            any_cue(text, NOTES_CUES) or any(any_cue(clean(c.text), STT_CUES) for c in cells):
        return None
    # The lowest header cell naming a measure says it (`Năm 2023` over `LLL Đ`): a cell is matched whole.
    measure, base = next((named for c in reversed(cells) if (named := measure_named(clean(c.text)))[0]), ("", ""))
    contents = column_contents(body_texts(table, depth, col))
    if measure == "rate" and not contents.holds_rates and contents.filled:
        return None  # headed `%` but holding something else (a count misheaded, a notes column)
    if not measure and contents.holds_rates:
        measure = "rate"
    if not measure:
        return None
    indicator = label = ""
    for cell in reversed(cells):  # the lowest header cell naming one indicator says which
        named = indicators_named(clean(cell.text))
        if named:
            indicator, label = named[0], clean(cell.text)
            break
    if not indicator and context.indicator:
        indicator, label = context.indicator, context.label
    if not indicator and measure == "rate":
        label = label_of(cells)
        indicator = slug(label)
    if not indicator:
        return None
    years = [int(y) for c in cells for y in YEAR.findall(clean(c.text))]
    year, year_from = (years[-1], "header") if years else (context.year, context.year_from)
    return Column(col, indicator, label, measure, base, year, year_from)


def read_columns(table: Table, depth: int, title: str) -> tuple[int | None, list[Column]]:
    context = context_of(title)
    unit_column = area_column(table, depth)
    columns = [column for col in range(table.n_cols) if col != unit_column
               and (column := column_of(table, depth, col, context)) is not None]
    return unit_column, columns


def row_area(cells: list[Cell], unit_column: int) -> str:
    """The row's area as printed: its unit cell, else the cell spanning over it (a total row `Tổng cộng` often
    spans STT and unit), else its first cell."""
    for cell in cells:
        if cell.col <= unit_column < cell.col + cell.col_span and cell.text.strip():
            return clean(cell.text)
    return clean(cells[0].text) if cells else ""


def indicators_as_rows(table: Table) -> bool:
    """Indicators printed as rows and areas as columns: most rows name an indicator in their first two cells,
    and the header row's other cells are names, not figures."""
    rows = [sorted(row.cells.values(), key=lambda c: c.col) for row in rows_of(table)]
    if len(rows) < 2:
        return False
    labelled = sum(1 for cells in rows[1:] if any(indicators_named(clean(c.text)) for c in cells if c.col < 2))
    header = column_contents([clean(c.text) for c in rows[0] if c.col >= 1])
    return labelled >= max(1, (len(rows) - 1) / 2) and header.holds_names


def transposed(table: Table) -> Table:
    """The table turned so that its rows are columns: an indicators-as-rows table read as layout A."""
    cells = [replace(c, row=c.col, col=c.row, row_span=c.col_span, col_span=c.row_span) for c in table.cells]
    return replace(table, cells=cells, n_rows=table.n_cols, n_cols=table.n_rows, row_pages=[table.page] * table.n_cols)


def rate_text(printed: str) -> str:
    """A rate cell's number: it holds one, so a sign OCR read between its digits (`51/75`, `51;75`) can only be
    its decimal comma."""
    return MISREAD_COMMA.sub(",", clean(printed))


def targets_from_table(table: Table, title: str = "", number: int | None = None) -> list[Target]:
    """The table's targets; `number` is the table's index among the document's tables, kept on each target."""
    if indicators_as_rows(table):
        table = transposed(table)
    rows = [sorted(row.cells.values(), key=lambda c: c.col) for row in rows_of(table)]
    depth = header_depth(rows)
    unit_column, columns = read_columns(table, depth, title)
    if unit_column is None or not any(column.measure == "rate" for column in columns):
        return []
    bases = {(c.indicator, c.year): c.base for c in columns if c.base}
    targets = []
    for cells in rows[depth:]:
        by_col = {cell.col: cell for cell in cells}
        area = row_area(cells, unit_column)
        if not area or parse_number(area) is not None:
            continue
        groups: dict[tuple[str, int | None], dict[str, tuple[Column, Cell]]] = {}
        for column in columns:
            cell = by_col.get(column.index)
            if cell is not None and cell.text.strip():
                groups.setdefault((column.indicator, column.year), {})[column.measure] = (column, cell)
        for (indicator, year), measures in groups.items():
            if "rate" not in measures:
                continue
            column, rate = measures["rate"]
            value_text = rate_text(rate.text)
            if parse_number(value_text) is None:
                continue  # `-`, `x`: no target set for this area
            count, base = measures.get("participants", (None, None))[1], measures.get("base_value", (None, None))[1]
            row = rate.row
            targets.append(Target(
                area_name="", area_name_raw=area, area_level="", area_code="", province="", indicator=indicator,
                year=year, value=parse_number(value_text), decimals=decimals_of(value_text), unit="percent",
                participants=parse_count(clean(count.text)) if count else None,
                base=bases.get((indicator, year), ""),
                base_value=parse_count(clean(base.text)) if base else None, source="table",
                page=table.row_pages[row] if row < len(table.row_pages) else table.page,
                confidence=min(cell.confidence for _, cell in measures.values()),
                table=number, total_row=total_row(area) is not None,
                indicator_label=column.label, year_from=column.year_from if year else "",
            ))
    return targets
