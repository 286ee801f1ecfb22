"""Read one page into a `Page` record: from its kept text layer, or by rendering and OCR.

Takes a page's `PageInfo` (and its text-layer words when triage kept them); gives a `Page` with words, text and
confidence. A Tesseract failure on this page is raised as `OcrError` for the flow to retry or record on the
page; the rest of the document goes on. A blank page (no text layer, no image, no ink) is not OCR'd.
"""
from __future__ import annotations

from pathlib import Path

from kehoach.config import Settings
from kehoach.extractors.cell_ocr import reread_numeric_cells, reread_text_cells
from kehoach.extractors.ocr import ocr_image
from kehoach.extractors.pdf_input import render_page
from kehoach.extractors.preprocess import prepare
from kehoach.extractors.reading_order import compose_text
from kehoach.extractors.table_cells import table_from_rectangles
from kehoach.extractors.table_grid import cell_rectangles, erase_rules, find_rules
from kehoach.extractors.text_layer import TextLayer
from kehoach.extractors.triage import TriageDecision
from kehoach.records import Page, PageInfo, Word


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


def blank_page(info: PageInfo) -> Page:
    return Page(number=info.number, width=info.width, height=info.height, text_source="text_layer", words=[],
                text="", confidence=1.0, triage_reason="blank page: no text layer, no image, no ink")


def page_by_ocr(path: Path, info: PageInfo, settings: Settings, reason: str) -> Page:
    prepared = prepare(render_page(path, info.number, settings.ocr.dpi), settings.ocr, bitonal=info.scan_bits == 1)
    rules = find_rules(prepared.image)
    clean = erase_rules(prepared.image, rules)
    words = ocr_image(clean, settings.ocr)
    tables = [reread_numeric_cells(clean, reread_text_cells(clean, table, settings.ocr), settings.ocr)
              for rectangles in cell_rectangles(rules, settings.ocr.dpi)
              if (table := table_from_rectangles(rectangles, words, info.number)) is not None]
    return Page(
        number=info.number,
        width=info.width,
        height=info.height,
        text_source="ocr",
        words=words,
        text=compose_text(words),
        confidence=mean_confidence(words),
        triage_reason=reason,
        tables=tables,
    )


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
