"""Which re-read numeric cells get a second look, and what the second look does to a crop."""
import numpy as np

from kehoach.extractors.cell_ocr import _crop, malformed
from kehoach.records import BBox, Cell


def test_a_number_without_its_comma_in_a_column_of_decimals_is_malformed():
    texts = {1: "6,15", 2: "637", 3: "7,40", 4: "9,85", 5: "8.10"}
    assert malformed(texts, dict.fromkeys(texts, 3)) == {2}


def test_whole_numbers_in_a_column_of_whole_numbers_are_not():
    texts = {1: "12.038", 2: "4512", 3: "17", 4: "6,3"}
    assert malformed(texts, dict.fromkeys(texts, 2)) == set()


def test_a_cell_that_reads_as_no_number_is_malformed_in_any_column():
    texts = {1: "1", 2: "", 3: "3", 4: "..."}
    assert malformed(texts, {1: 0, 2: 0, 3: 0, 4: 5}) == {2, 4}


def test_columns_are_judged_apart():
    texts = {1: "6,15", 2: "637", 3: "7,40", 4: "637", 5: "512", 6: "1,5"}
    assert malformed(texts, {1: 3, 2: 3, 3: 3, 4: 4, 5: 4, 6: 4}) == {2}


def test_thinning_keeps_the_crop_and_takes_ink_from_its_strokes():
    image = np.full((100, 100), 255, np.uint8)
    image[40:60, 20:80] = 0  # a stroke 20 pixels thick
    cell = Cell(row=0, col=0, text="", bbox=BBox(0, 0, 100 * 72 / 300, 100 * 72 / 300))
    plain, thinned = _crop(image, cell, 300, 1.0), _crop(image, cell, 300, 1.0, thinning=3)
    assert plain.shape == thinned.shape
    assert (thinned == 0).sum() < (plain == 0).sum()
    assert (thinned == 0).sum() > 0
