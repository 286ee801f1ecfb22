"""Parallel text for OCR post-correction: clean text as printed, next to what Tesseract reads off its scan.

Takes plain text (one paragraph per line), a scan profile and an engine (`eng`, `vie`); renders the text as
an A4 document (kehoach.synth.render), rasterises each page, degrades it like a scanner and reads it with
Tesseract (single-threaded, psm 4, the page handed over as uncompressed PGM); gives one `ParallelPage` per
page: the page's text as printed (from the born-digital file) and as read. `word_pairs` aligns the two into
(printed word, read word) pairs, which train the channel model and score the restoration benchmark.
"""
from __future__ import annotations

import os
import tempfile
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import cv2
import pdfplumber
import pytesseract
from rapidfuzz.distance import Levenshtein

from kehoach.extractors.pdf_input import render_page
from kehoach.synth.render import render_pdf
from kehoach.synth.scanner import ScanProfile, scan
from kehoach.synth.spec import DocumentSpec, Paragraph
from kehoach.text_folding import fold

PUNCTUATION = "()[]\"'“”‘’,.;:!?…*"
MIN_PAIR_SIMILARITY = 0.5  # a substituted pair less alike than this (by skeleton) is a misalignment


@dataclass(frozen=True)
class ParallelPage:
    printed: str
    read: str


def plain_spec(text: str) -> DocumentSpec:
    """Text as a document with an empty header: each line one justified paragraph."""
    paragraphs = [Paragraph(line) for line in text.splitlines() if line.strip()]
    return DocumentSpec(issuer_lines=[], number="", place_date="", doc_title="", subject_lines=[],
                        blocks=paragraphs)


def read_back(text: str, profile: ScanProfile, engine: str, seed: int) -> list[ParallelPage]:
    os.environ["OMP_THREAD_LIMIT"] = "1"
    pages: list[ParallelPage] = []
    with tempfile.TemporaryDirectory(prefix="kehoach-parallel-") as folder:
        pdf_path = Path(folder) / "text.pdf"
        render_pdf(plain_spec(text), pdf_path)
        with pdfplumber.open(pdf_path) as pdf:
            printed = [page.extract_text() or "" for page in pdf.pages]
        for number, page_text in enumerate(printed, 1):
            image = scan(render_page(pdf_path, number, profile.dpi), profile, seed + number)
            image_path = Path(folder) / f"page{number}.pgm"
            cv2.imwrite(str(image_path), image)
            read = pytesseract.image_to_string(str(image_path), lang=engine, config=f"--psm 4 --dpi {profile.dpi}")
            pages.append(ParallelPage(page_text, read))
    return pages


def words(text: str) -> list[str]:
    """Whitespace tokens (NFC) without their surrounding punctuation; tokens of punctuation alone dropped."""
    return [core for core in (token.strip(PUNCTUATION) for token in unicodedata.normalize("NFC", text).split())
            if core]


def word_pairs(printed: list[str], read: list[str]) -> list[tuple[int, int]]:
    """(index in printed, index in read) of the words that correspond one to one: the same word (compared
    without marks) or one substituted for the other, when alike enough to be a misreading."""
    printed_keys = [fold(word) for word in printed]
    read_keys = [fold(word) for word in read]
    pairs = [(block.src_start + k, block.dest_start + k) for block in Levenshtein.opcodes(printed_keys, read_keys)
             if block.tag in ("equal", "replace") and block.src_end - block.src_start == block.dest_end - block.dest_start
             for k in range(block.src_end - block.src_start)]
    return [(i, j) for i, j in pairs
            if Levenshtein.normalized_similarity(printed_keys[i], read_keys[j]) >= MIN_PAIR_SIMILARITY]
