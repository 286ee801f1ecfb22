"""Build text-layer pages for stage tests without a PDF."""
from __future__ import annotations

from kehoach.records import BBox, Word


def words_of(text: str) -> list[Word]:
    """Words laid out as printed: one line of the text per line of the page, 12 pt apart."""
    words = []
    for line_number, line in enumerate(text.splitlines()):
        x = 50.0
        for token in line.split():
            width = 6.0 * len(token)
            top = 40.0 + 14.0 * line_number
            words.append(Word(token, BBox(x, top, x + width, top + 12.0), 1.0, line_number))
            x += width + 4.0
    return words
