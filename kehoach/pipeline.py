"""The document pipeline's stages in order, as plain functions the Prefect flow wraps into tasks.

    plan_document   ingest + triage: a file → which pages keep their text layer, which need OCR
    read_page       one page → `Page` (OCR or text layer); page-level failures stay on the page
    finish_document pages → restore → metadata → (targets, tasks) → cross-checks → `Document`
    load_models     what read_page and finish_document load once a process, loaded ahead
    one_thread_per_page  Tesseract and OpenCV single-threaded: parallelism comes from the flow

Nothing here knows about Prefect, so every stage runs in a test on its own.
"""
from __future__ import annotations

import os
import threading
import time
from dataclasses import dataclass, field, replace
from pathlib import Path

import cv2

from kehoach.config import CheckSettings, Settings
from kehoach.errors import KehoachError, LimitExceeded
from kehoach.extractors.metadata import extract_metadata
from kehoach.extractors.page_reading import blank_page, failed_page, page_by_ocr, page_from_text_layer
from kehoach.extractors.language import load_nlp
from kehoach.extractors.prose_targets import extract_prose_targets
from kehoach.extractors.prose_tasks import extract_prose_tasks
from kehoach.extractors.table_merge import merge_tables
from kehoach.extractors.target_tables import targets_from_table, title_above
from kehoach.extractors.task_matrix import tasks_from_table
from kehoach.extractors.signatures import read_signatures
from kehoach.extractors.pdf_input import SourceFile, check_page_pixels, inspect_pages, is_blank
from kehoach.extractors.text_layer import TextLayer, read_text_layers
from kehoach.extractors.triage import TriageDecision, judge_text_layer
from kehoach.normalizers.areas import DocumentArea, assign_areas, document_area, names_context
from kehoach.normalizers.bhxh_kind import qualify_bhxh
from kehoach.normalizers.page_restoration import restore_page
from kehoach.normalizers.restore import load_restorer
from kehoach.normalizers.cell_readings import check_cell_readings
from kehoach.normalizers.cross_checks import cross_check
from kehoach.normalizers.language_check import check_language
from kehoach.normalizers.task_records import normalize_tasks
from kehoach.records import Document, DocumentMeta, Issue, Page, PageInfo, Signature, Table, Target, Task


_LOADING = threading.Lock()


def one_thread_per_page() -> None:
    """Tesseract and OpenCV each on the calling thread only, in this process: pages already run side by side, and
    their own threads on top made each page several times slower (Tesseract's OpenMP) or cost a tenth of the
    reading time on 2 cores (OpenCV's pool: `kehoach run --workers 2` with and without it, see the README)."""
    os.environ["OMP_THREAD_LIMIT"] = "1"
    cv2.setNumThreads(1)


def load_models() -> None:
    """Load what reading and finishing pages need, once a process (the restoration models with the gazetteer, the
    spaCy pipeline), so that a batch can load them while its engine starts; a second caller waits for the first."""
    with _LOADING:
        load_restorer()
        load_nlp()


@dataclass
class PagePlan:
    info: PageInfo
    decision: TriageDecision | None  # None: the page has no text layer at all
    layer: TextLayer | None = None

    @property
    def needs_ocr(self) -> bool:
        return self.decision is None or not self.decision.use_text_layer

    @property
    def reason(self) -> str:
        return self.decision.reason if self.decision else "no text layer"


@dataclass
class DocumentPlan:
    source: SourceFile
    pages: list[PagePlan]
    error: str = ""
    started: float = field(default_factory=time.monotonic)
    signatures: list[Signature] = field(default_factory=list)


def unreadable_plan(source: SourceFile, message: str) -> DocumentPlan:
    return DocumentPlan(source=source, pages=[], error=message)


def plan_document(source: SourceFile, settings: Settings) -> DocumentPlan:
    """Check the identified file opens, and triage every page. A file that cannot be read gives a plan with
    `error` set and no pages."""
    path = source.path
    try:
        inspection = inspect_pages(path, settings.limits)
        infos, texts = inspection.pages, inspection.layer_texts
        decisions = {info.number: judge_text_layer(texts[info.number].split(), settings.triage, info.is_scan)
                     for info in infos if info.number in texts}
        # PDFium's text runs words together where the PDF places them apart without a space character (the
        # whole row of a table as one token): a born-digital page judged degraded is judged again on its words
        # as their positions separate them, before it is sent to OCR.
        unspaced = [info.number for info in infos
                    if info.number in decisions and not decisions[info.number].use_text_layer and not info.is_scan]
        layers = read_text_layers(path, [number for number, decision in decisions.items()
                                         if decision.use_text_layer or number in unspaced])
        for number in unspaced:
            decisions[number] = judge_text_layer([word.text for word in layers[number].words], settings.triage, False)
        layers = {number: layer for number, layer in layers.items() if decisions[number].use_text_layer}
    except KehoachError as exc:
        return unreadable_plan(source, str(exc))
    return DocumentPlan(source=source, pages=[PagePlan(info, decisions.get(info.number), layers.get(info.number))
                                              for info in infos], signatures=read_signatures(path))


def read_page(path: Path, plan: PagePlan, settings: Settings) -> Page:
    """Read one page. A page over the pixel limit is recorded as failed on the page, before anything renders
    it; a blank page is not OCR'd; an `OcrError` is raised so the caller may retry it (a killed or starved
    Tesseract is often transient)."""
    if not plan.needs_ocr:
        return page_from_text_layer(plan.info, plan.layer, plan.decision)
    try:
        check_page_pixels(plan.info, settings.ocr.dpi, settings.limits)
    except LimitExceeded as exc:
        return failed_page(plan.info, str(exc))
    if not plan.info.has_text_layer and not plan.info.is_scan and is_blank(path, plan.info.number):
        return blank_page(plan.info)
    return page_by_ocr(path, plan.info, settings, plan.reason)


def failed_document(plan: DocumentPlan, source_file: str) -> Document:
    return Document(
        doc_id=plan.source.doc_id,
        source_file=source_file,
        sha256=plan.source.sha256,
        status="failed",
        error=plan.error,
        seconds=time.monotonic() - plan.started,
    )


def signature_issues(signatures: list[Signature]) -> list[Issue]:
    return [Issue("warning", "signature_broken",
                  f"The file was changed after {s.signer or 'a signer'} signed it ({s.signed_at[:10]}): the bytes that "
                  "signature covers no longer match; ask the sender for the signed original.", None)
            for s in signatures if s.intact is False]


def page_issues(pages: list[Page]) -> list[Issue]:
    return [Issue("error", "page_failed", page.error, page.number) for page in pages if page.error]


def plan_year(meta: DocumentMeta) -> int | None:
    """The year a one-year plan is for: the year its targets are for when the text names none."""
    return int(meta.period_start) if meta.period_start and meta.period_start == meta.period_end else None


def titled(tables: list[Table], pages: list[Page]) -> list[Table]:
    """Each table with the text printed just above it (its appendix title)."""
    by_number = {page.number: page for page in pages}
    return [replace(table, title=title_above(by_number[table.page], table)) for table in tables]


def read_tables(tables: list[Table]) -> tuple[list[Target], list[Task]]:
    """Targets from target tables and tasks from task matrices; a table is one or the other or neither. A
    target keeps the index of its table in `tables`."""
    targets: list[Target] = []
    tasks: list[Task] = []
    for number, table in enumerate(tables):
        matrix_tasks = tasks_from_table(table)
        if matrix_tasks:
            tasks += matrix_tasks
        else:
            targets += targets_from_table(table, table.title, number)
    return targets, tasks


def document_targets(table_targets: list[Target], pages: list[Page], tables: list[Table], meta: DocumentMeta,
                     where: DocumentArea, checks: CheckSettings = CheckSettings()) -> tuple[list[Target], list[Issue]]:
    """The tables' targets and the prose's, each with its year (and where it came from), its indicator as the
    document's own evidence qualifies it, and its official area; and the issues found on the way."""
    signed = int(meta.issue_date[:4]) if meta.issue_date[:4].isdigit() else None
    targets, year_issues = with_years(table_targets + extract_prose_targets(pages, plan_year(meta), signed), meta)
    targets, kind_issues = qualify_bhxh(targets)
    targets, area_issues = assign_areas(targets, where)
    targets, check_issues = cross_check(targets, pages, tables, meta.plan_number, checks)
    check_issues += check_cell_readings(targets, pages, tables)
    return targets, year_issues + kind_issues + area_issues + check_issues


def annex_year(stated: Target, targets: list[Target]) -> int | None:
    """The year of a prose target that names none, where the annex's total row for its indicator gives exactly
    its value in one year only (the text restating the annex's first column)."""
    if stated.source != "narrative" or stated.value is None:
        return None
    years = {t.year for t in targets if t.total_row and t.indicator == stated.indicator and t.year
             and t.value is not None and abs(t.value - stated.value) < 0.005}
    return years.pop() if len(years) == 1 else None


def with_years(targets: list[Target], meta: DocumentMeta) -> tuple[list[Target], list[Issue]]:
    """The document's own year (its title's, or a one-year period) is the last layer for a target the table and
    the text above it left without one; a target still without a year gets an issue saying why, once a table."""
    year = plan_year(meta)
    dated = [t if t.year or not year else replace(t, year=year, year_from="document") for t in targets]
    dated = [t if t.year else replace(t, year=annex_year(t, dated), year_from="annex" if annex_year(t, dated) else "")
             for t in dated]
    unknown = {(t.table, t.page) for t in dated if t.year is None}
    return dated, [Issue("warning", "target_year_unknown",
                         "No year for these targets: not in the column header, the table's caption, the section's "
                         f"lead-in, nor the document's title or period ({meta.period_start or '?'}–"
                         f"{meta.period_end or '?'}).", page) for _, page in sorted(unknown, key=str)]


def finish_document(plan: DocumentPlan, pages: list[Page], source_file: str,
                    checks: CheckSettings = CheckSettings()) -> Document:
    """Restore the pages' text and extract everything the document says (`checks`: `Settings.checks`). The
    language is judged on the text as read: restoration would make Vietnamese words of foreign ones."""
    language_issues = check_language(pages)
    pages = [restore_page(page) if page.text_source == "ocr" and not page.error else page for page in pages]
    readable = [page for page in pages if not page.error]
    issues = page_issues(pages)
    if not readable:
        return replace(failed_document(plan, source_file), pages=pages, issues=issues,
                       error=f"No page could be read: {pages[0].error}" if pages else plan.error)
    meta, place, meta_issues = extract_metadata(readable)
    tables = titled(merge_tables(readable), readable)
    found_targets, found_tasks = read_tables(tables)
    where = names_context([t.area_name_raw for t in found_targets], document_area(meta, place))
    meta = replace(meta, province=where.province.name if where.province else "",
                   district=where.district.name if where.district else "")
    year = plan_year(meta)
    targets, target_issues = document_targets(found_targets, readable, tables, meta, where, checks)
    tasks, task_issues = normalize_tasks(found_tasks + extract_prose_tasks(readable), year)
    status = "partial" if len(readable) < len(pages) else "ok"
    failed = [page for page in pages if page.error]
    error = (f"{len(failed)} of {len(pages)} pages could not be read (first: page {failed[0].number}). "
             f"{failed[0].error}" if failed else "")
    return Document(
        doc_id=plan.source.doc_id,
        source_file=source_file,
        sha256=plan.source.sha256,
        status=status,
        error=error,
        pages=pages,
        meta=meta,
        tables=tables,
        targets=targets,
        tasks=tasks,
        issues=issues + language_issues + meta_issues + target_issues + task_issues
        + signature_issues(plan.signatures),
        seconds=time.monotonic() - plan.started,
        signatures=plan.signatures,
    )
