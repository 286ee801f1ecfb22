"""`kehoach run --pdf`: a searchable copy of each input, `DIR/pdf/<doc_id>.pdf`, with the restored words as an
invisible text layer over their ink, the source's page images byte for byte, born-digital pages as they were."""
from __future__ import annotations

import json
import shutil
import unicodedata
from pathlib import Path

import numpy as np
import pdfplumber
import pikepdf
import pypdfium2 as pdfium
import pytest

from kehoach.config import Settings
from kehoach.pdf_font import embed_font
from kehoach.pdf_text_layer import add_text_layer, strip_text_objects
from kehoach.records import BBox, Word
from kehoach.searchable_pdf import archive_path, write_searchable_pdfs

SAMPLES = Path(__file__).resolve().parent.parent / "samples"


@pytest.fixture(scope="module")
def pdf_run(sample_run, tmp_path_factory) -> Path:
    """The samples' run folder run again with `--pdf`: every document is already read, so the copies are made
    from the stored records, as for a batch read before without the option."""
    from kehoach.cli import main

    _, out = sample_run
    folder = tmp_path_factory.mktemp("pdf-run") / "out"
    shutil.copytree(out, folder)
    assert main(["run", str(SAMPLES), "--out", str(folder), "--pdf"]) == 0
    return folder


def record_of(out: Path, sample: str) -> dict:
    for path in (out / "docs").glob("*.json"):
        record = json.loads(path.read_text(encoding="utf-8"))
        if Path(record["source_file"]).name == sample:
            return record
    raise AssertionError(f"no record of {sample}")


def ocr_page(record: dict) -> dict:
    return next(page for page in record["pages"] if page["text_source"] == "ocr" and len(page["words"]) > 50)


def test_pdf_option_writes_a_searchable_copy_of_each_input(pdf_run):
    records = [json.loads(path.read_text(encoding="utf-8")) for path in (pdf_run / "docs").glob("*.json")]
    assert records
    for record in records:
        copy = archive_path(pdf_run, record["doc_id"])
        with pikepdf.open(copy) as pdf, pikepdf.open(record["source_file"]) as source:
            assert len(pdf.pages) == len(source.pages)
    assert not list((pdf_run / "pdf").glob(".*.tmp"))


@pytest.mark.parametrize("sample", ["gialai_2024_scan.pdf", "gialai_2024_legacy.pdf"])
def test_text_of_a_scanned_page_is_its_restored_words_with_diacritics(pdf_run, sample):
    """The legacy scan's English-model layer (marks lost) is gone: the page gives the restored words only."""
    record = record_of(pdf_run, sample)
    page = ocr_page(record)
    with pdfplumber.open(archive_path(pdf_run, record["doc_id"])) as pdf:
        words = [word["text"] for word in pdf.pages[page["number"] - 1].extract_words(keep_blank_chars=False)]
    expected = [word[0] for word in page["words"]]
    assert sorted(words) == sorted(expected)
    marked = [w for w in words if any(unicodedata.decomposition(c) for c in w if not c.isascii())]
    assert len(marked) > 0.3 * len(words)


def test_the_english_model_layer_of_a_legacy_scan_is_taken_off(pdf_run):
    record = record_of(pdf_run, "gialai_2024_legacy.pdf")
    page = ocr_page(record)
    with pdfplumber.open(record["source_file"]) as source:
        old = {w["text"] for w in source.pages[page["number"] - 1].extract_words()}
    with pdfplumber.open(archive_path(pdf_run, record["doc_id"])) as pdf:
        new = {w["text"] for w in pdf.pages[page["number"] - 1].extract_words()}
    garbage = old - {word[0] for word in page["words"]}
    assert len(garbage) > 20  # the source's layer does differ from the restored words...
    assert not garbage & new - {word[0] for word in page["words"]}  # ...and none of it is left


def dark_share(image: np.ndarray, box: tuple[float, float, float, float], scale: float) -> float:
    x0, top, x1, bottom = (int(round(v * scale)) for v in box)
    region = image[top:bottom, x0:x1]
    return float((region < 128).mean()) if region.size else 0.0


def test_a_word_box_lies_over_its_ink(pdf_run):
    """The longest word on the page, as the copy's text layer places it: its box holds ink from end to end, and the
    ink is the word's own (a band shifted up by most of the box's height holds far less)."""
    record = record_of(pdf_run, "gialai_2024_scan.pdf")
    page = ocr_page(record)
    copy = archive_path(pdf_run, record["doc_id"])
    with pdfplumber.open(copy) as pdf:
        word = max(pdf.pages[page["number"] - 1].extract_words(), key=lambda w: len(w["text"]))
    scale = 150 / 72
    document = pdfium.PdfDocument(copy)
    image = np.asarray(document[page["number"] - 1].render(scale=scale, grayscale=True).to_pil())
    document.close()
    x0, top, x1, bottom = word["x0"], word["top"], word["x1"], word["bottom"]
    width, height = x1 - x0, bottom - top
    inside = dark_share(image, (x0, top, x1, bottom), scale)
    assert inside > 0.1
    assert inside > 1.5 * dark_share(image, (x0, top - 0.6 * height, x1, bottom - 0.6 * height), scale)
    assert dark_share(image, (x0, top, x0 + 0.2 * width, bottom), scale) > 0.05  # its first letters...
    assert dark_share(image, (x1 - 0.2 * width, top, x1, bottom), scale) > 0.05  # ...and its last


def image_streams(pdf: pikepdf.Pdf) -> list[bytes]:
    return [bytes(image.read_raw_bytes()) for page in pdf.pages
            for image in page.get_images().values()]


@pytest.mark.parametrize("sample", ["gialai_2024_scan.pdf", "gialai_2024_harsh.pdf", "gialai_2024_legacy.pdf"])
def test_the_page_images_keep_their_bytes(pdf_run, sample):
    record = record_of(pdf_run, sample)
    with pikepdf.open(record["source_file"]) as source, pikepdf.open(archive_path(pdf_run, record["doc_id"])) as copy:
        assert image_streams(copy) == image_streams(source)
        assert image_streams(source)


def test_born_digital_pages_are_copied_as_they_are(pdf_run):
    record = record_of(pdf_run, "vinhlinh_2023_born_digital.pdf")
    assert all(page["text_source"] == "text_layer" for page in record["pages"])
    with pikepdf.open(record["source_file"]) as source, pikepdf.open(archive_path(pdf_run, record["doc_id"])) as copy:
        for theirs, ours in zip(source.pages, copy.pages):
            assert ours.obj.Contents.read_raw_bytes() == theirs.obj.Contents.read_raw_bytes()
            assert "/FKehoach" not in ours.obj.Resources.get("/Font", {})


def test_the_copy_carries_pdfa_2b_identification(pdf_run):
    record = record_of(pdf_run, "gialai_2024_scan.pdf")
    with pikepdf.open(archive_path(pdf_run, record["doc_id"])) as pdf:
        meta = pdf.open_metadata()
        assert (meta["pdfaid:part"], meta["pdfaid:conformance"]) == ("2", "B")
        assert pdf.Root.OutputIntents[0].S == "/GTS_PDFA1"
        font = pdf.pages[0].obj.Resources.Font.FKehoach
        assert "/FontFile2" in font.DescendantFonts[0].FontDescriptor  # embedded


def test_a_rerun_keeps_copies_made_from_the_same_record(pdf_run):
    copies = sorted((pdf_run / "pdf").glob("*.pdf"))
    before = {path: path.stat().st_mtime_ns for path in copies}
    summary = write_searchable_pdfs(pdf_run, [SAMPLES / path.name for path in SAMPLES.glob("*.pdf")], Settings())
    assert summary.written == [] and summary.current == len(copies)
    assert {path: path.stat().st_mtime_ns for path in copies} == before


def test_visible_text_stays_when_an_invisible_layer_is_taken_off():
    content = b"BT /F1 12 Tf 3 Tr 10 10 Td (garbage) Tj ET BT 0 Tr 10 30 Td (stamp) Tj ET 0 0 5 5 re f"
    pdf = pikepdf.new()
    kept, dropped = strip_text_objects(pikepdf.parse_content_stream(pdf.make_stream(content)))
    shown = [bytes(i.operands[0]) for i in kept if str(i.operator) == "Tj"]
    assert dropped and shown == [b"stamp"]
    assert "Tr" in [str(i.operator) for i in kept[:4]]  # the dropped object's text state stays for what follows


def page_with_mark(rotate: int) -> tuple[pikepdf.Pdf, tuple[float, float, float, float]]:
    """A page shown turned `rotate` degrees with one black box drawn on it; the box in user space."""
    pdf = pikepdf.new()
    pdf.add_blank_page(page_size=(400, 600))
    page = pdf.pages[0]
    page.obj.Rotate = rotate
    mark = (60.0, 420.0, 180.0, 450.0)  # x0, y0, x1, y1
    page.obj.Contents = pdf.make_stream(f"0 g {mark[0]} {mark[1]} {mark[2] - mark[0]} {mark[3] - mark[1]} re f"
                                        .encode())
    return pdf, mark


def ink_box(grey: np.ndarray, scale: float) -> BBox:
    rows, cols = np.nonzero(grey < 128)
    return BBox(cols.min() / scale, rows.min() / scale, (cols.max() + 1) / scale, (rows.max() + 1) / scale)


@pytest.mark.parametrize("rotate,turned", [(0, 0), (90, 0), (180, 0), (270, 0), (0, 90), (90, 270), (0, 180)])
def test_words_land_on_their_ink_on_a_page_shown_rotated_or_read_turned(tmp_path, rotate, turned):
    """The word's box as read (on the page as displayed, then turned upright as the pipeline turns a sideways
    scan) goes back onto the box drawn in the page's own coordinates."""
    pdf, mark = page_with_mark(rotate)
    scale = 2.0
    pdf.save(tmp_path / "in.pdf")
    document = pdfium.PdfDocument(tmp_path / "in.pdf")
    grey = np.asarray(document[0].render(scale=scale, grayscale=True).to_pil())
    document.close()
    grey = np.ascontiguousarray(np.rot90(grey, -(turned // 90)))  # as extractors/orientation.upright turns it
    word = Word("Hạnh", ink_box(grey, scale), 1.0, 0)
    with pikepdf.open(tmp_path / "in.pdf") as source:
        add_text_layer(source, source.pages[0], [word], grey.shape[0] / scale, turned,
                       embed_font(source, Settings().pdf_font, "Hạnh "))
        source.save(tmp_path / "out.pdf")
    document = pdfium.PdfDocument(tmp_path / "out.pdf")
    text = document[0].get_textpage()
    assert text.get_text_range() == "Hạnh"
    boxes = [text.get_charbox(i) for i in range(text.count_chars())]
    document.close()
    left, bottom = min(b[0] for b in boxes), min(b[1] for b in boxes)
    right, top = max(b[2] for b in boxes), max(b[3] for b in boxes)
    centre = ((left + right) / 2, (bottom + top) / 2)
    assert mark[0] < centre[0] < mark[2] and mark[1] < centre[1] < mark[3]


def test_overlapping_word_boxes_are_laid_apart_in_reading_order():
    from kehoach.pdf_text_layer import apart

    spans = apart([(226.3, 290.9), (276.7, 290.6), (297.4, 333.4)], 3.0)  # `Thường` read over `vụ`, then `Huyện`
    assert all(b[0] - a[1] >= 3.0 - 1e-9 for a, b in zip(spans, spans[1:]))
    assert spans[0] == (226.3, 273.7)  # the earlier word gives way, keeping most of its box
    assert spans[2] == (297.4, 333.4)  # a word clear of its neighbours keeps its box
