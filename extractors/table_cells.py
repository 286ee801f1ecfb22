"""Cells from a table's ruling: cell rectangles → grid positions with row and column spans, and text.

Takes the rectangles of a table's cells (from pdfplumber on a born-digital page, or from the ruling lines
found on a scan) and the page's words; gives a `Table` whose cells know their row, column and spans on the
grid made by all the rectangles' edges, with the words that stand inside each cell as its text (lines kept).
Both table finders end here, so a table is the same record whichever way it was found.
"""
from __future__ import annotations

import re
from bisect import bisect_left

from kehoach.extractors.reading_order import assign_lines, compose_text
from kehoach.records import BBox, Cell, Table, Word

EDGE_TOLERANCE = 3.0  # points: edges closer than this are one grid line
# A word of marks only: what a rule's remnant, a speck or a seal's dot reads as (`ˆ`, `¬`, `“`, `=~`)
NOISE = re.compile(r"^[—–\-_|.,:;'`~^ˆ¬\"“”‘’«»=*•°]+$")
NOISE_CONFIDENCE = 0.9  # punctuation-only OCR words below this are dropped; text-layer words are 1.0


def grid_lines(values: list[float]) -> list[float]:
    lines: list[float] = []
    for value in sorted(values):
        if not lines or value - lines[-1] > EDGE_TOLERANCE:
            lines.append(value)
    return lines


def _index(lines: list[float], value: float) -> int:
    position = bisect_left(lines, value - EDGE_TOLERANCE)
    return min(position, len(lines) - 1)


def table_from_rectangles(rectangles: list[BBox], words: list[Word], page: int) -> Table | None:
    if len(rectangles) < 2:
        return None
    xs = grid_lines([r.x0 for r in rectangles] + [r.x1 for r in rectangles])
    ys = grid_lines([r.top for r in rectangles] + [r.bottom for r in rectangles])
    if len(xs) < 3 or len(ys) < 3:
        return None
    cells = []
    inside: dict[int, list[Word]] = {index: [] for index in range(len(rectangles))}
    for word in words:
        if NOISE.match(word.text) and word.confidence < NOISE_CONFIDENCE:
            continue  # a rule's remnant read as a dash or dot inside the cell
        cx, cy = (word.bbox.x0 + word.bbox.x1) / 2, (word.bbox.top + word.bbox.bottom) / 2
        for index, r in enumerate(rectangles):
            if r.x0 <= cx <= r.x1 and r.top <= cy <= r.bottom:
                inside[index].append(word)
                break
    for index, r in enumerate(rectangles):
        row, col = _index(ys, r.top), _index(xs, r.x0)
        row_span = max(1, _index(ys, r.bottom) - row)
        col_span = max(1, _index(xs, r.x1) - col)
        contained = inside[index]
        confidence = min((w.confidence for w in contained), default=1.0)
        cells.append(Cell(row=row, col=col, text=compose_text(assign_lines(contained)), bbox=r, row_span=row_span,
                          col_span=col_span, confidence=confidence))
    cells.sort(key=lambda cell: (cell.row, cell.col))
    bbox = BBox(xs[0], ys[0], xs[-1], ys[-1])
    return Table(page=page, bbox=bbox, n_rows=len(ys) - 1, n_cols=len(xs) - 1, cells=cells, pages=[page],
                 row_pages=[page] * (len(ys) - 1))
