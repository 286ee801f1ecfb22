"""Task assignments in prose → tasks, with agencies as printed (the task normaliser canonicalises them).

Takes restored pages; gives `Task`s from the two ways plans assign work in their text:
  agency headings  in the organisation section (`IV. TỔ CHỨC THỰC HIỆN`), a numbered heading that names an
                   agency (`2. Sở Lao động, Thương binh và Xã hội`) followed by its duties (`- Tổ chức ...`):
                   each duty is a task led by that agency;
  inline           anywhere, a duty followed by `(BHXH huyện chủ trì, phối hợp với Phòng Văn hóa ... và UBND
                   các xã, thị trấn)`: lead before `chủ trì`, partners after `phối hợp với`.
Sections (`I`, `II`, ...) and numbered sub-headings (`1.1. Đối với ...`) are carried onto the tasks as
`section` and `group`.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from kehoach.records import Page, Task

SECTION = re.compile(r"^\s*(?P<num>[IVX]+)\s*[./]\s*(?P<title>\S.*)$")
NUMBERED = re.compile(r"^\s*(?P<num>\d+(?:\.\d+)*)\s*[.)]\s*(?P<text>\S.*)$")
BULLET = re.compile(r"^\s*[-–+•]\s*(?P<text>\S.*)$")
ORGANISATION_SECTION = re.compile(r"TỔ CHỨC THỰC HIỆN", re.IGNORECASE)
AGENCY_HEAD = re.compile(
    r"^(Đề nghị\s+)?(Sở|Phòng|Bảo hiểm|BHXH|Ủy ban|Uỷ ban|UBND|Công an|Cục|Chi cục|Trung tâm|Ban|Đài|Báo|"
    r"Hội|Liên đoàn|LĐLĐ|Đoàn|Tỉnh đoàn|Huyện đoàn|Thanh tra|Kho bạc|Ngân hàng|Văn phòng|Các|Thành viên)\b"
)
INLINE = re.compile(  # (X chủ trì[,] phối hợp với Y) | (X chủ trì, Y phối hợp) | (X chủ trì)
    r"\((?P<lead>[^()]{3,120}?)\s+chủ trì\s*,?\s*(?:phối hợp(?:\s+với)?\s+(?P<partners>[^()]{3,400}?)"
    r"|(?P<partners_before>[^()]{3,400}?)\s+phối hợp)?\s*\)"
)
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
        for kind, pattern in (("section", SECTION), ("numbered", NUMBERED), ("bullet", BULLET)):
            match = pattern.match(line.text)
            if match:
                groups = match.groupdict()
                blocks.append(Block(kind, groups.get("num", ""), (groups.get("title") or groups.get("text")).strip(),
                                    line.page))
                break
        else:
            last = blocks[-1] if blocks else None
            if last and not _closed(last):
                blocks[-1] = Block(last.kind, last.number, f"{last.text} {line.text.strip()}", last.page)
            else:
                blocks.append(Block("text", "", line.text.strip(), line.page))
    return blocks


def _closed(block: Block) -> bool:
    """A section heading, an agency heading, or a duty that ends its sentence (`;`, `.`): the next line that
    is no heading or dash is new text, not more of it (`Trong quá trình thực hiện, ...` after the last duty)."""
    return (block.kind == "section" or (block.kind == "numbered" and is_agency_heading(block.text))
            or (block.kind == "bullet" and block.text.rstrip().endswith((";", "."))))


def is_agency_heading(text: str) -> bool:
    if text.count("(") > text.count(")"):
        return False  # a heading still open over the next line
    name = re.sub(r"\([^()]*\)", "", text)
    return (len(name.split()) <= HEADING_MAX_WORDS and bool(AGENCY_HEAD.match(name))
            and not name.rstrip().endswith((";", ",")))


def agency_of_heading(text: str) -> str:
    """`Đề nghị Ủy ban MTTQVN huyện` → `Ủy ban MTTQVN huyện`; a parenthesised role is dropped."""
    return re.sub(r"\([^()]*\)", "", re.sub(r"^Đề nghị\s+", "", text)).strip().rstrip(":.")


def _task(section: str, title: str, group: str, item: str, text: str, lead: str, partners: str, page: int) -> Task:
    return Task(section=section, section_title=title, group=group, item=item, task=text, lead_agency=lead,
                lead_agency_raw=lead, partner_agencies=[partners] if partners else [], timeline="", due="",
                recurring=False, page=page, confidence=0.8)


def extract_prose_tasks(pages: list[Page]) -> list[Task]:
    tasks: list[Task] = []
    section = title = group = agency = ""
    dashed = False  # the current agency's duties are written as dashes
    organising = False
    for block in blocks_of(lines_of(pages)):
        if block.kind == "section":
            section, title, group, agency = block.number, block.text, "", ""
            organising = bool(ORGANISATION_SECTION.search(block.text))
            continue
        inline = INLINE.search(block.text)
        if block.kind == "numbered":
            agency = agency_of_heading(block.text) if organising and is_agency_heading(block.text) else ""
            dashed = False
            if not agency and not inline:
                group = f"{block.number}. {block.text}"
                continue
        if inline:
            duty = block.text[: inline.start()].strip(" ;,.")
            partners = inline["partners"] or inline["partners_before"] or ""
            tasks.append(_task(section, title, group, block.number, duty, inline["lead"].strip(),
                               partners.strip(" .;,"), block.page))
        elif agency and block.kind == "text" and dashed:
            agency = ""  # plain text after an agency's dashed duties closes the list (`Trong quá trình ...`)
        elif agency and block.kind in ("bullet", "text"):
            tasks.append(_task(section, title, group, "", block.text.strip(" ;."), agency, "", block.page))
            dashed = dashed or block.kind == "bullet"
    return tasks
