"""Re-read the numeric cells of a scanned table with settings that suit numbers.

Takes the page image (rules erased), a `Table` whose cells hold the page OCR's words, and the OCR settings;
gives the table with each numeric cell's text re-read. The page OCR reads a table's numbers as prose and
drops decimal commas (`7,11` → `711`); here every numeric cell is cropped, the crops are stacked one under
another into a single strip, and Tesseract reads the strip once, as a block of lines (psm 6), with only
digits, `.`, `,` and `%` allowed: one process per page instead of one per cell. A re-read that is not a
number leaves the cell as the page OCR read it.
"""
from __future__ import annotations

import re
from dataclasses import replace

import cv2
import numpy as np

from kehoach.config import OcrSettings
from kehoach.extractors.ocr import run_tesseract, words_from_data
from kehoach.extractors.preprocess import binarise
from kehoach.normalizers.numbers import parse_number
from kehoach.records import Cell, Table

NUMERIC = re.compile(r"^[\s\d.,/%|—\-oOlI]*\d[\s\d.,/%|—\-oOlI]*$")  # `/`: a comma misread
INSET = 6  # pixels trimmed from each side of a cell: what is left of the rules
GAP = 24  # white pixels between stacked crops
WHITELIST = "0123456789.,%"
ENLARGE = 2.0
NUMERIC_COLUMN = 0.5  # share of a column's cells that must be numbers for its misread cells to be re-read


def is_numeric(cell: Cell) -> bool:
    return bool(cell.text.strip()) and bool(NUMERIC.match(cell.text)) and len(cell.text) <= 14


def _crop(image: np.ndarray, cell: Cell, dpi: int) -> np.ndarray:
    """The cell's inside, enlarged: Tesseract keeps a decimal comma beside a `7` far more often at twice the
    size (measured on the samples' target tables)."""
    scale = dpi / 72.0
    top, bottom = int(cell.bbox.top * scale) + INSET, int(cell.bbox.bottom * scale) - INSET
    left, right = int(cell.bbox.x0 * scale) + INSET, int(cell.bbox.x1 * scale) - INSET
    crop = image[max(0, top):max(top + 1, bottom), max(0, left):max(left + 1, right)]
    return cv2.resize(crop, None, fx=ENLARGE, fy=ENLARGE, interpolation=cv2.INTER_CUBIC)


def numeric_cells(table: Table) -> list[Cell]:
    """Cells that read as numbers, and every cell below the first number of a column that mostly holds
    numbers, empty ones included (an STT `5` the page OCR read as `»`, a rate read as `S512` or not at all)."""
    by_column: dict[int, list[Cell]] = {}
    for cell in table.cells:
        if cell.col_span == 1:
            by_column.setdefault(cell.col, []).append(cell)
    chosen = []
    for cells in by_column.values():
        cells.sort(key=lambda cell: cell.row)
        first = next((index for index, cell in enumerate(cells) if is_numeric(cell)), None)
        if first is None:
            continue
        body = cells[first:]
        written = [cell for cell in body if cell.text.strip()]
        if sum(map(is_numeric, written)) / len(written) >= NUMERIC_COLUMN:
            chosen += body
        else:
            chosen += [cell for cell in body if is_numeric(cell)]
    return chosen


def reread_numeric_cells(image: np.ndarray, table: Table, settings: OcrSettings) -> Table:
    numeric = numeric_cells(table)
    if not numeric:
        return table
    crops = [_crop(image, cell, settings.dpi) for cell in numeric]
    width = max(crop.shape[1] for crop in crops) + 2 * GAP
    bands: list[tuple[int, int]] = []
    strip_parts = [np.full((GAP, width), 255, np.uint8)]
    y = GAP
    for crop in crops:
        padded = np.full((crop.shape[0], width), 255, np.uint8)
        padded[:, GAP:GAP + crop.shape[1]] = crop
        strip_parts += [padded, np.full((GAP, width), 255, np.uint8)]
        bands.append((y, y + crop.shape[0]))
        y += crop.shape[0] + GAP
    strip = binarise(np.vstack(strip_parts))  # digits read best as clean black on white, whatever the scan
    number_settings = replace(settings, psm=6, lang=settings.number_lang)
    data = run_tesseract(strip, number_settings, extra_config=f"-c tessedit_char_whitelist={WHITELIST}")
    words = words_from_data(data, 72)  # dpi 72: boxes stay in the strip's pixels
    texts: dict[int, list[str]] = {}
    for word in words:
        middle = (word.bbox.top + word.bbox.bottom) / 2
        for index, (top, bottom) in enumerate(bands):
            if top - GAP / 2 <= middle <= bottom + GAP / 2:
                texts.setdefault(index, []).append(word.text)
                break
    reread = {id(cell): " ".join(texts.get(index, [])) for index, cell in enumerate(numeric)}
    cells = [replace(cell, text=reread[id(cell)]) if id(cell) in reread and parse_number(reread[id(cell)]) is not None
             else cell for cell in table.cells]
    return replace(table, cells=cells)
