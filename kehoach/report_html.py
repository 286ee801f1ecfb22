"""The analyst's report: a `Comparison` of a run folder as one self-contained HTML page with charts.

Takes the `Comparison` of `kehoach.comparison` and gives one HTML file a person opens in a browser, offline: per
indicator and province, the areas ranked on their target for each year (bar charts) and each document's targets
over the years (line charts), then the side-by-side table in which every value names the document and page it
came from; at the end each document of the run with the issues validation found in it, which every value links
to. Each value also links to its page in the run folder's review site (`kehoach review DIR`, `DIR/review/`),
where its cell is drawn over the page's image. A value printed on a page that validation flagged carries a ⚠ and
the issues' codes.

Self-contained by construction: inline CSS and inline SVG (`kehoach.report_charts`), no script, no fonts or
images to fetch, and a Content-Security-Policy that forbids the browser to load anything, so the page looks
the same on a machine without network and cannot run what a document's text might smuggle in. Every text
from the run (area names, titles, messages) passes through `html.escape`. The page's own words are in the
language asked for (`kehoach.messages`); issue messages are as issues.csv has them (`kehoach run --lang`).
"""
from __future__ import annotations

import os
from collections import defaultdict
from html import escape
from pathlib import Path

from kehoach.comparison import (
    Comparison,
    Ranking,
    RunDocument,
    Scope,
    Source,
    Trend,
    Value,
    compare_run,
    format_values,
    no_targets_message,
)
from kehoach.messages import named, say
from kehoach.records import Issue
from kehoach.report_charts import Line, Mark, bar_chart, line_chart
from kehoach.review_links import REVIEW_FOLDER, review_path
from kehoach.writer import atomic_write

FLAGGING = ("error", "warning")  # issues that put a ⚠ on the values printed on their page

STYLE = """
body { font-family: "DejaVu Sans", "Liberation Sans", Arial, sans-serif; margin: 1.5rem auto; max-width: 80rem;
       padding: 0 1rem; color: #1d2430; line-height: 1.4; }
h1 { font-size: 1.5rem; } h2 { font-size: 1.25rem; border-bottom: 2px solid #1f5fa8; padding-bottom: .2rem;
margin-top: 2.5rem; } h3 { font-size: 1.05rem; margin-top: 1.5rem; }
nav a { margin-right: 1rem; }
.charts { display: flex; flex-wrap: wrap; gap: 1rem 2rem; }
figure { margin: 0; } figcaption { font-size: .85rem; font-weight: bold; margin-bottom: .3rem; }
svg.chart { font-size: 12px; overflow: visible; }
svg .grid { stroke: #e3e6eb; } svg .axis { stroke: #6b7280; } svg .tick { fill: #6b7280; font-size: 11px; }
svg .value { fill: #1d2430; font-size: 11px; } svg .line { stroke-width: 2; }
table { border-collapse: collapse; font-size: .85rem; margin: .5rem 0 1rem; }
th, td { border: 1px solid #d5d9e0; padding: .25rem .5rem; vertical-align: top; text-align: left; }
th { background: #f1f3f6; } td.number { white-space: nowrap; }
.source { font-size: .75rem; color: #4b5563; display: block; } .flagged { color: #b42318; }
.disputed, .disputed a { color: #d1495b; font-weight: bold; } a.review { text-decoration: none; margin-left: .2rem; }
.note, .empty { color: #4b5563; } .empty { font-size: 1.1rem; padding: 1rem; background: #f7f7f9; }
.severity-error { color: #b42318; font-weight: bold; } .severity-warning { color: #b54708; }
article.document { border-top: 1px solid #d5d9e0; padding-top: .5rem; }
"""


class ReportContext:
    """What every part of the page looks up: documents by id, and the issues flagged on each page."""

    def __init__(self, comparison: Comparison, lang: str = "en", review_root: str = REVIEW_FOLDER):
        self.lang = lang
        self.review_root = review_root
        self.documents = {document.doc_id: document for document in comparison.documents}
        self.flags: dict[tuple[str, int], list[str]] = defaultdict(list)
        for doc_id, issues in comparison.issues.items():
            for issue in issues:
                if issue.severity in FLAGGING and issue.page is not None:
                    self.flags[doc_id, issue.page].append(issue.code)

    def document_name(self, doc_id: str) -> str:
        document = self.documents.get(doc_id)
        return Path(document.file_name).stem if document and document.file_name else doc_id

    def flagged(self, source: Source) -> list[str]:
        return self.flags.get((source.doc_id, source.page), []) if source.page is not None else []

    def where(self, source: Source) -> str:
        """`gialai_2024_scan.pdf (356/KH-BCĐ), page 3, table`: plain text for tooltips."""
        document = self.documents.get(source.doc_id)
        name = document.file_name if document else source.doc_id
        plan = f" ({document.plan_number})" if document and document.plan_number else ""
        page = f", {say('page_long', self.lang)} {source.page}" if source.page is not None else ""
        flags = self.flagged(source)
        warning = f" — {say('issues_on_page', self.lang)}: {', '.join(flags)}" if flags else ""
        return f"{name}{plan}{page}, {named('kind', source.kind, self.lang)}{warning}"

    def review_href(self, source: Source) -> str:
        """The value's page in the review site (`kehoach review DIR`), from where the report stands."""
        return f"{self.review_root}/{review_path(source.doc_id, source.page).removeprefix(REVIEW_FOLDER + '/')}"

    def review_link(self, source: Source) -> str:
        return (f'<a class="review" href="{escape(self.review_href(source))}" '
                f'title="{escape(say("review_link", self.lang))}">◳</a>')

    def source_link(self, source: Source) -> str:
        page = f" {say('page_short', self.lang)}{source.page}" if source.page is not None else ""
        flags = self.flagged(source)
        mark = " ⚠" if flags else ""
        title = self.where(source)
        return (f'<a class="source{" flagged" if flags else ""}" href="#doc-{escape(source.doc_id)}" '
                f'title="{escape(title)}">{escape(self.document_name(source.doc_id))}{page}, '
                f"{escape(named('kind', source.kind, self.lang))}{mark}</a>")


def scope_name(scope: Scope, lang: str) -> str:
    """`Tỉnh Gia Lai: districts`."""
    return f"{scope.province or say('province_unknown', lang)}: {named('level', scope.level, lang)}"


def mark_data(scope: Scope, area: str, year: int, value: Value) -> dict[str, str]:
    """What a bar or point stands for, as data-* attributes: sources as `doc_id:page` separated by spaces."""
    sources = " ".join(f"{source.doc_id}:{'' if source.page is None else source.page}" for source in value.sources)
    return {"area": area, "value": repr(value.value), "year": str(year), "indicator": scope.indicator,
            "level": scope.level, "sources": sources}


def ranking_figure(ranking: Ranking, context: ReportContext) -> str:
    scope = ranking.scope
    marks = []
    for place, ranked in enumerate(ranking.areas, start=1):
        value = ranked.value
        label = f"{place}. {ranked.area}"
        if ranked.disputed:  # the same area twice: say which documents and pages each bar comes from
            label += " (" + ", ".join(f"{context.document_name(source.doc_id)} {say('page_short', context.lang)}"
                                      f"{source.page}"
                                      for source in value.sources) + ")"
        tooltip = (f"{ranked.area} — {scope.indicator} {ranking.year}: {value.value:.2f}\n"
                   + "\n".join(context.where(source) for source in value.sources))
        marks.append(Mark(label=label, value=value.value, tooltip=tooltip, highlight=ranked.disputed,
                          data=mark_data(scope, ranked.area, ranking.year, value)))
    caption = say("ranked_caption", context.lang, scope=scope_name(scope, context.lang), indicator=scope.indicator,
                  year=ranking.year)
    return f"<figure><figcaption>{escape(caption)}</figcaption>{bar_chart(marks, caption)}</figure>"


def trend_figure(trend: Trend, context: ReportContext) -> str:
    scope = trend.scope
    years = sorted({year for series in trend.series for year, _, _ in series.points})
    origins = {(series.doc_id, series.kind) for series in trend.series}
    shared = len(origins) == 1  # one document's table or prose: say so once, in the caption
    lines = []
    # The legend lists the lines from the highest last value down, as they end on the right.
    for series in sorted(trend.series, key=lambda series: (-series.points[-1][1], series.area)):
        label = series.area if shared else (f"{series.area} · {context.document_name(series.doc_id)}, "
                                            f"{named('kind', series.kind, context.lang)}")
        points = []
        for year, value, source in series.points:
            tooltip = f"{series.area} — {scope.indicator} {year}: {value:.2f}\n{context.where(source)}"
            data = mark_data(scope, series.area, year, Value(value, (source,)))
            points.append((str(year), Mark(label=series.area, value=value, tooltip=tooltip, data=data)))
        lines.append(Line(label=label, points=tuple(points)))
    if shared:
        doc_id, kind = next(iter(origins))
        origin = say("trend_from", context.lang, document=context.document_name(doc_id),
                     kind=named("kind", kind, context.lang))
    else:
        origin = say("trend_per_line", context.lang)
    caption = say("trend_caption", context.lang, scope=scope_name(scope, context.lang), indicator=scope.indicator,
                  origin=origin)
    return (f"<figure><figcaption>{escape(caption)}</figcaption>"
            f"{line_chart(lines, [str(year) for year in years], caption)}</figure>")


def values_cell(values: tuple[Value, ...], context: ReportContext) -> str:
    if not values:
        return '<td class="number"></td>'
    disputed = len([value for value in values if value.value is not None]) > 1
    parts = []
    for value in values:
        number = format_values((value,))
        css = ' class="disputed"' if disputed else ""
        links = "".join(context.source_link(source) + context.review_link(source) for source in value.sources)
        shown = (f'<a href="{escape(context.review_href(value.sources[0]))}" '
                 f'title="{escape(say("review_link", context.lang))}">{escape(number)}</a>' if value.sources
                 else escape(number))
        parts.append(f"<span{css}>{shown}</span>{links}")
    return f'<td class="number">{"".join(parts)}</td>'


def side_by_side_table(comparison: Comparison, indicator: str, context: ReportContext) -> str:
    rows = [row for row in comparison.rows if row.scope.indicator == indicator]
    years = sorted({year for row in rows for year in row.by_year})
    head = "".join(f"<th>{year}</th>" for year in years)
    body = "".join(
        f"<tr><td>{escape(row.scope.province)}</td><td>{escape(named('level', row.scope.level, context.lang))}</td>"
        f"<td>{escape(row.area)}</td>"
        + "".join(values_cell(row.by_year.get(year, ()), context) for year in years) + "</tr>"
        for row in rows)
    names = "".join(f"<th>{escape(say(f'column_{name}', context.lang))}</th>" for name in ("province", "level", "area"))
    return (f'<table class="side-by-side"><thead><tr>{names}{head}</tr>'
            f"</thead><tbody>{body}</tbody></table>")


def indicator_section(comparison: Comparison, indicator: str, context: ReportContext) -> str:
    lang = context.lang
    heading = (f'<section id="indicator-{escape(indicator)}"><h2>{escape(named("indicator", indicator, lang))} '
               f"<code>{escape(indicator)}</code>, {say('percent_heading', lang)}</h2>")
    parts = [heading]
    provinces = sorted({row.scope.province for row in comparison.rows if row.scope.indicator == indicator})
    for province in provinces:
        figures = [ranking_figure(ranking, context) for ranking in comparison.rankings
                   if (ranking.scope.indicator, ranking.scope.province) == (indicator, province)]
        figures += [trend_figure(trend, context) for trend in comparison.trends
                    if (trend.scope.indicator, trend.scope.province) == (indicator, province)]
        parts.append(f"<h3>{escape(province or say('province_unknown', lang))}</h3>")
        parts.append(f'<div class="charts">{"".join(figures)}</div>' if figures else
                     f'<p class="note">{escape(say("only_province", lang))}</p>')
    parts.append(f"<h3>{escape(say('side_by_side', lang))}</h3>")
    parts.append(f'<p class="note">{escape(say("side_by_side_note", lang))}</p>')
    parts.append(side_by_side_table(comparison, indicator, context))
    parts.append("</section>")
    return "".join(parts)


def issues_table(issues: tuple[Issue, ...], lang: str) -> str:
    """The issues as issues.csv words them (in the language the run wrote it in), severities named in `lang`."""
    if not issues:
        return f'<p class="note">{escape(say("no_issues", lang))}</p>'
    rows = "".join(
        f'<tr><td class="severity-{escape(issue.severity)}">{escape(named("severity", issue.severity, lang))}</td>'
        f"<td><code>{escape(issue.code)}</code></td><td>{'' if issue.page is None else issue.page}</td>"
        f"<td>{escape(issue.message)}</td></tr>" for issue in issues)
    head = "".join(f"<th>{escape(say(f'column_{name}', lang))}</th>"
                   for name in ("severity", "code", "page", "message"))
    return f'<table class="issues"><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>'


def document_article(document: RunDocument, issues: tuple[Issue, ...], lang: str) -> str:
    facts = [("file", document.file_name), ("status", named("status", document.status, lang)),
             ("type", document.doc_type), ("number", document.plan_number), ("issued", document.issue_date),
             ("issuer", document.issuer), ("error", document.error)]
    listed = "".join(f"<li>{escape(say(f'fact_{name}', lang))}: {escape(value)}</li>" for name, value in facts if value)
    return (f'<article class="document" id="doc-{escape(document.doc_id)}">'
            f"<h3>{escape(document.title or document.file_name)} <code>{escape(document.doc_id)}</code></h3>"
            f"<ul>{listed}</ul>{issues_table(issues, lang)}</article>")


def documents_section(comparison: Comparison, lang: str) -> str:
    articles = "".join(document_article(document, comparison.issues.get(document.doc_id, ()), lang)
                       for document in comparison.documents)
    if not articles:
        articles = f'<p class="note">{escape(say("no_documents", lang))}</p>'
    return f'<section id="documents"><h2>{escape(say("documents_heading", lang))}</h2>{articles}</section>'


def render_report(comparison: Comparison, run_name: str, indicator: str = "", lang: str = "en",
                  review_root: str = REVIEW_FOLDER) -> str:
    """The report's page; `review_root`: the run folder's review site as a path from where the page is written."""
    context = ReportContext(comparison, lang, review_root)
    n_values = sum(len(values) for row in comparison.rows for values in row.by_year.values())
    nav = "".join(f'<a href="#indicator-{escape(name)}">{escape(name)}</a>' for name in comparison.indicators)
    if comparison.indicators:
        body = "".join(indicator_section(comparison, name, context) for name in comparison.indicators)
    else:
        body = f'<p class="empty" id="no-targets">{escape(no_targets_message(indicator, lang))}</p>'
    title = say("report_title", lang, run=run_name)
    counts = say("report_counts", lang, documents=len(comparison.documents), values=n_values,
                 issues=sum(map(len, comparison.issues.values())))
    return (
        f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8">'
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; "
        "img-src data:\">"
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f'<link rel="icon" href="data:,"><title>{escape(title)}</title><style>{STYLE}</style></head><body>'
        f"<header><h1>{escape(title)}</h1><p>{escape(counts)}"
        + (escape(say("report_only", lang, indicator=indicator)) if indicator else "")
        + escape(say("report_legend", lang))
        + f'</p><nav>{nav}<a href="#documents">{escape(say("documents_nav", lang))}</a></nav></header>'
        f"<main>{body}{documents_section(comparison, lang)}</main></body></html>\n")


def write_report(out_dir: Path, path: Path, indicator: str = "", lang: str = "en") -> None:
    """Write the report of a run folder to `path`, atomically like every output: never a half-written page."""
    review_root = Path(os.path.relpath(out_dir.resolve() / REVIEW_FOLDER, path.resolve().parent)).as_posix()
    atomic_write(path, render_report(compare_run(out_dir, indicator, lang), out_dir.resolve().name, indicator, lang,
                                     review_root))
