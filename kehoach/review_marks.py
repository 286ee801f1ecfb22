"""Where each value a run read stands on its page: the marks `kehoach review` draws over the page images.

Takes one `docs/<doc_id>.json` record (as the writer stored it) and gives a `ReviewDocument`: its pages, and on
each page the table cells (with their confidence), the targets and the tasks as `Mark`s with a box in PDF points
(origin top-left, the record's unit), each target with the issues that name it. The record keeps a target's
table but not its cell, and a task's page but not its box, so both are found again here: a table target is the
cell of its table that holds its value (`normalizers/cell_readings.py`, which the cross-checks share); a prose
target is the word that prints its value; a task is the cell or line whose text begins as
the task does. A value that cannot be placed is still listed, without a box. A table target whose cell the page's
own words read as another rate carries that reading: confidence does not find misreads, two readings that
disagree do.

Pure functions on records: no file is read here (`kehoach.review_site` reads and writes).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field, fields

from rapidfuzz import fuzz

from kehoach.normalizers.cell_readings import cell_page, other_reading, target_cells
from kehoach.normalizers.cross_checks import described, printed_decimals, printed_rate
from kehoach.records import BBox, Cell, Issue, Table, Target, Task, Word
from kehoach.review_links import target_anchor
from kehoach.text_folding import fold

STATUS_ORDER = {"failed": 0, "partial": 1, "ok": 2}  # who needs a person first
FLAGGING = ("error", "warning")
TASK_MATCH = 85  # rapidfuzz partial ratio, of 100, between a task's opening and a cell's or line's text
TASK_OPENING = 60  # characters of a task compared: its first line or two, where it stands in its cell
READ_TWO_WAYS = "cell_read_two_ways"  # the issue records made since it exists carry (normalizers/cell_readings.py)
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
    other_reading: str = ""  # another rate the page's words print in a table target's cell (cell_read_two_ways)

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
        """Sort key: failed, then partial documents; then more errors, warnings and values read two ways (counted
        once where an issue of the record says so); then the least sure value."""
        unreported = sum(1 for mark in self.targets if mark.other_reading and READ_TWO_WAYS not in mark.issues)
        return (STATUS_ORDER.get(self.status, 0), -(self.flagged_issues + unreported), self.lowest_confidence,
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


def table_cell_marks(tables: list[Table]) -> list[Mark]:
    return [Mark("cell", f"c{number}-{cell.row}-{cell.col}", cell_page(table, cell), cell.bbox, cell.text,
                 cell.confidence)
            for number, table in enumerate(tables) for cell in table.cells]


def prose_target_box(target: Target, words: list[Word]) -> BBox | None:
    """The first word of the page printing the target's value as the document does (`13,10`)."""
    printed = printed_rate(target.value, printed_decimals(target)).rstrip("%")
    return next((word.bbox for word in words if printed in word.text), None)


def issue_codes_naming(target: Target, issues: list[Issue]) -> tuple[str, ...]:
    """Codes of the issues whose message names the target (`bhtn_rate 2023 for Tổng cộng ...`) on its page."""
    name = described(target)
    return tuple(dict.fromkeys(issue.code for issue in issues
                               if name in issue.message and issue.page in (target.page, None)))


def target_marks(targets: list[Target], tables: list[Table], words: dict[int, list[Word]],
                 issues: list[Issue]) -> list[Mark]:
    marks = []
    for target, cell in zip(targets, target_cells(targets, tables)):
        box, other = None, ""
        if cell is not None:
            box = cell.bbox
            other = other_reading(target, cell, words.get(target.page, []))
        elif target.value is not None and target.table is None:
            box = prose_target_box(target, words.get(target.page, []))
        value = "" if target.value is None else printed_rate(target.value, printed_decimals(target))
        marks.append(Mark("target", target_anchor(target.source, target.indicator, target.year, target.area_name_raw),
                          target.page, box, value, target.confidence,
                          issue_codes_naming(target, issues),
                          f"{target.indicator} {target.year or '?'} · {target.area_name or target.area_name_raw}",
                          other))
    return marks


def page_lines(words: list[Word]) -> list[tuple[str, BBox]]:
    """The page's lines: their text and the box around their words."""
    lines: dict[int, list[Word]] = {}
    for word in words:
        lines.setdefault(word.line, []).append(word)
    return [(" ".join(word.text for word in line),
             BBox(min(w.bbox.x0 for w in line), min(w.bbox.top for w in line), max(w.bbox.x1 for w in line),
                  max(w.bbox.bottom for w in line)))
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


def task_marks(tasks: list[Task], tables: list[Table], words: dict[int, list[Word]]) -> list[Mark]:
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
    words = {page["number"]: [Word(text, BBox(x0, top, x1, bottom), confidence, line)
                              for text, x0, top, x1, bottom, confidence, line in page.get("words", [])]
             for page in record.get("pages", [])}
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
