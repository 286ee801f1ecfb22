"""Ingest: open a PDF file safely and learn its pages, or say in one sentence why it cannot be read.

Takes a path; gives the file's identity (sha256, doc_id) and a `PageInfo` per page, or raises `InputError` /
`LimitExceeded` with a message a person can act on. Rendering a page to a grey image for OCR also lives here,
in memory (pypdfium2), because encoding images to PNG costs as much as OCR itself. PDFium is used only here,
under one lock.
"""
from __future__ import annotations

import hashlib
import threading
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pikepdf
import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from kehoach.config import Limits
from kehoach.errors import InputError, LimitExceeded
from kehoach.extractors.pdf_limits import PageCost, page_cost, page_tree_problem
from kehoach.records import PageInfo

POINTS_PER_INCH = 72.0
# PDFium is not thread-safe and the flow reads pages on threads: every PDFium call holds this lock. Rendering
# takes a tenth of a page's OCR time, so the pages still overlap where it matters, in Tesseract.
PDFIUM = threading.Lock()
_TAIL_BYTES = 2048  # where a complete PDF keeps its %%EOF marker
SCAN_COVERAGE = 0.5  # a page whose largest image covers this share of it is a scan
BLANK_CHECK_DPI = 36
BLANK_INK_LEVEL = 200  # a page whose darkest pixel is lighter than this (of 255) has no ink


@dataclass(frozen=True)
class SourceFile:
    path: Path
    sha256: str

    @property
    def doc_id(self) -> str:
        """First 12 hex digits of the file's SHA-256: the same file always gets the same id."""
        return self.sha256[:12]


def identify(path: Path) -> SourceFile:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return SourceFile(path=path, sha256=digest.hexdigest())


def check_bytes(path: Path, limits: Limits) -> None:
    """Reject what is plainly not a whole PDF before a parser sees it."""
    size = path.stat().st_size
    if size == 0:
        raise InputError("The file is empty (0 bytes): copy it again from its source or re-scan the document.")
    if size > limits.max_file_bytes:
        raise LimitExceeded(
            f"The file is {size / 1e9:.1f} GB, over the {limits.max_file_bytes / 1e9:.1f} GB limit: "
            "split it or raise the limit."
        )
    with path.open("rb") as handle:
        head = handle.read(1024)
        handle.seek(max(0, size - _TAIL_BYTES))
        tail = handle.read()
    if b"%PDF-" not in head:
        kind = _guess_kind(head)
        raise InputError(f"The file is not a PDF ({kind}): export or scan the document to PDF and run it again.")
    if b"%%EOF" not in tail:
        raise InputError(
            "The PDF is cut off (its end marker %%EOF is missing): the copy or download was interrupted; "
            "copy the file again from its source."
        )


def _guess_kind(head: bytes) -> str:
    signatures = {
        b"PK\x03\x04": "it is a ZIP or Office file",
        b"\x89PNG": "it is a PNG image",
        b"\xff\xd8\xff": "it is a JPEG image",
        b"II*\x00": "it is a TIFF image",
        b"MM\x00*": "it is a TIFF image",
        b"<html": "it is a web page",
        b"<!DOCTYPE": "it is a web page",
    }
    for magic, kind in signatures.items():
        if head.lstrip().startswith(magic):
            return kind
    return "it does not start with the %PDF- signature"


def open_pdf(path: Path) -> pdfium.PdfDocument:
    try:
        return pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as exc:
        raise InputError(_why_unreadable(path, exc)) from exc


def _why_unreadable(path: Path, exc: pdfium.PdfiumError) -> str:
    """Ask a second parser why PDFium refused the file (PDFium's own error code is process-global and can be
    stale after an earlier failure, so it is not trusted)."""
    try:
        with pikepdf.open(path) as pdf:
            if len(pdf.pages) == 0:
                return "The PDF has no pages: re-export or re-scan the document."
    except pikepdf.PasswordError:
        return ("The PDF is encrypted with a password: ask the sender for an unprotected copy, or remove the "
                "password (e.g. `qpdf --decrypt --password=… in.pdf out.pdf`) and run it again.")
    except pikepdf.PdfError as reason:
        return f"The PDF is damaged and cannot be opened ({reason}): obtain a fresh copy."
    return f"The PDF is damaged and cannot be opened ({exc}): obtain a fresh copy."


@dataclass(frozen=True)
class Inspection:
    """What opening a PDF once tells: each page's description, and the text of the pages with a text layer
    (1-based page → text as PDFium reads it, without positions: enough to judge a layer, at a fiftieth of what
    reading its words with positions costs)."""

    pages: list[PageInfo]
    layer_texts: dict[int, str]


def inspect_pages(path: Path, limits: Limits) -> Inspection:
    """Open the file, describe each page and take its text layer's text; raises InputError/LimitExceeded for
    the whole document."""
    check_bytes(path, limits)
    with PDFIUM:
        return _inspect(path, limits)


def page_costs(path: Path, limits: Limits) -> list[PageCost]:
    """Each page's cost to draw (`pdf_limits`), read with qpdf before PDFium loads a page (loading parses its
    whole content). A file qpdf cannot open gets no costs here: PDFium then says why it cannot be read."""
    try:
        with pikepdf.open(path) as pdf:
            problem = page_tree_problem(pdf)
            if problem:
                raise InputError(f"The PDF cannot be read safely: {problem}")
            return [page_cost(page.obj, limits.max_content_bytes) for page in pdf.pages[:limits.max_pages + 1]]
    except (pikepdf.PdfError, pikepdf.PasswordError):
        return []


def _inspect(path: Path, limits: Limits) -> Inspection:
    costs = page_costs(path, limits)
    pdf = open_pdf(path)
    try:
        count = len(pdf)
        if count == 0:
            raise InputError("The PDF has no pages: re-export or re-scan the document.")
        if count > limits.max_pages:
            raise LimitExceeded(
                f"The PDF has {count} pages, over the {limits.max_pages}-page limit: split it, or raise "
                "--max-pages."
            )
        infos = []
        texts: dict[int, str] = {}
        for index in range(count):
            cost = costs[index] if index < len(costs) else PageCost(0, 0)
            if cost.content_bytes > limits.max_content_bytes:  # not loaded: refused before reading
                width, height = pdf.get_page_size(index)
                infos.append(PageInfo(number=index + 1, width=width, height=height, has_text_layer=False,
                                      image_pixels=cost.image_pixels, content_bytes=cost.content_bytes))
                continue
            page = pdf[index]
            width, height = page.get_size()
            textpage = page.get_textpage()
            has_text = textpage.count_chars() > 0
            if has_text:
                texts[index + 1] = textpage.get_text_bounded()
            textpage.close()
            scan_bits, image_pixels = page_images(page, width * height)
            page.close()
            infos.append(PageInfo(number=index + 1, width=width, height=height, has_text_layer=has_text,
                                  scan_bits=scan_bits, image_pixels=max(image_pixels, cost.image_pixels),
                                  content_bytes=cost.content_bytes))
        return Inspection(infos, texts)
    finally:
        pdf.close()


def page_images(page: pdfium.PdfPage, page_area: float) -> tuple[int, int]:
    """Bits per pixel of the image that covers most of the page (1 for a bitonal scan; 0 if none does), and the
    pixels of the page's largest image as stored. Both come from the images' dictionaries: nothing is decoded."""
    scan_bits = largest = 0
    for item in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE], max_depth=3):
        metadata = item.get_metadata()
        largest = max(largest, metadata.width * metadata.height)
        left, bottom, right, top = item.get_bounds()
        if not scan_bits and page_area and (right - left) * (top - bottom) / page_area >= SCAN_COVERAGE:
            scan_bits = max(1, metadata.bits_per_pixel)
    return scan_bits, largest


def check_page_pixels(info: PageInfo, dpi: int, limits: Limits) -> None:
    """Refuse, before anything renders it, a page whose render or whose images would exhaust memory, or whose
    content would hold the renderer for minutes."""
    if info.image_pixels > limits.max_image_pixels:
        raise LimitExceeded(
            f"Page {info.number} draws images of {info.image_pixels / 1e6:.0f} Mpx, over the "
            f"{limits.max_image_pixels / 1e6:.0f} Mpx limit: decoding it would exhaust memory (a damaged or "
            "crafted file, or a scan at far too high a resolution); re-scan the page at 300 dpi."
        )
    if info.content_bytes > limits.max_content_bytes:
        raise LimitExceeded(
            f"Page {info.number} draws {info.content_bytes / 1e6:.0f} MB or more of content, over the "
            f"{limits.max_content_bytes / 1e6:.0f} MB limit: drawing it would hold the renderer for minutes (a "
            "damaged or crafted file, or a drawing far too detailed); print the page to PDF again or scan it."
        )
    pixels = (info.width / POINTS_PER_INCH * dpi) * (info.height / POINTS_PER_INCH * dpi)
    if pixels > limits.max_page_pixels:
        raise LimitExceeded(
            f"Page {info.number} is {info.width / POINTS_PER_INCH:.0f}×{info.height / POINTS_PER_INCH:.0f} "
            f"inches ({pixels / 1e6:.0f} Mpx at {dpi} dpi), over the {limits.max_page_pixels / 1e6:.0f} Mpx "
            "limit: it would exhaust memory; check the scan's page size."
        )


def is_blank(path: Path, number: int) -> bool:
    """No ink at all on a quick low-resolution render: nothing to read."""
    return int(render_page(path, number, BLANK_CHECK_DPI).min()) > BLANK_INK_LEVEL


def render_page(path: Path, number: int, dpi: int) -> np.ndarray:
    """Render one page (1-based) to an 8-bit grey image in memory."""
    with PDFIUM:
        pdf = open_pdf(path)
        try:
            page = pdf[number - 1]
            bitmap = page.render(scale=dpi / POINTS_PER_INCH, grayscale=True)
            image = bitmap.to_numpy().copy()
            bitmap.close()
            page.close()
        finally:
            pdf.close()
    if image.ndim == 3:
        image = image[:, :, 0]
    return image
