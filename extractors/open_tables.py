"""Tables ruled with horizontal lines only: rules and words → cell rectangles.

Takes the horizontal rules of a page (segments in points, from pdfplumber on a born-digital page or from the
rule mask of a scan) and the words standing on it (text-layer words, or runs of ink on a scan: `open_tables_scan`); gives one list
of cell rectangles (points) per table, for `table_cells.table_from_rectangles`, as the full-grid finders do.

Many plans print tables with horizontal rules only, or the scan breaks their vertical rules, so nothing closes
a grid. Here the rows are the ruled bands (a cell holding several lines of text stays one cell); the columns
are the gaps in the words' x-coverage that most bands share, so a header or section row whose text crosses a
gap neither hides the gap nor is cut by it: it becomes one cell spanning those columns. A rule drawn under
part of the width (beneath `Năm 2024` over its two columns) splits only the columns it underlines, so the
cells beside it span both bands. Consecutive rules belong to one table while the band between them reads as
a row: text that stands outside the rules' width, or text with much more white around it than the table's
rows have, is a paragraph or caption between two tables. Every tolerance is a share of the page's text size.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from math import ceil, floor
from statistics import median

import numpy as np

from kehoach.records import BBox, Word

SAME_RULE = 0.3  # × text size: segments this close in y are one rule (drawn cell by cell, or broken by the scan)
MIN_RULE = 4.0  # × text size: shorter rules underline words, they do not rule tables
ROW_SLACK = 0.8  # × text size: white around a band's text beyond its table's usual padding by this: a caption
EMPTY_ROW = 2.0  # × text size: an empty band taller than this is no row
COLUMN_GAP = 0.4  # × text size: the least white between two columns (a word space is about a quarter)
UNDERLINES = 0.5  # share of a column's width a rule must cover to close its cells there
MIN_CELLS = 3  # blocks of text a band holds to show the columns (a section row holds its number and title)
CROSSING = 3  # one in this many of those bands may cross a column gap (a long name, an unusual row)
FULL_RULE = 0.9  # share of the table's width a rule under its whole header row spans
STEP = 0.5  # points: resolution of the x-coverage profile


@dataclass(frozen=True)
class HorizontalRule:
    """A horizontal rule or a piece of one, in points."""

    x0: float
    x1: float
    y: float


def text_size(words: list[Word]) -> float:
    """The page's usual word height in points, what every tolerance here is a share of: the height that half
    the words' width stands at or under (counted by width, the specks and broken letters of a scan, many but
    narrow, do not pull it down)."""
    boxes = sorted((w.bbox.bottom - w.bbox.top, w.bbox.x1 - w.bbox.x0) for w in words if w.bbox.bottom > w.bbox.top)
    half, total = sum(width for _, width in boxes) / 2, 0.0
    for height, width in boxes:
        total += width
        if total >= half:
            return height
    return 10.0


def joined_rules(segments: list[HorizontalRule], size: float) -> list[HorizontalRule]:
    """Segments at one height as one rule, over the gaps between them (a rule drawn cell by cell, or broken by a
    faint scan); rules shorter than a few words dropped."""
    rules: list[HorizontalRule] = []
    for segment in sorted(segments, key=lambda s: (s.y, s.x0)):
        for index, rule in enumerate(rules):
            if abs(rule.y - segment.y) <= SAME_RULE * size:
                rules[index] = HorizontalRule(min(rule.x0, segment.x0), max(rule.x1, segment.x1), rule.y)
                break
        else:
            rules.append(segment)
    return sorted((r for r in rules if r.x1 - r.x0 >= MIN_RULE * size), key=lambda r: r.y)


def _centre(word: Word) -> tuple[float, float]:
    return (word.bbox.x0 + word.bbox.x1) / 2, (word.bbox.top + word.bbox.bottom) / 2


def _in_band(words: list[Word], top: float, bottom: float) -> list[Word]:
    return [w for w in words if top < _centre(w)[1] < bottom]


def _may_be_row(band: list[Word], top: float, bottom: float, x0: float, x1: float, size: float) -> bool:
    """Whether the band between two rules may be a table row: its text stays within the rules' width (a
    paragraph between two tables runs wider), and an empty band is no taller than a row."""
    if not band:
        return bottom - top <= EMPTY_ROW * size
    return all(x0 - size <= _centre(w)[0] <= x1 + size for w in band)


def _slack(band: list[Word], top: float, bottom: float) -> float | None:
    """White above and below the band's text (None: no text)."""
    if not band:
        return None
    return (bottom - top) - (max(w.bbox.bottom for w in band) - min(w.bbox.top for w in band))


def _overlaps(rule: HorizontalRule, x0: float, x1: float) -> bool:
    return min(rule.x1, x1) - max(rule.x0, x0) > UNDERLINES * min(rule.x1 - rule.x0, x1 - x0)


def _split_at_captions(group: list[HorizontalRule], words: list[Word], size: float) -> list[list[HorizontalRule]]:
    """A group of rules cut where a band's text leaves much more white around it than the group's rows do
    (their padding is the table's own): a caption between two tables, not a row."""
    slacks = [_slack(_in_band(words, a.y, b.y), a.y, b.y) for a, b in zip(group, group[1:])]
    usual = median([slack for slack in slacks if slack is not None] or [0.0])
    parts = [[group[0]]]
    for rule, slack in zip(group[1:], slacks):
        if slack is not None and slack > usual + ROW_SLACK * size:
            parts.append([rule])
        else:
            parts[-1].append(rule)
    return parts


def table_rules(rules: list[HorizontalRule], words: list[Word], size: float) -> list[list[HorizontalRule]]:
    """The rules grouped into tables: each next rule under the table's width, below a band that may be a row;
    then cut at captions."""
    groups: list[list[HorizontalRule]] = []
    for rule in rules:
        current = groups[-1] if groups else None
        if current is not None:
            x0, x1 = min(r.x0 for r in current), max(r.x1 for r in current)
            top = current[-1].y
            if (_overlaps(rule, x0, x1) and rule.y - top > SAME_RULE * size
                    and _may_be_row(_in_band(words, top, rule.y), top, rule.y, x0, x1, size)):
                current.append(rule)
                continue
        groups.append([rule])
    return [part for group in groups for part in _split_at_captions(group, words, size) if len(part) >= 3]


def runs(flags) -> list[tuple[int, int]]:
    """(start, end) of each run of True in a sequence of flags."""
    edges = np.flatnonzero(np.diff(np.concatenate(([0], np.asarray(flags, dtype=np.int8), [0]))))
    return list(zip(edges[::2].tolist(), edges[1::2].tolist()))


def _coverage(bands: list[list[Word]], x0: float, cells: int) -> list[int]:
    """For each step of x from x0, how many bands' words cover it."""
    covered = [0] * cells
    for band in bands:
        hit = [False] * cells
        for word in band:
            for index in range(max(0, ceil((word.bbox.x0 - x0) / STEP)), min(cells, floor((word.bbox.x1 - x0) / STEP) + 1)):
                hit[index] = True
        for index, flag in enumerate(hit):
            covered[index] += flag
    return covered


def _phrases(band: list[Word], gap: float) -> list[tuple[float, float]]:
    """The band's runs of text along x: its words joined over gaps narrower than `gap`, lines kept apart."""
    phrases: list[tuple[float, float]] = []
    for line in sorted({w.line for w in band}):
        for word in sorted((w for w in band if w.line == line), key=lambda w: w.bbox.x0):
            if phrases and phrases[-1][2] == line and word.bbox.x0 - phrases[-1][1] < gap:
                phrases[-1] = (phrases[-1][0], max(phrases[-1][1], word.bbox.x1), line)
            else:
                phrases.append((word.bbox.x0, word.bbox.x1, line))
    return [(x0, x1) for x0, x1, _ in phrases]


def _blocks(band: list[Word], gap: float) -> int:
    """How many blocks of text a band holds along x: its words joined over gaps narrower than `gap`."""
    count, reach = 0, float("-inf")
    for word in sorted(band, key=lambda w: w.bbox.x0):
        if word.bbox.x0 - reach >= gap:
            count += 1
        reach = max(reach, word.bbox.x1)
    return count


def _column_bounds(bands: list[list[Word]], headers: int, x0: float, x1: float, size: float) -> list[float]:
    """x of the column boundaries, the table's edges first and last. The columns are the body's: the bands
    under the `headers` header bands that hold several blocks of text (a section title or group row, one
    block beside its number, spans the columns it crosses). Each run of x, a column gap wide at least, that all
    but a few of those bands' words leave white holds one boundary, placed by `_boundary` with the header's
    text too. A run at the table's edge holds one only where white that no band's words cover parts
    text in it from the body: a column holding text in its header only, like an empty `Ghi chú`."""
    cells = max(1, int((x1 - x0) / STEP))
    body = [band for band in bands[headers:] if band] or [band for band in bands if band]
    body = [band for band in body if _blocks(band, COLUMN_GAP * size) >= MIN_CELLS] or body
    covered = _coverage(body, x0, cells)
    everything = _coverage(bands, x0, cells)
    allowed = len(body) // CROSSING
    words = [word for band in bands for word in band]
    phrases = [phrase for band in bands for phrase in _phrases(band, COLUMN_GAP * size)]
    first = min((w.bbox.x0 for band in body for w in band), default=x1)
    last = max((w.bbox.x1 for band in body for w in band), default=x0)
    bounds = [x0]
    for start, end in runs([count <= allowed for count in covered]):
        left, right = x0 + start * STEP, x0 + end * STEP
        if left > first and right < last:
            if right - left >= COLUMN_GAP * size:
                bounds.append(_boundary(everything, start, end, x0, phrases, size))
            continue
        white = [(start + a, start + b) for a, b in runs([count == 0 for count in everything[start:end]])
                 if (b - a) * STEP >= COLUMN_GAP * size
                 and any(w.bbox.x1 <= x0 + (start + a) * STEP for w in words)
                 and any(w.bbox.x0 >= x0 + (start + b) * STEP for w in words)]
        if white:
            a, b = max(white, key=lambda run: run[1] - run[0])
            bounds.append(x0 + (a + b) / 2 * STEP)
    return bounds + [x1]


def _boundary(covered: list[int], start: int, end: int, x0: float, phrases: list[tuple[float, float]],
              size: float) -> float:
    """Where in a white run between two columns' bodies the boundary stands: at its middle when a run of text
    stands centred on that middle, across it (a header over both columns); else in the stretch no band's
    text covers (a column gap wide at least: no word space) nearest the middle (a one-column header standing
    off its column's body stays in its column, a header word reaching into the gap stays on its side); else
    at its least covered middle."""
    middle = x0 + (start + end) / 2 * STEP
    if any(a < middle < b and abs((a + b) / 2 - middle) <= size for a, b in phrases):
        return middle
    zeros = [(start + a, start + b) for a, b in runs([count == 0 for count in covered[start:end]])
             if (b - a) * STEP >= COLUMN_GAP * size]
    if not zeros:
        return _whitest(covered, start, end, x0)

    def distance(run: tuple[int, int]) -> float:
        return max(0.0, x0 + run[0] * STEP - middle, middle - x0 - run[1] * STEP)

    a, b = min(zeros, key=distance)
    return x0 + (a + b) / 2 * STEP


def _whitest(covered: list[int], start: int, end: int, x0: float) -> float:
    """x of the middle of the least covered stretch of a run."""
    least = min(covered[start:end])
    best = max(((start + a, start + b) for a, b in runs([count == least for count in covered[start:end]])),
               key=lambda run: run[1] - run[0])
    return x0 + (best[0] + best[1]) / 2 * STEP


def _crossed(words: list[Word], bound: float, size: float) -> bool:
    """Whether text runs across a column boundary: a word well over it (by a column gap either side: a scan's
    ink reaching just past it is not), or two words of one line a word space apart, standing on either side of it."""
    reach = COLUMN_GAP * size
    if any(w.bbox.x0 < bound - reach and bound + reach < w.bbox.x1 for w in words):
        return True
    left = [w for w in words if _centre(w)[0] < bound]
    right = [w for w in words if _centre(w)[0] >= bound]
    return any(a.line == b.line and b.bbox.x0 - a.bbox.x1 < COLUMN_GAP * size for a in left for b in right)


def _header_bands(group: list[HorizontalRule], x0: float, x1: float) -> int:
    """How many bands the header takes: down to the last rule drawn under part of the width only (beneath a
    header cell over several columns), else the first band."""
    partial = [index for index, rule in enumerate(group[1:-1], 1) if rule.x1 - rule.x0 < FULL_RULE * (x1 - x0)]
    return max(partial, default=0) + 1


def open_table_cells(rules: list[HorizontalRule], words: list[Word]) -> list[list[BBox]]:
    """One list of cell rectangles per table ruled with horizontal rules only."""
    size = text_size(words)
    tables = []
    for group in table_rules(joined_rules(rules, size), words, size):
        x0, x1 = min(r.x0 for r in group), max(r.x1 for r in group)
        inside = [w for w in words if x0 - size <= _centre(w)[0] <= x1 + size]
        bands = [_in_band(inside, a.y, b.y) for a, b in zip(group, group[1:])]
        bounds = _column_bounds(bands, _header_bands(group, x0, x1), x0, x1, size)
        if len(bounds) < 3:
            continue
        tables.append(_cells(group, inside, bounds, size))
    return tables


def _cells(group: list[HorizontalRule], words: list[Word], bounds: list[float], size: float) -> list[BBox]:
    """Each column cut by the rules that underline it (the table's first and last rules close every column);
    neighbouring cells of one band joined where their text runs across the boundary between them."""
    first, last = group[0].y, group[-1].y
    columns: list[list[tuple[float, float]]] = []
    for left, right in zip(bounds, bounds[1:]):
        ys = [first] + [r.y for r in group[1:-1] if _overlaps(r, left, right)] + [last]
        columns.append(list(zip(ys, ys[1:])))
    rectangles: list[BBox] = []
    for index, spans in enumerate(columns):
        for top, bottom in spans:
            beside = next((at for at, r in enumerate(rectangles) if (r.top, r.bottom, r.x1) == (top, bottom, bounds[index])),
                          None)
            if beside is not None and _crossed(_in_band(words, top, bottom), bounds[index], size):
                rectangles[beside] = replace(rectangles[beside], x1=bounds[index + 1])
            else:
                rectangles.append(BBox(bounds[index], top, bounds[index + 1], bottom))
    return rectangles
