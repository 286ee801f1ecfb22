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
GRIDDED = 0.5  # share of a table from the rules that grids must fill for the grids to be the tables
THIN = 0.3  # × text size: a filled rectangle no taller than this is drawn as a rule, a taller one is shading


def horizontal_rules(page, size: float) -> list[HorizontalRule]:
    """The page's horizontal strokes: lines, and rectangles thin enough to be rules (a shaded cell's fill is
    not one)."""
    strokes = [item for item in page.lines + page.rects if item["bottom"] - item["top"] <= THIN * size
               and item["x1"] - item["x0"] > item["bottom"] - item["top"]]
    return [HorizontalRule(s["x0"], s["x1"], (s["top"] + s["bottom"]) / 2) for s in strokes]


def _height_within(inner: Table, outer: Table) -> float:
    """How much of `inner`'s height stands inside `outer` (0 when it stands beside it)."""
    tolerance = 1.0  # points: a rule's own thickness
    if inner.bbox.x0 < outer.bbox.x0 - tolerance or inner.bbox.x1 > outer.bbox.x1 + tolerance:
        return 0.0
    return max(0.0, min(inner.bbox.bottom, outer.bbox.bottom) - max(inner.bbox.top, outer.bbox.top))


def find_tables_in_pdf_page(page, words: list[Word], number: int) -> list[Table]:
    """Grids, and tables from the horizontal rules. Where grids fill most of a table from the rules, that table
    was the grids' (or a caption between them read as a row) and the grids stay; where a grid holds only a
    small part of it (a shaded header's cells), the table from the rules stays and the grid goes."""
    grids = [table for found in page.find_tables(FINDER_SETTINGS)
             if (table := table_from_rectangles([BBox(*cell) for cell in found.cells], words, number)) is not None]
    ruled = [table for rectangles in open_table_cells(horizontal_rules(page, text_size(words)), words)
             if (table := table_from_rectangles(rectangles, words, number)) is not None]
    kept = []
    for table in ruled:
        inside = [grid for grid in grids if _height_within(grid, table) > 0]
        if sum(_height_within(grid, table) for grid in inside) < GRIDDED * (table.bbox.bottom - table.bbox.top):
            kept.append(table)
            grids = [grid for grid in grids if grid not in inside]
    return sorted(grids + kept, key=lambda t: t.bbox.top)
