"""The header block of a document's first page, read by position.

Takes a page's words with their boxes (text layer or OCR); gives a `HeaderBlock`: the left column (the issuing
body's lines, then `Số: …`, then a công văn's `V/v …` subject), the right column (the national motto, then
`<place>, ngày … tháng … năm …`), the type title (`KẾ HOẠCH`, `QUYẾT ĐỊNH`, …) and the subject lines under it.
Vietnamese official documents all print this layout (Nghị định 30/2020/NĐ-CP), but a page's words come in lines
that run across both columns, so reading the header as text mixes them (`Số: 127/KH-UBND Vĩnh Linh, ngày …`).
The columns are split where the motto starts; words are recognised through OCR noise by folded, squeezed
letters and edit distance, never by exact spelling.
"""
from __future__ import annotations

import re
import statistics
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from kehoach.extractors.reading_order import words_by_line
from kehoach.records import BBox, Page, Word
from kehoach.text_folding import fold, squeeze

# Type titles as squeezed letters (what is left of `K Ế HO Ạ CH` in a fallback font, or `| KẾ HOẠCH`).
DOC_TYPES = {
    "kehoach": "Kế hoạch", "quyetdinh": "Quyết định", "chithi": "Chỉ thị", "nghiquyet": "Nghị quyết",
    "thongbao": "Thông báo", "baocao": "Báo cáo", "huongdan": "Hướng dẫn", "chuongtrinh": "Chương trình",
    "totrinh": "Tờ trình", "congvan": "Công văn", "thongtu": "Thông tư", "nghidinh": "Nghị định",
    "congdien": "Công điện", "giaymoi": "Giấy mời", "phuongan": "Phương án", "dean": "Đề án",
}
MOTTO = ("conghoaxahoichunghiavietnam", "doclaptudohanhphuc")
SAME_WORDS = 88  # rapidfuzz ratio over squeezed letters at which two spellings are the same words
LONG_TYPE = 7  # letters from which a type's name may have one misread for another
CODE_IN_LINE = re.compile(r"\d\s*/\s*[A-ZĐ][A-Za-zĐđ]*\s*-\s*[A-Z0-9Đ]")  # `127/KH-UBND`
DATE_WORDS = re.compile(r"ngày|th\w{1,2}ng\s*\S{0,3}\s*n\w{1,2}m\s*\d{4}", re.IGNORECASE)
COLUMN_GAP = 1.5  # text heights: words further apart than this on one line stand in different columns
SUBJECT_MARK = re.compile(r"^\W{0,3}[vV]\s*[/.,]\s*[vV]\b\W*")  # `V/v`, `V.v`, `v/v:`
TITLE_STOP = re.compile(r"^(Căn cứ|Kính gửi|I\.|1\.|Điều 1|Để )", re.IGNORECASE)
# How the body's first paragraph opens. A title may open the same way (`Thực hiện chính sách ...`), but its
# second line continues its sentence in lower case, so this ends the title only after its first line.
BODY_OPENING = re.compile(r"^(Thực hiện|Triển khai|Nhằm|Trên cơ sở|Theo|Tiếp theo) ")
MAX_TITLE_LINES = 5
TITLE_GAP = 2.2  # a gap above a line of more than this many text heights ends the title


@dataclass(frozen=True)
class Line:
    words: tuple[Word, ...]

    @property
    def text(self) -> str:
        return " ".join(word.text for word in self.words)

    @property
    def box(self) -> BBox:
        return BBox(min(w.bbox.x0 for w in self.words), min(w.bbox.top for w in self.words),
                    max(w.bbox.x1 for w in self.words), max(w.bbox.bottom for w in self.words))


@dataclass(frozen=True)
class HeaderBlock:
    """What the header block prints, each part as read (OCR noise and all); empty where the page has none."""

    issuer_lines: list[str] = field(default_factory=list)  # left column, above the number
    number_words: tuple[Word, ...] = ()  # the left column's `Số: …` line
    subject_lines: list[str] = field(default_factory=list)  # left column under the number: `V/v …`
    date_text: str = ""  # the right column's `<place>, ngày … tháng … năm …`
    doc_type: str = ""  # from the type title line
    title_lines: list[str] = field(default_factory=list)  # under the type title


def _lines(words: list[Word]) -> list[Line]:
    lines = [Line(tuple(sorted(group, key=lambda w: w.bbox.x0))) for group in words_by_line(words)]
    return sorted(lines, key=lambda line: line.box.top)


def _letters(text: str) -> str:
    return squeeze(text).translate(str.maketrans("", "", "0123456789"))


def _starts_like(words: tuple[Word, ...], start: int, phrase: str) -> bool:
    """Whether the words from `start` on spell `phrase` (squeezed), through OCR noise."""
    first = _letters(words[start].text)
    if not first or fuzz.ratio(first, phrase[:len(first)]) < SAME_WORDS - 13:
        return False
    letters = ""
    for word in words[start:]:
        letters += _letters(word.text)
        if len(letters) >= len(phrase):
            break
    return bool(letters) and letters[0] == phrase[0] and fuzz.ratio(letters[:len(phrase) + 2], phrase) >= SAME_WORDS


def _motto_left(lines: list[Line]) -> float | None:
    """Where the right column starts: the left edge of the motto's first word, on the lines that print it."""
    edges = []
    for line in lines[:12]:
        for index, word in enumerate(line.words):
            if any(_starts_like(line.words, index, phrase) for phrase in MOTTO):
                edges.append(word.bbox.x0)
                break
    return min(edges) if edges else None


def type_of_line(text: str) -> str:
    """The document type a title line names (`KẾ HOẠCH`, `K Ế HO Ạ CH`, `| QUYÉT ĐỊNH`), or ""; a line that says
    more than the type (`Kế hoạch số 12 …`) is no type title."""
    letters = _letters(text)
    if not letters or sum(ch.isupper() for ch in text) < sum(ch.islower() for ch in text):
        return ""
    best = max(DOC_TYPES, key=lambda key: fuzz.ratio(letters, key))
    return DOC_TYPES[best] if fuzz.ratio(letters, best) >= same_words(best) else ""


def same_words(key: str) -> float:
    """The ratio at which a line's letters spell the type `key`: `SAME_WORDS`, or one letter misread for
    another in a long one (`KI` HOẠCH`: `kihoach`); the types' names differ by far more than a letter."""
    return min(SAME_WORDS, 100.0 * (1 - 1 / len(key)) - 1e-9) if len(key) >= LONG_TYPE else SAME_WORDS


def _text_height(lines: list[Line]) -> float:
    heights = [w.bbox.bottom - w.bbox.top for line in lines for w in line.words]
    return statistics.median(heights) if heights else 12.0


def _in_capitals(text: str) -> bool:
    letters = [ch for ch in text if ch.isalpha()]
    return len(text.split()) >= 2 and sum(ch.isupper() for ch in letters) >= 0.8 * len(letters)


def _title_lines(lines: list[Line], height: float) -> list[str]:
    """The subject under a type title: lines down to a gap, a body's opening, or a line in capitals (the signing
    authority a decision prints next: `CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH …`)."""
    title: list[str] = []
    previous = None
    for line in lines:
        text = line.text.strip()
        if previous is not None and line.box.top - previous.box.bottom > TITLE_GAP * height:
            break
        if TITLE_STOP.match(text) or (title and (BODY_OPENING.match(text) or _in_capitals(text))):
            break
        if _opens_letter(text):
            break
        title.append(text)
        previous = line
        if len(title) >= MAX_TITLE_LINES:
            break
    return title


def _segments(line: Line, height: float) -> list[Line]:
    """A line cut where its words stand further apart than a word space: the columns' parts of it."""
    pieces: list[list[Word]] = [[line.words[0]]]
    for word in line.words[1:]:
        if word.bbox.x0 - pieces[-1][-1].bbox.x1 > COLUMN_GAP * height:
            pieces.append([])
        pieces[-1].append(word)
    return [Line(tuple(piece)) for piece in pieces]


def _columns(header: list[Line], split: float, height: float) -> tuple[list[Line], list[Line]]:
    """Each header line's left and right parts: a part set apart by a column's gap goes by its centre (a date
    line printed wider than the motto still goes right), words run together by their own left edges."""
    left, right = [], []
    for line in header:
        to_left: list[Word] = []
        to_right: list[Word] = []
        parts = _segments(line, height)
        for part in parts:
            box = part.box
            if box.x0 < split <= box.x1 and len(parts) == 1:
                to_left += [w for w in part.words if w.bbox.x0 < split]
                to_right += [w for w in part.words if w.bbox.x0 >= split]
            elif (box.x0 + box.x1) / 2 < split:
                to_left += part.words
            else:
                to_right += part.words
        left += [Line(tuple(to_left))] if to_left else []
        right += [Line(tuple(to_right))] if to_right else []
    return left, right


def _opens_letter(text: str) -> bool:
    """`Kính gửi:` (or `Kính` alone, its `gửi:` set under it)."""
    words = fold(text).split()
    return bool(words) and words[0] == "kinh"


def _is_number_line(text: str) -> bool:
    """`Số: 127/KH-UBND`, `Số: /KH-UBND`, `§ố53KH-UBND`: a `Số` followed by a colon, a slash or digits, or a
    number's code anywhere (`SỞ GIÁO DỤC` is no number line)."""
    words = fold(re.sub(r"^\W*[§$]", "S", text)).split()  # OCR's `§` and `$` for a capital S
    opens = bool(words) and words[0] in ("so", "s0") or bool(words) and words[0].startswith("so") and words[0][2:3].isdigit()
    return opens and bool(re.search(r"[:/\d]", text)) or bool(CODE_IN_LINE.search(text))


def read_header(page: Page) -> HeaderBlock:
    lines = _lines(page.words)
    if not lines:
        return HeaderBlock()
    height = _text_height(lines)
    type_index = next((i for i, line in enumerate(lines[:30]) if type_of_line(line.text)), None)
    letter_index = next((i for i, line in enumerate(lines[:30]) if _opens_letter(line.text)), None)
    end = min(i for i in (type_index, letter_index, min(len(lines), 14)) if i is not None)
    header = lines[:end]
    right_edge = _motto_left(header)
    split = right_edge - 0.02 * page.width if right_edge is not None else page.width * 0.5
    left, right = _columns(header, split, height)
    number_index = next((i for i, line in enumerate(left) if _is_number_line(line.text)), None)
    issuer = left[:number_index] if number_index is not None else left
    subject = _subject(left[number_index + 1:], height) if number_index is not None else []
    date = next((line for line in right if DATE_WORDS.search(line.text)), None)
    after_type = lines[type_index + 1:] if type_index is not None else []
    return HeaderBlock(
        issuer_lines=[line.text for line in issuer if not any(_starts_like(line.words, 0, p) for p in MOTTO)
                      and sum(ch.isalpha() for ch in line.text) >= 2],
        number_words=left[number_index].words if number_index is not None else (),
        subject_lines=subject,
        date_text=date.text if date else "",
        doc_type=type_of_line(lines[type_index].text) if type_index is not None else "",
        title_lines=_title_lines(after_type, height),
    )


def _subject(lines: list[Line], height: float) -> list[str]:
    """A công văn's subject: the left column's lines from `V/v` down to a gap, the mark itself left out."""
    if not lines or not SUBJECT_MARK.match(lines[0].text):
        return []
    subject = [SUBJECT_MARK.sub("", lines[0].text, count=1)]
    for previous, line in zip(lines, lines[1:]):
        if line.box.top - previous.box.bottom > TITLE_GAP * height or _opens_letter(line.text):
            break
        subject.append(line.text)
    return subject
