"""Ruled tables on born-digital pages, by pdfplumber's line-based table finder.

Takes a pdfplumber page and the page's words; gives `Table`s (cells with spans, text, boxes in points).
"""
from __future__ import annotations

from kehoach.extractors.table_cells import table_from_rectangles
from kehoach.records import BBox, Table, Word

FINDER_SETTINGS = {"vertical_strategy": "lines", "horizontal_strategy": "lines"}


def find_tables_in_pdf_page(page, words: list[Word], number: int) -> list[Table]:
    tables = []
    for found in page.find_tables(FINDER_SETTINGS):
        rectangles = [BBox(*cell) for cell in found.cells]
        table = table_from_rectangles(rectangles, words, number)
        if table is not None:
            tables.append(table)
    return tables
