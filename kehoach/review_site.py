"""`kehoach review DIR`: a static review site of a run folder, in `DIR/review/`.

Takes a `kehoach run` output folder (its `docs/<doc_id>.json` records and the source PDFs they name); gives
`DIR/review/index.html` (the documents, those that need a person first), `DIR/review/<doc_id>.html` per document
(each page's image with the cells, targets and tasks drawn over it, each value beside its crop) and the page
images in `DIR/review/img/`. No server and no network: the files open from `file://` and can be copied elsewhere
as a folder. Why: a confidence cannot tell a misread from a right value, a person looking at the print can, and
each doubtful value should be one click from its print. Re-running is cheap: page images already made are kept
(`kehoach.review_images`), the HTML is rewritten from the records.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from kehoach.config import ReviewSettings
from kehoach.errors import UsageError
from kehoach.messages import say
from kehoach.review_html import document_page, index_page
from kehoach.review_images import page_image
from kehoach.review_links import REVIEW_FOLDER
from kehoach.review_marks import ReviewDocument, review_document
from kehoach.writer import atomic_write, docs_folder, load_records

@dataclass(frozen=True)
class ReviewSite:
    """What `write_review_site` wrote: the index page, how many documents, and page images made or kept."""

    index: Path
    documents: int
    images_made: int
    images_kept: int


def documents_to_review(out_dir: Path) -> list[dict]:
    """The run folder's current records (none superseded, none damaged), each file's bytes once (a duplicate's
    record points at the first's)."""
    return [record for record in load_records(out_dir) if not record.get("duplicate_of")]


def write_review_site(out_dir: Path, lang: str = "en", settings: ReviewSettings = ReviewSettings()) -> ReviewSite:
    """Write `out_dir/review/`; a folder without `docs/` is not a run folder (`UsageError`)."""
    if not docs_folder(out_dir).is_dir():
        raise UsageError(say("review_not_a_run_folder", lang, folder=out_dir))
    site = out_dir / REVIEW_FOLDER
    documents: list[ReviewDocument] = []
    made = kept = 0
    for record in documents_to_review(out_dir):
        document = review_document(record)
        images: dict[int, str | None] = {}
        for page in document.pages:
            image = page_image(Path(document.source_file), document.doc_id, page, site, settings)
            images[page.number] = image.name if image else None
            made += bool(image and image.made)
            kept += bool(image and not image.made)
        atomic_write(site / f"{document.doc_id}.html", document_page(document, images, lang, settings))
        documents.append(document)
    index = site / "index.html"
    atomic_write(index, index_page(documents, out_dir.resolve().name, lang))
    return ReviewSite(index, len(documents), made, kept)
