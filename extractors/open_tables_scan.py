"""Tables ruled with horizontal lines only on a page image: the rule mask and the ink → cell rectangles.

Takes the mask of a scanned page's horizontal rules, the page image with its rules erased, its dpi, and the
cell rectangles of the grids already found there; gives one list of cell rectangles (points) per table that
has horizontal rules but no (or too few) vertical ones, by `open_tables.open_table_cells`. On a scan the words
are not read yet when the tables are sought (cells are read one by one afterwards), so the words here come
from the ink's projections: between each two rules, the runs of columns holding ink (joined over the white
between letters) cut into their runs of rows are its words and cells' lines. That is all the column finder
asks of a word (where it stands), and it needs no guess of the letters' size. Ink is judged against the
strip's own levels (Otsu), after specks smaller than a full stop are dropped.
"""
from __future__ import annotations

from dataclasses import replace

import cv2
import numpy as np

from kehoach.extractors.open_tables import HorizontalRule, open_table_cells, runs
from kehoach.extractors.reading_order import assign_lines
from kehoach.records import BBox, Word

POINTS_PER_INCH = 72.0
SPECK_POINTS = 1.0  # a mark smaller than this either way is a speck of the scan (a full stop is about this size)
RULE_MARGIN_POINTS = 1.5  # beside a rule, what the rule finder left of it, not text
LETTER_GAP_POINTS = 1.0  # ink closer than this along a line is one word (letters stand closer, words a space apart)
SAME_BAND = 2.0  # points: rules closer than this bound the same band


def horizontal_rules(mask: np.ndarray, dpi: int) -> list[HorizontalRule]:
    """Each piece of the horizontal rule mask as a rule in points (found on a copy a quarter the size: a rule's
    place is wanted to a point)."""
    height, width = mask.shape
    small = cv2.resize(mask[:height - height % 4, :width - width % 4], (width // 4, height // 4),
                       interpolation=cv2.INTER_AREA)
    scale = 4 * POINTS_PER_INCH / dpi
    count, _, stats, _ = cv2.connectedComponentsWithStats((small > 0).astype(np.uint8), connectivity=8)
    return [HorizontalRule(float(x * scale), float((x + w) * scale), float((y + h / 2) * scale))
            for x, y, w, h, _ in stats[1:count]]


def _closed(flags: np.ndarray, gap: int) -> np.ndarray:
    """The flags with runs of False shorter than `gap` between two Trues set."""
    closed = flags.copy()
    for start, end in runs(~flags):
        if 0 < start and end < len(flags) and end - start < gap:
            closed[start:end] = True
    return closed


def ink_of(image: np.ndarray, dpi: int) -> np.ndarray:
    """Ink (True) of a strip of the page by the strip's own levels, without specks."""
    ink = cv2.threshold(image, 0, 255, cv2.THRESH_BINARY_INV | cv2.THRESH_OTSU)[1]
    count, labels, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    least = SPECK_POINTS * dpi / POINTS_PER_INCH
    marks = (stats[:, cv2.CC_STAT_HEIGHT] >= least) | (stats[:, cv2.CC_STAT_WIDTH] >= least)
    marks[0] = False
    return marks[labels]


def _pieces(ink: np.ndarray, start: int, end: int, gap: int) -> list[tuple[int, int, int, int]]:
    """(x0, top, x1, bottom) in pixels of each piece of ink between rows `start` and `end`: the runs of columns
    holding ink (joined over gaps narrower than `gap`, the white between letters), each cut into its lines
    (runs of rows holding ink), each line as wide as its own ink."""
    band = ink[start:end]
    pieces = []
    for x0, x1 in runs(_closed(band.any(axis=0), gap)):
        for top, bottom in runs(band[:, x0:x1].any(axis=1)):
            columns = np.flatnonzero(band[top:bottom, x0:x1].any(axis=0))
            pieces.append((x0 + int(columns[0]), start + top, x0 + int(columns[-1]) + 1, start + bottom))
    return pieces


def ink_words(page: np.ndarray, rules: list[HorizontalRule], dpi: int) -> list[Word]:
    """The words of the ink in every band between consecutive rules, the rules' own edges left out: each run of
    columns holding ink, cut into its lines, is a word or a cell's line of text (its lines are apart from
    those of the cells beside it, which may stand higher or lower), numbered in lines by vertical overlap."""
    pixels = dpi / POINTS_PER_INCH
    ys = sorted({rule.y for rule in rules})
    edges = [y for index, y in enumerate(ys) if index == 0 or y - ys[index - 1] > SAME_BAND]
    top, bottom = int(edges[0] * pixels), int(edges[-1] * pixels) + 1
    ink = ink_of(page[top:bottom], dpi)
    margin, gap = round(RULE_MARGIN_POINTS * pixels), max(1, round(LETTER_GAP_POINTS * pixels))
    scale = POINTS_PER_INCH / dpi
    return _line_high(assign_lines([Word("", BBox(x0 * scale, (top + y0) * scale, x1 * scale, (top + y1) * scale), 1.0, 0)
                                    for upper, lower in zip(edges, edges[1:])
                                    for x0, y0, x1, y1 in _pieces(ink, int(upper * pixels) + margin - top,
                                                                  int(lower * pixels) - margin - top, gap)]))


def _line_high(words: list[Word]) -> list[Word]:
    """Each word as tall as its line's ink (marks above to tails below), as a text layer's words are as tall
    as their type: the ink of `nam` alone is lower than the text size the column finder's tolerances are
    shares of."""
    spans: dict[int, tuple[float, float]] = {}
    for word in words:
        top, bottom = spans.get(word.line, (word.bbox.top, word.bbox.bottom))
        spans[word.line] = (min(top, word.bbox.top), max(bottom, word.bbox.bottom))
    return [replace(word, bbox=replace(word.bbox, top=spans[word.line][0], bottom=spans[word.line][1]))
            for word in words]


def _of_grid(rule: HorizontalRule, box: BBox) -> bool:
    """Whether a rule is one of a grid's (at its height, over part of its width): a grid whose last vertical
    the scan lost stops short of its rules' ends, and those rules are still its own."""
    return box.top - SAME_BAND <= rule.y <= box.bottom + SAME_BAND and rule.x0 < box.x1 and box.x0 < rule.x1


def _long_rules(rules: list[HorizontalRule], least: float) -> list[HorizontalRule]:
    """The rules at the heights whose pieces together span `least` points at least: underlines and signature
    lines are shorter than a table, and a page with fewer than three such heights holds no table to read."""
    spans: dict[float, tuple[float, float]] = {}
    for rule in sorted(rules, key=lambda r: r.y):
        height = next((y for y in spans if abs(y - rule.y) <= SAME_BAND), rule.y)
        x0, x1 = spans.get(height, (rule.x0, rule.x1))
        spans[height] = (min(x0, rule.x0), max(x1, rule.x1))
    long = [y for y, (x0, x1) in spans.items() if x1 - x0 >= least]
    return [rule for rule in rules if any(abs(y - rule.y) <= SAME_BAND for y in long)] if len(long) >= 3 else []


def open_rectangles(horizontal: np.ndarray, page: np.ndarray, dpi: int, grids: list[list[BBox]],
                    least: float) -> list[list[BBox]]:
    """Cell rectangles of the tables the page's horizontal rules outside its grids make (rules `least` points
    long at least), with the words of the ink between those rules."""
    boxes = [BBox(min(r.x0 for r in grid), min(r.top for r in grid), max(r.x1 for r in grid), max(r.bottom for r in grid))
             for grid in grids]
    rules = _long_rules([rule for rule in horizontal_rules(horizontal, dpi)
                         if not any(_of_grid(rule, box) for box in boxes)], least)
    return open_table_cells(rules, ink_words(page, rules, dpi)) if rules else []
