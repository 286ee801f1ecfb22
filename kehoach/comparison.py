"""The analyst's view: the targets of a run folder side by side by area and year.

Takes a `kehoach run` output folder (its targets.csv, documents.csv and issues.csv, the columns of CONTRACT.md)
and gives a `Comparison`: for each indicator the side-by-side rows (province, area, one cell per year), the
areas of each province ranked on their target for each year, and the areas whose targets span several years,
with the run's documents and issues beside them. `compare_targets` renders it for `kehoach compare`: a table for
the terminal or in Markdown, each value followed by the numbered documents and pages that print it and each row
by its unit, or the values one per row as CSV; `kehoach.report_html` renders it as a page with charts.

A run often holds the same plan more than once (a scan and its re-scan, or the prose and the annex of one
plan), so one area, indicator and year may get several values. Values that agree are one `Value` with every
place it was printed; values that disagree stay apart, side by side, so a misread is seen, never averaged
away or hidden behind whichever row came first.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from kehoach.errors import UsageError
from kehoach.messages import say
from kehoach.records import Issue

LEVELS = ("province", "district", "commune")  # the order areas are shown in; a ranking is of one level


@dataclass(frozen=True)
class Source:
    """Where a value is printed: a document of the run, its page, and whether a table or the prose gave it."""

    doc_id: str
    page: int | None
    kind: str  # `table` | `narrative`


@dataclass(frozen=True)
class Value:
    """One target value as the run states it, with every place that prints exactly this number."""

    value: float | None  # None: a target was found but its number could not be read (see issues.csv)
    sources: tuple[Source, ...]


@dataclass(frozen=True)
class Scope:
    """Areas compared with one another: one level (the districts, the communes) of one province, on one indicator."""

    indicator: str
    province: str
    level: str

    def order(self) -> tuple[str, str, int]:
        return self.indicator, self.province, LEVELS.index(self.level) if self.level in LEVELS else len(LEVELS)


@dataclass(frozen=True)
class Row:
    """One line of the side-by-side table: an area's targets on one indicator, by year."""

    scope: Scope
    area: str
    by_year: dict[int, tuple[Value, ...]]
    unit: str = "percent"


@dataclass(frozen=True)
class Ranked:
    """An area's place in a ranking; `disputed` when the run gives it another value that year too."""

    area: str
    value: Value
    disputed: bool


@dataclass(frozen=True)
class Ranking:
    """The areas of one scope, best target first, for one year."""

    scope: Scope
    year: int
    areas: tuple[Ranked, ...]


@dataclass(frozen=True)
class Series:
    """One document's targets for one area over the years, as one of its tables or its prose states them."""

    area: str
    doc_id: str
    kind: str
    points: tuple[tuple[int, float, Source], ...]  # (year, value, where), by year


@dataclass(frozen=True)
class Trend:
    """The series of one scope; only series of two years or more."""

    scope: Scope
    series: tuple[Series, ...]


@dataclass(frozen=True)
class RunDocument:
    """What the report says about a document of the run (documents.csv)."""

    doc_id: str
    file_name: str
    status: str
    error: str
    doc_type: str
    plan_number: str
    issuer: str
    issue_date: str
    title: str


@dataclass(frozen=True)
class Comparison:
    indicators: tuple[str, ...]
    rows: tuple[Row, ...]
    rankings: tuple[Ranking, ...]
    trends: tuple[Trend, ...]
    documents: tuple[RunDocument, ...]
    issues: dict[str, tuple[Issue, ...]]  # by doc_id


def load_targets(out_dir: Path, lang: str = "en") -> pd.DataFrame:
    path = out_dir / "targets.csv"
    if not path.exists():
        raise UsageError(say("not_a_run_folder", lang, folder=out_dir))
    return pd.read_csv(path, dtype={"area_code": str, "doc_id": str})


def _read_table(path: Path) -> pd.DataFrame:
    """A CSV of the run as text, empty cells as ''; an absent file (an older run) as no rows."""
    if not path.exists():
        return pd.DataFrame()
    return pd.read_csv(path, dtype=str, keep_default_na=False)


def _page(text: str) -> int | None:
    return int(float(text)) if text else None


def load_documents(out_dir: Path) -> tuple[RunDocument, ...]:
    return tuple(
        RunDocument(doc_id=row["doc_id"], file_name=Path(row["source_file"]).name, status=row["status"],
                    error=row["error"], doc_type=row["doc_type"], plan_number=row["plan_number"],
                    issuer=row["issuer"], issue_date=row["issue_date"], title=row["title"])
        for row in _read_table(out_dir / "documents.csv").to_dict("records"))


def load_issues(out_dir: Path) -> dict[str, tuple[Issue, ...]]:
    """issues.csv by document, in its order."""
    issues: dict[str, list[Issue]] = defaultdict(list)
    for row in _read_table(out_dir / "issues.csv").to_dict("records"):
        issues[row["doc_id"]].append(
            Issue(severity=row["severity"], code=row["code"], message=row["message"], page=_page(row["page"])))
    return {doc_id: tuple(found) for doc_id, found in issues.items()}


def _tidy(targets: pd.DataFrame) -> pd.DataFrame:
    """One clean frame: the area's display name, an empty province as '', years and pages as ints or None."""
    def int_or_none(column: pd.Series) -> list[int | None]:
        return [None if pd.isna(item) else int(item) for item in column]

    def float_or_none(column: pd.Series) -> list[float | None]:
        return [None if pd.isna(item) else float(item) for item in column]

    targets = targets.reset_index(drop=True)  # the lists below are positional; a filtered frame's index is not
    return pd.DataFrame({
        "indicator": targets["indicator"].astype(str),
        "province": targets["province"].fillna("").astype(str),
        "level": targets["area_level"].fillna("").astype(str),
        "area": targets["area_name"].fillna(targets["area_name_raw"]).fillna("").astype(str),
        "year": pd.Series(int_or_none(targets["year"]), dtype=object),
        "value": pd.Series(float_or_none(targets["value"]), dtype=object),
        "doc_id": targets["doc_id"].astype(str),
        "page": pd.Series(int_or_none(targets["page"]), dtype=object),
        "kind": targets["source"].fillna("").astype(str),
        "unit": targets["unit"].fillna("").astype(str),
    })


def _values(group: pd.DataFrame) -> tuple[Value, ...]:
    """The distinct values of one area, indicator and year, each with every place that prints it."""
    places: dict[float | None, list[Source]] = defaultdict(list)
    for record in group.itertuples():
        source = Source(doc_id=record.doc_id, page=record.page, kind=record.kind)
        if source not in places[record.value]:
            places[record.value].append(source)
    ordered = sorted(places, key=lambda value: (value is None, value))
    return tuple(Value(value=value, sources=tuple(places[value])) for value in ordered)


def side_by_side(targets: pd.DataFrame) -> tuple[Row, ...]:
    tidy = _tidy(targets).dropna(subset=["year"])
    rows = []
    for (indicator, province, level, area, unit), group in tidy.groupby(
            ["indicator", "province", "level", "area", "unit"]):
        by_year = {int(year): _values(of_year) for year, of_year in group.groupby("year")}
        rows.append(Row(scope=Scope(indicator, province, level), area=area, by_year=by_year, unit=unit))
    return tuple(sorted(rows, key=lambda row: (row.scope.order(), row.area)))


def rankings(rows: tuple[Row, ...]) -> tuple[Ranking, ...]:
    """For each indicator, province, year and level below the province: its areas, highest target first.

    A province's own target has no peers to be ranked with: it stands in the side-by-side table and trends."""
    grouped: dict[tuple[Scope, int], list[Ranked]] = defaultdict(list)
    for row in rows:
        if row.scope.level == "province":
            continue
        for year, values in row.by_year.items():
            readable = [value for value in values if value.value is not None]
            for value in readable:
                grouped[row.scope, year].append(Ranked(area=row.area, value=value, disputed=len(readable) > 1))
    return tuple(
        Ranking(scope=scope, year=year,
                areas=tuple(sorted(areas, key=lambda ranked: (-ranked.value.value, ranked.area))))
        for (scope, year), areas in sorted(grouped.items(), key=lambda item: (item[0][0].order(), item[0][1])))


def trends(targets: pd.DataFrame) -> tuple[Trend, ...]:
    """Per indicator, province and level: each document's targets for an area over two years or more."""
    tidy = _tidy(targets).dropna(subset=["year", "value"])
    by_scope: dict[Scope, list[Series]] = defaultdict(list)
    for (indicator, province, level, area, doc_id, kind), group in tidy.groupby(
            ["indicator", "province", "level", "area", "doc_id", "kind"]):
        group = group.sort_values(["year", "page"]).drop_duplicates("year")
        if len(group) < 2:
            continue
        points = tuple((int(record.year), float(record.value), Source(doc_id, record.page, kind))
                       for record in group.itertuples())
        by_scope[Scope(indicator, province, level)].append(
            Series(area=area, doc_id=doc_id, kind=kind, points=points))
    return tuple(Trend(scope=scope, series=tuple(series))
                 for scope, series in sorted(by_scope.items(), key=lambda item: item[0].order()))


def compare_run(out_dir: Path, indicator: str = "", lang: str = "en") -> Comparison:
    """The comparison of a run folder, of one indicator when `indicator` names one; an indicator the folder has
    no targets for is a `UsageError` that lists those it has."""
    targets = load_targets(out_dir, lang)
    if indicator:
        known = sorted(set(targets["indicator"].dropna().astype(str)))
        if indicator not in known:
            raise UsageError(say("unknown_indicator", lang, indicator=indicator, valid=", ".join(known) or "-"))
        targets = targets[targets["indicator"] == indicator]
    rows = side_by_side(targets)
    return Comparison(indicators=tuple(sorted({row.scope.indicator for row in rows})), rows=rows,
                      rankings=rankings(rows), trends=trends(targets), documents=load_documents(out_dir),
                      issues=load_issues(out_dir))


def no_targets_message(indicator: str = "", lang: str = "en") -> str:
    return say("no_targets_for", lang, indicator=indicator) if indicator else say("no_targets", lang)


def format_values(values: tuple[Value, ...]) -> str:
    """`97.80`, or `10.84 / 40.84` where the run's documents disagree; `?` for a number that was not read."""
    return " / ".join("?" if value.value is None else f"{value.value:.2f}" for value in values)


@dataclass(frozen=True)
class ComparisonTable:
    """The side-by-side table as text cells: one row per province, area, indicator and unit, a column per year,
    each value followed by the documents (numbered in `legend`) and pages that print it."""

    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    legend: tuple[str, ...]
    years: int  # the last `years` columns are years (numbers, right-aligned)


UNIT_SIGNS = {"percent": "%"}


def comparison_table(comparison: Comparison, lang: str = "en") -> ComparisonTable:
    numbers = {document.doc_id: number for number, document in enumerate(comparison.documents, start=1)}
    page_word = say("page_short", lang)
    cited: set[str] = set()

    def cell(values: tuple[Value, ...]) -> str:
        parts = []
        for value in values:
            places = ", ".join(f"{numbers.get(source.doc_id, source.doc_id)}"
                               + ("" if source.page is None else f" {page_word}{source.page}")
                               for source in value.sources)
            cited.update(source.doc_id for source in value.sources)
            parts.append(f"{format_values((value,))} [{places}]")
        return " / ".join(parts)

    ordered = sorted(comparison.rows, key=lambda row: (row.scope.province, row.scope.order()[2], row.area,
                                                       row.scope.indicator))
    years = sorted({year for row in ordered for year in row.by_year})
    rows = tuple((row.scope.province, row.area, row.scope.indicator, UNIT_SIGNS.get(row.unit, row.unit),
                  *(cell(row.by_year.get(year, ())) for year in years)) for row in ordered)
    legend = tuple(f"[{numbers[document.doc_id]}] {document.file_name}"
                   + "".join(f"  {fact}" for fact in (document.plan_number, document.issue_date) if fact)
                   for document in comparison.documents if document.doc_id in cited)
    header = tuple(say(f"column_{name}", lang) for name in ("province", "area", "indicator", "unit"))
    return ComparisonTable(header=header + tuple(str(year) for year in years), rows=rows, legend=legend,
                           years=len(years))


def as_text(table: ComparisonTable, lang: str) -> str:
    """Columns padded to their widest cell, years to the right; the sources' legend below."""
    widths = [max(len(line[column]) for line in (table.header, *table.rows)) for column in range(len(table.header))]
    first_year = len(table.header) - table.years

    def line(cells: tuple[str, ...]) -> str:
        return "  ".join(text.rjust(width) if column >= first_year else text.ljust(width)
                         for column, (text, width) in enumerate(zip(cells, widths))).rstrip()

    return "\n".join([line(table.header), *(line(row) for row in table.rows), "", say("sources_legend", lang),
                      *table.legend])


def as_markdown(table: ComparisonTable, lang: str) -> str:
    def line(cells: tuple[str, ...]) -> str:
        return "| " + " | ".join(text.replace("|", "\\|") for text in cells) + " |"

    first_year = len(table.header) - table.years
    rule = "|" + "|".join("---:" if column >= first_year else "---" for column in range(len(table.header))) + "|"
    return "\n".join([line(table.header), rule, *(line(row) for row in table.rows), "",
                      f"{say('sources_legend', lang)}", "", *(f"- {entry}" for entry in table.legend)])


LONG_COLUMNS = ["province", "area_level", "area_name", "indicator", "unit", "year", "value", "source", "page",
                "doc_id", "source_file", "plan_number", "issue_date"]


def as_csv(out_dir: Path, indicator: str = "") -> str:
    """One row per target value and the place that prints it, with its document: for a spreadsheet or a script."""
    targets = load_targets(out_dir)
    if indicator:
        targets = targets[targets["indicator"] == indicator]
    documents = _read_table(out_dir / "documents.csv")
    if documents.empty:
        documents = pd.DataFrame(columns=["doc_id", "source_file"])
    merged = targets.drop(columns=["plan_number", "issue_date"], errors="ignore").merge(
        documents.reindex(columns=["doc_id", "source_file", "plan_number", "issue_date"]), on="doc_id", how="left")
    merged["area_name"] = merged["area_name"].fillna(merged["area_name_raw"])
    merged = merged.sort_values(["province", "area_level", "area_name", "indicator", "year", "doc_id", "page"])
    return merged.reindex(columns=LONG_COLUMNS).to_csv(index=False, lineterminator="\n", float_format="%g")


def compare_targets(out_dir: Path, indicator: str = "", fmt: str = "text", lang: str = "en") -> str:
    """What `kehoach compare` prints: the side-by-side table as text for the terminal or as Markdown, or the
    values one per row as CSV."""
    comparison = compare_run(out_dir, indicator, lang)
    if fmt == "csv":
        return as_csv(out_dir, indicator).rstrip("\n")
    if not comparison.rows:
        return no_targets_message(indicator, lang)
    table = comparison_table(comparison, lang)
    return as_markdown(table, lang) if fmt == "markdown" else as_text(table, lang)
