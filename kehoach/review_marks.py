"""Where each value a run read stands on its page: the marks `kehoach review` draws over the page images.

Takes one `docs/<doc_id>.json` record (as the writer stored it) and gives a `ReviewDocument`: its pages, and on
each page the table cells (with their confidence), the targets and the tasks as `Mark`s with a box in PDF points
(origin top-left, the record's unit), each target with the issues that name it. The record keeps a target's
table but not its cell, and a task's page but not its box, so both are found again here: a table target is the
cell of its table, on its page, that holds its value, after the cell naming its area in its row or column (a cell
is given to one target only); a prose target is the word that prints its value; a task is the cell or line whose text begins as
the task does. A value that cannot be placed is still listed, without a box. A table target whose cell the page's
own words read as another rate carries that reading: confidence does not find misreads, two readings that
disagree do.

Pure functions on records: no file is read here (`kehoach.review_site` reads and writes).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field, fields

from rapidfuzz import fuzz

from kehoach.extractors.target_tables import rate_text
from kehoach.normalizers.cross_checks import described, printed_decimals, printed_rate
from kehoach.normalizers.numbers import decimals_of, parse_number
from kehoach.records import BBox, Cell, Issue, Table, Target, Task
from kehoach.review_links import target_anchor
from kehoach.text_folding import fold, squeeze

STATUS_ORDER = {"failed": 0, "partial": 1, "ok": 2}  # who needs a person first
FLAGGING = ("error", "warning")
TASK_MATCH = 85  # rapidfuzz partial ratio, of 100, between a task's opening and a cell's or line's text
TASK_OPENING = 60  # characters of a task compared: its first line or two, where it stands in its cell
TURNED = re.compile(r"read after a (\d+)° turn")


@dataclass(frozen=True)
class Mark:
    """Something drawn over a page: a `cell` of a table, a `target` or a `task`, with its box (None: not found on
    the page), its confidence, its anchor in the document's review page and the issue codes that name it."""

    kind: str
    anchor: str
    page: int | None
    box: BBox | None
    text: str
    confidence: float
    issues: tuple[str, ...] = ()
    label: str = ""  # what it is: `bhyt_rate 2024 · Huyện Đức Cơ`, a task's lead agency
    other_reading: str = ""  # another rate the page's words print in a table target's cell (`other_reading`)

    @property
    def in_doubt(self) -> bool:
        return bool(self.issues or self.other_reading)


@dataclass(frozen=True)
class ReviewPage:
    """A page as the review draws it: its size and turn as read, how it was read, and what is drawn over it."""

    number: int
    width: float  # points, as read (a page turned upright to be read has its turned size)
    height: float
    turned: int  # degrees the page was turned clockwise before it was read; its image is turned the same way
    text_source: str
    confidence: float
    marks: list[Mark] = field(default_factory=list)


@dataclass(frozen=True)
class ReviewDocument:
    """A document of the run as the review shows it: its facts, pages, placed targets and tasks, and issues."""

    doc_id: str
    source_file: str
    status: str
    error: str
    plan_number: str
    title: str
    pages: list[ReviewPage]
    targets: list[Mark]
    tasks: list[Mark]
    issues: list[Issue]

    @property
    def lowest_confidence(self) -> float:
        """The lowest confidence of a cell that gave a target (1.0 with none): the value most in doubt."""
        return min((mark.confidence for mark in self.targets), default=1.0)

    @property
    def flagged_issues(self) -> int:
        return sum(1 for issue in self.issues if issue.severity in FLAGGING)

    @property
    def other_readings(self) -> int:
        return sum(1 for mark in self.targets if mark.other_reading)

    def needs_person(self) -> tuple:
        """Sort key: failed, then partial documents; then more errors, warnings and values read two ways; then the
        least sure value."""
        return (STATUS_ORDER.get(self.status, 0), -(self.flagged_issues + self.other_readings), self.lowest_confidence,
                self.source_file)


def record_of(kind: type, row: dict) -> object:
    """A record dataclass from a JSON row: the fields the dataclass has (a target row also carries its document's
    `doc_id`, `plan_number`, `issue_date`), boxes as `BBox`."""
    names = {item.name for item in fields(kind)}
    values = {name: value for name, value in row.items() if name in names}
    if isinstance(values.get("bbox"), dict):
        values["bbox"] = BBox(**values["bbox"])
    return kind(**values)


def table_of(row: dict) -> Table:
    return record_of(Table, {**row, "cells": [record_of(Cell, cell) for cell in row["cells"]]})


def task_of(row: dict) -> Task:
    partners = row.get("partner_agencies", "")
    recurring = row.get("recurring") in (True, "true")
    return record_of(Task, {**row, "partner_agencies": partners.split(" | ") if partners else [],
                            "recurring": recurring})


def cell_page(table: Table, cell: Cell) -> int:
    return table.row_pages[cell.row] if cell.row < len(table.row_pages) else table.page


def table_cell_marks(tables: list[Table]) -> list[Mark]:
    return [Mark("cell", f"c{number}-{cell.row}-{cell.col}", cell_page(table, cell), cell.bbox, cell.text,
                 cell.confidence)
            for number, table in enumerate(tables) for cell in table.cells]


@dataclass(frozen=True)
class ReadCell:
    """A table cell as the placing needs it, worked out once a table: its page, number as a rate, the decimals
    it prints and its squeezed text."""

    cell: Cell
    page: int
    number: float | None
    decimals: int | None
    key: str


def read_cells(table: Table) -> list[ReadCell]:
    return [ReadCell(cell, cell_page(table, cell), parse_number(number), decimals_of(number), squeeze(cell.text))
            for cell in table.cells for number in [rate_text(cell.text)]]


def table_target_box(target: Target, cells: list[ReadCell], taken: set[tuple[int, int]]) -> Cell | None:
    """The cell of the target's table, on its page, holding its value; never one another target took. Of several,
    the one after a cell naming its area (right of it in its row, or below it in its column: a row's number `12`
    before its name is not its rate `12,0`), printed with the target's decimals."""
    half = 0.5 * 10 ** -printed_decimals(target)
    found = [read for read in cells if read.page == target.page and read.number is not None
             and abs(read.number - target.value) < half and (read.cell.row, read.cell.col) not in taken]
    area = squeeze(target.area_name_raw)
    named = [read.cell for read in cells if area and read.key == area]

    def rank(read: ReadCell) -> tuple[bool, bool]:
        cell = read.cell
        after = any((cell.row == name.row and cell.col > name.col) or (cell.col == name.col and cell.row > name.row)
                    for name in named)
        return not after, target.decimals is not None and read.decimals != target.decimals

    return min(found, key=rank).cell if found else None


def prose_target_box(target: Target, words: list[list]) -> BBox | None:
    """The first word of the page printing the target's value as the document does (`13,10`)."""
    printed = printed_rate(target.value, printed_decimals(target)).rstrip("%")
    for text, x0, top, x1, bottom, *_ in words:
        if printed in text:
            return BBox(x0, top, x1, bottom)
    return None


def words_inside(box: BBox, words: list[list]) -> str:
    """The page's words whose centre lies in `box`, in reading order."""
    return " ".join(text for text, x0, top, x1, bottom, *_ in words
                    if box.x0 <= (x0 + x1) / 2 <= box.x1 and box.top <= (top + bottom) / 2 <= box.bottom)


def other_reading(target: Target, box: BBox, words: list[list]) -> str:
    """The page's words in a table target's cell where they print another rate, with the same decimals, than the
    cell gave: a numeric cell is read again on its own (extractors/cell_ocr.py), so two readings of one print
    disagree and one is a misread (on the corpus's harsh and fax scans the page's words held `50,6`, `5,40`, `5,15`
    where the cells gave `20,6`, `9,40`, `9,15`, all three read at 0.82-0.96). Empty where they agree or the words
    are no such rate (a half-read `17,`, a `211` without its comma)."""
    printed = rate_text(words_inside(box, words))
    number = parse_number(printed)
    if number is None or number > 100 or target.decimals is None or decimals_of(printed) != target.decimals:
        return ""
    return printed if abs(number - target.value) >= 0.5 * 10 ** -target.decimals else ""


def issue_codes_naming(target: Target, issues: list[Issue]) -> tuple[str, ...]:
    """Codes of the issues whose message names the target (`bhtn_rate 2023 for Tổng cộng ...`) on its page."""
    name = described(target)
    return tuple(dict.fromkeys(issue.code for issue in issues
                               if name in issue.message and issue.page in (target.page, None)))


def target_marks(targets: list[Target], tables: list[Table], words: dict[int, list[list]],
                 issues: list[Issue]) -> list[Mark]:
    taken: dict[int, set[tuple[int, int]]] = {}
    cells: dict[int, list[ReadCell]] = {}
    marks = []
    for target in targets:
        box, other = None, ""
        if target.value is not None and target.table is not None and target.table < len(tables):
            if target.table not in cells:
                cells[target.table] = read_cells(tables[target.table])
            cell = table_target_box(target, cells[target.table], taken.setdefault(target.table, set()))
            if cell is not None:
                taken[target.table].add((cell.row, cell.col))
                box = cell.bbox
                other = other_reading(target, box, words.get(target.page, []))
        elif target.value is not None:
            box = prose_target_box(target, words.get(target.page, []))
        value = "" if target.value is None else printed_rate(target.value, printed_decimals(target))
        marks.append(Mark("target", target_anchor(target.source, target.indicator, target.year, target.area_name_raw),
                          target.page, box, value, target.confidence,
                          issue_codes_naming(target, issues),
                          f"{target.indicator} {target.year or '?'} · {target.area_name or target.area_name_raw}",
                          other))
    return marks


def page_lines(words: list[list]) -> list[tuple[str, BBox]]:
    """The page's lines: their text and the box around their words."""
    lines: dict[int, list[list]] = {}
    for word in words:
        lines.setdefault(word[6], []).append(word)
    return [(" ".join(word[0] for word in line),
             BBox(min(w[1] for w in line), min(w[2] for w in line), max(w[3] for w in line), max(w[4] for w in line)))
            for line in lines.values()]


def folded(candidates: list[tuple[str, BBox]]) -> list[tuple[str, BBox]]:
    return [(fold(text), box) for text, box in candidates]


def task_box(task: Task, cells: list[tuple[str, BBox]], lines: list[tuple[str, BBox]]) -> BBox | None:
    """The table cell whose (folded) text begins as the task does, else the line that does."""
    opening = fold(task.task)[:TASK_OPENING]
    if not opening:
        return None
    for candidates in (cells, lines):
        scored = [(fuzz.partial_ratio(opening, text[:len(opening) + 20]), box) for text, box in candidates
                  if len(text) >= min(len(opening), 12)]
        best = max(scored, key=lambda item: item[0], default=(0, None))
        if best[0] >= TASK_MATCH:
            return best[1]
    return None


def task_marks(tasks: list[Task], tables: list[Table], words: dict[int, list[list]]) -> list[Mark]:
    candidates: dict[int | None, tuple[list, list]] = {}  # a page's folded cells and lines, once a page
    marks = []
    for number, task in enumerate(tasks):
        if task.page not in candidates:
            cells = [(cell.text, cell.bbox) for table in tables for cell in table.cells
                     if cell_page(table, cell) == task.page]
            candidates[task.page] = folded(cells), folded(page_lines(words.get(task.page, [])))
        box = task_box(task, *candidates[task.page])
        marks.append(Mark("task", f"k{number}", task.page, box, task.task, task.confidence, (),
                          task.lead_agency or task.lead_agency_raw))
    return marks


def turned_degrees(triage_reason: str) -> int:
    match = TURNED.search(triage_reason or "")
    return int(match.group(1)) if match else 0


def review_document(record: dict) -> ReviewDocument:
    """The marks of one stored document, page by page."""
    tables = [table_of(row) for row in record.get("tables", [])]
    targets = [record_of(Target, row) for row in record.get("targets", [])]
    tasks = [task_of(row) for row in record.get("tasks", [])]
    issues = [record_of(Issue, row) for row in record.get("issues", [])]
    words = {page["number"]: page.get("words", []) for page in record.get("pages", [])}
    targets_drawn = target_marks(targets, tables, words, issues)
    tasks_drawn = task_marks(tasks, tables, words)
    by_page: dict[int | None, list[Mark]] = {}
    for mark in table_cell_marks(tables) + targets_drawn + tasks_drawn:
        by_page.setdefault(mark.page, []).append(mark)
    pages = [ReviewPage(page["number"], page["width"], page["height"], turned_degrees(page.get("triage_reason", "")),
                        page["text_source"], page["confidence"], by_page.get(page["number"], []))
             for page in record.get("pages", [])]
    return ReviewDocument(record["doc_id"], record["source_file"], record["status"], record.get("error", ""),
                          record.get("plan_number", ""), record.get("title", ""), pages, targets_drawn, tasks_drawn,
                          issues)
