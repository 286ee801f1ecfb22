"""Task assignments in prose → tasks, with agencies as printed (the task normaliser canonicalises them).

Takes restored pages; gives `Task`s from the ways plans assign work in their text:
  agency headings  in the organisation section (`IV. TỔ CHỨC THỰC HIỆN`), a numbered heading that names an
                   agency (`2. Sở Lao động, Thương binh và Xã hội`) followed by its duties (`- Tổ chức ...`):
                   each duty is a task led by that agency;
  inline           anywhere, a duty followed by `(BHXH huyện chủ trì, phối hợp với Phòng Văn hóa ... và UBND
                   các xã, thị trấn)`: lead before `chủ trì`, partners after `phối hợp với`; also written
                   `(Cơ quan chủ trì: X; cơ quan phối hợp: Y)` or `(Giao X chủ trì, phối hợp với Y)`;
  assignment       a paragraph of a decision or letter `Giao X chủ trì, phối hợp với Y và Z <duty>`.
A duty under an agency heading that opens `Chủ trì, phối hợp với X, Y <duty>` or `Phối hợp với X <duty>` names
its partners without brackets: the agencies are read off the front of the text (`leading_agencies`).
Sections (`I`, `II`, ..., `Điều 2`) and numbered sub-headings (`1.1. Đối với ...`) are carried onto the tasks
as `section` and `group`.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from rapidfuzz import fuzz

from kehoach.extractors.task_matrix import CUE_MIN, in_sequence, roman
from kehoach.normalizers.agencies import leading_agencies, lookup
from kehoach.records import Page, Task
from kehoach.text_folding import fold

SECTION = re.compile(r"^\s*(?P<num>[IVX]+|Điều\s+\d+)\s*[./]\s*(?P<title>\S.*)$")
# A section heading whose numeral OCR misread (`-w.` for `IV.`): a short mark, a stop, a title in capitals.
MISREAD_SECTION = re.compile(r"^\s*(?P<num>\S{1,4}?)\s*[.,:]\s*(?P<title>\w+(?:\W+\w+)+\W*)$")
# `6.` and `6)`, and `6,` as OCR reads a stop, when a capital follows; specks before the number (`_._.1,`).
NUMBERED = re.compile(r"^[\W_]*?(?P<num>\d+(?:\.\d+)*)\s*(?:[.)]|,(?=\s*[^\W\d_]))\s*(?P<text>\S.*)$")
BULLET = re.compile(r"^\s*[-–+•]\s*(?P<text>\S.*)$")
ORGANISATION_CUE = "to chuc thuc hien"  # matched within CUE_MIN, as a matrix's header words are
AGENCY_HEAD = re.compile(
    r"^(Đề nghị\s+)?(Sở|Phòng|Bảo hiểm|BHXH|Ủy ban|Uỷ ban|UBND|Công an|Cục|Chi cục|Trung tâm|Ban|Đài|Báo|"
    r"Hội|Liên đoàn|LĐLĐ|Đoàn|Tỉnh đoàn|Huyện đoàn|Thanh tra|Kho bạc|Ngân hàng|Văn phòng|Các|Thành viên)\b"
)
BRACKET = re.compile(r"\((?P<content>[^()]*chủ trì[^()]*)\)")
# Inside brackets: `Cơ quan chủ trì: X; cơ quan phối hợp: Y` | `[Giao] X chủ trì[,] phối hợp với Y` |
# `X chủ trì, Y phối hợp` | `X chủ trì`.
LABELLED = re.compile(r"^(?:cơ quan|đơn vị)\s+chủ trì\s*:\s*(?P<lead>[^;]+?)\s*"
                      r"(?:;\s*(?:cơ quan|đơn vị)\s+phối hợp\s*:\s*(?P<partners>.+?))?\s*$", re.IGNORECASE)
NAMED = re.compile(r"^(?:Giao\s+)?(?P<lead>\S.{1,120}?)\s+chủ trì\s*(?:,?\s*phối hợp(?:\s+với)?\s+(?P<partners>.+?)"
                   r"|,\s*(?P<partners_before>.+?)\s+phối hợp)?\s*$")
# A paragraph `Giao X chủ trì[,] <rest>` assigns a task; the rest may open with its partners.
ASSIGNMENT = re.compile(r"^Giao\s+(?P<lead>\S.{1,120}?)\s+chủ trì\s*,?\s*(?P<rest>.*)$")
PARTNERING = re.compile(r"^[\W_]*(?:chủ trì[\W_]*)?phối hợp(?:\s+với)?\s+(?P<rest>.*)$", re.IGNORECASE)
HEADING_MAX_WORDS = 14


@dataclass(frozen=True)
class Line:
    text: str
    page: int


@dataclass(frozen=True)
class Block:
    """A heading, bullet or paragraph with its continuation lines joined."""

    kind: str  # section | numbered | bullet | text
    number: str
    text: str
    page: int


def lines_of(pages: list[Page]) -> list[Line]:
    return [Line(text, page.number) for page in pages for text in page.text.splitlines() if text.strip()]


def blocks_of(lines: list[Line]) -> list[Block]:
    """Group lines into blocks. A line continues the block before it unless that block is closed."""
    blocks: list[Block] = []
    for line in lines:
        for kind, pattern in (("section", SECTION), ("numbered", NUMBERED), ("section", MISREAD_SECTION),
                              ("bullet", BULLET)):
            match = pattern.match(line.text)
            if match and pattern is NUMBERED and "," in line.text[:match.start("text")]:
                match = match if match["text"][:1].isupper() else None
            if match and pattern is MISREAD_SECTION:
                match = match if _misread_numeral(match["num"]) and _in_capitals(match["title"]) else None
            if match:
                groups = match.groupdict()
                blocks.append(Block(kind, groups.get("num", ""), (groups.get("title") or groups.get("text")).strip(),
                                    line.page))
                break
        else:
            last = blocks[-1] if blocks else None
            if last and not _closed(last, line.text):
                blocks[-1] = Block(last.kind, last.number, f"{last.text} {line.text.strip()}", last.page)
            else:
                blocks.append(Block("text", "", line.text.strip(), line.page))
    return blocks


def _misread_numeral(mark: str) -> bool:
    """Not a number (`1.` is a numbered heading) and not an abbreviation (`TM.`, `KT.` of a signature)."""
    return not mark.isdigit() and not (len(mark) >= 2 and mark.isalpha() and mark.isupper() and not roman(mark))


def _in_capitals(text: str) -> bool:
    letters = [ch for ch in text if ch.isalpha()]
    return len(letters) >= 6 and all(ch.isupper() for ch in letters)


def is_organisation_section(title: str) -> bool:
    """`TỔ CHỨC THỰC HIỆN`, also as OCR damages it (`TO CHỨC THỤC HIỆN`)."""
    folded = fold(title)
    return ORGANISATION_CUE in folded or fuzz.partial_ratio(ORGANISATION_CUE, folded) >= CUE_MIN


def _closed(block: Block, following: str) -> bool:
    """A section heading, an agency heading, or a duty or numbered paragraph that ends its sentence (`;`, `.`)
    where the `following` line opens a new one: that line, no heading or dash, is new text, not more of the
    block (`Trong quá trình thực hiện, ...` after the last duty, `Yêu cầu các cơ quan ...` after a letter's last
    numbered point). A line in lower case goes on with the block whatever stop OCR put before it."""
    ended = block.text.rstrip().endswith((";", ".")) and not following.lstrip(" _-.,'\"")[:1].islower()
    return (block.kind == "section" or (block.kind == "numbered" and is_agency_heading(block.text))
            or (block.kind in ("bullet", "numbered") and ended))


def is_agency_heading(text: str) -> bool:
    if text.count("(") > text.count(")"):
        return False  # a heading still open over the next line
    name = re.sub(r"\([^()]*\)", "", text)
    known = AGENCY_HEAD.match(name) or lookup(agency_of_heading(name))  # `SởYtế`: words run together
    return len(name.split()) <= HEADING_MAX_WORDS and bool(known) and not name.rstrip().endswith((";", ","))


def agency_of_heading(text: str) -> str:
    """`Đề nghị Ủy ban MTTQVN huyện` → `Ủy ban MTTQVN huyện`; a parenthesised role is dropped."""
    return re.sub(r"\([^()]*\)", "", re.sub(r"^Đề nghị\s+", "", text)).strip(" :.|-_")


def _task(section: str, title: str, group: str, item: str, text: str, lead: str, partners: list[str],
          page: int) -> Task:
    return Task(section=section, section_title=title, group=group, item=item, task=text, lead_agency=lead,
                lead_agency_raw=lead, partner_agencies=partners, timeline="", due="",
                recurring=False, page=page, confidence=0.8)


def _section_number(read: str, current: str) -> str:
    """`Điều 2` and a readable numeral as read; a numeral OCR misread (`-w`) is the one after `current`."""
    if read.startswith("Điều") or re.fullmatch(r"[IVX]+", read):
        return read
    return in_sequence(roman(read), current)


def bracketed(content: str) -> tuple[str, list[str]] | None:
    """(lead, partners as printed) of a bracket that names who leads a duty. Partners named before `phối hợp`
    may carry their own verb (`các phòng, ban liên quan triển khai và phối hợp`): only the agencies count."""
    match = LABELLED.match(content.strip()) or NAMED.match(content.strip())
    if not match:
        return None
    before = match.groupdict().get("partners_before")
    partners = (leading_agencies(before)[0] or [before]) if before else [match["partners"] or ""]
    return match["lead"].strip(), [part.strip(" .;,") for part in partners if part.strip(" .;,")]


def partners_and_duty(text: str) -> tuple[list[str], str] | None:
    """`[Chủ trì,] phối hợp với X, Y và Z <duty>` → ([X, Y, Z], duty); None when the text names no partners."""
    match = PARTNERING.match(text)
    return leading_agencies(match["rest"]) if match else None


def assignment(text: str) -> tuple[str, list[str]] | None:
    """(lead, partners) of a paragraph `Giao X chủ trì[, phối hợp với Y] <duty>` or `Giao X <duty>`; None for
    `Giao chỉ tiêu ... cho ...`, which hands out targets, not a task (no agency follows `Giao`)."""
    match = ASSIGNMENT.match(text)
    if match:
        partners, _ = partners_and_duty(match["rest"]) or ([], "")
        return match["lead"].strip(), partners
    leads, _ = leading_agencies(text[len("Giao "):]) if text.startswith("Giao ") else ([], "")
    return (leads[0], []) if len(leads) == 1 else None


def extract_prose_tasks(pages: list[Page]) -> list[Task]:
    tasks: list[Task] = []
    section = title = group = agency = ""
    dashed = False  # the current agency's duties are written as dashes
    organising = False
    for block in blocks_of(lines_of(pages)):
        if block.kind == "section":
            section, title, group, agency = _section_number(block.number, section), block.text, "", ""
            organising = is_organisation_section(block.text)
            continue
        bracket = BRACKET.search(block.text)
        inline = bracketed(bracket["content"]) if bracket else None
        assigned = assignment(block.text)
        if block.kind == "numbered":
            agency = agency_of_heading(block.text) if organising and is_agency_heading(block.text) else ""
            dashed = False
            if not agency and not inline and not assigned:
                group = f"{block.number}. {block.text}"
                continue
        if assigned:
            tasks.append(_task(section, title, group, block.number, block.text.strip(" ;"), *assigned, block.page))
        elif inline:
            duty = block.text[: bracket.start()].strip(" ;,.")
            tasks.append(_task(section, title, group, block.number, duty, *inline, block.page))
        elif agency and block.kind == "text" and dashed:
            agency = ""  # plain text after an agency's dashed duties closes the list (`Trong quá trình ...`)
        elif agency and block.kind in ("bullet", "text"):
            partners, _ = partners_and_duty(block.text) or ([], "")
            tasks.append(_task(section, title, group, "", block.text.strip(" ;."), agency, partners, block.page))
            dashed = dashed or block.kind == "bullet"
    return tasks
