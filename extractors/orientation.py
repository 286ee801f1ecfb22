"""Pages scanned sideways or upside down: the quarter turn that makes a page's text upright.

Takes a rendered grey page; gives the degrees to turn it clockwise (0, 90, 180, 270). Tesseract's orientation
detection (OSD) decides, but costs about as much as a third of a page's OCR, so it is asked only about a page
that looks turned: one whose ink runs in columns rather than rows (sideways), or, after reading, one whose
words were read with low confidence (upside down reads as confident-less noise: 0.39–0.44 mean word
confidence on the samples' pages turned over, 0.57–0.95 upright).
"""
from __future__ import annotations

import cv2
import numpy as np

from kehoach.config import OcrSettings
from kehoach.extractors.ocr import rotation_by_osd

PROFILE_PIXELS = 800  # the long side of the small copy whose ink profiles are compared


def _sharpness(profile: np.ndarray) -> float:
    return float(np.square(np.diff(profile)).sum())


def looks_sideways(grey: np.ndarray) -> bool:
    """Text lines alternate with paper along the page's height: its row profile is sharper than its column
    profile (ratio 1.2–1.9 on the samples' pages upright, 0.5–0.8 turned a quarter)."""
    scale = PROFILE_PIXELS / max(grey.shape)
    small = cv2.resize(grey, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
    ink = cv2.threshold(small, 0, 1, cv2.THRESH_BINARY_INV + cv2.THRESH_OTSU)[1].astype(np.float32)
    if ink.mean() < 0.002:
        return False
    return _sharpness(ink.sum(axis=1)) < _sharpness(ink.sum(axis=0))


def upright(grey: np.ndarray, degrees: int) -> np.ndarray:
    """The page turned `degrees` clockwise."""
    return np.ascontiguousarray(np.rot90(grey, -(degrees // 90)))


def turn_if_sideways(grey: np.ndarray, settings: OcrSettings) -> int:
    return rotation_by_osd(grey, settings) if settings.detect_orientation and looks_sideways(grey) else 0


def turn_if_unreadable(grey: np.ndarray, confidence: float, settings: OcrSettings) -> int:
    if not settings.detect_orientation or confidence >= settings.orientation_check_confidence:
        return 0
    return rotation_by_osd(grey, settings)
