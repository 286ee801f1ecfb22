"""What on a scanned page is ink, judged against the page's own paper and ink levels; and whether it holds print.

Takes a rendered 8-bit grey page (grey or bitonal, any dpi); gives its ink mask (255 where ink), from which the
table path finds rules and tells empty cells (extractors/table_grid.py, extractors/cell_ocr.py), and the number
of letter-sized marks, under `PRINTED_MARKS` of which a page is not worth reading.

Scans differ in ink and paper: toner from grey 50 to 190, paper from white to a dim corner, a bitonal page's
0 and 255. A fixed grey level fitted to one scanner reads a faded scan's print as paper. So the page's light is
first flattened (each pixel divided by the page's background: the page with its print dilated away, then
median-smoothed), which brings paper to white wherever the lamp was dim; then ink is what Otsu's threshold on
the flattened page separates from the paper, provided it is darker than the paper by more than the paper's own
noise allows (`NOISE_SPREADS` robust deviations): on a sheet with no print Otsu would otherwise cut the
paper's grain in two.

A white sheet through a scanner still has ink (dust, toner specks, the noise of a bitonal threshold), so the
blank test on the PDF's drawing (extractors/pdf_input.is_blank) does not apply to scans; Tesseract on such a
page costs a page read and returns specks read as punctuation.
"""
from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

NOISE_SPREADS = 4.0  # ink lies more than this many of the paper's deviations below the paper level
MAD_TO_SIGMA = 1.4826  # a normal distribution's deviation per median absolute deviation
PAPER = 224  # the flattened page's paper level: headroom for the grain above it
BACKGROUND_SHRINK = 4  # the background varies slowly: estimated on a copy this many times smaller
GLYPH_MIN_POINTS = 3.0  # a mark lower than this is a speck (the dot of an `i` at 8 pt is about 1 pt)
GLYPH_MAX_POINTS = 72.0  # a mark taller than an inch is a rule, a stamp or a signature, not a letter
PRINTED_MARKS = 3  # fewer letter-sized marks than this: nothing to read


BANDS = 8  # a page is counted band by band when only `enough` marks are asked for


def flatten(grey: np.ndarray) -> np.ndarray:
    """The page divided by its background (paper at `PAPER` everywhere, ink as dark relative to the paper around
    it): uneven light and a stamp's tint removed. Paper is set below white so that its grain is kept on both
    sides, not clipped, and its noise can be measured. The background (print dilated away, then a wide median) is
    estimated at a quarter of the size and scaled back: a wide median over a whole page or cell strip costs
    more than the OCR of the strip."""
    height, width = grey.shape
    small = cv2.resize(grey, (max(1, width // BACKGROUND_SHRINK), max(1, height // BACKGROUND_SHRINK)),
                       interpolation=cv2.INTER_AREA)
    background = cv2.resize(cv2.medianBlur(cv2.dilate(small, np.ones((3, 3), np.uint8)), 9), (width, height),
                            interpolation=cv2.INTER_LINEAR)
    return cv2.divide(grey, background, scale=PAPER)


def otsu_level(histogram: np.ndarray) -> int:
    """Otsu's threshold of a 256-bin histogram: the level that best splits it into two classes (the highest
    between-class variance); pixels at or below it are the dark class."""
    levels = np.arange(256)
    weight = np.cumsum(histogram)
    total, mass = weight[-1], np.cumsum(histogram * levels)
    dark_mean = mass / np.maximum(weight, 1)
    light_mean = (mass[-1] - mass) / np.maximum(total - weight, 1)
    return int(np.argmax(weight * (total - weight) * (dark_mean - light_mean) ** 2))


@dataclass(frozen=True)
class Levels:
    """A flattened page's levels, read from its histogram."""

    threshold: int  # at and below this grey level a pixel is ink
    ink: int  # the median level of the ink


def _median(histogram: np.ndarray) -> int:
    return int(np.searchsorted(np.cumsum(histogram), histogram.sum() / 2))


def page_levels(flat: np.ndarray) -> Levels:
    """Where a flattened page's ink ends: Otsu's split of the page, but never within the paper's own noise. The
    paper level is the page's median (paper covers most of any page), its noise the median absolute deviation
    around it."""
    histogram = cv2.calcHist([flat], [0], None, [256], [0, 256]).ravel()
    paper = _median(histogram)
    spread = MAD_TO_SIGMA * _median(np.bincount(np.abs(np.arange(256) - paper), weights=histogram, minlength=256))
    threshold = int(min(otsu_level(histogram), paper - NOISE_SPREADS * spread - 1))
    return Levels(threshold=threshold, ink=_median(histogram[:threshold + 1]) if threshold >= 0 else 0)


def ink_mask(grey: np.ndarray, core: float = 0.0) -> np.ndarray:
    """255 where the page is ink, 0 where it is paper, judged against the page's own levels. `core` (0 to 1)
    moves the cut from the split between paper and ink toward the ink's own median level: the blurred edges
    of strokes, which join a bold word's letters, are left out and the strokes' cores kept."""
    flat = flatten(grey)
    levels = page_levels(flat)
    return cv2.threshold(flat, levels.threshold - core * (levels.threshold - levels.ink), 255, cv2.THRESH_BINARY_INV)[1]


@dataclass(frozen=True)
class PageInk:
    mask: np.ndarray  # 255 where ink (as ink_mask)
    depth: float  # how dark the print is: 0 as light as the paper, 1 black


def page_ink(grey: np.ndarray) -> PageInk:
    """The page's ink mask, and how far the median of its ink lies from the paper level toward black, from one
    flattening of the page."""
    flat = flatten(grey)
    levels = page_levels(flat)
    return PageInk(mask=cv2.threshold(flat, levels.threshold, 255, cv2.THRESH_BINARY_INV)[1],
                   depth=(PAPER - levels.ink) / PAPER)


def _letter_sized(ink: np.ndarray, dpi: int, cut_above: bool, cut_below: bool) -> int:
    """Letter-sized marks of a band of ink, leaving out those the band's cut edges may have cut short."""
    count, _, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    tops, heights = stats[1:count, cv2.CC_STAT_TOP], stats[1:count, cv2.CC_STAT_HEIGHT]
    whole = ~((tops == 0) & cut_above) & ~((tops + heights == ink.shape[0]) & cut_below)
    points = heights * 72.0 / dpi
    return int(np.count_nonzero(whole & (points >= GLYPH_MIN_POINTS) & (points <= GLYPH_MAX_POINTS)))


def letter_marks(grey: np.ndarray, dpi: int, enough: int = 0) -> int:
    """How many connected marks of ink have a letter's height. With `enough`, the page is counted from the top a
    band at a time, each band's ink judged on its own levels, and the count stops once it reaches `enough` (a
    page of print answers in its first band, at an eighth of the cost); a mark that crosses a band's edge is
    left to the full count that follows when the bands do not reach `enough`, so a count under `enough` is
    always exact."""
    if enough:
        height = grey.shape[0]
        step = -(-height // BANDS)
        found = 0
        for top in range(0, height, step):
            found += _letter_sized(ink_mask(grey[top:top + step]), dpi, top > 0, top + step < height)
            if found >= enough:
                return found
    return _letter_sized(ink_mask(grey), dpi, False, False)
