"""Ruled tables on scans: rules found in ink judged against the page's own levels, kernels sized in points,
and a border the scan lost closed where the other rules end."""
from pathlib import Path

import cv2
import numpy as np

from kehoach.extractors.ink import ink_mask
from kehoach.extractors.preprocess import estimate_skew, rotate
from kehoach.extractors.table_cells import table_from_rectangles
from kehoach.extractors.table_grid import cell_rectangles, find_rules

FIXTURES = Path(__file__).parent / "fixtures"


def ruled_table(dpi: int, rule_points: float, ink: int, paper: int, rows: int = 6, cols: int = 4) -> np.ndarray:
    """A page scanned at `dpi` with a full-grid table of `rows` × `cols` cells (rules `rule_points` thick, printed
    at grey `ink` on paper `paper`) and some figures in its cells: drawn at 600 dpi, then averaged down to `dpi`
    as a scanner's sensor does, slightly blurred and grainy."""
    per_point = 600 / 72
    page = np.full((round(400 * per_point), round(400 * per_point)), paper, np.uint8)
    left, top, width, height = (round(v * per_point) for v in (40, 60, 320, 150))
    thick = max(1, round(rule_points * per_point))
    for row in range(rows + 1):
        y = top + row * height // rows
        page[y:y + thick, left:left + width + thick] = ink
    for col in range(cols + 1):
        x = left + col * width // cols
        page[top:top + height + thick, x:x + thick] = ink
    for row in range(rows):
        for col in range(cols):
            origin = (left + col * width // cols + round(8 * per_point),
                      top + (row + 1) * height // rows - round(6 * per_point))
            cv2.putText(page, f"{row}{col},5", origin, cv2.FONT_HERSHEY_SIMPLEX, 1.8, int(ink), 5)
    page = cv2.resize(page, None, fx=dpi / 600, fy=dpi / 600, interpolation=cv2.INTER_AREA)
    page = cv2.GaussianBlur(page, (0, 0), 0.5)
    grain = np.random.default_rng(7).normal(0, 6, page.shape)
    return np.clip(page + grain, 0, 255).astype(np.uint8)


def grid_shape(page: np.ndarray, dpi: int) -> list[tuple[int, int]]:
    tables = [table_from_rectangles(rectangles, [], 1) for rectangles in cell_rectangles(find_rules(ink_mask(page), dpi), dpi)]
    return [(table.n_rows, table.n_cols) for table in tables if table]


def rendered(scan: np.ndarray, dpi: int, render_dpi: int = 300) -> np.ndarray:
    """A scan at `dpi` drawn at the run's render resolution, as extractors/pdf_input.render_page gives it."""
    return cv2.resize(scan, None, fx=render_dpi / dpi, fy=render_dpi / dpi, interpolation=cv2.INTER_LINEAR)


def test_a_faded_thin_ruled_table_is_found_at_150_to_300_dpi_against_the_pages_own_paper():
    for dpi in (150, 200, 300):
        # 0.5 pt rules at grey 165 on a dim paper of 225: lighter than any fixed ink level of 128
        assert grid_shape(rendered(ruled_table(dpi, 0.5, ink=165, paper=225), dpi), 300) == [(6, 4)], dpi


def test_thick_dark_rules_give_the_same_grid():
    assert grid_shape(ruled_table(300, 1.5, ink=20, paper=250), 300) == [(6, 4)]


def test_a_bitonal_table_gives_the_same_grid():
    page = ruled_table(200, 0.5, ink=0, paper=255)
    bitonal = cv2.threshold(page, 127, 255, cv2.THRESH_BINARY)[1]  # a fax: the scanner's own 1-bit threshold
    assert grid_shape(bitonal, 200) == [(6, 4)]


def test_a_faded_150_dpi_scan_with_a_lost_right_border_gives_every_column():
    # Cut from gialai_2023_kh_harsh150 page 3 at its own 150 dpi: grey ink 150-200, blurred, specks, turned
    # about a degree, and the table's right-hand border gone from the scan (the rows' rules end in the open).
    crop = cv2.imread(str(FIXTURES / "harsh150_ruled_table.png"), cv2.IMREAD_GRAYSCALE)
    page = rotate(crop, estimate_skew(crop, 5.0))
    assert grid_shape(page, 150) == [(8, 4)]  # header and seven rows; STT, place, 2023, 2024


def test_a_bold_section_rows_words_are_not_taken_for_rules():
    # Cut from gialai_2023_kh_harsh150 page 6 (deskewed, 150 dpi): the task matrix's header, its bold section
    # row `Công tác lãnh đạo, chỉ đạo, điều hành` (blurred letters joined along the baseline), and the next row.
    crop = cv2.imread(str(FIXTURES / "harsh150_bold_section_row.png"), cv2.IMREAD_GRAYSCALE)
    rows_with_rule = (find_rules(ink_mask(crop), 150).horizontal > 0).any(axis=1)
    runs = np.flatnonzero(np.diff(rows_with_rule.astype(int)) == 1)
    assert len(runs) == 3  # the header's top rule, the rule under the header, the rule under the section row
