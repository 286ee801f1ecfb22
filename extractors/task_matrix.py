"""Task matrices (Phụ lục: STT | Nội dung | Đơn vị chủ trì | Đơn vị phối hợp | Thời gian thực hiện) → tasks.

Takes a `Table` (already merged over pages, cells with spans); gives `Task`s with the agencies and timeline
as printed (the task normaliser canonicalises them). Reads the header to find which column is which, then
walks the rows:
  section row  `I` / `II` ... with a title and no agencies (often one cell spanning the width)
  group row    `a) Đối với ...`, `* Đối với nhóm ...`: a sub-heading with no agencies
  task row     an STT number, a content cell, agencies and a timeline
  continuation a row with no STT below a task (a row cut by a page break): its cells extend the task's
A table whose header is not a task matrix gives no tasks.

Headings and items are numbered in sequence, which lets a number OCR could not read be derived rather than
guessed: a heading row (no agencies, an upper-case title) is the section after the one before it when its
numeral is unreadable or out of sequence (`II` read for `III`); a task whose STT is unreadable (`s;`, `®`)
or out of sequence takes the number the readable STTs around it imply (see `number_items`), and keeps what
was read when they imply none.
"""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field, replace

from rapidfuzz import fuzz

from kehoach.normalizers.agencies import opens_agency
from kehoach.normalizers.timelines import parse_timeline, repair_timeline
from kehoach.records import Cell, Table, Task
from kehoach.text_folding import fold

ROLES = {
    "item": ("stt", "tt"),
    "task": ("noi dung", "nhiem vu", "ten nhiem vu", "cong viec", "giai phap"),
    "lead": ("chu tri",),
    "partner": ("phoi hop",),
    "timeline": ("thoi gian", "thoi han", "tien do"),
}
CUE_MIN = 88  # similarity (0–100) of a header cue to a stretch of the folded header: an edit in `chu tri`
HEADER_WORDS = 8  # the most words a header label holds (`Nội dung nhiệm vụ, giải pháp`)
HEADER_ROWS = 3  # a header is at most three rows deep (`Phân công thực hiện` over `Chủ trì | Phối hợp`)
CONTENT_SHARE = 0.6  # share of a column's filled cells that must read as agencies (or timelines) to be that column
ROMAN = re.compile(r"^(?=[IVXL]+\.?$)[IVXL]+\.?$")
NUMERALS = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII", "XIV", "XV"]
ITEM = re.compile(r"^\d+(\.\d+)*\.?$")
GROUP = re.compile(r"^([a-zđ]\)|\*|-\s*đối với|đối với)", re.IGNORECASE)


def clean(text: str) -> str:
    """Join a multi-line cell into one line; a hyphen that split a word stays out of it."""
    return " ".join(text.replace("-\n", "-").split())


@dataclass
class Row:
    index: int
    cells: dict[int, Cell] = field(default_factory=dict)

    def text(self, column: int | None) -> str:
        return clean(self.cells[column].text) if column is not None and column in self.cells else ""


def rows_of(table: Table) -> list[Row]:
    rows: dict[int, Row] = {}
    for cell in table.cells:
        rows.setdefault(cell.row, Row(cell.row)).cells[cell.col] = cell
    return [rows[index] for index in sorted(rows)]


def cell_roles(row: Row) -> dict[str, int]:
    """Column of each role a header row names, matched on folded words allowing an edit or two (`Chủ tri`,
    `phoi họp`); a short cue (`STT`, `TT`) must be a whole word. A header cell is a short label: a longer
    cell is a task's text, whatever words it holds."""
    columns: dict[str, int] = {}
    for col, cell in sorted(row.cells.items()):
        words = " ".join(word for word in fold(cell.text).split() if word.isalpha())  # OCR specks out
        if len(words.split()) > HEADER_WORDS:
            continue
        for role, cues in ROLES.items():
            if role not in columns and any(_names(cue, words) for cue in cues):
                columns[role] = col
                break
    return columns


def _names(cue: str, words: str) -> bool:
    if len(cue) <= 3:
        return cue in words.split()
    return cue in words or (len(words) >= len(cue) and fuzz.partial_ratio(cue, words) >= CUE_MIN)


def header_columns(rows: list[Row]) -> tuple[dict[str, int], int] | None:
    """Column of each role, and the index of the first row below the header; None if no task header. The
    header may take several rows: a merged `Phân công thực hiện` above `Chủ trì | Phối hợp`; a lower row's
    name for a column wins. Roles no header names are taken from what the columns hold (`content_roles`)."""
    columns: dict[str, int] = {}
    first = 0
    for position, row in enumerate(rows[:HEADER_ROWS]):
        named = cell_roles(row)
        if not named or (position and _is_item(row, columns)):
            break
        columns = {role: col for role, col in columns.items() if col not in named.values()} | named
        first = position + 1
    if "task" not in columns:
        return None
    columns |= content_roles(rows[first:], columns)
    return (columns, first) if "lead" in columns else None


def _is_item(row: Row, columns: dict[str, int]) -> bool:
    """A row that opens with a number or a numeral is the body, not more header."""
    return bool(ITEM.match(row.text(columns.get("item", 0))) or roman(row.text(columns.get("item", 0))))


def content_roles(rows: list[Row], columns: dict[str, int]) -> dict[str, int]:
    """Lead, partner and timeline columns no header named, from their cells: the first column of agency names
    (`Sở Y tế`, `UBND các xã`) right of the task is the lead, the next the partners; a column of timelines
    (`Quý II/2024`, `Thường xuyên`) is the timeline."""
    free = sorted({col for row in rows for col in row.cells} - set(columns.values()))
    agency_columns = [col for col in free if col > columns["task"] and _share(rows, col, opens_agency)]
    found = dict(zip([role for role in ("lead", "partner") if role not in columns], agency_columns))
    if "timeline" not in columns:
        timed = [col for col in free if col not in found.values() and _share(rows, col, _is_timeline)]
        if timed:
            found["timeline"] = timed[0]
    return found


def _share(rows: list[Row], col: int, test: Callable[[str], bool]) -> bool:
    texts = [row.text(col) for row in rows if row.text(col)]
    return len(texts) >= 2 and sum(map(test, texts)) >= CONTENT_SHARE * len(texts)


def _is_timeline(text: str) -> bool:
    return parse_timeline(repair_timeline(text)).parsed


def tasks_from_table(table: Table) -> list[Task]:
    rows = rows_of(table)
    found = header_columns(rows)
    if found is None:
        return []
    columns, first = found
    section = section_title = group = ""
    tasks: list[Task] = []
    for row in rows[first:]:
        item = row.text(columns.get("item"))
        content = row.text(columns.get("task"))
        lead = row.text(columns.get("lead"))
        partners = row.text(columns.get("partner"))
        timeline = row.text(columns.get("timeline"))
        if len(cell_roles(row)) >= 2:
            continue  # the header repeated on a following page
        heading = _heading(item, content, row) if not (lead or partners or timeline) else None
        if heading and heading[0] == "section":
            section, section_title, group = in_sequence(heading[1], section), heading[2], ""
            continue
        if heading and heading[0] == "group":
            group = heading[2]
            continue
        if not item and tasks and not (lead and content):
            tasks[-1] = _extend(tasks[-1], content, lead, partners, timeline)
            continue
        if not content:
            continue
        page = table.row_pages[row.index] if row.index < len(table.row_pages) else table.page
        confidence = min((cell.confidence for cell in row.cells.values()), default=1.0)
        tasks.append(Task(
            section=section, section_title=section_title, group=group, item=item.rstrip("."), task=content,
            lead_agency=lead, lead_agency_raw=lead, partner_agencies=[partners] if partners else [],
            timeline=timeline, due="", recurring=False, page=page, confidence=confidence,
        ))
    return number_items(tasks)


def in_sequence(read: str, current: str) -> str:
    """The section a heading opens: the numeral read when it opens the table, else the one after `current`
    (what a heading below section `II` can only be, whatever OCR made of it)."""
    if not current or current not in NUMERALS[:-1]:
        return read or ("I" if not current else "")
    return NUMERALS[NUMERALS.index(current) + 1]


def number_items(tasks: list[Task]) -> list[Task]:
    """STTs OCR could not read (`s;`, `®`, empty) or misread out of sequence (`1` between `10` and `12`),
    numbered by the pattern the readable ones follow: item = row position + an offset, the offset most of
    the section's readable items share (a matrix may restart its numbering in each section) and at least
    two in the table do. Without such an offset the items stay as read."""
    by_section: dict[str, Counter[int]] = {}
    table: Counter[int] = Counter()
    for position, task in enumerate(tasks):
        if task.item.isdigit():
            by_section.setdefault(task.section, Counter())[int(task.item) - position] += 1
            table[int(task.item) - position] += 1
    numbered = []
    for position, task in enumerate(tasks):
        ranked = (by_section.get(task.section) or table).most_common(2)
        offset = ranked[0][0] if ranked and (len(ranked) == 1 or ranked[0][1] > ranked[1][1]) else None
        plain = not ITEM.match(task.item) or task.item.isdigit()  # a sub-item `2.1` is never renumbered
        if offset is not None and table[offset] >= 2 and plain and str(position + offset) != task.item:
            task = replace(task, item=str(position + offset))
        numbered.append(task)
    return numbered


def roman(item: str) -> str:
    """`I`, `II.`; also as OCR misreads them (`L_.`, `1I`, `|I`): the letters I, V, X with l, L, 1, | read as I."""
    letters = re.sub(r"[^IVXLl1|]", "", item)
    repaired = re.sub(r"[lL1|]", "I", letters)
    return repaired if repaired and ROMAN.match(repaired) and len(letters) >= len(item.strip(" ._-")) else ""


def _heading(item: str, content: str, row: Row) -> tuple[str, str, str] | None:
    """("section", number, title) or ("group", "", text) for a row with no agencies and no timeline."""
    if roman(item) and content.upper() == content:
        return "section", roman(item), content
    if content and not ITEM.match(item) and content.upper() == content and any(ch.isalpha() for ch in content):
        return "section", "", content  # a title in capitals whose numeral OCR could not read
    whole = " ".join(clean(cell.text) for _, cell in sorted(row.cells.items()) if cell.text.strip())
    first, _, rest = whole.partition(" ")
    if not ITEM.match(item) and ROMAN.match(first):
        return "section", first.rstrip("."), rest
    if not ITEM.match(item) and GROUP.match(whole):
        return "group", "", whole
    return None


def _extend(task: Task, content: str, lead: str, partners: str, timeline: str) -> Task:
    """A row cut by a page break continues the task above it, cell by cell."""
    def join(first: str, second: str) -> str:
        return f"{first} {second}".strip() if second else first

    partner_text = join(task.partner_agencies[0] if task.partner_agencies else "", partners)
    return replace(
        task, task=join(task.task, content), lead_agency=join(task.lead_agency, lead),
        lead_agency_raw=join(task.lead_agency_raw, lead), partner_agencies=[partner_text] if partner_text else [],
        timeline=join(task.timeline, timeline),
    )
