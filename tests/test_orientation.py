"""Pages scanned sideways or upside down are read turned upright; an upright page is read as it is."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from kehoach.config import Settings
from kehoach.extractors.orientation import looks_sideways
from kehoach.extractors.page_reading import page_by_ocr
from kehoach.extractors.pdf_input import inspect_pages, render_page
from kehoach.synth.pdf_build import build_scanned_pdf
from kehoach.synth.render import render_pdf
from kehoach.synth.scanner import ScanProfile, scan
from kehoach.synth.spec import DocumentSpec, Paragraph

PROSE = ("Tỷ lệ tham gia bảo hiểm xã hội đạt 21,40% lực lượng lao động trong độ tuổi; tỷ lệ bao phủ bảo hiểm "
         "y tế đạt 96,20% dân số. Ủy ban nhân dân các xã, thị trấn chỉ đạo tuyên truyền, vận động người dân "
         "tham gia bảo hiểm xã hội tự nguyện và bảo hiểm y tế hộ gia đình.")
SPEC = DocumentSpec(issuer_lines=["ỦY BAN NHÂN DÂN", "HUYỆN GIO LINH"], number="5/KH-UBND",
                    place_date="Gio Linh, ngày 2 tháng 4 năm 2025", doc_title="KẾ HOẠCH",
                    subject_lines=["Phát triển người tham gia bảo hiểm xã hội"],
                    blocks=[Paragraph(PROSE), Paragraph(PROSE), Paragraph(PROSE)])


@pytest.fixture(scope="module")
def upright_grey(tmp_path_factory) -> np.ndarray:
    path = tmp_path_factory.mktemp("orientation") / "plan.pdf"
    render_pdf(SPEC, path)
    return scan(render_page(path, 1, 200), ScanProfile(dpi=200, skew_degrees=0.4), seed=5)


def scanned(grey: np.ndarray, clockwise_turns: int, folder: Path) -> Path:
    path = folder / f"turned-{clockwise_turns}.pdf"
    build_scanned_pdf([np.ascontiguousarray(np.rot90(grey, -clockwise_turns))], 200, path)
    return path


def assert_read_right(page) -> None:
    """What the page says, as an upright page of this scan reads (its words' mean confidence is 0.95)."""
    text = " ".join(page.text.split())
    assert text.count("21,40% lực lượng lao động") == 3 and text.count("96,20% dân số") == 3, text[:300]
    assert page.confidence > 0.9


def test_a_quarter_turned_page_looks_sideways_and_an_upright_one_does_not(upright_grey):
    assert not looks_sideways(upright_grey)
    assert looks_sideways(np.ascontiguousarray(np.rot90(upright_grey, 1)))
    assert looks_sideways(np.ascontiguousarray(np.rot90(upright_grey, -1)))


@pytest.mark.parametrize("turns", [1, 2, 3])
def test_a_page_scanned_turned_is_read_upright(upright_grey, tmp_path, turns):
    path = scanned(upright_grey, turns, tmp_path)
    settings = Settings()
    [info] = inspect_pages(path, settings.limits).pages
    page = page_by_ocr(path, info, settings, "image only")
    assert "read after a" in page.triage_reason
    assert_read_right(page)
    assert page.height > page.width  # the portrait page it was printed on


def test_an_upright_page_is_read_as_it_is(upright_grey, tmp_path):
    path = scanned(upright_grey, 0, tmp_path)
    settings = Settings()
    [info] = inspect_pages(path, settings.limits).pages
    page = page_by_ocr(path, info, settings, "image only")
    assert page.triage_reason == "image only"
    assert_read_right(page)
