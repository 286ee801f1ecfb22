"""Which cells are read (those holding ink), which re-read numeric cells get a second look, and what the second
look does to a crop."""
import cv2
import numpy as np

from kehoach.extractors.cell_ocr import _crop, has_ink, malformed
from kehoach.extractors.ink import ink_mask
from kehoach.extractors.preprocess import without_specks
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


def test_a_cell_of_faint_figures_holds_ink_and_a_cell_of_specks_does_not():
    page = np.clip(np.random.default_rng(3).normal(228, 5, (300, 600)), 0, 255).astype(np.uint8)  # dim paper
    cv2.putText(page, "43,3", (40, 180), cv2.FONT_HERSHEY_SIMPLEX, 2.0, 170, 4)  # faded toner: grey 170
    for y, x in ((150, 420), (90, 500), (200, 460)):
        page[y:y + 2, x:x + 2] = 150  # specks of dust
    points = 72 / 300
    figures = Cell(row=0, col=0, text="", bbox=BBox(0, 0, 300 * points, 300 * points))
    specks = Cell(row=0, col=1, text="", bbox=BBox(300 * points, 0, 600 * points, 300 * points))
    ink = ink_mask(page)
    assert has_ink(ink, figures, 300)
    assert not has_ink(ink, specks, 300)


def test_a_percentage_over_a_hundred_is_malformed_even_where_its_column_lost_most_commas():
    texts = {1: "3.84%", 2: "366%", 3: "772%", 4: "468%", 5: "4,17%", 6: "100%"}
    assert malformed(texts, dict.fromkeys(texts, 4)) == {2, 3, 4}


def test_specks_on_empty_paper_go_and_punctuation_beside_figures_stays():
    image = np.full((200, 600), 255, np.uint8)
    cv2.putText(image, "12.038", (40, 120), cv2.FONT_HERSHEY_SIMPLEX, 2.0, 0, 5)  # about 20 pt at 300 dpi
    image[20:23, 500:503] = 0  # specks of dust, far from the figures
    image[170:174, 300:304] = 0
    cleaned = without_specks(image, 300)
    assert cleaned[20:23, 500:503].min() == 255 and cleaned[170:174, 300:304].min() == 255
    assert np.array_equal(cleaned[:150, :480], image[:150, :480])  # the figures and their full stop untouched


def test_two_reads_that_share_their_digits_outvote_the_third():
    """A cell the two models read differently is settled by a third read: the reading whose digits another
    shares wins, in the numeric model's form (`5,4` over `0,4`, and `5,5` kept with its comma when the page
    read gave `55`); three different readings settle nothing."""
    from kehoach.extractors.cell_ocr import agreed_reading

    assert agreed_reading(["0,4", "5,4", "5,4"]) == "5,4"
    assert agreed_reading(["9,0", "5,5", "55"]) == "5,5"
    assert agreed_reading(["15,9", "15,5", "15,5"]) == "15,5"
    assert agreed_reading(["1,7", "7,0", "T7?"]) is None
