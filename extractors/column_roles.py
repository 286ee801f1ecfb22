"""What a target table's column holds, from its header words through OCR noise and from its cells' contents.

Takes the printed text of a header (one column's header cells joined, or a caption line) or a column's body
cells; gives the cues it carries (indicator, measure, executed-or-planned, unit column, notes) and the kind of
values the cells hold. Header words are compared on folded text (no marks, lower case, `đ` as `d`), squeezed
(no spaces: `ĐơnVị`, `Đơnv|`), allowing an edit or two by the cue's length (`THẤT NGHIIỆP`), so a header misread
by a letter still says what it says. Short cues (`bhxh`, `th`, `kh`) must be whole words, since one edit would
turn one into another. Cells say what the header may not: a column of percentages is a rate, whole numbers
with thousands separators are head counts or bases, a column of names is the area column.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from rapidfuzz import fuzz
from rapidfuzz.distance import Levenshtein

from kehoach.normalizers.numbers import parse_number
from kehoach.text_folding import fold, squeeze

# (cue, indicator), most specific first; a specific BHXH cue makes the generic `bhxh` of the same text redundant.
INDICATOR_CUES = [
    ("tu nguyen", "bhxh_voluntary_rate"), ("bat buoc", "bhxh_compulsory_rate"),
    ("that nghiep", "bhtn_rate"), ("bhtn", "bhtn_rate"), ("bhyt", "bhyt_rate"), ("bao hiem y te", "bhyt_rate"),
    ("bhxh", "bhxh_rate"), ("bao hiem xa hoi", "bhxh_rate"),
]
BHXH_KINDS = {"bhxh_voluntary_rate", "bhxh_compulsory_rate"}
UNIT_CUES = ("don vi", "ten don vi", "dia phuong", "dia ban", "huyen", "xa", "phuong")
UNIT_OF_MEASURE = ("don vi tinh", "dvt")  # `Đơn vị tính: %` names a unit of measure, not the area column
NOTES_CUES = ("ghi chu",)
STT_CUES = ("stt", "tt", "so tt", "so thu tu")
EXECUTED_CUES = ("thuc hien", "uoc thuc hien", "uoc th", "th", "uoc", "da dat", "ket qua")
PLANNED_CUES = ("ke hoach", "kh", "chi tieu", "giao", "phan dau", "muc tieu", "du kien")
CHANGE_CUES = ("tang giam", "tang", "giam", "so sanh", "chenh lech")
BASE_CUES = (("llld", "labor_force"), ("luc luong lao dong", "labor_force"), ("dan so", "population"))
COUNT_CUES = ("so nguoi", "so nguoi tham gia", "nguoi tg", "so nguoi tg", "so doi tuong")
RATE_CUES = ("ty le", "ti le")
SHORT = 4  # cues of this many letters or fewer must be whole words
KIND_SHARE = 0.6  # share of a column's filled cells that must be of one kind for the column to be that kind

_THOUSANDS = re.compile(r"^\d{1,3}(?:[.,]\d{3})+$")
_YEAR = re.compile(r"^(19|20)\d{2}$")
_ITEM = re.compile(r"^(\d{1,3}|[IVXL]+|[a-zđ])[.)]?$")


def allowed_edits(cue: str) -> int:
    letters = len(cue.replace(" ", ""))
    return 0 if letters <= SHORT else 1 if letters <= 8 else 2


def has_cue(text: str, cue: str) -> bool:
    """`cue` (folded) stands in `text`, as whole words (or the whole cell) for a short cue, else within an edit or
    two (`donvi` in `ĐơnVị`, `thatnghiep` in `THẤT NGHIIỆP`)."""
    words, needle, haystack = fold(text), cue.replace(" ", ""), squeeze(text)
    if f" {cue} " in f" {words} " or haystack == needle:  # `LLL Đ`, `ST T`: a cell of the cue split by a space
        return True
    edits = allowed_edits(cue)
    if not edits:
        return False
    if len(haystack) < len(needle) - edits:
        return False
    # partial_ratio aligns the cue with the best window of the text; an inserted or dropped letter costs 1 of its
    # 2n. A letter misread for another (`HIIM Y TÍ` for `HIỂM Y TẾ`), the commonest OCR edit, costs 2: a score
    # that only such edits explain is checked word by word, since a shared stem scores as well (`BẢO HIỂM` and a
    # letter of `THẤT` are as close to `baohiemyte` by this measure, and two edits from it letter by letter).
    score = fuzz.partial_ratio(needle, haystack)
    if score >= 100.0 * (1 - edits / (len(needle) + 0.5)):
        return True
    return score >= 100.0 * (1 - edits / len(needle)) - 1e-9 and words_within_edits(cue, words, edits)


def words_within_edits(cue: str, text: str, edits: int) -> bool:
    """Whether the cue's words stand in a row among the text's words (both folded), each misread by at most an
    edit (none for a word of one letter, two for a long word), `edits` in all."""
    wanted, words = cue.split(), text.split()
    for start in range(len(words) - len(wanted) + 1):
        spent = 0
        for expected, read in zip(wanted, words[start:]):
            budget = 0 if len(expected) == 1 else 1 if len(expected) <= 5 else 2
            distance = Levenshtein.distance(expected, read, score_cutoff=budget)
            if distance > budget:
                break
            spent += distance
        else:
            if spent <= edits:
                return True
    return False


def any_cue(text: str, cues) -> bool:
    return any(has_cue(text, cue) for cue in cues)


def indicators_named(text: str) -> list[str]:
    """The indicators a header or caption names, in cue order, the generic `bhxh_rate` left out where a
    specific BHXH kind is named (`BHXH tự nguyện` is one indicator, `BHXH, BHYT` two)."""
    found = list(dict.fromkeys(key for cue, key in INDICATOR_CUES if has_cue(text, cue)))
    if BHXH_KINDS & set(found):
        found = [key for key in found if key != "bhxh_rate"]
    return found


def measure_named(text: str) -> tuple[str, str]:
    """(measure, base) a column's header names: `rate`, `participants` or `base_value` (with `labor_force` or
    `population`); ("", "") when it names none."""
    for cue, base in BASE_CUES:
        if has_cue(text, cue):
            return "base_value", base
    if any_cue(text, COUNT_CUES) or squeeze(text).endswith("tg"):
        return "participants", ""
    if any_cue(text, RATE_CUES) or "%" in text:
        return "rate", ""
    return "", ""


def is_executed(text: str) -> bool:
    """A column of results (`Thực hiện năm 2023`, `TH 2023`, `Ước thực hiện`), not of targets: it names an
    executed cue and no planned one (`Chỉ tiêu thực hiện năm 2024` is a target)."""
    return any_cue(text, EXECUTED_CUES) and not any_cue(text, PLANNED_CUES)


def is_change(text: str) -> bool:
    """A column of differences (`Tăng/giảm`, `So sánh`), whose figures are no target."""
    words = fold(text).split()
    return bool(words) and words[0] in {"tang", "giam", "so", "chenh"} and any_cue(text, CHANGE_CUES)


def is_unit_header(text: str) -> bool:
    """The area column's header (`Đơn vị`, `Tên đơn vị`, `Địa phương`, `Huyện, thị xã`), not `Đơn vị tính`."""
    folded = fold(text)
    if any_cue(folded, UNIT_OF_MEASURE) or not folded:
        return False
    first_words = " ".join(folded.split()[:3])
    return any(has_cue(first_words, cue) for cue in UNIT_CUES)


@dataclass(frozen=True)
class ColumnContents:
    """What a column's body cells hold: counts of each kind of filled cell."""

    filled: int
    rates: int  # numbers with a decimal mark or a `%`, 0..100
    counts: int  # whole numbers, with thousands separators or above 100
    small_wholes: int  # whole numbers up to 100 without a mark (`100` in a column of rates, or an STT)
    names: int  # text that is no number

    def share(self, kind: int) -> float:
        return kind / self.filled if self.filled else 0.0

    @property
    def holds_rates(self) -> bool:
        return self.rates > 0 and self.share(self.rates + self.small_wholes) >= KIND_SHARE and \
            self.rates >= self.small_wholes

    @property
    def holds_counts(self) -> bool:
        return self.counts > 0 and self.share(self.counts) >= KIND_SHARE

    @property
    def holds_names(self) -> bool:
        return self.names > 0 and self.share(self.names) >= KIND_SHARE


def cell_kind(text: str) -> str:
    """`rate`, `count`, `small_whole`, `name`, `item` (an STT: `1`, `II`, `a)`) or `empty`."""
    text = text.strip()
    if not text:
        return "empty"
    value = parse_number(text)
    if value is None:
        return "item" if _ITEM.match(text) else "name"
    if "%" in text or ("," in text and not _THOUSANDS.match(text)) or value != int(value):
        return "rate" if 0 <= value <= 100 else "count"
    if _THOUSANDS.match(text) or value > 100:
        return "count"
    return "small_whole"


def column_contents(texts: list[str]) -> ColumnContents:
    kinds = [cell_kind(text) for text in texts]
    filled = [kind for kind in kinds if kind != "empty"]
    return ColumnContents(len(filled), filled.count("rate"), filled.count("count"),
                          filled.count("small_whole"), filled.count("name"))


def is_year_label(text: str) -> bool:
    """A header cell that is a year alone (`2024`), which a header row holds where a body row holds values."""
    return bool(_YEAR.match(text.strip().rstrip("(%) ").strip()))
