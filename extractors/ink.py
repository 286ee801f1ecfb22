"""Whether a scanned page holds print: marks the size of letters, not only the specks of a white sheet.

Takes a rendered 8-bit grey page and its dpi; gives the number of letter-sized marks; under `PRINTED_MARKS`
the page is not worth reading. A white sheet through a scanner still has ink (dust, toner specks, the noise of a
bitonal threshold), so the blank test on the PDF's drawing (extractors/pdf_input.is_blank) does not apply to
scans; Tesseract on such a page costs a page read and returns specks read as punctuation.
"""
from __future__ import annotations

import cv2
import numpy as np

INK_LEVEL = 128  # darker than this (of 255) is ink: paper and scanner noise stay above, print falls below
GLYPH_MIN_POINTS = 3.0  # a mark lower than this is a speck (the dot of an `i` at 8 pt is about 1 pt)
GLYPH_MAX_POINTS = 72.0  # a mark taller than an inch is a rule, a stamp or a signature, not a letter
PRINTED_MARKS = 3  # fewer letter-sized marks than this: nothing to read


BANDS = 8  # a page is counted band by band when only `enough` marks are asked for


def _letter_sized(ink: np.ndarray, dpi: int, cut_above: bool, cut_below: bool) -> int:
    """Letter-sized marks of a band of ink, leaving out those the band's cut edges may have cut short."""
    count, _, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    tops, heights = stats[1:count, cv2.CC_STAT_TOP], stats[1:count, cv2.CC_STAT_HEIGHT]
    whole = ~((tops == 0) & cut_above) & ~((tops + heights == ink.shape[0]) & cut_below)
    points = heights * 72.0 / dpi
    return int(np.count_nonzero(whole & (points >= GLYPH_MIN_POINTS) & (points <= GLYPH_MAX_POINTS)))


def letter_marks(grey: np.ndarray, dpi: int, enough: int = 0) -> int:
    """How many connected marks of ink have a letter's height. With `enough`, the page is counted from the top a
    band at a time and the count stops once it reaches `enough` (a page of print answers in its first band, at
    an eighth of the cost); a mark that crosses a band's edge is left to the full count that follows when the
    bands do not reach `enough`, so a count under `enough` is always exact."""
    ink = cv2.threshold(grey, INK_LEVEL - 1, 1, cv2.THRESH_BINARY_INV)[1]  # 1 where darker than INK_LEVEL
    if enough:
        height = ink.shape[0]
        step = -(-height // BANDS)
        found = 0
        for top in range(0, height, step):
            found += _letter_sized(ink[top:top + step], dpi, top > 0, top + step < height)
            if found >= enough:
                return found
    return _letter_sized(ink, dpi, False, False)
