"""OCR one page image with Tesseract (`vie`) and keep every word's box and confidence.

Takes a prepared 8-bit image and `OcrSettings`; gives `Word`s in points (top-left origin) with Tesseract's
line structure. The image goes to Tesseract as an uncompressed PGM file: PNG encoding of a noisy 300-dpi page
costs about as much as the OCR. Tesseract must run single-threaded (OMP_THREAD_LIMIT=1, set by the flow):
parallelism comes from running pages side by side. Also Tesseract's orientation detection (OSD), for pages
scanned sideways or upside down.
"""
from __future__ import annotations

import re
import tempfile
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import cv2
import numpy as np
import pytesseract

from kehoach.config import OcrSettings
from kehoach.errors import OcrError, PageTimeout
from kehoach.records import BBox, Word

POINTS_PER_INCH = 72.0
MIN_WORD_POINTS = 3.0  # a "word" flatter than this and read without confidence is a speck
SPECK_CONFIDENCE = 70.0


def tesseract_config(settings: OcrSettings) -> str:
    return f"--oem {settings.oem} --psm {settings.psm} -c preserve_interword_spaces=0"


@contextmanager
def pgm_file(image: np.ndarray) -> Iterator[str]:
    """The image as a PGM file for Tesseract: uncompressed, so writing it costs nothing next to reading it."""
    with tempfile.TemporaryDirectory(prefix="kehoach-ocr-") as folder:
        path = Path(folder) / "page.pgm"
        cv2.imwrite(str(path), image)
        yield str(path)


def run_tesseract(image: np.ndarray, settings: OcrSettings, extra_config: str = "") -> dict[str, list]:
    with pgm_file(image) as path:
        try:
            return pytesseract.image_to_data(
                path,
                lang=settings.lang,
                config=f"{tesseract_config(settings)} {extra_config}".strip(),
                output_type=pytesseract.Output.DICT,
                timeout=settings.page_timeout_s,
            )
        except RuntimeError as exc:  # pytesseract's timeout
            raise PageTimeout(f"Tesseract did not finish the page within the {settings.page_timeout_s:g}-second "
                           "page time limit: check the page (a damaged scan, a dense map), or raise "
                           "--page-timeout.") from exc
        except pytesseract.TesseractError as exc:
            raise OcrError(f"Tesseract failed on the page: {exc.message.strip() or exc.status}.") from exc


def rotation_by_osd(image: np.ndarray, settings: OcrSettings) -> int:
    """Degrees (0, 90, 180, 270) Tesseract's orientation detection says to turn the image clockwise to make
    its text upright; 0 when it finds too little text to say."""
    with pgm_file(image) as path:
        try:
            report = pytesseract.image_to_osd(path, config="--psm 0", timeout=settings.page_timeout_s)
        except (RuntimeError, pytesseract.TesseractError):
            return 0
    match = re.search(r"^Rotate: (\d+)", report, re.MULTILINE)
    return int(match.group(1)) % 360 if match else 0


def words_from_data(data: dict[str, list], dpi: int) -> list[Word]:
    """Tesseract's TSV rows (level 5 = word) → Words in points, numbered by (block, paragraph, line)."""
    scale = POINTS_PER_INCH / dpi
    line_numbers: dict[tuple[int, int, int], int] = {}
    words = []
    for index, text in enumerate(data["text"]):
        if data["level"][index] != 5 or not text.strip():
            continue
        if data["height"][index] * scale < MIN_WORD_POINTS and float(data["conf"][index]) < SPECK_CONFIDENCE:
            continue  # a speck, e.g. what is left of a table rule: no printed word is this flat
        key = (data["block_num"][index], data["par_num"][index], data["line_num"][index])
        line = line_numbers.setdefault(key, len(line_numbers))
        left, top = data["left"][index], data["top"][index]
        width, height = data["width"][index], data["height"][index]
        words.append(
            Word(
                text=unicodedata.normalize("NFC", text.strip()),
                bbox=BBox(left * scale, top * scale, (left + width) * scale, (top + height) * scale),
                confidence=max(0.0, float(data["conf"][index])) / 100.0,
                line=line,
            )
        )
    return words


def ocr_image(image: np.ndarray, settings: OcrSettings) -> list[Word]:
    return words_from_data(run_tesseract(image, settings), settings.dpi)
