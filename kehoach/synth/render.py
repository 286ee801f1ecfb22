"""Render a `DocumentSpec` to a born-digital A4 PDF with reportlab, byte for byte the same on every run.

The layout follows Vietnamese administrative documents (Nghị định 30/2020): a two-column header (issuer
left, national motto right; number left, place and date right), the title and subject centred in bold,
13-pt Times-like body text (Liberation Serif), ruled tables with merged header cells whose header row
repeats on every page the table runs over.
"""
from __future__ import annotations

import unicodedata
from functools import lru_cache
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import PageBreak as RLPageBreak
from reportlab.platypus import Paragraph as RLParagraph
from reportlab.platypus import SimpleDocTemplate, Spacer, Table, TableStyle

from kehoach.synth.spec import DocumentSpec, PageBreak, Paragraph, TableSpec

FONT_DIR = Path("/usr/share/fonts/truetype/liberation2")
MOTTO = ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"]
MARGINS = dict(leftMargin=30 * mm, rightMargin=20 * mm, topMargin=20 * mm, bottomMargin=20 * mm)


@lru_cache(maxsize=1)
def _fonts() -> None:
    for name, file in [("Serif", "LiberationSerif-Regular.ttf"), ("Serif-Bold", "LiberationSerif-Bold.ttf"),
                       ("Serif-Italic", "LiberationSerif-Italic.ttf")]:
        pdfmetrics.registerFont(TTFont(name, str(FONT_DIR / file)))
    pdfmetrics.registerFontFamily("Serif", normal="Serif", bold="Serif-Bold", italic="Serif-Italic")


def _styles() -> dict[str, ParagraphStyle]:
    base = ParagraphStyle("body", fontName="Serif", fontSize=13, leading=17, alignment=TA_JUSTIFY,
                          firstLineIndent=10 * mm, spaceAfter=4)
    return {
        "body": base,
        "heading": ParagraphStyle("heading", parent=base, fontName="Serif-Bold", firstLineIndent=10 * mm),
        "center": ParagraphStyle("center", parent=base, alignment=TA_CENTER, firstLineIndent=0),
        "center_bold": ParagraphStyle("center_bold", parent=base, alignment=TA_CENTER, firstLineIndent=0,
                                      fontName="Serif-Bold"),
        "italic_center": ParagraphStyle("italic_center", parent=base, alignment=TA_CENTER, firstLineIndent=0,
                                        fontName="Serif-Italic"),
        "signature": ParagraphStyle("signature", parent=base, alignment=TA_CENTER, firstLineIndent=0,
                                    fontName="Serif-Bold", leftIndent=80 * mm),
        "header": ParagraphStyle("header", parent=base, fontSize=12, leading=15, alignment=TA_CENTER,
                                 firstLineIndent=0, fontName="Serif-Bold", spaceAfter=0),
        "header_plain": ParagraphStyle("header_plain", parent=base, fontSize=13, leading=15,
                                       alignment=TA_CENTER, firstLineIndent=0, spaceAfter=0),
        "date": ParagraphStyle("date", parent=base, fontSize=13, leading=15, alignment=TA_CENTER,
                               firstLineIndent=0, fontName="Serif-Italic", spaceAfter=0),
        "cell": ParagraphStyle("cell", parent=base, fontSize=10.5, leading=12.5, alignment=TA_LEFT,
                               firstLineIndent=0, spaceAfter=0),
        "cell_center": ParagraphStyle("cell_center", parent=base, fontSize=10.5, leading=12.5,
                                      alignment=TA_CENTER, firstLineIndent=0, spaceAfter=0),
        "cell_head": ParagraphStyle("cell_head", parent=base, fontSize=10.5, leading=12.5, alignment=TA_CENTER,
                                    firstLineIndent=0, spaceAfter=0, fontName="Serif-Bold"),
    }


def _markup(text: str) -> str:
    """Text as reportlab markup, its letters composed (NFC) first: reportlab draws a combining mark as a glyph
    of its own, without positioning, so a decomposed `á` prints its acute over the next letter, as no word
    processor prints it (text taken from a PDF's text layer is often decomposed)."""
    text = unicodedata.normalize("NFC", text)
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _header(spec: DocumentSpec, styles: dict[str, ParagraphStyle], width: float) -> Table:
    left = [RLParagraph(_markup(line), styles["header"]) for line in spec.issuer_lines]
    right = [RLParagraph(_markup(MOTTO[0]), styles["header"]), RLParagraph(_markup(MOTTO[1]), styles["header"])]
    number = RLParagraph(_markup(f"Số: {spec.number}"), styles["header_plain"])
    date = RLParagraph(_markup(spec.place_date), styles["date"])
    table = Table([[left, right], [number, date]], colWidths=[width * 0.42, width * 0.58])
    table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("TOPPADDING", (0, 1), (-1, 1), 8)]))
    return table


def _table(spec: TableSpec, styles: dict[str, ParagraphStyle], width: float) -> Table:
    n_cols = len(spec.col_widths)
    data: list[list] = []
    commands = [("GRID", (0, 0), (-1, -1), 0.6, colors.black), ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("FONT", (0, 0), (-1, -1), "Serif", spec.font_size)]
    occupied: set[tuple[int, int]] = set()
    for r, header_row in enumerate(spec.header):
        row: list = [""] * n_cols
        c = 0
        for cell in header_row:
            while (r, c) in occupied:
                c += 1
            row[c] = RLParagraph(_markup(cell.text), styles["cell_head"])
            if cell.col_span > 1 or cell.row_span > 1:
                commands.append(("SPAN", (c, r), (c + cell.col_span - 1, r + cell.row_span - 1)))
            occupied |= {(r + dr, c + dc) for dr in range(cell.row_span) for dc in range(cell.col_span)}
            c += cell.col_span
        data.append(row)
    for body in spec.rows:
        r = len(data)
        if isinstance(body, str):
            data.append([RLParagraph(f"<b>{_markup(body)}</b>", styles["cell"])] + [""] * (n_cols - 1))
            commands.append(("SPAN", (0, r), (n_cols - 1, r)))
            continue
        data.append([RLParagraph(_markup(text), styles["cell_center" if _short(text) else "cell"])
                     for text in body])
    table = Table(data, colWidths=[width * f for f in spec.col_widths], repeatRows=len(spec.header))
    table.setStyle(TableStyle(commands))
    return table


def _short(text: str) -> bool:
    return len(text) <= 12


def render_pdf(spec: DocumentSpec, path: Path) -> None:
    _fonts()
    styles = _styles()
    doc = SimpleDocTemplate(str(path), pagesize=A4, invariant=1, title="", author="", subject="", creator="",
                            producer="", **MARGINS)
    width = doc.width
    story: list = [_header(spec, styles, width), Spacer(1, 10),
                   RLParagraph(_markup(spec.doc_title), styles["center_bold"])]
    story += [RLParagraph(_markup(line), styles["center_bold"]) for line in spec.subject_lines]
    story.append(Spacer(1, 6))
    for block in spec.blocks:
        if isinstance(block, PageBreak):
            story.append(RLPageBreak())
        elif isinstance(block, TableSpec):
            story += [_table(block, styles, width), Spacer(1, 8)]
        elif isinstance(block, Paragraph):
            story.append(RLParagraph(_markup(block.text), styles[block.style]))
    doc.build(story)
