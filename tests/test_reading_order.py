"""A block read apart (a table's cells) goes back into the page's text where it stands on the page."""
from kehoach.extractors.reading_order import compose_text, insert_blocks
from kehoach.records import BBox, Word


def word(text: str, top: float, line: int, x0: float = 50.0) -> Word:
    return Word(text, BBox(x0, top, x0 + 40.0, top + 10.0), 0.9, line)


def test_a_block_goes_before_the_first_line_below_its_top_and_lines_are_renumbered():
    page = [word("Tiêu", 100, 0), word("đề", 100, 0, 95), word("Ký", 700, 1), word("tên", 700, 1, 95)]
    table = [word("1", 300, 40), word("Huyện", 300, 41, 120), word("Kbang", 320, 41, 120)]
    words = insert_blocks(page, [(290.0, table)])
    assert compose_text(words) == "Tiêu đề\n1\nHuyện Kbang\nKý tên"
    assert [w.line for w in words] == [0, 0, 1, 2, 2, 3, 3]


def test_blocks_below_every_line_come_last_in_the_order_of_their_tops():
    page = [word("Phụ", 50, 3), word("lục", 50, 3, 95)]
    lower, upper = [word("B", 600, 0)], [word("A", 300, 0)]
    assert compose_text(insert_blocks(page, [(600.0, lower), (300.0, upper)])) == "Phụ lục\nA\nB"


def test_no_blocks_keeps_the_page_as_read():
    page = [word("Một", 100, 5), word("Hai", 200, 9)]
    assert compose_text(insert_blocks(page, [])) == "Một\nHai"
