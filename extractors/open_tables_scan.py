"""Tables ruled with horizontal lines only on a page image: the rule mask and the ink → cell rectangles.

Takes the mask of a scanned page's horizontal rules, the page image with its rules erased, its dpi, and the
cell rectangles of the grids already found there; gives one list of cell rectangles (points) per table that
has horizontal rules but no (or too few) vertical ones, by `open_tables.open_table_cells`. On a scan the words
are not read yet when the tables are sought (cells are read one by one afterwards), so the words here are the
ink's blobs: the page's marks joined across the gaps between letters, not across a word space, which is all
the column finder asks of a word (where it stands). Ink is judged against the page's own levels (Otsu), and
every size is a share of the letters' own height.
"""
from __future__ import annotations

from dataclasses import replace

import cv2
import numpy as np

from kehoach.extractors.open_tables import HorizontalRule, open_table_cells
from kehoach.extractors.reading_order import assign_lines
from kehoach.records import BBox, Word

POINTS_PER_INCH = 72.0
LETTER_GAP = 0.25  # × letter height: marks closer than this are one word (a word space is about half of it)
ACCENT_GAP = 0.3  # × letter height: a mark this close above or below a letter belongs to it
SPECK_POINTS = 1.0  # a mark smaller than this either way is a speck of the scan (a full stop is about this size)
SPECK = 0.4  # × the usual blob's height: blobs lower than this are specks or what is left of a rule, not words


def horizontal_rules(mask: np.ndarray, dpi: int) -> list[HorizontalRule]:
    """Each piece of the horizontal rule mask as a rule in points."""
    scale = POINTS_PER_INCH / dpi
    count, _, stats, _ = cv2.connectedComponentsWithStats(mask, connectivity=8)
    return [HorizontalRule(float(x * scale), float((x + w) * scale), float((y + h / 2) * scale)) for x, y, w, h, _ in stats[1:count]]


def ink_words(image: np.ndarray, top: int, dpi: int) -> list[Word]:
    """The ink of a strip of the page (its first row at pixel `top`) as word-sized blobs, boxes in points, lines
    numbered by vertical overlap."""
    ink = cv2.threshold(image, 0, 255, cv2.THRESH_BINARY_INV | cv2.THRESH_OTSU)[1]
    count, labels, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    least = SPECK_POINTS * dpi / POINTS_PER_INCH
    marks = (stats[:, cv2.CC_STAT_HEIGHT] >= least) | (stats[:, cv2.CC_STAT_WIDTH] >= least)
    marks[0] = False
    if not marks.any():
        return []
    letter = float(np.median(stats[marks, cv2.CC_STAT_HEIGHT]))
    ink = np.where(marks[labels], 255, 0).astype(np.uint8)
    kernel = cv2.getStructuringElement(cv2.MORPH_RECT, (max(1, round(LETTER_GAP * letter)), max(1, round(ACCENT_GAP * letter))))
    count, _, stats, _ = cv2.connectedComponentsWithStats(cv2.dilate(ink, kernel), connectivity=8)
    scale = POINTS_PER_INCH / dpi
    grow_x, grow_y = kernel.shape[1] // 2, kernel.shape[0] // 2
    blobs = [(x + grow_x, y + grow_y, x + w - grow_x, y + h - grow_y) for x, y, w, h, _ in stats[1:count]]
    usual = float(np.median([y1 - y0 for _, y0, _, y1 in blobs])) if blobs else 0.0
    words = assign_lines([Word("", BBox(float(x0 * scale), float((top + y0) * scale), float(x1 * scale),
                                        float((top + y1) * scale)), 1.0, 0)
                          for x0, y0, x1, y1 in blobs if y1 - y0 >= SPECK * usual])
    return _line_high(words)


def _line_high(words: list[Word]) -> list[Word]:
    """Each blob as tall as its line's ink, as a text layer's words are as tall as their font: blobs of short
    letters (`nam`, `ve`) are lower than the text size the column finder's tolerances are shares of."""
    spans: dict[int, tuple[float, float]] = {}
    for word in words:
        top, bottom = spans.get(word.line, (word.bbox.top, word.bbox.bottom))
        spans[word.line] = (min(top, word.bbox.top), max(bottom, word.bbox.bottom))
    return [replace(word, bbox=replace(word.bbox, top=spans[word.line][0], bottom=spans[word.line][1]))
            for word in words]


def _covered(rule: HorizontalRule, box: BBox) -> bool:
    return box.x0 - 1 <= rule.x0 and rule.x1 <= box.x1 + 1 and box.top - 1 <= rule.y <= box.bottom + 1


def open_rectangles(horizontal: np.ndarray, page: np.ndarray, dpi: int, grids: list[list[BBox]]) -> list[list[BBox]]:
    """Cell rectangles of the tables the page's horizontal rules outside its grids make, with the words of the
    ink between the first and the last of those rules."""
    boxes = [BBox(min(r.x0 for r in grid), min(r.top for r in grid), max(r.x1 for r in grid), max(r.bottom for r in grid))
             for grid in grids]
    rules = [rule for rule in horizontal_rules(horizontal, dpi) if not any(_covered(rule, box) for box in boxes)]
    if len(rules) < 3:
        return []
    pixels = dpi / POINTS_PER_INCH
    top, bottom = int(min(r.y for r in rules) * pixels), int(max(r.y for r in rules) * pixels) + 1
    return open_table_cells(rules, ink_words(page[top:bottom], top, dpi))
