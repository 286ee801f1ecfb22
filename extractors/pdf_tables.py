"""Tables on born-digital pages: ruled grids by pdfplumber's line finder, the rest from horizontal rules.

Takes a pdfplumber page and the page's words; gives `Table`s (cells with spans, text, boxes in points). A table
with a full grid is found by pdfplumber's `lines` strategy; a table ruled with horizontal lines only (or whose
verticals are missing) is found from its horizontal rules and its words' alignment (`open_tables`).
"""
from __future__ import annotations

from kehoach.extractors.open_tables import HorizontalRule, open_table_cells, text_size
from kehoach.extractors.table_cells import table_from_rectangles
from kehoach.records import BBox, Table, Word

FINDER_SETTINGS = {"vertical_strategy": "lines", "horizontal_strategy": "lines"}
THIN = 0.3  # × text size: a filled rectangle no taller than this is drawn as a rule, a taller one is shading


def horizontal_rules(page, size: float) -> list[HorizontalRule]:
    """The page's horizontal strokes: lines, and rectangles thin enough to be rules (a shaded cell's fill is
    not one)."""
    strokes = [item for item in page.lines + page.rects if item["bottom"] - item["top"] <= THIN * size
               and item["x1"] - item["x0"] > item["bottom"] - item["top"]]
    return [HorizontalRule(s["x0"], s["x1"], (s["top"] + s["bottom"]) / 2) for s in strokes]


def _within(inner: Table, outer: Table) -> bool:
    tolerance = 1.0  # points: a rule's own thickness
    return (outer.bbox.x0 - tolerance <= inner.bbox.x0 and inner.bbox.x1 <= outer.bbox.x1 + tolerance
            and outer.bbox.top - tolerance <= inner.bbox.top and inner.bbox.bottom <= outer.bbox.bottom + tolerance)


def find_tables_in_pdf_page(page, words: list[Word], number: int) -> list[Table]:
    """Grids first; a table from the horizontal rules that a grid holds is the grid's table again, and a grid
    that a table from the rules holds is only part of it (a shaded header's cells), so the larger one stays."""
    grids = [table for found in page.find_tables(FINDER_SETTINGS)
             if (table := table_from_rectangles([BBox(*cell) for cell in found.cells], words, number)) is not None]
    ruled = [table for rectangles in open_table_cells(horizontal_rules(page, text_size(words)), words)
             if (table := table_from_rectangles(rectangles, words, number)) is not None]
    ruled = [table for table in ruled if not any(_within(table, grid) for grid in grids)]
    grids = [grid for grid in grids if not any(_within(grid, table) for table in ruled)]
    return sorted(grids + ruled, key=lambda t: t.bbox.top)
