"""Clean a scanned page image before OCR: deskew, denoise, even out illumination and binarise.

Takes an 8-bit grey image; gives an 8-bit image (0 ink, 255 paper) and the skew angle that was removed.
Each step is switchable in `OcrSettings` so the benchmark can measure what it is worth on degraded scans.
"""
from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

from kehoach.config import OcrSettings


@dataclass(frozen=True)
class Prepared:
    image: np.ndarray
    skew_degrees: float


def estimate_skew(grey: np.ndarray, max_degrees: float) -> float:
    """Angle (degrees) that makes text lines horizontal, from the minimum-area rectangles of ink blobs
    joined along lines; 0 when the page has too little ink to tell."""
    small_scale = 1000 / max(grey.shape)
    small = cv2.resize(grey, None, fx=small_scale, fy=small_scale, interpolation=cv2.INTER_AREA)
    ink = cv2.threshold(small, 0, 255, cv2.THRESH_BINARY_INV + cv2.THRESH_OTSU)[1]
    joined = cv2.morphologyEx(ink, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_RECT, (25, 1)))
    contours, _ = cv2.findContours(joined, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    angles, weights = [], []
    for contour in contours:
        (_, _), (w, h), angle = cv2.minAreaRect(contour)
        if w < h:
            w, h, angle = h, w, angle - 90
        if w < 40 or w < 4 * h:  # only long thin shapes: text lines
            continue
        angle = (angle + 90) % 180 - 90
        if abs(angle) <= max_degrees:
            angles.append(angle)
            weights.append(w)
    if len(angles) < 5:
        return 0.0
    order = np.argsort(angles)
    cumulative = np.cumsum(np.asarray(weights)[order])
    return float(np.asarray(angles)[order][np.searchsorted(cumulative, cumulative[-1] / 2)])


def rotate(grey: np.ndarray, degrees: float) -> np.ndarray:
    height, width = grey.shape
    matrix = cv2.getRotationMatrix2D((width / 2, height / 2), degrees, 1.0)
    return cv2.warpAffine(grey, matrix, (width, height), flags=cv2.INTER_LINEAR, borderValue=255)


def binarise(grey: np.ndarray) -> np.ndarray:
    """Divide by the blurred background to remove uneven lighting and stamps' tint, then Otsu."""
    background = cv2.medianBlur(cv2.dilate(grey, np.ones((7, 7), np.uint8)), 31)
    flat = cv2.divide(grey, background, scale=255)
    return cv2.threshold(flat, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)[1]


def prepare(grey: np.ndarray, settings: OcrSettings) -> Prepared:
    skew = estimate_skew(grey, settings.max_skew_degrees) if settings.deskew else 0.0
    image = rotate(grey, skew) if abs(skew) >= 0.1 else grey
    if settings.denoise:
        image = cv2.medianBlur(image, 3)
    if settings.binarize:
        image = binarise(image)
    return Prepared(image=image, skew_degrees=skew)
