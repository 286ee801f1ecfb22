"""Make the bad inputs an archive really receives, each with the status and message fragment expected.

Used by the ingest tests and the end-to-end runs; every file is made fresh in a temporary folder.

- `make_bad_inputs`: files no PDF reader can use (empty, not a PDF, truncated, encrypted, no pages, a 200-inch
  page). Each fails alone, in milliseconds.
- `make_hard_inputs`: readable files that are hard to read (pages scanned turned, a blank page, a scan ending
  with a white sheet, 300 pages, a decompression bomb, an English letter) under names with spaces, quotes and
  Vietnamese letters composed (NFC) and decomposed (NFD). Read with the default settings.
- `make_limit_inputs`: a document over the page limit and a page over the time limit, read with `LIMIT_ARGS`
  (small limits set on the command line instead of huge files).
- `make_hostile_pdfs`: small files crafted to cost a reader far more than their size: a bomb image hidden five
  forms deep or as another image's soft mask, a page of 150 000 page-long strokes, a page tree listing one page
  1 999 times. Each page is refused before anything draws it (one-page files: the document fails).
- `make_vanishing_inputs`: names that are not what they seem: the same bytes under a second (NFD) name, a
  broken symbolic link, a link loop and a FIFO, all named `.pdf`. Each must get a row of its own.
"""
from __future__ import annotations

import os
import unicodedata
import zlib
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pikepdf
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.platypus import Paragraph as RLParagraph
from reportlab.platypus import SimpleDocTemplate

from kehoach.extractors.pdf_input import render_page
from kehoach.synth.pdf_build import build_scanned_pdf
from kehoach.synth.render import render_pdf
from kehoach.synth.scanner import ScanProfile, scan
from kehoach.synth.spec import DocumentSpec, Paragraph

SCAN_DPI = 200
PHRASE = "97,50% dân số"  # printed three times on each plan
PROSE = ("Năm 2025, huyện phấn đấu tỷ lệ bao phủ bảo hiểm y tế đạt 97,50% dân số; tỷ lệ tham gia bảo hiểm xã "
         "hội đạt 23,10% lực lượng lao động trong độ tuổi. Phòng Lao động - Thương binh và Xã hội phối hợp với "
         "Bảo hiểm xã hội huyện rà soát, lập danh sách người lao động chưa tham gia bảo hiểm.")
ENGLISH = ("The provincial social insurance agency shall work with the Department of Labour, Invalids and Social "
           "Affairs to extend coverage to workers in the informal sector. By the end of the year, the share of the "
           "labour force taking part in social insurance should reach 21.4 percent, and health insurance should "
           "cover 96 percent of the population. District committees report their results to the provincial "
           "committee every quarter, and the agency publishes them on its website.")
LIMIT_PAGES = 3
LIMIT_ARGS = ["--max-pages", str(LIMIT_PAGES), "--page-timeout", "0.01"]
BOMB_SIDE = 20_000  # a 1-bit image of 400 Mpx: 50 MB decoded, 49 KB in the file


@dataclass(frozen=True)
class BadInput:
    name: str
    status: str
    message: str = ""  # a fragment the error message must contain
    text: str = ""  # a phrase the document's text must contain, as written to docs/<doc_id>.json
    page_reason: str = ""  # a fragment some page's triage reason must contain
    issue: str = ""  # an issue code the document must have in issues.csv


def one_page_pdf(path: Path, width: float = 595, height: float = 842) -> Path:
    pdf = pikepdf.new()
    pdf.add_blank_page(page_size=(width, height))
    pdf.save(path, deterministic_id=True)
    return path


def make_bad_inputs(folder: Path) -> list[BadInput]:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "empty.pdf").write_bytes(b"")
    (folder / "notes.pdf").write_text("Danh sách đơn vị tham gia BHXH\n", encoding="utf-8")
    (folder / "photo.pdf").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(200))
    whole = one_page_pdf(folder / "whole.tmp").read_bytes()
    (folder / "truncated.pdf").write_bytes(whole[: len(whole) // 2])
    (folder / "whole.tmp").unlink()
    source = pikepdf.new()
    source.add_blank_page()
    source.save(folder / "encrypted.pdf", encryption=pikepdf.Encryption(user="mật khẩu", owner="chủ", R=6))
    empty = pikepdf.new()
    empty.save(folder / "no pages.pdf")
    one_page_pdf(folder / "huge page.pdf", width=14400, height=14400)  # 200 × 200 inches
    return [
        BadInput("empty.pdf", "failed", "empty (0 bytes)"),
        BadInput("notes.pdf", "failed", "not a PDF"),
        BadInput("photo.pdf", "failed", "PNG image"),
        BadInput("truncated.pdf", "failed", "cut off"),
        BadInput("encrypted.pdf", "failed", "encrypted with a password"),
        BadInput("no pages.pdf", "failed", "no pages"),
        BadInput("huge page.pdf", "failed", "exhaust memory"),
    ]


def plan_spec(number: str) -> DocumentSpec:
    """A one-page plan; `number` makes each file's bytes (and so its doc_id) its own."""
    return DocumentSpec(issuer_lines=["ỦY BAN NHÂN DÂN", "HUYỆN GIO LINH"], number=number,
                        place_date="Gio Linh, ngày 2 tháng 4 năm 2025", doc_title="KẾ HOẠCH",
                        subject_lines=["Phát triển người tham gia bảo hiểm xã hội"],
                        blocks=[Paragraph(PROSE), Paragraph(PROSE), Paragraph(PROSE)])


def born_digital(path: Path, number: str) -> Path:
    render_pdf(plan_spec(number), path)
    return path


def scanned(path: Path, number: str, clockwise_turns: int = 0) -> Path:
    """The plan printed, scanned at 200 dpi, and the scan turned a quarter `clockwise_turns` times."""
    born_digital(path, number)
    grey = scan(render_page(path, 1, SCAN_DPI), ScanProfile(dpi=SCAN_DPI, skew_degrees=0.4), seed=5)
    build_scanned_pdf([np.ascontiguousarray(np.rot90(grey, -clockwise_turns))], SCAN_DPI, path)
    return path


def scanned_white_sheet(path: Path) -> Path:
    """An A4 sheet with nothing printed, through a 200-dpi bitonal scanner that leaves specks."""
    white = np.full((round(842 / 72 * SCAN_DPI), round(595 / 72 * SCAN_DPI)), 255, np.uint8)
    grey = scan(white, ScanProfile(dpi=SCAN_DPI, bitonal=True, speckle=0.01), seed=9)
    build_scanned_pdf([grey], SCAN_DPI, path)
    return path


def english_letter(path: Path) -> Path:
    SimpleDocTemplate(str(path), pagesize=A4, invariant=1).build(
        [RLParagraph(ENGLISH, getSampleStyleSheet()["BodyText"])] * 3)
    return path


def with_blank_pages(path: Path, blank_pages: int) -> Path:
    with pikepdf.open(path, allow_overwriting_input=True) as pdf:
        for _ in range(blank_pages):
            pdf.add_blank_page(page_size=(595, 842))
        pdf.save(path, deterministic_id=True)
    return path


def joined(first: Path, second: Path, path: Path) -> Path:
    with pikepdf.open(first) as pdf, pikepdf.open(second) as other:
        pdf.pages.extend(other.pages)
        pdf.save(path, deterministic_id=True)
    first.unlink()
    second.unlink()
    return path


def bomb_image(pdf: pikepdf.Pdf) -> pikepdf.Stream:
    """A 1-bit image of `BOMB_SIDE`² pixels whose Flate stream is all zeros: tiny on disk, huge decoded."""
    row = bytes(BOMB_SIDE // 8)
    packer = zlib.compressobj(9)
    data = b"".join(packer.compress(row) for _ in range(BOMB_SIDE)) + packer.flush()
    return pikepdf.Stream(pdf, data, Type=pikepdf.Name.XObject, Subtype=pikepdf.Name.Image, Width=BOMB_SIDE,
                          Height=BOMB_SIDE, ColorSpace=pikepdf.Name.DeviceGray, BitsPerComponent=1,
                          Filter=pikepdf.Name.FlateDecode)


def with_bomb_page(path: Path) -> Path:
    """A page holding the bomb image (`bomb_image`) directly."""
    with pikepdf.open(path, allow_overwriting_input=True) as pdf:
        page = pdf.add_blank_page(page_size=(595, 842))
        image = bomb_image(pdf)
        page.Resources = pikepdf.Dictionary(XObject=pikepdf.Dictionary(Im0=image))
        page.Contents = pdf.make_stream(b"q 595 0 0 842 0 0 cm /Im0 Do Q")
        pdf.save(path, deterministic_id=True)
    return path


def make_hard_inputs(folder: Path) -> list[BadInput]:
    folder.mkdir(parents=True, exist_ok=True)
    turned_over = unicodedata.normalize("NFD", "Kế hoạch lộn ngược 180°.pdf")
    scanned(folder / "Kế hoạch xoay 90°.pdf", "11/KH-UBND", clockwise_turns=1)
    scanned(folder / turned_over, "12/KH-UBND", clockwise_turns=2)
    one_page_pdf(folder / "trang trắng \"rỗng\" l'an.pdf")
    with_blank_pages(born_digital(folder / "300 trang.pdf", "13/KH-UBND"), 299)
    joined(scanned(folder / "plan.tmp", "15/KH-UBND"), scanned_white_sheet(folder / "white.tmp"),
           folder / "quét kèm trang trắng.pdf")
    with_bomb_page(born_digital(folder / "ảnh quá lớn.pdf", "14/KH-UBND"))
    english_letter(folder / "English letter.pdf")
    return [
        BadInput("Kế hoạch xoay 90°.pdf", "ok", text=PHRASE, page_reason="read after a 270° turn"),
        BadInput(turned_over, "ok", text=PHRASE, page_reason="read after a 180° turn"),
        BadInput("trang trắng \"rỗng\" l'an.pdf", "ok", page_reason="blank page"),
        BadInput("300 trang.pdf", "ok", text=PHRASE, page_reason="blank page"),
        BadInput("quét kèm trang trắng.pdf", "ok", text=PHRASE, page_reason="a scanned sheet with no print"),
        BadInput("ảnh quá lớn.pdf", "partial", "decoding it would exhaust memory", text=PHRASE),
        BadInput("English letter.pdf", "ok", text="insurance", issue="not_vietnamese"),
    ]


def make_limit_inputs(folder: Path) -> list[BadInput]:
    """Read with `LIMIT_ARGS`: at most `LIMIT_PAGES` pages, and a Tesseract call no page can finish in time."""
    folder.mkdir(parents=True, exist_ok=True)
    with_blank_pages(born_digital(folder / "bốn trang.pdf", "21/KH-UBND"), LIMIT_PAGES)
    joined(born_digital(folder / "first.tmp", "22/KH-UBND"), scanned(folder / "second.tmp", "23/KH-UBND"),
           folder / "quét chậm.pdf")
    born_digital(folder / "good.pdf", "24/KH-UBND")
    return [
        BadInput("bốn trang.pdf", "failed", f"over the {LIMIT_PAGES}-page limit: split it, or raise --max-pages"),
        BadInput("quét chậm.pdf", "partial", "page time limit", text=PHRASE),
        BadInput("good.pdf", "ok", text=PHRASE),
    ]


COPY_NAME = unicodedata.normalize("NFD", "sao chép kế hoạch.pdf")  # decomposed, as macOS writes names; after the first


def make_vanishing_inputs(folder: Path) -> list[BadInput]:
    folder.mkdir(parents=True, exist_ok=True)
    born_digital(folder / "kế hoạch.pdf", "31/KH-UBND")
    (folder / COPY_NAME).write_bytes((folder / "kế hoạch.pdf").read_bytes())
    (folder / "broken link.pdf").symlink_to(folder / "gone.pdf")
    (folder / "loop.pdf").symlink_to(folder / "loop.pdf")
    os.mkfifo(folder / "pipe.pdf")
    return [
        BadInput("kế hoạch.pdf", "ok", text=PHRASE),
        BadInput(COPY_NAME, "ok"),
        BadInput("broken link.pdf", "failed", "which does not exist"),
        BadInput("loop.pdf", "failed", "loop"),
        BadInput("pipe.pdf", "failed", "FIFO"),
    ]


DRAW_IT = b"q 595 0 0 842 0 0 cm /X Do Q"


def nested_forms(pdf: pikepdf.Pdf, inner: pikepdf.Object, depth: int) -> pikepdf.Stream:
    """`inner` drawn by a form inside a form ... `depth` forms deep."""
    for _ in range(depth):
        inner = pikepdf.Stream(pdf, DRAW_IT, Type=pikepdf.Name.XObject, Subtype=pikepdf.Name.Form,
                               BBox=[0, 0, 1, 1], Resources=pikepdf.Dictionary(XObject=pikepdf.Dictionary(X=inner)))
    return inner


def page_drawing(path: Path, make) -> Path:
    """A one-page PDF whose page draws `/X`, the object `make(pdf)` returns."""
    pdf = pikepdf.new()
    page = pdf.add_blank_page(page_size=(595, 842))
    page.Resources = pikepdf.Dictionary(XObject=pikepdf.Dictionary(X=make(pdf)))
    page.Contents = pdf.make_stream(DRAW_IT)
    pdf.save(path, deterministic_id=True)
    return path


def masked_by_bomb(pdf: pikepdf.Pdf) -> pikepdf.Stream:
    return pikepdf.Stream(pdf, bytes(100), Type=pikepdf.Name.XObject, Subtype=pikepdf.Name.Image, Width=10,
                          Height=10, ColorSpace=pikepdf.Name.DeviceGray, BitsPerComponent=8, SMask=bomb_image(pdf))


def strokes_page(path: Path, megabytes: int) -> Path:
    """A page of page-long strokes, `megabytes` of them inflated, a few kB compressed."""
    stroke = b"10 10 m 500 800 l S\n"
    pdf = pikepdf.new()
    page = pdf.add_blank_page(page_size=(595, 842))
    page.Contents = pikepdf.Stream(pdf, zlib.compress(stroke * (megabytes * 1_000_000 // len(stroke)), 9),
                                   Filter=pikepdf.Name.FlateDecode)
    pdf.save(path, deterministic_id=True)
    return path


def page_listed(path: Path, times: int) -> Path:
    """One page that the page tree lists `times` times (a reader that follows it plans `times` pages). Written by
    hand: qpdf, saving, would copy the page into `times` distinct pages."""
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>",
               b"<< /Type /Pages /Kids [" + b"3 0 R " * times + b"] /Count %d >>" % times,
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>"]
    body, offsets = b"%PDF-1.7\n", []
    for number, content in enumerate(objects, start=1):
        offsets.append(len(body))
        body += b"%d 0 obj\n%s\nendobj\n" % (number, content)
    xref = b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    xref += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    trailer = b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, len(body))
    path.write_bytes(body + xref + trailer)
    return path


def make_hostile_pdfs(folder: Path) -> list[BadInput]:
    folder.mkdir(parents=True, exist_ok=True)
    page_drawing(folder / "bomb five forms deep.pdf", lambda pdf: nested_forms(pdf, bomb_image(pdf), 5))
    page_drawing(folder / "bomb as a soft mask.pdf", masked_by_bomb)
    strokes_page(folder / "strokes.pdf", 3)
    page_listed(folder / "one page 1999 times.pdf", 1999)
    return [
        BadInput("bomb five forms deep.pdf", "failed", "decoding it would exhaust memory"),
        BadInput("bomb as a soft mask.pdf", "failed", "decoding it would exhaust memory"),
        BadInput("strokes.pdf", "failed", "hold the renderer"),
        BadInput("one page 1999 times.pdf", "failed", "1998 of them repeats"),
    ]
