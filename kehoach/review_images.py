"""The page images of the review site: each page of a source PDF rendered once, at a screen's size, as a grey JPEG.

Takes a document's source file and its pages as read (`ReviewPage`: size in points, the turn it was read after);
gives `review/img/<doc_id>-p<page>-w<width>.jpg`, turned as the page was read so that the boxes of the record
(PDF points of the page as read) fall on the image at the page's scale. An image already there is kept: the
doc_id is the file's content hash and the width is in the name, so an existing image is this page at this size,
and a re-run of `kehoach review` renders nothing it made before. Grey because plans are black print and a grey
JPEG is a third of a colour one; the pipeline's own renderer (PDFium under its lock) draws it.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PIL import Image

from kehoach.config import ReviewSettings
from kehoach.errors import KehoachError
from kehoach.extractors.pdf_input import POINTS_PER_INCH, render_page
from kehoach.review_marks import ReviewPage
from kehoach.writer import replacing

IMAGE_FOLDER = "img"


@dataclass(frozen=True)
class PageImage:
    """A page's image file, relative to the review folder; `made`: rendered by this call (not found there)."""

    name: str
    made: bool


def image_name(doc_id: str, page: int, settings: ReviewSettings) -> str:
    return f"{IMAGE_FOLDER}/{doc_id}-p{page}-w{settings.image_width}.jpg"


def page_image(source: Path, doc_id: str, page: ReviewPage, review_dir: Path,
               settings: ReviewSettings) -> PageImage | None:
    """The page's image, rendered if it is not there yet; None when the source PDF is gone or unreadable (the
    page is then listed without its picture)."""
    name = image_name(doc_id, page.number, settings)
    path = review_dir / name
    if path.exists():
        return PageImage(name, made=False)
    if not source.is_file():
        return None
    dpi = settings.image_width * POINTS_PER_INCH / page.width  # the page as read is image_width pixels wide
    try:
        grey = render_page(source, page.number, dpi)
    except KehoachError:
        return None
    if page.turned:
        from kehoach.extractors.orientation import upright  # with Tesseract behind it: loaded only when needed

        grey = upright(grey, page.turned)
    with replacing(path) as temp:  # never a half-written image under the name a re-run trusts
        Image.fromarray(grey).save(temp, "JPEG", quality=settings.jpeg_quality, optimize=True)
    return PageImage(name, made=True)
