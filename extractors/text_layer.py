"""Read the existing text layer of a PDF's pages: words with positions, via pdfplumber.

Takes a PDF path and the page numbers that carry text; gives, per page, `Word`s (NFC text, boxes in points,
top-left origin) in reading order and the page's ruled tables: the text of a page whose layer triage keeps,
as printed: with the text its form widgets draw over it (extractors/widgets.py).
"""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from pathlib import Path

import pdfplumber

from kehoach.extractors.pdf_tables import find_tables_in_pdf_page
from kehoach.extractors.reading_order import assign_lines
from kehoach.extractors.widgets import with_widgets_drawn
from kehoach.records import BBox, Table, Word


@dataclass(frozen=True)
class TextLayer:
    words: list[Word]
    tables: list[Table]


def read_text_layers(path: Path, numbers: list[int]) -> dict[int, TextLayer]:
    layers: dict[int, TextLayer] = {}
    if not numbers:
        return layers
    with pdfplumber.open(with_widgets_drawn(path) or path) as pdf:
        for number in numbers:
            page = pdf.pages[number - 1]
            raw = page.extract_words(keep_blank_chars=False, use_text_flow=False)
            words = [
                Word(
                    text=unicodedata.normalize("NFC", item["text"]),
                    bbox=BBox(item["x0"], item["top"], item["x1"], item["bottom"]),
                    confidence=1.0,
                    line=0,
                )
                for item in raw
                if item["text"].strip()
            ]
            words = assign_lines(words)
            layers[number] = TextLayer(words, find_tables_in_pdf_page(page, words, number))
            page.close()
    return layers
