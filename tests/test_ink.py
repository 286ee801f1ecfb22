"""A scanned sheet with nothing printed is told from a page with print by its letter-sized marks."""
import numpy as np
from PIL import Image, ImageDraw, ImageFont

from kehoach.extractors.ink import PRINTED_MARKS, ink_mask, letter_marks
from kehoach.synth.scanner import ScanProfile, scan

WHITE_A4_200_DPI = np.full((2339, 1654), 255, np.uint8)


def test_a_white_sheet_through_a_bitonal_scanner_has_specks_but_no_letters():
    grey = scan(WHITE_A4_200_DPI, ScanProfile(dpi=200, bitonal=True, speckle=0.02), seed=1)
    assert (grey < 128).sum() > 10_000  # specks a blank test on the darkest pixel would call ink
    assert letter_marks(grey, 200) == 0


def test_a_white_sheet_through_a_noisy_grey_scanner_has_no_letters():
    grey = scan(WHITE_A4_200_DPI, ScanProfile(dpi=200, noise_sigma=20, illumination=0.3), seed=2)
    assert letter_marks(grey, 200) == 0


def test_one_short_printed_line_is_print():
    image = Image.fromarray(WHITE_A4_200_DPI.copy())
    font = ImageFont.truetype("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", 34)  # 12 pt at 200 dpi
    ImageDraw.Draw(image).text((200, 300), "Hết", fill=0, font=font)
    grey = scan(np.array(image), ScanProfile(dpi=200, bitonal=True, speckle=0.01), seed=3)
    assert letter_marks(grey, 200) >= PRINTED_MARKS


def test_rules_and_a_stamp_are_not_letters():
    grey = WHITE_A4_200_DPI.copy()
    grey[200:205, 100:1500] = 0  # a rule: flatter than a letter
    grey[400:1800, 800:804] = 0  # a vertical rule: taller than an inch
    yy, xx = np.ogrid[:2339, :1654]
    ring = np.abs(np.hypot(yy - 1200, xx - 400) - 150) < 5  # a seal 300 px (1.5 inch) across
    grey[ring] = 90
    assert letter_marks(grey, 200) == 0


def test_counting_band_by_band_stops_at_enough_and_misses_no_mark_cut_by_a_band_edge():
    image = Image.fromarray(WHITE_A4_200_DPI.copy())
    font = ImageFont.truetype("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", 34)
    draw = ImageDraw.Draw(image)
    draw.text((200, 100), "Kế hoạch số 12", fill=0, font=font)  # in the first of the eight bands
    draw.text((200, 2000), "Nơi nhận", fill=0, font=font)  # in the last: not looked at
    page = np.array(image)
    assert PRINTED_MARKS <= letter_marks(page, 200, enough=PRINTED_MARKS) < letter_marks(page, 200)
    band = -(-page.shape[0] // 8)
    straddling = Image.fromarray(WHITE_A4_200_DPI.copy())
    for number in range(1, 8):  # one letter across each band edge, nothing else on the sheet
        ImageDraw.Draw(straddling).text((200 * number, band * number - 20), "H", fill=0, font=font)
    assert letter_marks(np.array(straddling), 200, enough=PRINTED_MARKS) == letter_marks(np.array(straddling), 200) == 7


def test_faded_print_on_dim_paper_is_ink_by_the_pages_own_levels():
    image = Image.fromarray(np.full((2339, 1654), 232, np.uint8))  # grey paper
    font = ImageFont.truetype("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", 34)
    ImageDraw.Draw(image).text((200, 300), "Kế hoạch số 12", fill=165, font=font)  # toner at grey 165
    grey = scan(np.array(image), ScanProfile(dpi=200, noise_sigma=5, illumination=0.2), seed=4)
    assert (grey < 128).sum() == 0  # nothing a fixed level of 128 would call ink
    assert letter_marks(grey, 200) >= 10
    assert ink_mask(grey).mean() / 255 < 0.01  # the paper, dim and uneven, is not ink


def test_a_bitonal_page_keeps_its_own_black_as_ink():
    page = WHITE_A4_200_DPI.copy()
    page[300:340, 200:260] = 0
    assert np.array_equal(ink_mask(page) > 0, page == 0)
