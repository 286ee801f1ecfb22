"""Text drawn by form widgets: the number and day an e-office system stamps into a signed document's blanks.

Takes a PDF path; gives the file with the appearances of its printable widget annotations drawn into the pages'
content (pikepdf's `flatten_annotations`), in memory, or None when it has no such widgets. Documents signed in
e-office systems (ký số) carry the number, the day, the seal and the signature as digital-signature fields
drawn over the page: the page's own text says `Số: /UBND-KGVX … ngày tháng 01` while the page as printed says
`507` and `24`. Reading the text layer of the flattened copy reads the page as printed.
"""
from __future__ import annotations

import io
import warnings
from pathlib import Path

import pikepdf


def _has_widgets(pdf: pikepdf.Pdf) -> bool:
    return any(annotation.get("/Subtype") == "/Widget" and "/AP" in annotation
               for page in pdf.pages for annotation in page.get("/Annots", None) or [])


def with_widgets_drawn(path: Path) -> io.BytesIO | None:
    copy = io.BytesIO()
    try:
        # e-office files keep their widgets out of /AcroForm, which pikepdf warns of: nothing to tell a user
        with warnings.catch_warnings(), pikepdf.open(path) as pdf:
            warnings.simplefilter("ignore", pikepdf.PageCopyWarning)
            if not _has_widgets(pdf):
                return None
            pdf.flatten_annotations(mode="print")
            pdf.save(copy)
    except pikepdf.PdfError:
        return None  # the text layer is then read from the file as it is, without its widgets
    copy.seek(0)
    return copy
