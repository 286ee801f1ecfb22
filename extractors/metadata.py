"""Header metadata: document type, number, issuer, place and date, title and period.

Takes the first pages of a document (restored text with word boxes); gives a `DocumentMeta` and the issues
found reading it. A field that cannot be read (a number never written into the header's blank, a date left
as `ngày   tháng`) stays empty with an issue: it is never guessed.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from kehoach.extractors.reading_order import assign_lines, compose_text
from kehoach.records import DocumentMeta, Issue, Page, Word

# Title words that open the body of a document, in the order they are tried.
DOC_TYPES = {
    "KẾ HOẠCH": "Kế hoạch",
    "QUYẾT ĐỊNH": "Quyết định",
    "CHỈ THỊ": "Chỉ thị",
    "NGHỊ QUYẾT": "Nghị quyết",
    "THÔNG BÁO": "Thông báo",
    "BÁO CÁO": "Báo cáo",
    "HƯỚNG DẪN": "Hướng dẫn",
    "CHƯƠNG TRÌNH": "Chương trình",
    "TỜ TRÌNH": "Tờ trình",
    "CÔNG VĂN": "Công văn",
}
# The type part of a number's code (`127/KH-UBND`), for documents whose title line is unreadable.
CODE_TYPES = {"KH": "Kế hoạch", "QĐ": "Quyết định", "CT": "Chỉ thị", "NQ": "Nghị quyết", "TB": "Thông báo",
              "BC": "Báo cáo", "HD": "Hướng dẫn", "CTr": "Chương trình", "TTr": "Tờ trình"}
MOTTO_WORDS = {"CỘNG", "HÒA", "HOÀ", "XÃ", "HỘI", "CHỦ", "NGHĨA", "VIỆT", "NAM", "Độc", "lập", "Tự", "do",
               "Hạnh", "phúc", "-", "–"}

NUMBER = re.compile(r"\bSố\s*[:;.]?\s*(?P<num>\d+)?\s*/\s*(?P<code>[0-9A-Za-zĐđ&]+(?:\s*-\s*[0-9A-Za-zĐđ&]+)*)")
DATE = re.compile(
    r"(?P<place>[^\n,]{2,40}),\s*ngày\s+(?P<day>\d{1,2})?\s*tháng\s+(?P<month>\d{1,2})?\s*năm\s+(?P<year>\d{4})",
    re.IGNORECASE,
)
PERIOD_RANGE = re.compile(r"(?:giai đoạn|từ năm|năm)?\s*(?P<start>(?:19|20)\d{2})\s*[-–]\s*(?P<end>(?:19|20)\d{2})")
PERIOD_YEAR = re.compile(r"\bnăm\s+(?P<year>(?:19|20)\d{2})\b", re.IGNORECASE)
TITLE_STOP = re.compile(r"^(Căn cứ|Kính gửi|I\.|1\.|Điều 1|Để )", re.IGNORECASE)
# How the body's first paragraph opens. A title may open the same way (`Thực hiện chính sách ...`), but a
# title's second line continues its sentence in lower case, so this ends the title only after its first line.
BODY_OPENING = re.compile(r"^(Thực hiện|Triển khai|Nhằm|Trên cơ sở|Theo|Tiếp theo) ")


@dataclass(frozen=True)
class HeaderParts:
    """The header block split by position: issuer lines (left), and the body lines from the top."""

    issuer_lines: list[str]
    lines: list[str]


def _header_limit(page: Page) -> float:
    """The header block ends at the number line (`Số: ...`) or at the document-type title, whichever comes
    first; with neither, there is no header to read."""
    tops = [word.bbox.top for word in page.words if word.text.startswith("Số")]
    lines: dict[int, list[Word]] = {}
    for word in page.words:
        lines.setdefault(word.line, []).append(word)
    for words in lines.values():
        text = " ".join(word.text for word in words).strip().upper()
        if any(text == title or text.startswith(title + " ") for title in DOC_TYPES):
            tops.append(min(word.bbox.top for word in words))
    return min(tops, default=0.0)


def split_header(page: Page) -> HeaderParts:
    """Issuer lines are the words in the left half of the page above the header's end; reading them by
    position keeps them apart from the national motto printed beside them."""
    limit = _header_limit(page)
    left: list[Word] = [
        word
        for word in page.words
        if word.bbox.bottom <= limit + 2 and (word.bbox.x0 + word.bbox.x1) / 2 < page.width * 0.5
        and word.text not in MOTTO_WORDS
    ]
    issuer_lines = [line for line in compose_text(assign_lines(left)).splitlines() if line.strip()]
    return HeaderParts(issuer_lines=issuer_lines, lines=page.text.splitlines())


def find_plan_number(text: str) -> tuple[str, str]:
    """(number as printed and repaired, e.g. `1204/KH-BCĐ`; the code part alone)."""
    match = NUMBER.search(text)
    if not match:
        return "", ""
    code = re.sub(r"\s+", "", match.group("code"))
    return (f"{match.group('num')}/{code}" if match.group("num") else ""), code


def _trailing_name(text: str) -> str:
    """The capitalised words that end `text`: `Số: 127 /KH-UBND Vĩnh Linh` → `Vĩnh Linh`."""
    name: list[str] = []
    for token in reversed(text.split()):
        if not (token[0].isupper() and token.replace("'", "").isalpha()):
            break
        name.insert(0, token)
    return " ".join(name)


def find_issue_date(text: str) -> tuple[str, str, bool]:
    """(ISO date or "", place, whether a date line was present at all)."""
    match = DATE.search(text)
    if not match:
        return "", "", False
    place = _trailing_name(match.group("place"))
    if not (match.group("day") and match.group("month")):
        return "", place, True
    day, month, year = int(match.group("day")), int(match.group("month")), int(match.group("year"))
    if not (1 <= day <= 31 and 1 <= month <= 12):
        return "", place, True
    return f"{year:04d}-{month:02d}-{day:02d}", place, True


def find_type_and_title(lines: list[str], code: str) -> tuple[str, str]:
    for index, line in enumerate(lines):
        head = line.strip().upper()
        for word, doc_type in DOC_TYPES.items():
            if head == word or head.startswith(word + " "):
                rest = line.strip()[len(word):].strip()
                title_lines = [rest] if rest else []
                for following in lines[index + 1:]:
                    if not following.strip() or TITLE_STOP.match(following.strip()):
                        break
                    if title_lines and BODY_OPENING.match(following.strip()):
                        break
                    title_lines.append(following.strip())
                    if len(title_lines) >= 4:
                        break
                return doc_type, " ".join(title_lines)
    type_code = code.split("-")[0] if "-" in code else ""
    if type_code in CODE_TYPES:
        return CODE_TYPES[type_code], ""
    subject = next((line.strip() for line in lines if line.strip().lower().startswith("v/v")), "")
    return ("Công văn", subject) if code else ("", subject)


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
    header = split_header(first)
    head_text = "\n".join(header.lines[:40])
    plan_number, code = find_plan_number(head_text)
    if not plan_number:
        found = f"the header shows only `/{code}`" if code else "no `Số: …/…` line was found"
        issues.append(Issue("warning", "plan_number_unreadable",
                            f"Document number left empty: {found}.", first.number))
    issue_date, place, has_date_line = find_issue_date(head_text)
    if not issue_date:
        detail = "the date line's day or month is blank or unreadable" if has_date_line else "no date line found"
        issues.append(Issue("warning", "issue_date_unreadable", f"Issue date left empty: {detail}.", first.number))
    doc_type, title = find_type_and_title(header.lines[:60], code)
    if not doc_type:
        issues.append(Issue("warning", "doc_type_unknown", "Document type not recognised.", first.number))
    period_start, period_end = find_period(title)
    meta = DocumentMeta(
        doc_type=doc_type,
        plan_number=plan_number,
        issuer=" - ".join(header.issuer_lines),
        issue_date=issue_date,
        title=title,
        period_start=period_start,
        period_end=period_end,
    )
    return meta, place, issues
