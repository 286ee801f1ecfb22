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


def letter_marks(grey: np.ndarray, dpi: int) -> int:
    """How many connected marks of ink have a letter's height."""
    ink = (grey < INK_LEVEL).astype(np.uint8)
    count, _, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    heights = stats[1:count, cv2.CC_STAT_HEIGHT] * 72.0 / dpi
    return int(np.count_nonzero((heights >= GLYPH_MIN_POINTS) & (heights <= GLYPH_MAX_POINTS)))
