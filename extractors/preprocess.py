"""Clean a scanned page image before OCR: deskew, denoise, even out illumination and binarise.

Takes an 8-bit grey image; gives the image to read (8-bit, 0 ink and 255 paper where it was binarised), the
skew angle that was removed, and the deskewed page's ink mask (extractors/ink.py), judged on the page as
scanned, where the table path finds rules and empty cells. Each step is switchable in `OcrSettings` so the
benchmark can measure what it is worth on degraded scans.
"""
from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

from kehoach.config import OcrSettings
from kehoach.extractors.ink import ink_mask, page_ink


# How far the reading's cut moves from the paper/ink split toward the ink's median level. Measured on table
# cells of the corpus's scans (word recall of the cells against the born-digital text, 6 pages of 200, 300 and
# 150 dpi, grey and bitonal): 0.877 at the split, 0.908 / 0.909 / 0.914 at 0.15 / 0.3 / 0.45; a plateau.
STROKE_CORE = 0.3
SPECK_POINTS = 1.5  # a mark no wider or taller than this may be a speck (a full stop at 10 pt is about 1.2 pt)
SPECK_CLEARANCE_POINTS = 3.0  # ... and is one when no letter is this near (punctuation sits beside its letters)


@dataclass(frozen=True)
class Prepared:
    image: np.ndarray  # what is read
    skew_degrees: float
    ink: np.ndarray  # the deskewed page's ink mask, judged before cleaning: where rules and empty cells are found


def estimate_skew(grey: np.ndarray, max_degrees: float) -> float:
    """Angle (degrees) that makes text lines and table rules horizontal: the rotation of a small binary copy
    whose row profile is sharpest (rows of ink alternate with rows of paper), searched coarse (half a degree
    apart) on a copy of half that size, then fine (0.05°) on the small copy around the coarse best."""
    scale = 800 / max(grey.shape)
    small = cv2.resize(grey, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
    ink = cv2.threshold(small, 0, 1, cv2.THRESH_BINARY_INV + cv2.THRESH_OTSU)[1].astype(np.float32)
    if ink.mean() < 0.002:
        return 0.0
    coarse = cv2.resize(ink, None, fx=0.5, fy=0.5, interpolation=cv2.INTER_AREA)

    def sharpness(image: np.ndarray, angle: float) -> float:
        profile = rotate(image, angle, border=0).sum(axis=1)
        return float(np.square(np.diff(profile)).sum())

    best = max(np.arange(-max_degrees, max_degrees + 1e-6, 0.5), key=lambda angle: sharpness(coarse, angle))
    fine = np.arange(best - 0.5, best + 0.5 + 1e-6, 0.05)
    return float(max(fine, key=lambda angle: sharpness(ink, angle)))


def rotate(image: np.ndarray, degrees: float, border: float = 255) -> np.ndarray:
    height, width = image.shape
    matrix = cv2.getRotationMatrix2D((width / 2, height / 2), degrees, 1.0)
    return cv2.warpAffine(image, matrix, (width, height), flags=cv2.INTER_LINEAR, borderValue=border)


def binarise(grey: np.ndarray) -> np.ndarray:
    """Black ink on white paper for Tesseract, ink judged against the image's own paper and ink levels
    (extractors/ink.py): uneven lighting and a stamp's tint removed, a faded print kept, and of a blurred
    scan's strokes their cores (`STROKE_CORE`), so that a bold word's letters stay apart."""
    return cv2.bitwise_not(ink_mask(grey, STROKE_CORE))


def without_specks(binary: np.ndarray, dpi: float) -> np.ndarray:
    """A black-on-white image without its specks: marks no larger than `SPECK_POINTS` standing further than
    `SPECK_CLEARANCE_POINTS` from any larger mark. A full stop or a comma stands beside its letters and stays;
    dust and toner specks on an empty stretch of paper go, which Tesseract would read as punctuation, or as
    lines of noise around a cell's few words, and then drop the words."""
    ink = cv2.bitwise_not(binary)
    count, labels, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    small = np.maximum(stats[:, cv2.CC_STAT_WIDTH], stats[:, cv2.CC_STAT_HEIGHT]) <= SPECK_POINTS * dpi / 72
    small[0] = False
    if not small.any():
        return binary
    letters = (~small[labels] & (ink > 0)).astype(np.uint8)
    reach = max(1, round(SPECK_CLEARANCE_POINTS * dpi / 72))
    near = cv2.dilate(letters, cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (2 * reach + 1, 2 * reach + 1)))
    touching = np.zeros(count, bool)
    touching[np.unique(labels[(near > 0) & (ink > 0)])] = True
    specks = small & ~touching
    return np.where(specks[labels], np.uint8(255), binary)


def prepare(grey: np.ndarray, settings: OcrSettings, bitonal: bool = False) -> Prepared:
    """`bitonal`: the page is a 1-bit scan, the only kind denoising and binarising help (see OcrSettings), with
    one exception: a grey page whose print is faint (`OcrSettings.faint_print`) is binarised too, its specks
    removed."""
    skew = estimate_skew(grey, settings.max_skew_degrees) if settings.deskew else 0.0
    image = rotate(grey, skew) if abs(skew) >= 0.1 else grey
    ink = page_ink(image)
    faint = not bitonal and settings.clean_only_bitonal and settings.binarize and ink.depth < settings.faint_print
    clean = bitonal or not settings.clean_only_bitonal
    if settings.denoise and clean:
        image = cv2.medianBlur(image, 3)
    if settings.binarize and clean:  # a 1-bit scan's strokes are as printed (deskewing only greyed their edges)
        image = cv2.bitwise_not(ink_mask(image))
    if faint:
        image = without_specks(binarise(image), settings.dpi)
    return Prepared(image=image, skew_degrees=skew, ink=ink.mask)
