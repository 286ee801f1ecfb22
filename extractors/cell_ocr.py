"""Re-read a scanned table's cells one by one, with settings that suit each kind.

Takes the page image (rules erased), a `Table` found from the page's rules, and the OCR settings; gives the
table with its cells' text, and the words for the page's text. On the page, Tesseract follows a line across
the table's columns (mixing a cell's lines with its neighbours') and reads numbers as prose, dropping decimal
commas (`7,11` → `711`); so the page is read with its tables whited out, and here the cells are cropped and
the crops stacked one under another into a strip that Tesseract reads once, as a block of lines (psm 6): one
call per kind of cell and page, not one per cell, and no part of the page read twice over.
  every cell     with ink: `vie`, at the scan's size
  numeric cells  then, those of columns that mostly hold numbers (empty ones included) and other number-like
                 cells; the English model (`OcrSettings.number_lang`, which keeps decimal commas), enlarged
                 twice, only digits, `.`, `,` and `%` allowed; a cell this leaves malformed for its column
                 is read once more with thinner strokes (`OcrSettings.number_thinning`); a re-read that is
                 not a number leaves the cell as it was
  disagreements  a cell whose two reads give different digits (`0,4` for a `5,4` the first read had right:
                 enlarged, large print reads worse) is read a third time by the number model at the scan's
                 size, and takes the reading whose digits another read shares; when all three differ, the
                 first read if it is a well-formed number, else the numeric read, its confidence then as low
                 as the lowest read's
"""
from __future__ import annotations

import re
from dataclasses import replace

import cv2
import numpy as np

from kehoach.config import OcrSettings
from kehoach.extractors.ocr import run_tesseract, words_from_data
from kehoach.extractors.preprocess import SPECK_POINTS, binarise, without_specks
from kehoach.extractors.table_cells import NOISE, NOISE_CONFIDENCE
from kehoach.normalizers.numbers import parse_number
from kehoach.records import BBox, Cell, Table, Word

NUMERIC = re.compile(r"^[\s\d.,%|—\-oOlI]*\d[\s\d.,%|—\-oOlI]*$")
MISREAD_COMMA = re.compile(r"^\d{1,3}/\d{1,2}$")  # `20/33`: a rate whose comma OCR read as `/` (not a date)
DECIMAL = re.compile(r"\d[.,]\d{1,2}\s*%?$")  # `6,37`, `8.10`, `100,0%`: a number with decimals
INSET_POINTS = 1.5  # trimmed from each side of a cell: what is left of the rules
GAP = 24  # white pixels between stacked crops
WHITELIST = "0123456789.,%"
ENLARGE = 2.0
TIE_BREAK_ENLARGE = 1.0  # the third read of a disagreement: the number model at the scan's own size
SPARSE_TEXT = 11  # Tesseract's page segmentation for text scattered without lines
NUMERIC_COLUMN = 0.5  # share of a column's cells that must be numbers for its misread cells to be re-read


def is_numeric(cell: Cell) -> bool:
    return bool(cell.text.strip()) and bool(NUMERIC.match(cell.text)) and len(cell.text) <= 14


def looks_numeric(cell: Cell) -> bool:
    """A number, or a rate with its comma misread as `/`: what a numeric column holds."""
    return is_numeric(cell) or bool(MISREAD_COMMA.match(cell.text.strip()))


def _inside(image: np.ndarray, cell: Cell, dpi: int) -> tuple[int, int, np.ndarray]:
    """The cell's inside (what is left of its rules trimmed) and its top-left corner, in image pixels."""
    scale = dpi / 72.0
    inset = round(INSET_POINTS * scale)
    top, bottom = max(0, int(cell.bbox.top * scale) + inset), int(cell.bbox.bottom * scale) - inset
    left, right = max(0, int(cell.bbox.x0 * scale) + inset), int(cell.bbox.x1 * scale) - inset
    return left, top, image[top:max(top + 1, bottom), left:max(left + 1, right)]


def _crop(image: np.ndarray, cell: Cell, dpi: int, enlarge: float, thinning: int = 0) -> np.ndarray:
    """The cell's inside, enlarged: Tesseract keeps a decimal comma beside a `7` far more often at twice the
    size (measured on the samples' target tables); its strokes thinned by `thinning` pixels of white."""
    crop = _inside(image, cell, dpi)[2]
    if enlarge != 1:
        crop = cv2.resize(crop, None, fx=enlarge, fy=enlarge, interpolation=cv2.INTER_CUBIC)
    return cv2.dilate(crop, np.ones((thinning, thinning), np.uint8)) if thinning > 1 else crop


def has_ink(ink: np.ndarray, cell: Cell, dpi: int) -> bool:
    """Whether the cell holds print, on the page's ink mask (extractors/ink.ink_mask): what is ink is judged
    against the page's own paper and ink levels, so a faded scan's light figures are not taken for paper; and
    a mark larger than a speck (preprocess.SPECK_POINTS), so dust alone leaves a cell empty."""
    inside = _inside(ink, cell, dpi)[2]
    if not inside.any():
        return False
    count, _, stats, _ = cv2.connectedComponentsWithStats(inside, connectivity=8)
    sizes = np.maximum(stats[1:count, cv2.CC_STAT_WIDTH], stats[1:count, cv2.CC_STAT_HEIGHT])
    return bool(np.any(sizes > SPECK_POINTS * dpi / 72.0))


def read_strip(image: np.ndarray, cells: list[Cell], settings: OcrSettings, enlarge: float,
               variables: dict[str, str] | None = None, thinning: int = 0, psm: int = 6) -> list[list[Word]]:
    """The cells' crops stacked one under another and read by one Tesseract call (psm 6, a block of lines, or
    `psm`): the words of each cell, each cell read alone, away from its neighbours' lines; boxes in page
    points, line numbers those of the strip (distinct across cells)."""
    crops = [_crop(image, cell, settings.dpi, enlarge, thinning) for cell in cells]
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
    strip = without_specks(binarise(np.vstack(strip_parts)), settings.dpi * enlarge)  # clean black on white
    words = words_from_data(run_tesseract(strip, replace(settings, psm=psm), variables), 72)  # boxes in pixels
    points = 72.0 / settings.dpi
    corners = [_inside(image, cell, settings.dpi)[:2] for cell in cells]
    found: list[list[Word]] = [[] for _ in cells]
    for word in words:
        middle = (word.bbox.top + word.bbox.bottom) / 2
        for index, (top, bottom) in enumerate(bands):
            if top - GAP / 2 <= middle <= bottom + GAP / 2:
                left, crop_top = corners[index]
                box = word.bbox  # strip pixels → the crop's pixels → page pixels → points
                found[index].append(replace(word, bbox=BBox(
                    ((box.x0 - GAP) / enlarge + left) * points, ((box.top - top) / enlarge + crop_top) * points,
                    ((box.x1 - GAP) / enlarge + left) * points, ((box.bottom - top) / enlarge + crop_top) * points)))
                break
    return found


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
        if sum(map(looks_numeric, written)) / len(written) >= NUMERIC_COLUMN:
            chosen += body
        else:
            chosen += [cell for cell in body if is_numeric(cell)]
    return chosen


def malformed(texts: dict[int, str], columns: dict[int, int]) -> set[int]:
    """Cells (by id) whose text is no number, a number without decimals in a column whose numbers mostly
    have them (`637` among `6,15`, `7,40`: a comma lost, not a rate of 637 %), or a share printed with its `%`
    above a hundred (`366%`: a comma lost however many of the column lost theirs)."""
    decimals: dict[int, list[bool]] = {}
    for key, text in texts.items():
        if parse_number(text) is not None:
            decimals.setdefault(columns[key], []).append(bool(DECIMAL.search(text)))
    decimal_columns = {col for col, flags in decimals.items() if sum(flags) > len(flags) / 2}
    return {key for key, text in texts.items()
            if (value := parse_number(text)) is None or (columns[key] in decimal_columns and not DECIMAL.search(text))
            or (text.rstrip().endswith("%") and value > 100)}


def digits(text: str) -> str:
    return "".join(ch for ch in text if ch.isdigit())


def agreed_reading(readings: list[str]) -> str | None:
    """Of one cell's readings, the first that is a number and whose digits another reading shares; None when
    no two agree."""
    keys = [digits(text) for text in readings]
    return next((text for text, key in zip(readings, keys)
                 if key and keys.count(key) > 1 and parse_number(text) is not None), None)


def reread_numeric_cells(image: np.ndarray, table: Table, settings: OcrSettings) -> Table:
    numeric = numeric_cells(table)
    if not numeric:
        return table
    number_settings = replace(settings, lang=settings.number_lang)
    variables = {"tessedit_char_whitelist": WHITELIST}

    def read(cells: list[Cell], thinning: int, enlarge: float = ENLARGE) -> tuple[dict[int, str], dict[int, float]]:
        words = read_strip(image, cells, number_settings, enlarge, variables, thinning)
        return ({id(cell): " ".join(word.text for word in found) for cell, found in zip(cells, words)},
                {id(cell): min((word.confidence for word in found), default=0.0) for cell, found in zip(cells, words)})

    texts, confidences = read(numeric, 0)
    columns = {id(cell): cell.col for cell in numeric}
    doubtful = malformed(texts, columns)
    if doubtful:
        second_texts, second_confidences = read([cell for cell in numeric if id(cell) in doubtful],
                                                settings.number_thinning)
        for key, text in second_texts.items():
            if key not in malformed(texts | {key: text}, columns):
                texts[key], confidences[key] = text, second_confidences[key]
    disputed = [cell for cell in numeric if digits(cell.text) and digits(cell.text) != digits(texts[id(cell)])]
    if disputed:
        third_texts, third_confidences = read(disputed, 0, TIE_BREAK_ENLARGE)
        for cell in disputed:
            key = id(cell)
            chosen = agreed_reading([texts[key], third_texts[key], cell.text])
            if chosen is None and DECIMAL.search(cell.text) and parse_number(cell.text) is not None:
                chosen = cell.text  # no two agree: the page model's well-formed reading (right in every such
                # disagreement the review's `cell_read_two_ways` found on the corpus, 11 of 11)
            if chosen is None:
                confidences[key] = min(confidences[key], third_confidences[key], cell.confidence)
            elif chosen != texts[key]:
                texts[key] = chosen
                confidences[key] = third_confidences[key] if chosen == third_texts[key] else cell.confidence
    cells = [replace(cell, text=texts[id(cell)], confidence=confidences[id(cell)])
             if parse_number(texts.get(id(cell), "")) is not None else cell for cell in table.cells]
    return replace(table, cells=cells)


def _kept(words: list[Word]) -> list[Word]:
    """A cell's words without a rule's remnant read as punctuation without confidence."""
    return [word for word in words if not (NOISE.match(word.text) and word.confidence < NOISE_CONFIDENCE)]


def read_cells(image: np.ndarray, ink: np.ndarray, table: Table, settings: OcrSettings) -> tuple[Table, list[Word]]:
    """Every cell with ink read on its own (`vie`, at the scan's size): on the page, Tesseract follows a line
    across the table's columns and mixes a cell's lines with its neighbours' (`VÿPNPHHQSH các huyện` for `Ủy
    ban nhân dân các huyện`), so the page is read with its tables whited out and the tables' words come from
    here. Gives the table with its cells' text, and those words in page points, cell after cell, for the
    page's text; `ink` is the page's ink mask, which tells the empty cells, not read. A rule's remnant read as
    punctuation without confidence is dropped."""
    inked = [cell for cell in table.cells if has_ink(ink, cell, settings.dpi)]
    if not inked:
        return table, []
    read = dict(zip(map(id, inked), read_strip(image, inked, settings, 1.0)))
    # Tesseract's block-of-lines reading now and then passes over a whole cell, a short heading alone in a tall
    # merged cell most of all (`Đơn vị` over two header rows); those are read again together as sparse text.
    if missed := [cell for cell in inked if not _kept(read[id(cell)])]:
        read |= dict(zip(map(id, missed), read_strip(image, missed, settings, 1.0, psm=SPARSE_TEXT)))
    cells, page_words = [], []
    for cell in table.cells:
        words = _kept(read.get(id(cell), []))
        if words:
            lines: dict[int, list[str]] = {}
            for word in words:
                lines.setdefault(word.line, []).append(word.text)
            cell = replace(cell, text="\n".join(" ".join(line) for line in lines.values()),
                           confidence=min(word.confidence for word in words))
            page_words += words
        cells.append(cell)
    return replace(table, cells=cells), page_words
