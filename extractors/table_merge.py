"""Join tables continued over pages into one, dropping the header a continuation repeats.

Takes every page's tables in page order; gives the document's tables, where a table that ends its page
and one that opens the next page (no title above it) with the same number of columns became one table (its `pages` and
`row_pages` say where each part stands). A row cut by the page break stays two rows here; the readers of
task matrices and target tables join such rows by their meaning.
"""
from __future__ import annotations

from dataclasses import replace

from kehoach.records import Page, Table
from kehoach.text_folding import fold

MAX_HEADER_ROWS = 3
MAX_WORDS_ABOVE_CONTINUATION = 4


def _row_texts(table: Table, row: int) -> list[str]:
    return [fold(cell.text) for cell in table.cells if cell.row == row]


def _repeated_header_rows(first: Table, continuation: Table) -> int:
    count = 0
    while (count < MAX_HEADER_ROWS and count < continuation.n_rows
           and _row_texts(continuation, count) == _row_texts(first, count) and any(_row_texts(first, count))):
        count += 1
    return count


def _append(first: Table, continuation: Table) -> Table:
    skip = _repeated_header_rows(first, continuation)
    offset = first.n_rows - skip
    cells = first.cells + [replace(cell, row=cell.row + offset) for cell in continuation.cells if cell.row >= skip]
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
            if (index == 0 and last is not None and last.pages[-1] == page.number - 1
                    and last.n_cols == table.n_cols and _opens_page(page, table)):
                merged[-1] = _append(last, table)
            else:
                merged.append(table)
    return merged
