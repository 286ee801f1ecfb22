"""OCR one page image with Tesseract (`vie`) and keep every word's box and confidence.

Takes a prepared 8-bit image and `OcrSettings`; gives `Word`s in points (top-left origin) with Tesseract's
line structure. Tesseract runs in this process through its C++ API (tesserocr): one engine per thread and
language, loaded once, handed the image's pixels as they are in memory. Measured by benchmarks/throughput.py
against the `tesseract` command on the same pages: no model load per call (0.15–0.3 s each, and a table page
makes three to four calls) and no image file. Tesseract must run single-threaded (OMP_THREAD_LIMIT=1, set by
the flow): parallelism comes from running pages side by side. Also Tesseract's orientation detection (OSD),
for pages scanned sideways or upside down (a rare call: the `tesseract` command, through pytesseract).
"""
from __future__ import annotations

import re
import tempfile
import threading
import time
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import cv2
import numpy as np
import pytesseract
import tesserocr

from kehoach.config import OcrSettings
from kehoach.errors import OcrError, PageTimeout
from kehoach.records import BBox, Word

POINTS_PER_INCH = 72.0
MIN_WORD_POINTS = 3.0  # a "word" flatter than this and read without confidence is a speck
SPECK_CONFIDENCE = 70.0
TSV_COLUMNS = ("level", "page_num", "block_num", "par_num", "line_num", "word_num", "left", "top", "width",
               "height", "conf", "text")
TESSDATA_FOLDERS = ("/usr/share/tesseract-ocr/5/tessdata", "/usr/share/tesseract-ocr/4.00/tessdata",
                    "/usr/share/tessdata", "/usr/local/share/tessdata")

_engines = threading.local()


def tessdata_folder() -> str:
    """Where the installed Tesseract keeps its models (`tesseract-ocr-vie` puts `vie.traineddata` there)."""
    for folder in TESSDATA_FOLDERS:
        if Path(folder, "vie.traineddata").is_file():
            return folder
    raise OcrError("No Tesseract models found (looked for vie.traineddata in "
                   f"{', '.join(TESSDATA_FOLDERS)}): install tesseract-ocr-vie and tesseract-ocr-eng.")


def engine(lang: str, oem: int) -> tesserocr.PyTessBaseAPI:
    """This thread's Tesseract for `lang`, loaded on first use and kept: an engine serves one thread at a time."""
    engines = _engines.__dict__.setdefault("by_model", {})
    if (lang, oem) not in engines:
        try:
            engines[lang, oem] = tesserocr.PyTessBaseAPI(path=tessdata_folder(), lang=lang, oem=oem)
        except RuntimeError as exc:
            raise OcrError(f"Tesseract could not load its `{lang}` model: {exc}.") from exc
    return engines[lang, oem]


def tsv_rows(tsv: str) -> dict[str, list]:
    """Tesseract's TSV text as columns (pytesseract's `Output.DICT` shape): numbers as ints, `conf` as float."""
    data: dict[str, list] = {column: [] for column in TSV_COLUMNS}
    for line in tsv.splitlines():
        values = line.split("\t")
        if len(values) != len(TSV_COLUMNS):
            continue
        for column, value in zip(TSV_COLUMNS, values):
            data[column].append(value if column == "text" else float(value) if column == "conf" else int(value))
    return data


def run_tesseract(image: np.ndarray, settings: OcrSettings, variables: dict[str, str] | None = None) -> dict[str, list]:
    """Read an 8-bit grey image with `settings.lang`, `settings.psm` and Tesseract `variables` for this call only
    (e.g. a character whitelist); gives the words' TSV rows. No resolution is given, as with a PGM file:
    Tesseract estimates it from the text."""
    api = engine(settings.lang, settings.oem)
    pixels = np.ascontiguousarray(image, dtype=np.uint8)
    api.SetPageSegMode(settings.psm)
    defaults = {name: api.GetVariableAsString(name) for name in variables or {}}
    for name, value in (variables or {}).items():
        api.SetVariable(name, value)
    try:
        api.SetImageBytes(pixels.tobytes(), pixels.shape[1], pixels.shape[0], 1, pixels.shape[1])
        started = time.perf_counter()
        if not api.Recognize(timeout=max(1, int(settings.page_timeout_s * 1000))):
            if time.perf_counter() - started >= settings.page_timeout_s:
                raise PageTimeout(f"Tesseract did not finish the page within the {settings.page_timeout_s:g}-second "
                                  "page time limit: check the page (a damaged scan, a dense map), or raise "
                                  "--page-timeout.")
            raise OcrError("Tesseract failed on the page (its recognition returned no result).")
        return tsv_rows(api.GetTSVText(0))
    finally:
        for name, value in defaults.items():
            api.SetVariable(name, value or "")
        api.Clear()


def tesseract_config(settings: OcrSettings) -> str:
    """The same reading's options for the `tesseract` command (benchmarks compare against it)."""
    return f"--oem {settings.oem} --psm {settings.psm}"


@contextmanager
def pgm_file(image: np.ndarray) -> Iterator[str]:
    """The image as a PGM file for the `tesseract` command: uncompressed, so writing it costs nothing."""
    with tempfile.TemporaryDirectory(prefix="kehoach-ocr-") as folder:
        path = Path(folder) / "page.pgm"
        cv2.imwrite(str(path), image)
        yield str(path)


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


# Look-alikes Tesseract writes for what Vietnamese prints: slashes for `/` (`223⁄KH-UBND`: fraction slash,
# division slash, full-width solidus) and the Icelandic eth for `Đ` (`Phòng LÐ-TB&XH`), which no Vietnamese
# name or code holds.
LOOKALIKES = str.maketrans({"\u2044": "/", "\u2215": "/", "\uff0f": "/", "\u00d0": "Đ", "\u00f0": "đ"})


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
                text=unicodedata.normalize("NFC", text.strip()).translate(LOOKALIKES),
                bbox=BBox(left * scale, top * scale, (left + width) * scale, (top + height) * scale),
                confidence=round(max(0.0, float(data["conf"][index])) / 100.0, 4),
                line=line,
            )
        )
    return words


def ocr_image(image: np.ndarray, settings: OcrSettings) -> list[Word]:
    return words_from_data(run_tesseract(image, settings), settings.dpi)
