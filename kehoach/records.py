"""Typed records handed from one pipeline stage to the next.

Every stage takes and returns these records (never dicts of dicts), so a stage can be tested on records alone,
without Prefect, Tesseract or a PDF. Positions are PDF points with the origin at the page's top-left corner.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from kehoach.config import Settings

TextSource = Literal["text_layer", "ocr"]
Severity = Literal["error", "warning", "info"]
Status = Literal["ok", "partial", "failed"]


@dataclass(frozen=True)
class BBox:
    """A rectangle in PDF points, origin top-left."""

    x0: float
    top: float
    x1: float
    bottom: float


@dataclass(frozen=True)
class Word:
    """One word as read from a text layer or by OCR, with where it stands and how sure the reader was."""

    text: str
    bbox: BBox
    confidence: float  # 0..1; 1.0 for a text layer the pipeline trusts
    line: int  # reading-order index of the line the word belongs to, within its page


@dataclass(frozen=True)
class PageInfo:
    """What ingest learns about a page before reading it: size and whether it carries a text layer."""

    number: int  # 1-based
    width: float  # points
    height: float  # points
    has_text_layer: bool
    scan_bits: int = 0  # bits per pixel of an image covering most of the page (1: bitonal scan); 0: no scan
    image_pixels: int = 0  # pixels of every image the page draws, as stored (what decoding them costs)
    content_bytes: int = 0  # its content streams inflated (what parsing and drawing them costs)

    @property
    def is_scan(self) -> bool:
        return self.scan_bits > 0


@dataclass(frozen=True)
class Cell:
    row: int
    col: int
    text: str
    bbox: BBox
    row_span: int = 1
    col_span: int = 1
    confidence: float = 1.0


@dataclass
class Table:
    page: int  # first page the table stands on
    bbox: BBox
    n_rows: int
    n_cols: int
    cells: list[Cell]
    pages: list[int] = field(default_factory=list)  # every page it spans
    row_pages: list[int] = field(default_factory=list)  # the page each row stands on
    title: str = ""  # the text printed just above it (an appendix's title and its `Kèm theo Kế hoạch số ...`)


@dataclass
class Page:
    """A page's text after triage and reading (OCR or text layer), in reading order."""

    number: int
    width: float
    height: float
    text_source: TextSource
    words: list[Word]
    text: str
    confidence: float  # mean word confidence, 0..1
    triage_reason: str = ""
    error: str = ""  # set when the page could not be read; the rest of the document goes on
    tables: list[Table] = field(default_factory=list)  # ruled tables found on this page
    turned: int = 0  # degrees clockwise the image was turned to be read upright (size and boxes: the turned page)


@dataclass
class Issue:
    """A validation finding (issues.csv)."""

    severity: Severity
    code: str
    message: str
    page: int | None = None


@dataclass
class DocumentMeta:
    """What the header block says: issuer, number, place and date, type and title."""

    doc_type: str = ""
    plan_number: str = ""
    issuer: str = ""  # the issuing body (cơ quan ban hành), normal case: `Ủy ban nhân dân tỉnh Gia Lai`
    issuer_parent: str = ""  # the body printed above it, if any: `UBND tỉnh Quảng Ngãi` over `Ban Chỉ đạo 138`
    issue_date: str = ""  # ISO YYYY-MM-DD
    province: str = ""
    district: str = ""
    title: str = ""
    period_start: str = ""  # a year, as text
    period_end: str = ""


@dataclass
class Target:
    """One target (chỉ tiêu) for an area, indicator and year (targets.csv)."""

    area_name: str
    area_name_raw: str
    area_level: str
    area_code: str
    province: str
    indicator: str
    year: int | None
    value: float | None
    unit: str = "percent"
    participants: int | None = None
    base: str = ""
    base_value: int | None = None
    source: str = "table"
    page: int | None = None
    confidence: float = 1.0
    table: int | None = None  # the table it was read from: its index in `Document.tables`; None for prose
    total_row: bool = False  # read from a table's total row (`TOÀN TỈNH`, `Tổng cộng`): the table's whole area
    decimals: int | None = None  # digits printed after the value's decimal comma (`13,10` → 2); None: not known
    indicator_label: str = ""  # the indicator as printed (`Tỷ lệ bao phủ BHYT (%)`), beside its stable name
    year_from: str = ""  # which layer gave the year: header | caption | lead-in | document | text (prose)


@dataclass
class Task:
    """One task of a task matrix or a task assignment in prose (tasks.csv)."""

    section: str
    section_title: str
    group: str
    item: str
    task: str
    lead_agency: str
    lead_agency_raw: str
    partner_agencies: list[str]
    timeline: str
    due: str
    recurring: bool
    page: int | None
    confidence: float = 1.0


@dataclass(frozen=True)
class Signature:
    """A digital signature (chữ ký số) of the file: who signed, when the signature says, and whether the bytes it
    covers still match what was signed."""

    field: str  # the signature field's name
    signer: str  # the certificate's common name
    signed_at: str  # ISO 8601, as the signature reports it
    reason: str
    location: str
    intact: bool | None  # None: it could not be checked
    covers: str  # file | revision (signers after it appended to the file) | part; empty when not checked


@dataclass
class Document:
    """Everything the pipeline knows about one input file; the writer turns it into rows and JSON."""

    doc_id: str
    source_file: str
    sha256: str
    status: Status
    error: str = ""
    pages: list[Page] = field(default_factory=list)
    meta: DocumentMeta = field(default_factory=DocumentMeta)
    tables: list[Table] = field(default_factory=list)
    targets: list[Target] = field(default_factory=list)
    tasks: list[Task] = field(default_factory=list)
    issues: list[Issue] = field(default_factory=list)
    seconds: float = 0.0
    signatures: list[Signature] = field(default_factory=list)

    def to_dict(self, settings: Settings | None = None) -> dict:
        """The `docs/<doc_id>.json` record of this document, valid against `kehoach/document.schema.json`;
        `settings` (a `kehoach.config.Settings`, default ones when None) names what it was read with."""
        from kehoach.config import Settings
        from kehoach.writer import document_record, settings_fingerprint

        return document_record(self, settings_fingerprint(settings or Settings()))

    @property
    def text_source(self) -> str:
        sources = {p.text_source for p in self.pages if not p.error}
        if not sources:
            return ""
        return sources.pop() if len(sources) == 1 else "mixed"
