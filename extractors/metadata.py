"""Header metadata: document type, number, issuer, place and date, title and period.

Takes the first pages of a document (restored text with word boxes); gives a `DocumentMeta` and the issues
found reading it. The header is read by position (extractors/header_layout.py): the number from the left
column's `Số: …` line, the date from the right column's `…, ngày … tháng … năm …`, the type from the title line
(or, for a công văn, its `V/v …` subject and a number whose code names no type). A field that cannot be read (a
number never written into the header's blank, a handwritten day OCR made into `0ÿ`) stays empty with an issue
naming what was legible: it is never guessed.
"""
from __future__ import annotations

import re

from kehoach.extractors.header_layout import HeaderBlock, read_header
from kehoach.normalizers.issuers import issuing_body
from kehoach.records import DocumentMeta, Issue, Page, Word
from kehoach.vocab.gazetteer import structure_for

# The type part of a number's code (`127/KH-UBND`), for documents whose title line is unreadable.
CODE_TYPES = {"KH": "Kế hoạch", "QĐ": "Quyết định", "CT": "Chỉ thị", "NQ": "Nghị quyết", "TB": "Thông báo",
              "BC": "Báo cáo", "HD": "Hướng dẫn", "CTr": "Chương trình", "TTr": "Tờ trình", "TT": "Thông tư",
              "NĐ": "Nghị định", "CĐ": "Công điện", "GM": "Giấy mời", "PA": "Phương án", "ĐA": "Đề án"}
# `Số:` as printed and as OCR leaves it (`Só:`, `§ố`, `S6:`): up to four signs and letters, then a colon or space.
NUMBER_PREFIX = re.compile(r"^\W{0,3}[SsŞ§$][^\s\d/:;]{0,2}\s*[:;.,]?\s*")
CODE = re.compile(r"(?P<code>[A-ZĐÐ][A-Za-zĐđÐ]*(?:[\s-]*-[\s-]*[A-Za-z0-9ĐđÐ&]+)+|[A-ZĐÐ]{2,}[A-Za-z0-9ĐđÐ]*)")
# `ngày 29 tháng 5 năm 2023` through OCR noise (`thứng`, `ngày06`); a day or month that is not digits is kept
# as read, so the issue can say what stood there.
DATE = re.compile(r"ngày\s*(?P<day>\S{0,3}?)\s*th\w{1,2}ng\s*(?P<month>\S{0,3}?)\s*n\w{1,2}m\s*(?P<year>\d{4})",
                  re.IGNORECASE)
HANDWRITTEN_SURE = 0.8  # OCR confidence a number written apart from its code must reach to be used
PERIOD_RANGE = re.compile(r"(?:giai đoạn|từ năm|năm)?\s*(?P<start>(?:19|20)\d{2})\s*[-–]\s*(?P<end>(?:19|20)\d{2})")
PERIOD_YEAR = re.compile(r"\bnăm\s+(?P<year>(?:19|20)\d{2})\b", re.IGNORECASE)


def repair_code(code: str) -> str:
    """A number's code as printed: spaces out, the Icelandic `Ð` OCR reads for `Đ` made `Đ`, and a type part
    that names a known type once its doubled letter is dropped (`QĐĐ-UBND` → `QĐ-UBND`)."""
    code = re.sub(r"-{2,}", "-", re.sub(r"\s+", "", code).replace("Ð", "Đ"))
    head, _, rest = code.partition("-")
    if head not in CODE_TYPES:
        fixed = next((head[:i] + head[i + 1:] for i in range(1, len(head)) if head[i] == head[i - 1]
                      and head[:i] + head[i + 1:] in CODE_TYPES), head)
        head = fixed
    return f"{head}-{rest}" if rest else head


def find_plan_number(text: str) -> tuple[str, str, str]:
    """(number as printed and repaired, e.g. `1204/KH-BCĐ`; the code alone; what stands where the number should
    be when it is not a number, e.g. a handwritten `O{_` OCR could not read) from the `Số: …` line."""
    rest = NUMBER_PREFIX.sub("", text.strip(), count=1)
    slash = rest.find("/")
    if slash >= 0:
        number, code_text = rest[:slash].strip(), rest[slash + 1:]
    else:  # the slash lost in a scan: `53KH-UBND`
        glued = re.match(r"(?P<num>\d+)\s*(?=[A-ZĐ])", rest)
        number, code_text = (glued["num"], rest[glued.end():]) if glued else ("", rest)
    code_match = CODE.search(code_text)
    code = repair_code(code_match["code"]) if code_match else ""
    number = number.replace(" ", "")
    if number.isdigit() and code:
        return f"{number}/{code}", code, ""
    return "", code, number


def _unsure_number(words: tuple[Word, ...], plan_number: str) -> Word | None:
    """The number's own word when it stands apart from its code (written into the blank, by hand or stamp) and
    OCR read it with less than `HANDWRITTEN_SURE` confidence: handwriting OCR misreads with no sign of it (`899`
    for `299`), so such a read is reported, not used. A number typed with its code (`50/KH-UBND`) is one word."""
    number = plan_number.split("/")[0]
    alone = next((word for word in words if word.text == number), None)
    return alone if alone is not None and alone.confidence < HANDWRITTEN_SURE else None


def find_issue_date(text: str) -> tuple[str, str, str]:
    """(ISO date or "", the place printed before `ngày`, what was read where a day or month should be when it
    is not one) from the date line."""
    match = DATE.search(re.sub(r"(?<=\b\d) (?=\d\b)", "", text))  # `ngày 2 4`: a stamped day's spaced digits
    if not match:
        return "", "", ""
    place = text[:match.start()].strip().rstrip(",").strip()
    day, month, year = match["day"], match["month"], int(match["year"])
    if not (day.isdigit() and month.isdigit() and 1 <= int(day) <= 31 and 1 <= int(month) <= 12):
        return "", place, f"ngày {day or '…'} tháng {month or '…'} năm {year}"
    return f"{year:04d}-{int(month):02d}-{int(day):02d}", place, ""


def _type_and_title(header: HeaderBlock, code: str) -> tuple[str, str]:
    """A công văn prints its subject under the number and no type title; other documents the reverse."""
    if header.subject_lines:
        return "Công văn", _sentence(" ".join(header.subject_lines))
    title = _sentence(" ".join(header.title_lines))
    if header.doc_type:
        return header.doc_type, title
    type_code = code.split("-")[0] if "-" in code else ""
    return CODE_TYPES.get(type_code, "Công văn" if code else ""), title


def _sentence(text: str) -> str:
    """A subject as a sentence: stray marks before it dropped, its first letter a capital."""
    text = re.sub(r"^[^\w(]+", "", " ".join(text.split()))
    return text[:1].upper() + text[1:]


def find_period(title: str) -> tuple[str, str]:
    match = PERIOD_RANGE.search(title)
    if match:
        return match.group("start"), match.group("end")
    match = PERIOD_YEAR.search(title)
    return (match.group("year"), match.group("year")) if match else ("", "")


def extract_metadata(pages: list[Page]) -> tuple[DocumentMeta, str, list[Issue]]:
    """Metadata from the first readable page; also gives the place name printed beside the date, which the
    area resolver uses with the issuer to find the document's province and district."""
    issues: list[Issue] = []
    first = next((page for page in pages if page.text.strip()), None)
    if first is None:
        return DocumentMeta(), "", [Issue("error", "no_text", "No page of the document gave any text.", None)]
    header = read_header(first)
    number_text = " ".join(word.text for word in header.number_words)
    plan_number, code, unread_number = find_plan_number(number_text) if number_text else ("", "", "")
    unsure = _unsure_number(header.number_words, plan_number)
    if unsure:
        plan_number = ""
        found = (f"the number written into `Số: …/{code}` reads `{unsure.text}` with confidence "
                 f"{unsure.confidence:.2f}, too low to use; read it on the page")
    elif code:
        found = f"the header shows `Số: {unread_number or '…'}/{code}`" + (
            " (the number is not legible)" if unread_number else "")
    else:
        found = "no `Số: …/…` line was found"
    if not plan_number:
        issues.append(Issue("warning", "plan_number_unreadable", f"Document number left empty: {found}.", first.number))
    issue_date, place, unread_date = find_issue_date(header.date_text)
    if not issue_date:
        detail = f"the date line reads `{unread_date}`" if unread_date else "no date line found"
        issues.append(Issue("warning", "issue_date_unreadable", f"Issue date left empty: {detail}.", first.number))
    doc_type, title = _type_and_title(header, code)
    if not doc_type:
        issues.append(Issue("warning", "doc_type_unknown", "Document type not recognised.", first.number))
    issuer, parent = issuing_body(header.issuer_lines, structure_for(issue_date))
    period_start, period_end = find_period(title)
    meta = DocumentMeta(
        doc_type=doc_type,
        plan_number=plan_number,
        issuer=issuer,
        issuer_parent=parent,
        issue_date=issue_date,
        title=title,
        period_start=period_start,
        period_end=period_end,
    )
    return meta, place, issues
