"""Task timelines (thời gian thực hiện) → the last day they allow, and whether the task is standing.

Takes the timeline text as printed (restored) and the plan's year; gives a `Timeline`: `due` as ISO date
where the text names one, `recurring` for standing tasks, `parsed` False when nothing was understood (the
caller keeps the text and files an `info` issue).
    Thường xuyên / Hằng năm / Hàng tháng          → recurring, no due date
    Tháng 8/2024, tháng 8 năm 2024                → 2024-08-31
    Quý 2/2024, Quý II năm 2024                   → 2024-06-30
    Trước ngày 20/7/2024, ngày 20/7/2024          → 2024-07-20
    6 tháng đầu năm / 6 tháng cuối năm            → 30 June / 31 December of the plan's year
    Năm 2024                                      → 2024-12-31
The last date named wins (`Tháng 6 và tháng 12/2024` → 2024-12-31).

`repair_timeline` first mends what OCR does to a timeline cell: spaces around `/` (`15/12 /2024`), a `/`
lost between month and year (`Tháng 62024`, `Quy 32024`, `15/12 2024`) or read as another slash (`3⁄2024`),
stray marks (`Tháng _12/2024`),
and a standing phrase misspelt (`Thường Xuyên`, `Hằng 6 năm` → `Hằng năm`, by similarity of the folded text).
"""
from __future__ import annotations

import calendar
import re
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from kehoach.text_folding import fold

RECURRING = re.compile(r"thường\s+xuyên|hằng\s+(năm|quý|tháng|tuần)|hàng\s+(năm|quý|tháng|tuần)|định\s+kỳ|liên\s+tục",
                       re.IGNORECASE)
ROMAN = {"I": 1, "II": 2, "III": 3, "IV": 4}
DAY = re.compile(r"(?P<d>\d{1,2})\s*[/.-]\s*(?P<m>\d{1,2})\s*[/.-]\s*(?P<y>(?:19|20)\d{2})")
MONTH = re.compile(r"tháng\s+(?P<m>\d{1,2})(?:\s*(?:/|năm)\s*(?P<y>(?:19|20)\d{2}))?", re.IGNORECASE)
QUARTER = re.compile(r"quý\s+(?P<q>[1-4]|IV|I{1,3})(?:\s*(?:/|năm)\s*(?P<y>(?:19|20)\d{2}))?", re.IGNORECASE)
HALF = re.compile(r"6\s+tháng\s+(?P<half>đầu|cuối)\s+năm(?:\s+(?P<y>(?:19|20)\d{2}))?", re.IGNORECASE)
YEAR = re.compile(r"năm\s+(?P<y>(?:19|20)\d{2})", re.IGNORECASE)


STANDING = {fold(phrase): phrase for phrase in ["Thường xuyên", "Hằng năm", "Hằng quý", "Hằng tháng", "Định kỳ"]}
STANDING_MIN = 85  # similarity (0–100) of the folded text to a standing phrase
STRAY = re.compile(r"[_“”\"'‘’~|]")
SLASHES = str.maketrans({"⁄": "/", "∕": "/", "\\": "/"})  # fraction slash, division slash, backslash
GLUED_YEAR = re.compile(r"(?P<unit>tháng|quý|quy)\s*(?P<n>1[0-2]|[1-9])\s*/?\s*(?P<y>(?:19|20)\d{2})\b",
                        re.IGNORECASE)
FOUR_DIGITS = re.compile(r"\d{4}")
DAY_MONTH_YEAR = re.compile(r"\b(?P<dm>\d{1,2}/\d{1,2})\s+(?P<y>(?:19|20)\d{2})\b")
# The word `Quý` with its tone misread (`Quỷ`, `Quỹ`, `Quy`) before a quarter's numeral.
QUARTER_WORD = re.compile(r"\bqu[yýỳỷỹỵ](?=\s*(?:[1-4]|[IVlLH|]{1,3})(?:[\s/.,]|(?:19|20)\d{2}|$))", re.IGNORECASE)
# A quarter's numeral as OCR reads it: `H` for `II` (two strokes joined), `l`, `|`, `1` beside another stroke,
# `L` for `I` — or for `I/` when no slash follows it (`IL2023`: `II/2023`).
MISREAD_QUARTER = re.compile(r"(?P<unit>Quý)\s*(?P<q>[IlLH|1V]{1,3})(?P<sep>\s*/?\s*)(?=(?:19|20)\d{2}|năm|$)")
# A day, month and year whose slashes OCR lost (`31102023`).
GLUED_DATE = re.compile(r"\b(?P<d>0[1-9]|[12]\d|3[01])(?P<m>0[1-9]|1[0-2])(?P<y>(?:19|20)\d{2})\b")
ROMAN_QUARTER = re.compile(r"(?P<unit>Quý)\s+(?P<q>IV|I{1,3})\b")
DIGIT_QUARTER = re.compile(r"(?P<unit>Quý)\s+(?P<q>[1-4])(?=\s*(?:/|năm|$))")


def _misread_quarter(match: re.Match) -> str:
    printed = match["q"]
    if len(printed) == 1 and printed not in "lL|":
        return match.group(0)  # `Quý 1/2024`, `Quý I/2024`: as printed
    numeral = printed.replace("H", "II").translate(str.maketrans("l|1L", "IIII"))
    if numeral not in ROMAN:
        return match.group(0)
    year_follows = match.end() < len(match.string) and match.string[match.end()].isdigit()
    return f"Quý {numeral}" + ("/" if "/" in match["sep"] or year_follows else " " if match["sep"] else "")


def repair_timeline(printed: str) -> str:
    text = " ".join(STRAY.sub(" ", printed.translate(SLASHES)).split())
    text = re.sub(r"\s*/\s*", "/", text)
    text = QUARTER_WORD.sub("Quý", text)
    text = GLUED_DATE.sub(r"\g<d>/\g<m>/\g<y>", text)
    text = GLUED_YEAR.sub(lambda m: f"{'Quý' if fold(m['unit']) == 'quy' else m['unit']} {m['n']}/{m['y']}", text)
    text = DAY_MONTH_YEAR.sub(r"\g<dm>/\g<y>", text)
    text = MISREAD_QUARTER.sub(_misread_quarter, text).rstrip(" .,;:")  # a cell's stray stop is no part of it
    if fold(text) in STANDING and not text.isascii() and text[1:].islower():
        return text  # a standing phrase as printed, marks and all (`Hàng năm` beside `Hằng năm`)
    if not any(pattern.search(text) for pattern in (DAY, MONTH, QUARTER, HALF, YEAR, FOUR_DIGITS)):
        found = process.extractOne(fold(text), list(STANDING), scorer=fuzz.ratio, score_cutoff=STANDING_MIN)
        if found:
            return STANDING[found[0]]
    return text


def quarters_as_printed(timelines: list[str]) -> list[str]:
    """A document that writes its quarters in Roman numerals (`Quý III/2024`) writes them all so: a lone
    `Quý 1/2024` among them is OCR's reading of `Quý I/2024`. Where no timeline has a Roman quarter, or
    some are printed in digits beyond 1, the timelines stay as they are."""
    roman = any(ROMAN_QUARTER.search(text) for text in timelines)
    digits = {match["q"] for text in timelines for match in DIGIT_QUARTER.finditer(text)}
    if not roman or digits - {"1"}:
        return timelines
    return [DIGIT_QUARTER.sub("Quý I", text) for text in timelines]


@dataclass(frozen=True)
class Timeline:
    due: str
    recurring: bool
    parsed: bool


def _last_day(year: int, month: int) -> str:
    return f"{year:04d}-{month:02d}-{calendar.monthrange(year, month)[1]:02d}"


def _dates(text: str, plan_year: int | None) -> list[tuple[int, str]]:
    """(position in text, ISO date) for every date-like phrase, so the last one named can win."""
    found: list[tuple[int, str]] = []
    taken: list[range] = []

    def add(match: re.Match, iso: str | None) -> None:
        if iso and not any(match.start() in span for span in taken):
            found.append((match.start(), iso))
            taken.append(range(match.start(), match.end()))

    for match in DAY.finditer(text):
        day, month, year = int(match["d"]), int(match["m"]), int(match["y"])
        valid = 1 <= month <= 12 and 1 <= day <= calendar.monthrange(year, month)[1]
        add(match, f"{year:04d}-{month:02d}-{day:02d}" if valid else None)
    for match in HALF.finditer(text):
        year = int(match["y"]) if match["y"] else plan_year
        add(match, (f"{year}-06-30" if match["half"].lower() == "đầu" else f"{year}-12-31") if year else None)
    for match in QUARTER.finditer(text):
        year = int(match["y"]) if match["y"] else plan_year
        quarter = ROMAN.get(match["q"].upper()) or int(match["q"])
        add(match, _last_day(year, quarter * 3) if year else None)
    for match in MONTH.finditer(text):
        year = int(match["y"]) if match["y"] else plan_year
        month = int(match["m"])
        add(match, _last_day(year, month) if year and 1 <= month <= 12 else None)
    for match in YEAR.finditer(text):
        add(match, f"{match['y']}-12-31")
    return sorted(found)


def parse_timeline(text: str, plan_year: int | None = None) -> Timeline:
    recurring = bool(RECURRING.search(text))
    dates = _dates(text, plan_year)
    due = dates[-1][1] if dates else ""
    return Timeline(due=due, recurring=recurring, parsed=recurring or bool(due))
