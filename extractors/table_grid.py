"""Ruled tables on page images: ruling lines by morphology → cell rectangles with their merges.

Takes the deskewed page's ink mask (extractors/ink.ink_mask: ink judged against the page's own paper and ink
levels, so light, faded and bitonal scans alike) and its dpi; gives the ruling lines (which OCR should
not see: `erase_rules`) and the cell rectangles of each ruled table, in points, for
`table_cells.table_from_rectangles`. Lines are what remains of the ink after opening with long thin
kernels sized in points (longer than any letter stroke), joined over small gaps so the broken rules of a
bitonal 200-dpi or faded 150-dpi scan still join. Two neighbouring grid cells are one merged cell when the rule
between them is mostly missing, so a `Năm 2023` header over three columns comes out as one cell.
"""
from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

from kehoach.extractors.open_tables_scan import open_rectangles
from kehoach.records import BBox

POINTS_PER_INCH = 72.0
RULE_PRESENT = 0.5  # share of a border that must be ink for it to count as a rule
MIN_TABLE_POINTS = 60.0  # a table is at least this wide and tall
HORIZONTAL_RULE_POINTS = 15.0  # a horizontal run of ink this long is a rule: no letter stroke is
HORIZONTAL_RULE_MIN_POINTS = 45.0  # a horizontal rule spans at least a narrow column and its neighbour
VERTICAL_RULE_POINTS = 12.0  # a vertical run this tall is a rule: taller than a capital of 14-pt print
RULE_WOBBLE_POINTS = 0.7  # a rule may wander this far across its length (residual skew, blur)
OPEN_EDGE_POINTS = 5.0  # rules running this far past the last crossing rule end at a border the scan lost
RULE_GAP_POINTS = 2.0  # pieces of a rule this close are one rule (a faded or bitonal scan breaks them)


@dataclass(frozen=True)
class Rules:
    horizontal: np.ndarray
    vertical: np.ndarray


def _kernel(width_points: float, height_points: float, dpi: int) -> np.ndarray:
    """A rectangle of the given size in points at `dpi` (0: one pixel)."""
    per_point = dpi / POINTS_PER_INCH
    return cv2.getStructuringElement(cv2.MORPH_RECT, (max(1, round(width_points * per_point)),
                                                      max(1, round(height_points * per_point))))


def find_rules(ink: np.ndarray, dpi: int) -> Rules:
    """The horizontal and vertical rules of a page's ink mask (255 where ink, extractors/ink.ink_mask): runs of
    ink longer than any letter stroke. Each direction is looked for in the ink widened across it by
    `RULE_WOBBLE_POINTS`, so a thin rule that wanders by a pixel (what deskewing leaves, or a blurred 0.5 pt
    line broken into dots) is still one run; the runs found are then joined over `RULE_GAP_POINTS` gaps."""
    across_h = cv2.dilate(ink, _kernel(0, RULE_WOBBLE_POINTS, dpi))
    across_v = cv2.dilate(ink, _kernel(RULE_WOBBLE_POINTS, 0, dpi))
    horizontal = cv2.morphologyEx(across_h, cv2.MORPH_OPEN, _kernel(HORIZONTAL_RULE_POINTS, 0, dpi))
    vertical = cv2.morphologyEx(across_v, cv2.MORPH_OPEN, _kernel(0, VERTICAL_RULE_POINTS, dpi))
    horizontal = cv2.dilate(horizontal, _kernel(RULE_GAP_POINTS, RULE_WOBBLE_POINTS, dpi))
    vertical = cv2.dilate(vertical, _kernel(RULE_WOBBLE_POINTS, RULE_GAP_POINTS, dpi))
    return Rules(_long_runs(horizontal, dpi), vertical)


def _long_runs(mask: np.ndarray, dpi: int) -> np.ndarray:
    """The mask's horizontal runs at least `HORIZONTAL_RULE_MIN_POINTS` long: a word of bold print blurred by
    the scan joins its letters along the baseline into a run as long as a narrow cell's rule, but no table rule
    stops at one word. Runs are measured on a copy reduced to about a point a pixel (any ink in a block keeps
    the block; the gap between two words is wider), at a fraction of the cost of labelling the page."""
    height, width = mask.shape
    block = max(1, round(dpi / POINTS_PER_INCH))
    small = cv2.resize(mask, (max(1, width // block), max(1, height // block)), interpolation=cv2.INTER_AREA)
    count, labels, stats, _ = cv2.connectedComponentsWithStats((small > 0).astype(np.uint8), connectivity=8)
    keep = np.zeros(count, np.uint8)
    keep[1:] = (stats[1:, cv2.CC_STAT_WIDTH] * block * POINTS_PER_INCH / dpi >= HORIZONTAL_RULE_MIN_POINTS) * 255
    kept = cv2.resize(keep[labels], (small.shape[1] * block, small.shape[0] * block), interpolation=cv2.INTER_NEAREST)
    return cv2.bitwise_and(mask, cv2.copyMakeBorder(kept, 0, height - kept.shape[0], 0, width - kept.shape[1],
                                                    cv2.BORDER_REPLICATE))


def _positions(profile: np.ndarray, threshold: float) -> list[int]:
    """Centres of the runs where a projection profile is above threshold."""
    above = profile > threshold
    positions, start = [], None
    for index, flag in enumerate(above):
        if flag and start is None:
            start = index
        elif not flag and start is not None:
            positions.append((start + index - 1) // 2)
            start = None
    if start is not None:
        positions.append((start + len(above) - 1) // 2)
    return positions


def _present(mask: np.ndarray) -> bool:
    return mask.size > 0 and (mask > 0).mean() >= RULE_PRESENT


def erase_rules(image: np.ndarray, rules: Rules) -> np.ndarray:
    """The page without its ruling lines (white where either mask is 255): Tesseract reads table rows as garbage
    when rules touch the text."""
    return cv2.bitwise_or(image, cv2.bitwise_or(rules.horizontal, rules.vertical))


def ink_off_rules(ink: np.ndarray, rules: Rules) -> np.ndarray:
    """The ink mask without its ruling lines: what is printed inside the cells."""
    return cv2.bitwise_and(ink, cv2.bitwise_not(cv2.bitwise_or(rules.horizontal, rules.vertical)))


def _may_hold_a_table(grid: np.ndarray, dpi: int) -> bool:
    """Whether some connected ruling is a table's size, asked of a copy a quarter the size (any ink in a 4 × 4
    block keeps the block): a ruling's copy is at least as large, less the trimmed edge, so no table is missed,
    and a page without one costs a sixteenth of labelling its rules."""
    height, width = grid.shape
    small = cv2.resize(grid[:height - height % 4, :width - width % 4], (width // 4, height // 4),
                       interpolation=cv2.INTER_AREA)
    count, _, stats, _ = cv2.connectedComponentsWithStats((small > 0).astype(np.uint8), connectivity=8)
    least = MIN_TABLE_POINTS * dpi / POINTS_PER_INCH - 8  # pixels: the trimmed edge and a block either side
    return bool(np.any((stats[1:count, cv2.CC_STAT_WIDTH] * 4 >= least) & (stats[1:count, cv2.CC_STAT_HEIGHT] * 4 >= least)))


def cell_rectangles(rules: Rules, dpi: int, page: np.ndarray | None = None) -> list[list[BBox]]:
    """One list of cell rectangles (points) per ruled table on the page; given the page (rules erased), also the
    tables ruled with horizontal lines only, or whose grid has no inner vertical rule (`open_tables_scan`)."""
    grids = [table for table in _grid_rectangles(rules, dpi) if len({cell.x0 for cell in table}) > 1]
    return grids + (open_rectangles(rules.horizontal, page, dpi, grids, MIN_TABLE_POINTS) if page is not None else [])


def _grid_rectangles(rules: Rules, dpi: int) -> list[list[BBox]]:
    grid = cv2.bitwise_or(rules.horizontal, rules.vertical)
    if not _may_hold_a_table(grid, dpi):
        return []
    count, labels, stats, _ = cv2.connectedComponentsWithStats(grid, connectivity=8)
    scale = POINTS_PER_INCH / dpi
    tables = []
    for label in range(1, count):
        x, y, w, h, _ = stats[label]
        if w * scale < MIN_TABLE_POINTS or h * scale < MIN_TABLE_POINTS:
            continue
        region = labels[y:y + h, x:x + w] == label
        horizontal = rules.horizontal[y:y + h, x:x + w] * region
        vertical = rules.vertical[y:y + h, x:x + w] * region
        ys = _positions((horizontal > 0).sum(axis=1), w * 0.15)
        xs = _positions((vertical > 0).sum(axis=0), h * 0.05)
        xs = _with_open_edges(xs, (horizontal > 0).sum(axis=0), dpi)
        ys = _with_open_edges(ys, (vertical > 0).sum(axis=1), dpi)
        if len(xs) < 2 or len(ys) < 2:
            continue
        rectangles = _merged_cells(horizontal, vertical, xs, ys)
        tables.append([BBox((x + x0) * scale, (y + y0) * scale, (x + x1) * scale, (y + y1) * scale)
                       for x0, y0, x1, y1 in rectangles])
    return tables


def _with_open_edges(positions: list[int], crossing: np.ndarray, dpi: int) -> list[int]:
    """`positions` of one direction's rules, with the table's outer edge added where its border rule is missing
    but the other direction's rules run on past the last one (`crossing`: their profile along this direction),
    as a scan that lost a faint right-hand border leaves the rows' rules ending in the open."""
    if not positions or not crossing.any():
        return positions
    covered = np.flatnonzero(crossing >= crossing.max() / 2)  # where most of the crossing rules reach
    beyond = OPEN_EDGE_POINTS * dpi / POINTS_PER_INCH
    first, last = int(covered[0]), int(covered[-1])
    return ([first] if first < positions[0] - beyond else []) + positions + ([last] if last > positions[-1] + beyond else [])


def _merged_cells(horizontal: np.ndarray, vertical: np.ndarray, xs: list[int], ys: list[int]) -> list[tuple]:
    """Union grid cells across missing rules; each group's bounding box is one cell."""
    rows, cols = len(ys) - 1, len(xs) - 1
    parent = list(range(rows * cols))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    margin = 4
    for r in range(rows):
        for c in range(cols):
            top, bottom = ys[r] + margin, ys[r + 1] - margin
            left, right = xs[c] + margin, xs[c + 1] - margin
            if c + 1 < cols and not _present(vertical[top:bottom, xs[c + 1] - 2:xs[c + 1] + 3].max(axis=1)):
                parent[find(r * cols + c + 1)] = find(r * cols + c)
            if r + 1 < rows and not _present(horizontal[ys[r + 1] - 2:ys[r + 1] + 3, left:right].max(axis=0)):
                parent[find((r + 1) * cols + c)] = find(r * cols + c)
    groups: dict[int, list[tuple[int, int]]] = {}
    for r in range(rows):
        for c in range(cols):
            groups.setdefault(find(r * cols + c), []).append((r, c))
    cells = []
    for members in groups.values():
        r0, r1 = min(r for r, _ in members), max(r for r, _ in members)
        c0, c1 = min(c for _, c in members), max(c for _, c in members)
        cells.append((xs[c0], ys[r0], xs[c1 + 1], ys[r1 + 1]))
    return cells
