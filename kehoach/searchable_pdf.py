"""The archive copy of each input: `DIR/pdf/<doc_id>.pdf`, the source file with the restored text searchable.

Takes a document's stored record (`docs/<doc_id>.json`: its pages, each page's words with their boxes and the
restored text) and the source file it names; gives a copy of the source in which every page read by OCR carries
an invisible layer of the restored words over their ink (`kehoach.pdf_text_layer`, in a Vietnamese-capable font
embedded as a subset, `kehoach.pdf_font`), its old invisible layer (a scanner's, or an English-model OCR's) taken
off. Pages whose own text layer was kept are copied as they are, and so is a page that could not be read. The
source's objects pass through pikepdf unchanged, so a scan's image streams keep their bytes: nothing is decoded or
compressed again.

Why: after a run the restored text lived only in the JSON; an archivist wanting a searchable copy had to OCR every
file again with another tool, which loses the diacritics restoration puts back. Working from the record costs no
second reading, and a document read by an earlier run gets its copy too.

The copy carries the PDF/A-2b identification (XMP `pdfaid`) and an sRGB output intent (the ICC profile built by
littleCMS through Pillow). That is the metadata only: no validator checks the copy (the source's own content may
not conform). Each copy is written to a temp file and renamed; a copy made from the same record is not made again.
"""
from __future__ import annotations

import sys
from collections.abc import Iterable
from dataclasses import dataclass, field
from importlib.metadata import version
from pathlib import Path

import pikepdf
from PIL import ImageCms

from kehoach.config import Settings
from kehoach.messages import say
from kehoach.pdf_font import embed_font
from kehoach.pdf_text_layer import add_text_layer, strip_invisible_text
from kehoach.records import BBox, Word
from kehoach.writer import current_records, replacing, stored_records

PDF_FOLDER = "pdf"
RECORD_KEY = pikepdf.Name("/KehoachRecord")  # the record's `pipeline` in the copy's Info: which reading it holds


@dataclass(frozen=True)
class ArchivePage:
    """What the copy needs of a page of the record: whether to lay words on it, which, and how it was turned."""

    number: int  # 1-based
    read_by_ocr: bool
    failed: bool
    height: float  # points, of the page as read (turned upright)
    turned: int  # degrees clockwise the page was turned before it was read
    words: list[Word]

    @property
    def gets_words(self) -> bool:
        return self.read_by_ocr and not self.failed and bool(self.words)


@dataclass
class ArchiveSummary:
    written: list[Path] = field(default_factory=list)
    current: int = 0  # copies already made from the same record
    not_written: list[str] = field(default_factory=list)  # a sentence for each document that got no copy


def archive_path(out_dir: Path, doc_id: str) -> Path:
    return out_dir / PDF_FOLDER / f"{doc_id}.pdf"


def archive_pages(record: dict) -> list[ArchivePage]:
    """The record's pages with their words as typed records (words carry the restored text: restoration keeps one
    token per word, `normalizers/page_restoration.py`)."""
    return [ArchivePage(
        number=page["number"], read_by_ocr=page["text_source"] == "ocr", failed=bool(page["error"]),
        height=page["height"], turned=page.get("turned", 0),
        words=[Word(text, BBox(x0, top, x1, bottom), confidence, line)
               for text, x0, top, x1, bottom, confidence, line in page["words"]])
        for page in record["pages"]]


def srgb_profile() -> bytes:
    return ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()


def mark_pdfa_2b(pdf: pikepdf.Pdf) -> None:
    """The PDF/A-2b identification and, unless the source has one, an sRGB output intent."""
    with pdf.open_metadata(set_pikepdf_as_editor=False) as meta:
        meta["pdfaid:part"] = "2"
        meta["pdfaid:conformance"] = "B"
        meta["xmp:CreatorTool"] = f"kehoach {version('kehoach')}"
    if "/OutputIntents" not in pdf.Root:
        profile = pdf.make_stream(srgb_profile())
        profile.N = 3
        pdf.Root.OutputIntents = pikepdf.Array([pdf.make_indirect(pikepdf.Dictionary(
            Type=pikepdf.Name.OutputIntent, S=pikepdf.Name.GTS_PDFA1,
            OutputConditionIdentifier=pikepdf.String("sRGB IEC61966-2.1"), DestOutputProfile=profile))])


def lay_restored_text(pdf: pikepdf.Pdf, pages: list[ArchivePage], settings: Settings) -> None:
    """The words of the pages read by OCR laid over them, in place of any invisible text they had; a page that
    could not be read loses its old layer and gets none."""
    laid = [page for page in pages if page.gets_words]
    characters = {" "} | {c for page in laid for word in page.words for c in word.text}
    font = embed_font(pdf, settings.pdf_font, characters) if laid else None
    for page in pages:
        if not page.read_by_ocr or page.number > len(pdf.pages):
            continue
        source_page = pdf.pages[page.number - 1]
        strip_invisible_text(pdf, source_page)
        if font and page.gets_words:
            add_text_layer(pdf, source_page, page.words, page.height, page.turned, font)


def write_searchable_pdf(out_dir: Path, record: dict, settings: Settings) -> Path:
    """`DIR/pdf/<doc_id>.pdf` from the document's record, written atomically. Raises `pikepdf.PdfError` when
    pikepdf cannot read the source, `OSError` when it cannot be opened, `OutputError` when the copy cannot be
    written."""
    path = archive_path(out_dir, record["doc_id"])
    with pikepdf.open(record["source_file"]) as pdf:
        lay_restored_text(pdf, archive_pages(record), settings)
        mark_pdfa_2b(pdf)
        pdf.docinfo[RECORD_KEY] = record["pipeline"]
        with replacing(path) as temp:
            # the streams as they are: `compress_streams` would deflate a scan stored uncompressed
            pdf.save(temp, compress_streams=False, stream_decode_level=pikepdf.StreamDecodeLevel.none)
    return path


def made_from(path: Path, record: dict) -> bool:
    """The copy at `path` exists and was made from this record (the same reading of the same file)."""
    if not path.is_file():
        return False
    try:
        with pikepdf.open(path) as pdf:
            return str(pdf.docinfo.get(RECORD_KEY, "")) == record["pipeline"]
    except pikepdf.PdfError:
        return False


def write_searchable_pdfs(out_dir: Path, inputs: Iterable[Path], settings: Settings) -> ArchiveSummary:
    """An archive copy for every document of `inputs` with a record in `out_dir` that did not fail, unless one made
    from the same record is there; says on standard error what it wrote and what it could not."""
    names = {str(path) for path in inputs}
    summary = ArchiveSummary()
    for record in current_records(stored_records(out_dir)):
        if record.get("source_file") not in names or record.get("status") == "failed" or record.get("duplicate_of"):
            continue
        if made_from(archive_path(out_dir, record["doc_id"]), record):
            summary.current += 1
            continue
        try:
            summary.written.append(write_searchable_pdf(out_dir, record, settings))
        except (pikepdf.PdfError, OSError) as exc:
            summary.not_written.append(say("pdf_not_written", settings.lang, source=record["source_file"],
                                           reason=str(exc)))
    for sentence in summary.not_written:
        print(f"kehoach: {sentence}", file=sys.stderr)
    print(say("pdf_written", settings.lang, written=len(summary.written), current=summary.current,
              folder=out_dir / PDF_FOLDER), file=sys.stderr)
    return summary
