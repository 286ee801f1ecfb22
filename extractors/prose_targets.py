"""Targets stated in prose: "Tỷ lệ tham gia BHXH đạt khoảng 24,88% lực lượng lao động ...".

Takes restored pages and the document's period; gives `Target`s with `source="narrative"` and no area yet
(the caller gives them the document's own area). Reads paragraphs through the spaCy entity pipeline
(`language.py`): a PERCENT is a target when a rate word (`tỷ lệ`, `bao phủ`, `đạt`, `chiếm`) stands shortly
before it and an INDICATOR was named earlier in the same paragraph; the year is the paragraph's `Năm 2024:`
or a `năm 2024` in the same sentence, else the plan's single year; a COUNT (`12.038 người`) between the
indicator and the rate is its head count. A coverage target names its base (`lực lượng lao động`, `dân số`)
beside the number, or is part (`trong đó`) of the target before it and shares its base; a percentage of some group (`100% học sinh`) or of a debt or cost (`nợ`, `chi phí`) is
not one. Where a plan states the same target twice (`phấn đấu đạt ... 100%`), the first statement counts.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc, Span

from kehoach.extractors.language import load_nlp
from kehoach.normalizers.numbers import decimals_of, parse_count, parse_number
from kehoach.records import Page, Target

RATE_WORDS = {"tỷ", "tỉ", "bao", "đạt", "chiếm"}
NOT_TARGET_WORDS = {"nợ", "chậm", "giảm", "chi", "phí", "tăng", "thu"}
RATE_WINDOW = 14  # tokens between a rate word and its number
NEW_PARAGRAPH = re.compile(r"^\s*([-+•*–]|\d+(\.\d+)*[.)]\s|[IVX]+[./]\s|[a-zđ]\)\s|Năm\s+\d{4})")
YEAR_HEADING = re.compile(r"^\s*[-+•*–]?\s*Năm\s+(\d{4})\s*:")
HEADING = re.compile(r"^\s*(\d+(\.\d+)*[.)]\s|[IVX]+[./]\s)")
BASE_DISTANCE = 6  # tokens between a number and the base it is measured against
# A speck OCR read as a sign standing alone between words (`lực lượng lao _ động`, `lực ¬ lao động`): it would
# split the phrase it stands in. Dashes, brackets and punctuation that mean something are kept.
SPECK = re.compile(r"(?<!\S)(?:[^\w\s%()\-–,.;:/]|_){1,2}(?!\S)")
TABLE_ROW = re.compile(r"(?:\d[\d.,]*%?\s+){2,}\d[\d.,]*%?\s*$")  # 3+ numbers ending a line: a table row


@dataclass(frozen=True)
class Paragraph:
    text: str
    page: int
    year: int | None = None  # the `Năm 2024:` heading the paragraph stands under, if any


def paragraphs(pages: list[Page]) -> list[Paragraph]:
    """Join printed lines back into paragraphs: a line opens a paragraph when it starts with a bullet, a
    heading number or `Năm 2024`; otherwise it continues the one before. A `Năm
    2024:` paragraph sets the year for those after it, until the next heading."""
    found: list[Paragraph] = []
    year: int | None = None
    for page in pages:
        current: list[str] = []

        def close() -> None:
            nonlocal year
            if not current:
                return
            text = " ".join(SPECK.sub(" ", " ".join(current)).split())
            opening = YEAR_HEADING.match(text)
            if opening:
                year = int(opening.group(1))
            elif HEADING.match(text):
                year = None
            found.append(Paragraph(text, page.number, year))
            current.clear()

        for line in page.text.splitlines():
            if TABLE_ROW.search(line):
                continue  # left to the table reader
            if NEW_PARAGRAPH.match(line):
                close()
            if line.strip():
                current.append(line.strip())
        close()
    return found


def _year_of(span: Span) -> int:
    return int(span[-1].text)


def _sentence_year(doc: Doc, percent: Span) -> int | None:
    """The year named in the percent's sentence before it; else the one year the paragraph named before it
    (`a) Đến hết năm 2023: tỷ lệ BHXH đạt 24,7%; tỷ lệ bao phủ BHYT đạt 94,5%` sets 2023 for both)."""
    sentence_start = max((t.i for t in doc[: percent.start] if t.text in {".", ";"}), default=0)
    years = [e for e in doc.ents if e.label_ == "YEAR" and e.start < percent.start]
    in_sentence = [e for e in years if sentence_start <= e.start]
    if in_sentence:
        return _year_of(in_sentence[-1])
    earlier = {_year_of(e) for e in years}
    return earlier.pop() if len(earlier) == 1 else None


def _has_rate_word(doc: Doc, percent: Span, since: int) -> bool:
    window = doc[max(since, percent.start - RATE_WINDOW): percent.start]
    words = {token.lower_ for token in window}
    return bool(words & RATE_WORDS) and not words & NOT_TARGET_WORDS


def _base_of(doc: Doc, percent: Span, since: int) -> str:
    """The base named between the rate's start and the number, or right after the number."""
    bases = [e for e in doc.ents if e.label_ == "BASE"
             and (since <= e.start < percent.start or percent.end <= e.start <= percent.end + BASE_DISTANCE)]
    return bases[0].ent_id_ if bases else ""


def _printed_number(doc: Doc, percent: Span) -> str:
    """The percent's number as printed, with the whole part OCR or a line end split from it by a space after the
    decimal comma (`94, 15%` is 94,15, not 15): digits glued to a comma just before the number."""
    start = percent.start
    if (start >= 2 and doc[start - 1].text == "," and doc[start - 2].text.isdigit() and len(doc[start - 2].text) <= 3
            and not doc[start - 2].whitespace_ and doc[start].text.isdigit()):
        return f"{doc[start - 2].text},{doc[start].text}"
    return percent[0].text


def _is_share_of_last(doc: Doc, since: int, percent: Span) -> bool:
    """The percent is stated as part of the target just before it (`..., trong đó tỷ lệ tham gia BHXH tự nguyện
    đạt 6,8%`): it is measured against that target's base, which it does not repeat."""
    return "trong đó" in doc[since: percent.start].text.lower()


def targets_in(paragraph: Paragraph, doc: Doc, default_year: int | None) -> list[Target]:
    targets: list[Target] = []
    indicator: Span | None = None
    count: Span | None = None
    last_percent_end = 0
    for ent in doc.ents:
        if ent.label_ == "INDICATOR":
            indicator, count = ent, None
        elif ent.label_ == "COUNT" and indicator is not None:
            count = ent
        elif ent.label_ == "PERCENT" and indicator is not None:
            base = _base_of(doc, ent, max(indicator.start, last_percent_end)) or (
                targets[-1].base if targets and _is_share_of_last(doc, last_percent_end, ent) else "")
            rated = _has_rate_word(doc, ent, last_percent_end)
            last_percent_end = ent.end
            if not base or not rated:
                continue
            year = _sentence_year(doc, ent) or paragraph.year
            number = _printed_number(doc, ent)
            targets.append(Target(
                area_name="", area_name_raw="", area_level="", area_code="", province="",
                indicator=indicator.ent_id_, indicator_label=indicator.text, year=year or default_year,
                year_from="text" if year else "document" if default_year else "",
                value=parse_number(number), decimals=decimals_of(number), unit="percent",
                participants=parse_count(count[0].text) if count is not None else None,
                base=base, source="narrative", page=paragraph.page, confidence=0.9,
            ))
    return targets


def extract_prose_targets(pages: list[Page], default_year: int | None, signed_year: int | None = None) -> list[Target]:
    """Every target stated in the prose, the first statement of each (indicator, year) only. A figure for a year
    over before the plan was signed (`signed_year`) reports a result (`Năm 2023, toàn huyện có 12.274 người
    tham gia BHXH, đạt 19,1%`), which no plan sets as a target."""
    found: dict[tuple[str, int | None], Target] = {}
    # A target is a PERCENT entity, a number before `%`: a paragraph with no `%` states none, and is not parsed
    # (the entity pipeline on every paragraph was a fifth of a scanned page's time, benchmarks/throughput.py).
    rated = [paragraph for paragraph in paragraphs(pages) if "%" in paragraph.text]
    for paragraph, doc in zip(rated, load_nlp().pipe(paragraph.text for paragraph in rated)):
        for target in targets_in(paragraph, doc, default_year):
            if not (signed_year and target.year and target.year < signed_year):
                found.setdefault((target.indicator, target.year), target)
    return list(found.values())
