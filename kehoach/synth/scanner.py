"""Make a clean page image look like it went through an office scanner, deterministically from a seed.

Takes an 8-bit grey page image rendered at the scan's dpi; gives the "scanned" image: slight skew, blur,
uneven lighting, paper noise, a red round stamp and a signature scribble (which turn grey in a grey scan),
and for the harsh profile bitonal thresholding with speckle, like a 200-dpi fax-mode scan.
"""
from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np


@dataclass(frozen=True)
class ScanProfile:
    dpi: int = 300
    skew_degrees: float = 0.7
    blur_sigma: float = 0.7
    noise_sigma: float = 7.0
    illumination: float = 0.12  # darkening towards one corner, as a share of white
    bitonal: bool = False
    speckle: float = 0.0  # share of pixels flipped in the bitonal image
    jpeg_quality: int = 0  # 0: none; else re-encode once (the scanner's own compression)


def _stamp(image: np.ndarray, centre: tuple[int, int], radius: int, rng: np.random.Generator) -> None:
    """A red round seal drawn as it appears in a grey scan: a mid-grey ring with a star and text dashes."""
    ink = 140
    cv2.circle(image, centre, radius, ink, thickness=max(2, radius // 18))
    cv2.circle(image, centre, int(radius * 0.72), ink, thickness=max(1, radius // 30))
    for angle in np.linspace(0, 2 * np.pi, 28, endpoint=False):
        x = int(centre[0] + np.cos(angle) * radius * 0.86)
        y = int(centre[1] + np.sin(angle) * radius * 0.86)
        cv2.circle(image, (x, y), max(1, radius // 30), ink, -1)
    star = np.array([[centre[0] + np.cos(a) * radius * (0.3 if i % 2 else 0.12),
                      centre[1] + np.sin(a) * radius * (0.3 if i % 2 else 0.12)]
                     for i, a in enumerate(np.linspace(-np.pi / 2, 1.5 * np.pi, 10, endpoint=False))], np.int32)
    cv2.fillPoly(image, [star], ink)
    for _ in range(12):  # the seal's lettering, as short arcs of dashes
        angle = rng.uniform(0, 2 * np.pi)
        x = int(centre[0] + np.cos(angle) * radius * 0.55)
        y = int(centre[1] + np.sin(angle) * radius * 0.55)
        cv2.line(image, (x, y), (x + int(rng.integers(4, 12)), y + int(rng.integers(-3, 4))), ink, 2)


def _signature(image: np.ndarray, origin: tuple[int, int], scale: int, rng: np.random.Generator) -> None:
    points = np.cumsum(rng.normal(0, scale * 0.25, size=(40, 2)), axis=0) + np.array(origin)
    points[:, 0] = origin[0] + np.linspace(0, scale * 4, 40) + rng.normal(0, scale * 0.1, 40)
    cv2.polylines(image, [points.astype(np.int32)], False, 60, thickness=max(2, scale // 12))


def add_seal_and_signature(image: np.ndarray, anchor: tuple[int, int], dpi: int, seed: int) -> np.ndarray:
    """Stamp over the signature block whose title line starts at `anchor` (pixels)."""
    rng = np.random.default_rng(seed)
    out = image.copy()
    radius = int(dpi * 0.75)
    _signature(out, (anchor[0] - dpi // 4, anchor[1] + dpi // 2), dpi // 5, rng)
    _stamp(out, (anchor[0] - dpi // 3, anchor[1] + dpi // 3), radius, rng)
    return out


def scan(image: np.ndarray, profile: ScanProfile, seed: int) -> np.ndarray:
    rng = np.random.default_rng(seed)
    height, width = image.shape
    matrix = cv2.getRotationMatrix2D((width / 2, height / 2), profile.skew_degrees, 1.0)
    page = cv2.warpAffine(image, matrix, (width, height), flags=cv2.INTER_LINEAR, borderValue=255)
    page = cv2.GaussianBlur(page, (0, 0), profile.blur_sigma) if profile.blur_sigma > 0 else page
    ys, xs = np.mgrid[0:height, 0:width].astype(np.float32)
    light = 1.0 - profile.illumination * (xs / width + ys / height) / 2
    noisy = page.astype(np.float32) * light + rng.normal(0, profile.noise_sigma, size=page.shape)
    page = np.clip(noisy, 0, 255).astype(np.uint8)
    if profile.jpeg_quality:
        encoded = cv2.imencode(".jpg", page, [cv2.IMWRITE_JPEG_QUALITY, profile.jpeg_quality])[1]
        page = cv2.imdecode(encoded, cv2.IMREAD_GRAYSCALE)
    if profile.bitonal:
        page = np.where(page > 150, 255, 0).astype(np.uint8)
        flips = rng.random(page.shape) < profile.speckle
        page = np.where(flips, 255 - page, page).astype(np.uint8)
    return page
