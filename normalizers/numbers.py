"""Numbers written the Vietnamese way → Python numbers.

`24,88` is 24.88 and `12.038` is 12038 (`.` groups thousands, `,` marks decimals); `100,0%` is 100.0.
A `.` followed by other than three digits (`12.5`, as an English-model OCR or a careless typist may leave it)
is read as a decimal point, since no Vietnamese thousands group has fewer digits. A speck OCR made a sign of
(`¬ 6,99`) and a space inside the number (`94, 15%`) do not hide it.
"""
from __future__ import annotations

import re

_GROUPED = re.compile(r"^\d{1,3}(?:\.\d{3})+(?:,\d+)?$")
_PLAIN = re.compile(r"^\d+(?:[.,]\d+)?$")
# A speck OCR read as a sign before or after a number (`¬ 6,99`, `6,99'`): signs only, never letters or digits.
_SPECKS = re.compile(r"^[^\w(]+|[^\w%)]+$")


def _bare(text: str) -> str:
    """The number's characters alone: specks around it and the `%` dropped, a space inside it closed
    (`94, 15%` is 94,15: a number split by OCR or a line end)."""
    return _SPECKS.sub("", text.strip()).rstrip("%").strip().replace(" ", "")


def parse_number(text: str) -> float | None:
    cleaned = _bare(text)
    if _GROUPED.match(cleaned):
        return float(cleaned.replace(".", "").replace(",", "."))
    if _PLAIN.match(cleaned):
        return float(cleaned.replace(",", "."))
    return None


def parse_count(text: str) -> int | None:
    """A head count (`12.038` → 12038); None for anything that is not a whole number."""
    value = parse_number(text)
    return int(value) if value is not None and value == int(value) and "," not in text else None


def decimals_of(text: str) -> int | None:
    """How many digits a printed number has after its decimal mark (`13,10%` → 2, `12.038` → 0): the precision
    it was rounded to, which the float alone cannot tell (`13,10` and `13,1` are both 13.1). None: no number."""
    cleaned = _bare(text)
    if _GROUPED.match(cleaned):
        return len(cleaned.partition(",")[2])
    if _PLAIN.match(cleaned):
        return len(cleaned.replace(".", ",").partition(",")[2])
    return None
