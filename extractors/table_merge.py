"""Join tables continued over pages into one, dropping the header a continuation repeats.

Takes every page's tables in page order; gives the document's tables, where a table that ends its page and one
that opens the next page (no title above it) whose columns stand where its own do became one table (its
`pages` and `row_pages` say where each part stands). Columns are matched by position, not by count: a
continuation may lack a column (an STT column left out) or print two as one, and its cells take the first
part's columns they stand under. A repeated header is recognised through OCR noise (a close match of its
rows' text, not an exact one). A row cut by the page break stays two rows here; the readers of task matrices
and target tables join such rows by their meaning.
"""
from __future__ import annotations

from dataclasses import replace

from rapidfuzz import fuzz

from kehoach.records import Cell, Page, Table
from kehoach.text_folding import fold

MAX_HEADER_ROWS = 3
MAX_WORDS_ABOVE_CONTINUATION = 4
SAME_HEADER = 85.0  # rapidfuzz ratio (0-100) of a row's folded text for it to repeat the first part's row
COLUMN_OVERLAP = 0.5  # share of the narrower column two columns must share to be one


def _row_text(table: Table, row: int) -> str:
    return " | ".join(fold(cell.text) for cell in sorted(table.cells, key=lambda c: c.col) if cell.row == row)


def _repeated_header_rows(first: Table, continuation: Table) -> int:
    count = 0
    while count < MAX_HEADER_ROWS and count < min(first.n_rows, continuation.n_rows):
        header, again = _row_text(first, count), _row_text(continuation, count)
        if not header.strip(" |") or fuzz.ratio(header, again) < SAME_HEADER:
            break
        count += 1
    return count


def _columns(table: Table) -> list[tuple[float, float]]:
    """x0 and x1 of each column, from the cells that span it alone (a merged cell's edges where none does)."""
    edges: list[tuple[float, float] | None] = [None] * table.n_cols
    for cell in sorted(table.cells, key=lambda c: c.col_span):
        if cell.col_span == 1 and edges[cell.col] is None:
            edges[cell.col] = (cell.bbox.x0, cell.bbox.x1)
    return [edge or (table.bbox.x0, table.bbox.x1) for edge in edges]


def _shared(a: tuple[float, float], b: tuple[float, float]) -> float:
    return max(0.0, min(a[1], b[1]) - max(a[0], b[0])) / max(1e-6, min(a[1] - a[0], b[1] - b[0]))


def column_map(first: Table, continuation: Table) -> list[int] | None:
    """For each column of the continuation, the first part's column it stands under (the one it shares most
    with), or None when some column stands under none, or the order is not kept."""
    if first.n_cols == continuation.n_cols:
        return list(range(first.n_cols))
    mine = _columns(first)
    mapping = []
    for column in _columns(continuation):
        best = max(range(len(mine)), key=lambda index: _shared(mine[index], column))
        if _shared(mine[best], column) < COLUMN_OVERLAP:
            return None
        mapping.append(best)
    return mapping if all(a < b for a, b in zip(mapping, mapping[1:])) else None


def _placed(cell: Cell, mapping: list[int], offset: int) -> Cell:
    last = cell.col + cell.col_span - 1
    return replace(cell, row=cell.row + offset, col=mapping[cell.col], col_span=mapping[last] - mapping[cell.col] + 1)


def _append(first: Table, continuation: Table, mapping: list[int]) -> Table:
    skip = _repeated_header_rows(first, continuation)
    offset = first.n_rows - skip
    cells = first.cells + [_placed(cell, mapping, offset) for cell in continuation.cells if cell.row >= skip]
    return replace(first, cells=cells, n_rows=first.n_rows + continuation.n_rows - skip,
                   pages=first.pages + continuation.pages, row_pages=first.row_pages + continuation.row_pages[skip:])


def _opens_page(page: Page, table: Table) -> bool:
    """Nothing but a page number or running header stands above the table: it continues, it has no title."""
    return sum(1 for word in page.words if word.bbox.bottom <= table.bbox.top) <= MAX_WORDS_ABOVE_CONTINUATION


def merge_tables(pages: list[Page]) -> list[Table]:
    merged: list[Table] = []
    for page in sorted(pages, key=lambda p: p.number):
        for index, table in enumerate(sorted(page.tables, key=lambda t: t.bbox.top)):
            last = merged[-1] if merged else None
            if (index == 0 and last is not None and last.pages[-1] == page.number - 1 and _opens_page(page, table)
                    and (mapping := column_map(last, table)) is not None):
                merged[-1] = _append(last, table, mapping)
            else:
                merged.append(table)
    return merged
