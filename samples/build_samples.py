"""Build the samples in this folder, byte for byte the same every time, with their ground truth.

    python samples/build_samples.py

For each sample: render the document's text (from `sources/`) to a born-digital PDF, take the ground truth
from what was rendered (page text as printed, from the born-digital file; targets and tasks from the spec,
never by reading a PDF back), then for scans rasterise, degrade like a scanner and assemble an image PDF,
optionally with an English-model (`tesseract -l eng`) text layer like an archive's old OCR.
"""
from __future__ import annotations

import hashlib
import json
import re
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pdfplumber

from kehoach.extractors.pdf_input import render_page
from kehoach.normalizers.numbers import parse_count, parse_number
from kehoach.synth.pdf_build import build_scanned_pdf
from kehoach.synth.render import render_pdf
from kehoach.synth.scanner import ScanProfile, add_seal_and_signature, scan
from kehoach.synth.spec import DocumentSpec, HeaderCell, PageBreak, Paragraph, TableSpec

HERE = Path(__file__).resolve().parent
SOURCES = HERE / "sources"
sys.path.insert(0, str(SOURCES))
import gialai_2024_plan as gialai  # noqa: E402  (spec modules kept beside their text sources)
import giolinh_2025_plan as giolinh  # noqa: E402

LETTER = (8.5, 11.0)  # inches: one sample is scanned on a Letter-size setting, not A4


@dataclass(frozen=True)
class Scan:
    name: str
    profile: ScanProfile
    legacy_layer: bool = False
    page_inches: tuple[float, float] | None = None  # crop/pad the scan to this size


# ---------------------------------------------------------------- truth from the rendered born-digital file

def page_texts(pdf_path: Path) -> list[str]:
    with pdfplumber.open(pdf_path) as pdf:
        return [page.extract_text() or "" for page in pdf.pages]


def page_of(texts: list[str], *needles: str) -> int | None:
    """First page whose text holds every needle (whitespace-insensitive)."""
    squeezed = [re.sub(r"\s+", " ", text) for text in texts]
    for number, text in enumerate(squeezed, 1):
        if all(re.sub(r"\s+", " ", needle) in text for needle in needles):
            return number
    return None


def target(area: str, indicator: str, year: int, value: str, page: int | None, source: str, base: str = "",
           participants: str = "", base_value: str = "") -> dict:
    return {"area_name_raw": area, "indicator": indicator, "year": year, "value": parse_number(value),
            "participants": parse_count(participants) if participants else None, "base": base,
            "base_value": parse_count(base_value) if base_value else None, "source": source, "page": page}


# ---------------------------------------------------------------- Vĩnh Linh: parse the clean seed

# The annex titled only "BHXH" holds the compulsory figures: its totals (5.763 people, 11,07 % in 2023; 6.085,
# 11,58 %; 6.415, 12,09 %) are the body's "BHXH bắt buộc" ones, and the voluntary annex is printed apart, so
# by the document's own evidence (issue 20, item 6) its rows are `bhxh_compulsory_rate`, not all of BHXH.
APPENDIX_INDICATORS = [("TỰ NGUYỆN", "bhxh_voluntary_rate"), ("THẤT NGHIỆP", "bhtn_rate"), ("BHYT", "bhyt_rate"),
                       ("BHXH", "bhxh_compulsory_rate")]


def header_cells(first: list[str], second: list[str]) -> list[list[HeaderCell]]:
    """Two tab-separated header lines → header rows with spans (an empty cell continues the one before it
    on the first line; a first-line cell with nothing below it spans both lines)."""
    top: list[HeaderCell] = []
    for index, text in enumerate(first):
        if not text:
            continue
        span = 1
        while index + span < len(first) and not first[index + span]:
            span += 1
        below = any(second[index:index + span]) if index < len(second) else False
        top.append(HeaderCell(text, col_span=span, row_span=1 if below else 2))
    return [top, [HeaderCell(text) for text in second if text]]


def vinhlinh_spec(text: str) -> tuple[DocumentSpec, list[list[list[str]]], list[str]]:
    """The clean seed → spec; also each appendix table's body rows and the appendix titles, for the truth."""
    lines = [line.rstrip() for line in text.splitlines()]
    start = next(i for i, line in enumerate(lines) if line.startswith("Căn cứ"))
    blocks: list = []
    tables: list[list[list[str]]] = []
    titles: list[str] = []
    index = start
    while index < len(lines):
        line = lines[index]
        if "\t" in line:
            group = []
            while index < len(lines) and "\t" in lines[index]:
                group.append(lines[index].split("\t"))
                index += 1
            width = max(len(row) for row in group)
            group = [row + [""] * (width - len(row)) for row in group]
            if group[0][0] == "STT":  # the appendix tables; the summary table in the body is left out
                group = [["", row[0], *row[2:]] if row[0] and not row[1] else row for row in group]  # total row
                widths = [0.06, 0.18] + [0.76 / (width - 2)] * (width - 2)
                blocks.append(TableSpec(header=header_cells(group[0], group[1]), rows=group[2:], col_widths=widths,
                                        font_size=9.5))
                tables.append(group[2:])
            continue
        index += 1
        if not line.strip() or line.startswith("Nội dung"):
            continue
        if line == "PHỤ LỤC":
            blocks += [PageBreak(), Paragraph(line, "center_bold")]
        elif line.startswith("CHỈ TIÊU PHÁT TRIỂN"):
            titles.append(line)
            blocks.append(Paragraph(line, "center_bold"))
        elif line.startswith("(Ban hành kèm theo"):
            blocks.append(Paragraph(line, "italic_center"))
        elif re.match(r"^[IVX]+\. ", line):
            blocks.append(Paragraph(line, "heading"))
        elif line.startswith(("TM.", "KT.", "PHÓ CHỦ TỊCH")):
            blocks.append(Paragraph(line, "signature"))
        else:
            blocks.append(Paragraph(line))
    spec = DocumentSpec(
        issuer_lines=["ỦY BAN NHÂN DÂN", "HUYỆN VĨNH LINH"], number="127/KH-UBND",
        place_date="Vĩnh Linh, ngày 31 tháng 7 năm 2023", doc_title="KẾ HOẠCH",
        subject_lines=[lines[i] for i in range(start) if lines[i].startswith("Triển khai")],
        blocks=[block for block in blocks if not (isinstance(block, Paragraph) and "Năm 2023\tNăm" in block.text)],
    )
    return spec, tables, titles


def vinhlinh_truth(text: str, tables: list[list[list[str]]], titles: list[str], texts: list[str]) -> dict:
    targets = []
    for rows, title in zip(tables, titles):
        indicator = next(key for cue, key in APPENDIX_INDICATORS if cue in title)
        base = "population" if indicator == "bhyt_rate" else "labor_force"
        page = page_of(texts, title)
        for row in rows:
            area = row[1] or row[0]
            row_page = page_of(texts[page - 1:], area) if page else None
            for offset, year in enumerate((2023, 2024, 2025)):
                count, base_value, rate = row[2 + 3 * offset: 5 + 3 * offset]
                targets.append(target(area, indicator, year, rate, (page + row_page - 1) if row_page else page,
                                      "table", base, count, base_value))
    prose = re.findall(r"Năm (\d{4}): Số người tham gia BHXH: ([\d.]+) người.*?: ([\d,]+)%.*?BHXH bắt buộc: "
                       r"([\d.]+) người.*?: ([\d,]+)%; BHXH tự nguyện: ([\d.]+) người.*? ([\d,]+)%\.\s+Số người "
                       r"tham gia BHTN: ([\d.]+) người;.*?: ([\d,]+)%", text, re.S)
    for year, n_all, r_all, n_comp, r_comp, n_vol, r_vol, n_bhtn, r_bhtn in prose:
        page = page_of(texts, f"Năm {year}: Số người tham gia BHXH")
        for indicator, count, rate in [("bhxh_rate", n_all, r_all), ("bhxh_compulsory_rate", n_comp, r_comp),
                                       ("bhxh_voluntary_rate", n_vol, r_vol), ("bhtn_rate", n_bhtn, r_bhtn)]:
            targets.append(target("", indicator, int(year), rate, page, "narrative", "labor_force", count))
    for year, rate in re.findall(r"Năm (\d{4}): Tỷ lệ tham gia BHYT đạt ([\d,]+)% dân số", text):
        targets.append(target("", "bhyt_rate", int(year), rate, page_of(texts, f"Năm {year}: Tỷ lệ tham gia BHYT"),
                              "narrative", "population"))
    return {"doc_type": "Kế hoạch", "plan_number": "127/KH-UBND", "issue_date": "2023-07-31",
            "issuer": "ỦY BAN NHÂN DÂN - HUYỆN VĨNH LINH", "province": "Tỉnh Quảng Trị",
            "district": "Huyện Vĩnh Linh", "period_start": "2023", "period_end": "2025",
            "title": "Triển khai thực hiện chỉ tiêu phát triển người tham gia bảo hiểm xã hội (BHXH), bảo hiểm "
                     "thất nghiệp (BHTN) và bảo hiểm y tế (BHYT), giai đoạn 2023-2025",
            "targets": targets, "tasks": None}


# ---------------------------------------------------------------- Kon Rẫy: the clean seed as a scan

def konray_spec(text: str) -> DocumentSpec:
    """The seed's lines are hard-wrapped; a line opening with a bullet, a number or `Căn cứ` starts a paragraph."""
    paragraphs: list[str] = []
    for line in (line.strip() for line in text.splitlines()):
        if not line or line in {"KẾ HOẠCH"} or line.startswith("Thực hiện chính sách bảo hiểm xã hội, bảo hiểm y tế năm"):
            continue
        if re.match(r"^([-+•]|\d+(\.\d+)*\.|[IVX]+\.|Căn cứ|Ban Chỉ đạo ban hành|Để )", line) or not paragraphs:
            paragraphs.append(line)
        else:
            paragraphs[-1] += " " + line
    blocks = [Paragraph(p, "heading" if re.match(r"^[IVX]+\. ", p) else "body") for p in paragraphs]
    blocks += [Paragraph("TM. BAN CHỈ ĐẠO", "signature"), Paragraph("TRƯỞNG BAN", "signature")]
    return DocumentSpec(
        issuer_lines=["UBND HUYỆN KON RẪY", "BAN CHỈ ĐẠO THỰC HIỆN", "CHÍNH SÁCH BHXH, BHYT"],
        number="45/KH-BCĐ", place_date="Kon Rẫy, ngày 15 tháng 01 năm 2025", doc_title="KẾ HOẠCH",
        subject_lines=["Thực hiện chính sách bảo hiểm xã hội, bảo hiểm y tế năm 2025"], blocks=blocks)


def konray_truth(texts: list[str]) -> dict:
    prose = [("bhxh_rate", "22,73", "labor_force"), ("bhxh_voluntary_rate", "9,15", "labor_force"),
             ("bhtn_rate", "15,88", "labor_force"), ("bhyt_rate", "99,6", "population")]
    return {"doc_type": "Kế hoạch", "plan_number": "45/KH-BCĐ", "issue_date": "2025-01-15",
            "issuer": "UBND HUYỆN KON RẪY - BAN CHỈ ĐẠO THỰC HIỆN - CHÍNH SÁCH BHXH, BHYT",
            "province": "Tỉnh Kon Tum", "district": "Huyện Kon Rẫy", "period_start": "2025", "period_end": "2025",
            "title": "Thực hiện chính sách bảo hiểm xã hội, bảo hiểm y tế năm 2025",
            "targets": [target("", ind, 2025, value, page_of(texts, f"{value}%"), "narrative", base)
                        for ind, value, base in prose],
            "tasks": None}


# ---------------------------------------------------------------- Gia Lai: the plan written for the samples

def gialai_truth(texts: list[str]) -> dict:
    table_page = page_of(texts, "PHỤ LỤC 1")
    targets = []
    for row in [*gialai.DISTRICTS, gialai.TOTAL]:
        for indicator, value in zip(gialai.INDICATOR_COLUMNS, row[1:]):
            targets.append(target(row[0], indicator, 2024, value, table_page, "table"))
    for indicator, value, base in gialai.PROSE_TARGETS:
        targets.append(target("", indicator, 2024, value, page_of(texts, f"{value}%"), "narrative", base))
    tasks = []
    first_matrix_page = page_of(texts, "PHỤ LỤC 2")
    for section, title, items in gialai.MATRIX:
        group = ""
        for item in items:
            if isinstance(item, str):
                group = item
                continue
            number, task, lead, partners, timeline = item
            opening = " ".join(task.split()[:3])
            page = page_of(texts[first_matrix_page - 1:], opening)
            tasks.append({"section": section, "section_title": title, "group": group, "item": number,
                          "task": task, "lead_agency": lead, "partner_agencies": split_partners(partners),
                          "timeline": timeline, "due": gialai.TIMELINE_DUE[timeline][0],
                          "recurring": gialai.TIMELINE_DUE[timeline][1],
                          "page": first_matrix_page + page - 1 if page else None})
    return {**gialai.METADATA, "targets": targets, "tasks": tasks}


# ---------------------------------------------------------------- Gio Linh: tasks assigned in prose

def giolinh_truth(texts: list[str]) -> dict:
    targets = [target("", indicator, 2025, value, page_of(texts, f"{value}%"), "narrative", base)
               for indicator, value, base in giolinh.PROSE_TARGETS]
    tasks = [{"section": "IV", "section_title": "TỔ CHỨC THỰC HIỆN", "group": "", "item": "", "task": duty,
              "lead_agency": lead, "partner_agencies": [], "timeline": "", "due": "", "recurring": False,
              "page": page_of(texts, " ".join(duty.split()[:6]))}
             for _, lead, duties in giolinh.ORGANISATION for duty in duties]
    return {**giolinh.METADATA, "targets": targets, "tasks": tasks}


def split_partners(text: str) -> list[str]:
    """The partner lists in the Gia Lai spec are written as whole agency names joined by `, ` where no agency
    name holds a comma, except the ones listed here, which are one agency each."""
    whole = ["Các Sở, ban, ngành, Hội, đoàn thể liên quan", "Ủy ban nhân dân các huyện, thị xã, thành phố"]
    for name in whole:
        text = text.replace(name, name.replace(", ", "\0"))
    return [part.replace("\0", ", ").strip() for part in text.split(", ")]


# ---------------------------------------------------------------- scanning

def signature_anchor(pdf_path: Path, dpi: int) -> dict[int, tuple[int, int]]:
    """Per page, the pixel position of the signature block's first line (`TM. ...`), where the seal goes."""
    anchors = {}
    with pdfplumber.open(pdf_path) as pdf:
        for page in pdf.pages:
            for word in page.extract_words():
                if word["text"].startswith("TM."):
                    anchors[page.page_number] = (int(word["x0"] * dpi / 72), int(word["top"] * dpi / 72))
    return anchors


def fit(image: np.ndarray, inches: tuple[float, float], dpi: int) -> np.ndarray:
    width, height = int(inches[0] * dpi), int(inches[1] * dpi)
    canvas = np.full((height, width), 255, np.uint8)
    h, w = min(height, image.shape[0]), min(width, image.shape[1])
    canvas[:h, :w] = image[:h, :w]
    return canvas


def make_scan(born_digital: Path, how: Scan, out: Path) -> None:
    dpi = how.profile.dpi
    anchors = signature_anchor(born_digital, dpi)
    with pdfplumber.open(born_digital) as pdf:
        count = len(pdf.pages)
    images = []
    for number in range(1, count + 1):
        image = render_page(born_digital, number, dpi)
        if number in anchors:
            image = add_seal_and_signature(image, anchors[number], dpi, seed=number)
        if how.page_inches:
            image = fit(image, how.page_inches, dpi)
        images.append(scan(image, how.profile, seed=1000 + number))
    build_scanned_pdf(images, dpi, out, legacy_layer=how.legacy_layer)


def write_truth(name: str, kind: str, truth: dict, texts: list[str]) -> None:
    record = {"file": f"{name}.pdf", "kind": kind,
              "expected_text_source": "text_layer" if kind == "born_digital" else "ocr",
              **truth, "pages": [{"number": n, "text": text} for n, text in enumerate(texts, 1)]}
    (HERE / f"{name}.truth.json").write_text(json.dumps(record, ensure_ascii=False, indent=1) + "\n",
                                             encoding="utf-8")


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="kehoach-samples-") as scratch:
        work = Path(scratch)
        vinhlinh_text = (SOURCES / "vinhlinh_2023_127-KH-UBND.clean.txt").read_text(encoding="utf-8")
        spec, tables, titles = vinhlinh_spec(vinhlinh_text)
        render_pdf(spec, HERE / "vinhlinh_2023_born_digital.pdf")
        texts = page_texts(HERE / "vinhlinh_2023_born_digital.pdf")
        write_truth("vinhlinh_2023_born_digital", "born_digital", vinhlinh_truth(vinhlinh_text, tables, titles, texts),
                    texts)

        render_pdf(gialai.SPEC, work / "gialai.pdf")
        texts = page_texts(work / "gialai.pdf")
        scans = [("scan", Scan("gialai_2024_scan", ScanProfile(dpi=300, skew_degrees=0.8, jpeg_quality=60))),
                 ("scan", Scan("gialai_2024_harsh", ScanProfile(dpi=200, skew_degrees=-1.2, blur_sigma=0.9,
                                                                noise_sigma=14, illumination=0.25, bitonal=True,
                                                                speckle=0.004))),
                 ("legacy_layer", Scan("gialai_2024_legacy", ScanProfile(dpi=250, skew_degrees=0.3, noise_sigma=5,
                                                                         jpeg_quality=75), legacy_layer=True))]
        for kind, how in scans:
            make_scan(work / "gialai.pdf", how, HERE / f"{how.name}.pdf")
            write_truth(how.name, kind, gialai_truth(texts), texts)

        render_pdf(giolinh.SPEC, work / "giolinh.pdf")
        texts = page_texts(work / "giolinh.pdf")
        how = Scan("giolinh_2025_prose", ScanProfile(dpi=300, skew_degrees=-0.5, noise_sigma=6, jpeg_quality=70))
        make_scan(work / "giolinh.pdf", how, HERE / f"{how.name}.pdf")
        write_truth(how.name, "scan", giolinh_truth(texts), texts)

        konray_text = (SOURCES / "konray_2025_ke-hoach.clean.txt").read_text(encoding="utf-8")
        render_pdf(konray_spec(konray_text), work / "konray.pdf")
        texts = page_texts(work / "konray.pdf")
        how = Scan("konray_2025_legacy", ScanProfile(dpi=300, skew_degrees=0.4), legacy_layer=True,
                   page_inches=LETTER)
        make_scan(work / "konray.pdf", how, HERE / f"{how.name}.pdf")
        write_truth(how.name, "legacy_layer", konray_truth(texts), texts)
    for pdf in sorted(HERE.glob("*.pdf")):
        print(f"{pdf.name:34} {pdf.stat().st_size / 1e6:5.2f} MB  sha256 {hashlib.sha256(pdf.read_bytes()).hexdigest()[:16]}")


if __name__ == "__main__":
    main()
