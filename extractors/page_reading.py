"""Read one page into a `Page` record: from its kept text layer, or by rendering and OCR.

Takes a page's `PageInfo` (and its text-layer words when triage kept them); gives a `Page` with words, text and
confidence. A Tesseract failure on this page is raised as `OcrError` for the flow to retry or record on the
page; the rest of the document goes on. A blank page (no text layer, no image, no ink; or a scanned sheet with
no print) is not OCR'd; a page scanned sideways or upside down is read turned upright; a page's ruled tables
are read cell by cell, the rest of the page around them.
"""
from __future__ import annotations

from pathlib import Path

import numpy as np

from kehoach.config import Settings
from kehoach.extractors.cell_ocr import read_cells, reread_numeric_cells
from kehoach.extractors.ink import PRINTED_MARKS, letter_marks
from kehoach.extractors.ocr import ocr_image
from kehoach.extractors.orientation import turn_if_sideways, turn_if_unreadable, upright
from kehoach.extractors.pdf_input import render_page
from kehoach.extractors.preprocess import prepare
from kehoach.extractors.reading_order import compose_text, insert_blocks
from kehoach.extractors.table_cells import table_from_rectangles
from kehoach.extractors.table_grid import cell_rectangles, erase_rules, find_rules, ink_off_rules
from kehoach.extractors.text_layer import TextLayer
from kehoach.extractors.triage import TriageDecision
from kehoach.records import Page, PageInfo, Table, Word

TABLE_MARGIN = 4  # pixels around a table's outer rules whited out with it


def mean_confidence(words: list[Word]) -> float:
    return sum(word.confidence for word in words) / len(words) if words else 0.0


def page_from_text_layer(info: PageInfo, layer: TextLayer, decision: TriageDecision) -> Page:
    return Page(
        number=info.number,
        width=info.width,
        height=info.height,
        text_source="text_layer",
        words=layer.words,
        text=compose_text(layer.words),
        confidence=1.0,
        triage_reason=decision.reason,
        tables=layer.tables,
    )


def blank_page(info: PageInfo, reason: str = "no text layer, no image, no ink") -> Page:
    return Page(number=info.number, width=info.width, height=info.height, text_source="text_layer", words=[],
                text="", confidence=1.0, triage_reason=f"blank page: {reason}")


def without(image: np.ndarray, tables: list[Table], dpi: int) -> np.ndarray:
    """The page with its tables whited out: their cells are read one by one (extractors/cell_ocr.py)."""
    if not tables:
        return image
    page = image.copy()
    scale = dpi / 72.0
    for table in tables:
        box = table.bbox
        page[max(0, int(box.top * scale) - TABLE_MARGIN):int(box.bottom * scale) + TABLE_MARGIN,
             max(0, int(box.x0 * scale) - TABLE_MARGIN):int(box.x1 * scale) + TABLE_MARGIN] = 255
    return page


def read_image(grey: np.ndarray, info: PageInfo, settings: Settings, reason: str, degrees: int) -> Page:
    """OCR of the page image turned `degrees` clockwise; the page's size is the turned image's."""
    turned = upright(grey, degrees) if degrees else grey
    prepared = prepare(turned, settings.ocr, bitonal=info.scan_bits == 1)
    rules = find_rules(prepared.ink, settings.ocr.dpi)
    clean = erase_rules(prepared.image, rules)
    found = [table for rectangles in cell_rectangles(rules, settings.ocr.dpi, clean)
             if (table := table_from_rectangles(rectangles, [], info.number)) is not None]
    read = [read_cells(clean, ink_off_rules(prepared.ink, rules), table, settings.ocr) for table in found]
    tables = [reread_numeric_cells(clean, table, settings.ocr) for table, _ in read]
    words = insert_blocks(ocr_image(without(clean, found, settings.ocr.dpi), settings.ocr),
                          [(table.bbox.top, cell_words) for table, cell_words in read])
    sideways = degrees in (90, 270)
    return Page(
        number=info.number,
        width=info.height if sideways else info.width,
        height=info.width if sideways else info.height,
        text_source="ocr",
        words=words,
        text=compose_text(words),
        confidence=mean_confidence(words),
        triage_reason=f"{reason}; scanned turned, read after a {degrees}° turn" if degrees else reason,
        tables=tables,
        turned=degrees,
    )


def page_by_ocr(path: Path, info: PageInfo, settings: Settings, reason: str) -> Page:
    """A page scanned sideways is turned before reading; one read with low confidence is asked again whether
    it is upside down, and the turned reading is kept only if it reads better."""
    grey = render_page(path, info.number, settings.ocr.dpi)
    if (marks := letter_marks(grey, settings.ocr.dpi, enough=PRINTED_MARKS)) < PRINTED_MARKS:
        return blank_page(info, f"a scanned sheet with no print ({marks} letter-sized marks), not OCR'd")
    sideways = turn_if_sideways(grey, settings.ocr)
    page = read_image(grey, info, settings, reason, sideways)
    if not sideways and (degrees := turn_if_unreadable(grey, page.confidence, settings.ocr)):
        turned = read_image(grey, info, settings, reason, degrees)
        if turned.confidence > page.confidence:
            return turned
    return page


def failed_page(info: PageInfo, message: str) -> Page:
    return Page(
        number=info.number,
        width=info.width,
        height=info.height,
        text_source="ocr",
        words=[],
        text="",
        confidence=0.0,
        error=message,
    )
