"""Deskew: the angle found on a page of print turned by a known angle undoes it. Binarising for reading: a blurred
scan's strokes kept as printed."""
import cv2
import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from kehoach.extractors.ink import ink_mask
from kehoach.config import OcrSettings
from kehoach.extractors.preprocess import binarise, estimate_skew, prepare, rotate

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"


@pytest.fixture(scope="module")
def printed_page() -> np.ndarray:
    """An A4 page at 200 dpi with lines of text written for this test."""
    image = Image.new("L", (1654, 2339), 255)
    draw = ImageDraw.Draw(image)
    font = ImageFont.truetype(FONT, 30)
    for row in range(40):
        draw.text((150, 150 + row * 50), f"Tỷ lệ bao phủ bảo hiểm y tế đạt {60 + row % 9},{row} % dân số năm 2025",
                  fill=0, font=font)
    return np.array(image)


@pytest.mark.parametrize("degrees", [-3.7, -0.8, 0.35, 2.3, 4.6])
def test_the_skew_found_undoes_the_turn(printed_page, degrees):
    turned = rotate(printed_page, degrees)
    assert estimate_skew(turned, 5.0) == pytest.approx(-degrees, abs=0.1)


def test_a_white_page_has_no_skew():
    assert estimate_skew(np.full((2339, 1654), 255, np.uint8), 5.0) == 0.0


def test_reading_keeps_a_blurred_bold_words_strokes_as_printed_not_swollen():
    image = Image.new("L", (1400, 160), 245)
    font = ImageFont.truetype("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf", 50)  # 12 pt at 300 dpi
    ImageDraw.Draw(image).text((40, 40), "Công tác lãnh đạo, chỉ đạo", fill=150, font=font)  # faded toner
    printed = np.array(image) < 200
    blurred = cv2.GaussianBlur(np.array(image), (0, 0), 2.5)  # a soft scan: strokes run into each other
    split, read = ink_mask(blurred) > 0, binarise(blurred) == 0
    assert (read ^ printed).sum() < 0.6 * (split ^ printed).sum()
    assert cv2.connectedComponents(read.astype(np.uint8))[0] > cv2.connectedComponents(split.astype(np.uint8))[0]


@pytest.mark.parametrize("ink, binarised", [(185, True), (40, False)])
def test_a_faint_grey_page_is_read_binarised_and_a_dark_one_left_to_tesseract(ink, binarised):
    image = Image.new("L", (1654, 2339), 236)
    font = ImageFont.truetype(FONT, 30)
    for row in range(20):
        ImageDraw.Draw(image).text((150, 150 + row * 50), f"Tỷ lệ tham gia BHXH đạt {30 + row},5 %", fill=ink, font=font)
    page = cv2.GaussianBlur(np.array(image), (0, 0), 1.2)
    prepared = prepare(page, OcrSettings(dpi=200))
    assert (len(np.unique(prepared.image)) == 2) is binarised
    assert np.array_equal(prepared.ink, ink_mask(page))  # ink and rules are judged on the page as scanned
