"""The review site's pages as HTML: an index of a run's documents and one page per document.

Takes `ReviewDocument`s (`kehoach.review_marks`) and the names of their page images; gives HTML text. A document's
page shows each of its pages as its image with the marks drawn over it, absolutely positioned in percentages of
the page (so they stay on their print at any zoom): table cells coloured from red to green by the confidence they
were read with, targets in a heavier frame, targets in doubt (an issue names them, or the page's words read another
rate in their cell) outlined in red, tasks in blue; a page an error or warning is
about has a red frame, and so has its number in the list of pages at the top. Beside the
image, each target and task of the page with a crop of the image around it (the same image file drawn as a CSS
background, no extra file) and a link to its box. Anchors: `#p<page>` for a page, a target's `target_anchor`
(`kehoach.review_marks`) for a target, which the HTML report and the workbook link to.

Static and offline by construction: no script, inline CSS, images only from the review folder, a
Content-Security-Policy that forbids the rest, and every text from the run through `html.escape`. Words of the
page in the language asked for (`kehoach.messages`); issue messages translated by their code
(`kehoach.issue_texts`).
"""
from __future__ import annotations

from html import escape
from pathlib import Path

from kehoach.config import ReviewSettings
from kehoach.issue_texts import issue_message
from kehoach.messages import named, say
from kehoach.records import BBox
from kehoach.review_links import page_anchor
from kehoach.review_marks import FLAGGING, Mark, ReviewDocument, ReviewPage

CSP = ("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; "
       "img-src 'self' file: data:\">")

STYLE = """
body { font-family: "DejaVu Sans", "Liberation Sans", Arial, sans-serif; margin: 1rem; color: #1d2430;
       line-height: 1.35; font-size: 14px; }
h1 { font-size: 1.35rem; margin: .2rem 0; } h2 { font-size: 1.1rem; border-bottom: 2px solid #1f5fa8; }
table { border-collapse: collapse; margin: .4rem 0 1rem; }
th, td { border: 1px solid #d5d9e0; padding: .2rem .45rem; vertical-align: middle; text-align: left; }
th { background: #f1f3f6; } .number { text-align: right; white-space: nowrap; }
.legend, .note { color: #4b5563; } .severity-error { color: #b42318; font-weight: bold; }
.severity-warning { color: #b54708; } .status-failed { color: #b42318; font-weight: bold; }
.status-partial { color: #b54708; font-weight: bold; }
section.page { display: flex; gap: 1.2rem; align-items: flex-start; margin-bottom: 2rem; }
.paper { position: relative; flex: 0 0 auto; width: 820px; max-width: 60vw; border: 1px solid #9aa3ae;
         background: #fff; }
.paper.flagged { border: 2px solid #d92d20; } nav.pages a.flagged { color: #d92d20; font-weight: bold; }
.paper img { display: block; width: 100%; height: auto; }
.box { position: absolute; box-sizing: border-box; display: block; }
.box.cell { border: 1px solid hsla(var(--hue), 75%, 38%, .55); background: hsla(var(--hue), 85%, 50%, .13); }
.box.target { border: 2px solid hsl(var(--hue), 75%, 35%); }
.box.task { border: 2px solid #1f5fa8; background: rgba(31, 95, 168, .06); }
.box.flagged { outline: 3px solid #d92d20; outline-offset: 1px; }
.box:target, tr:target { outline: 4px solid #7a2ff7; outline-offset: 2px; }
.values { flex: 1 1 0; min-width: 22rem; }
.crop { display: inline-block; border: 1px solid #9aa3ae; background-repeat: no-repeat; vertical-align: middle; }
tr.flagged td { background: #fef3f2; } .other { color: #b42318; font-weight: bold; }
.page-title { display: block; font-weight: bold; margin: .2rem 0 .4rem; }
"""


def confidence_hue(confidence: float) -> int:
    """0 (red) for a value read with no confidence, 120 (green) for a sure one."""
    return round(120 * min(max(confidence, 0.0), 1.0))


def placed(box: BBox, page: ReviewPage) -> str:
    """A box as CSS position in percentages of the page."""
    width, height = 100 * (box.x1 - box.x0) / page.width, 100 * (box.bottom - box.top) / page.height
    return (f"left:{100 * box.x0 / page.width:.3f}%;top:{100 * box.top / page.height:.3f}%;"
            f"width:{width:.3f}%;height:{height:.3f}%")


def crop(box: BBox, page: ReviewPage, image: str, settings: ReviewSettings) -> str:
    """The image around `box`, `crop_margin` points each side, at `crop_scale` pixels a point: the page image as
    a background, sized and shifted so the box's part shows."""
    scale, margin = settings.crop_scale, settings.crop_margin
    x0, top = max(box.x0 - margin, 0.0), max(box.top - margin, 0.0)
    x1, bottom = min(box.x1 + margin, page.width), min(box.bottom + margin, page.height)
    return (f'<span class="crop" style="width:{(x1 - x0) * scale:.0f}px;height:{(bottom - top) * scale:.0f}px;'
            f"background-image:url('{escape(image)}');background-size:{page.width * scale:.0f}px "
            f'{page.height * scale:.0f}px;background-position:-{x0 * scale:.0f}px -{top * scale:.0f}px"></span>')


def box_html(mark: Mark, page: ReviewPage, anchor: str) -> str:
    flagged = " flagged" if mark.in_doubt else ""
    title = escape(f"{mark.label} {mark.text} ({mark.confidence:.2f})".strip() if mark.label else
                   f"{mark.text} ({mark.confidence:.2f})")
    style = f"{placed(mark.box, page)};--hue:{confidence_hue(mark.confidence)}"
    if mark.kind == "cell":
        return f'<span class="box cell" style="{style}" title="{title}"></span>'
    return (f'<a class="box {mark.kind}{flagged}" id="{escape(anchor)}" href="#v-{escape(anchor)}" style="{style}" '
            f'title="{title}"></a>')


def unique_anchors(marks: list[Mark]) -> list[str]:
    """The marks' anchors, a repeated one suffixed (`-2`): the first keeps the name other files link to."""
    seen: dict[str, int] = {}
    anchors = []
    for mark in marks:
        seen[mark.anchor] = seen.get(mark.anchor, 0) + 1
        anchors.append(mark.anchor if seen[mark.anchor] == 1 else f"{mark.anchor}-{seen[mark.anchor]}")
    return anchors


def value_rows(marks: list[tuple[Mark, str]], page: ReviewPage, image: str | None, lang: str,
               settings: ReviewSettings) -> str:
    rows = []
    for mark, anchor in marks:
        picture = crop(mark.box, page, image, settings) if mark.box and image else \
            f'<span class="note">{escape(say("review_not_placed", lang))}</span>'
        target = linked(mark.text, anchor, mark.box is not None)
        codes = f"<code>{escape(', '.join(mark.issues))}</code>"
        if mark.other_reading:
            codes += f' <span class="other">{escape(say("review_other_reading", lang, text=mark.other_reading))}</span>'
        rows.append(f'<tr id="v-{escape(anchor)}"{" class=flagged" if mark.in_doubt else ""}>'
                    f'<td class="number">{target}</td><td>{picture}</td><td>{escape(mark.label)}</td>'
                    f'<td class="number">{mark.confidence:.2f}</td><td>{codes}</td></tr>')
    return "".join(rows)


def values_table(heading: str, marks: list[tuple[Mark, str]], page: ReviewPage, image: str | None, lang: str,
                 settings: ReviewSettings) -> str:
    if not marks:
        return ""
    head = "".join(f"<th>{escape(say(f'column_{name}', lang))}</th>"
                   for name in ("value", "crop", "what", "confidence", "code"))
    return (f'<h3>{escape(say(heading, lang))}</h3><table class="values-{heading}"><thead><tr>{head}</tr></thead>'
            f"<tbody>{value_rows(marks, page, image, lang, settings)}</tbody></table>")


def linked(text: str, anchor: str, placed_on_page: bool) -> str:
    """`text` linking to its box on the page, where it has one."""
    return f'<a href="#{escape(anchor)}">{escape(text)}</a>' if placed_on_page else escape(text)


def task_rows(marks: list[tuple[Mark, str]], page: ReviewPage, image: str | None, lang: str,
              settings: ReviewSettings) -> str:
    if not marks:
        return ""
    rows = []
    for mark, anchor in marks:
        picture = crop(mark.box, page, image, settings) + "<br>" if mark.box and image else ""
        rows.append(f'<tr id="v-{escape(anchor)}"><td>{picture}{linked(mark.text, anchor, mark.box is not None)}</td>'
                    f"<td>{escape(mark.label)}</td></tr>")
    head = "".join(f"<th>{escape(say(f'column_{name}', lang))}</th>" for name in ("task", "lead"))
    return (f'<h3>{escape(say("review_tasks", lang))}</h3><table class="values-tasks"><thead><tr>{head}</tr></thead>'
            f"<tbody>{''.join(rows)}</tbody></table>")


def page_section(page: ReviewPage, image: str | None, lang: str, settings: ReviewSettings, flagged: bool) -> str:
    """A page's image with its marks, and its values beside it; `flagged`: an error or warning is about the page
    (its frame is red)."""
    marks = page.marks
    anchors = dict(zip(map(id, marks), unique_anchors(marks)))
    drawn = "".join(box_html(mark, page, anchors[id(mark)]) for mark in marks if mark.box is not None)
    picture = (f'<img src="{escape(image)}" alt="{escape(say("page_long", lang))} {page.number}">' if image else
               f'<p class="note">{escape(say("review_no_image", lang))}</p>')
    # Values in doubt first (an issue names them, or the page's words read them otherwise), then the least surely
    # read: what a person should look at first.
    targets = sorted([(mark, anchors[id(mark)]) for mark in marks if mark.kind == "target"],
                     key=lambda pair: (not pair[0].in_doubt, pair[0].confidence))
    tasks = [(mark, anchors[id(mark)]) for mark in marks if mark.kind == "task"]
    heading = say("review_page_heading", lang, page=page.number, source=named("source", page.text_source, lang),
                  confidence=page.confidence)
    ratio = f"aspect-ratio:{page.width:.2f}/{page.height:.2f}"
    return (f'<section class="page" id="{page_anchor(page.number)}"><div><span class="page-title">{escape(heading)}'
            f'</span><div class="paper{" flagged" if flagged else ""}" style="{ratio}">{picture}{drawn}</div></div>'
            f'<div class="values">{values_table("review_targets", targets, page, image, lang, settings)}'
            f"{task_rows(tasks, page, image, lang, settings)}</div></section>")


def issues_list(document: ReviewDocument, lang: str) -> str:
    if not document.issues:
        return f'<p class="note">{escape(say("no_issues", lang))}</p>'
    rows = "".join(
        f'<tr><td class="severity-{escape(issue.severity)}">{escape(named("severity", issue.severity, lang))}</td>'
        f"<td><code>{escape(issue.code)}</code></td>"
        f"<td>{'' if issue.page is None else linked(str(issue.page), page_anchor(issue.page), True)}</td>"
        f"<td>{escape(issue_message(issue.code, issue.message, lang))}</td></tr>"
        for issue in sorted(document.issues, key=lambda issue: FLAGGING.index(issue.severity)
                            if issue.severity in FLAGGING else len(FLAGGING)))
    head = "".join(f"<th>{escape(say(f'column_{name}', lang))}</th>"
                   for name in ("severity", "code", "page", "message"))
    return f'<table class="issues"><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>'


def html_page(title: str, lang: str, body: str) -> str:
    return (f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8">{CSP}'
            '<meta name="viewport" content="width=device-width, initial-scale=1">'
            f'<link rel="icon" href="data:,"><title>{escape(title)}</title><style>{STYLE}</style></head>'
            f"<body>{body}</body></html>\n")


def document_page(document: ReviewDocument, images: dict[int, str | None], lang: str,
                  settings: ReviewSettings) -> str:
    """One document's review page; `images`: each page's image name (None: no image could be made)."""
    name = Path(document.source_file).name
    facts = [("file", document.source_file), ("status", named("status", document.status, lang)),
             ("number", document.plan_number), ("error", document.error)]
    listed = "".join(f"<li>{escape(say(f'fact_{key}', lang))}: {escape(value)}</li>" for key, value in facts if value)
    flagged = {issue.page for issue in document.issues if issue.severity in FLAGGING}
    pages = "".join(page_section(page, images.get(page.number), lang, settings, page.number in flagged)
                    for page in document.pages)
    links = " ".join(f'<a href="#{page_anchor(page.number)}"{" class=flagged" if page.number in flagged else ""}>'
                     f"{page.number}</a>" for page in document.pages)
    body = (f'<p><a href="index.html">← {escape(say("review_back", lang))}</a></p>'
            f"<h1>{escape(document.title or name)} <code>{escape(document.doc_id)}</code></h1><ul>{listed}</ul>"
            f'<p class="legend">{escape(say("review_legend", lang))}</p>'
            f'<nav class="pages">{escape(say("review_pages", lang))}: {links}</nav>'
            f'<h2 id="issues">{escape(say("review_issues", lang))}</h2>{issues_list(document, lang)}{pages}')
    return html_page(f"{name} · {say('review_title', lang)}", lang, body)


def index_page(documents: list[ReviewDocument], run_name: str, lang: str) -> str:
    """The documents, those that need a person first (`ReviewDocument.needs_person`)."""
    rows = "".join(
        f'<tr><td><a href="{escape(document.doc_id)}.html">{escape(Path(document.source_file).name)}</a></td>'
        f'<td class="status-{escape(document.status)}">{escape(named("status", document.status, lang))}</td>'
        f'<td class="number">{document.flagged_issues}</td><td class="number">{document.other_readings}</td>'
        f'<td class="number">{document.lowest_confidence:.2f}</td>'
        f'<td class="number">{len(document.targets)}</td><td class="number">{len(document.tasks)}</td>'
        f"<td>{escape(document.plan_number)}</td><td>{escape(document.error)}</td></tr>"
        for document in sorted(documents, key=ReviewDocument.needs_person))
    head = "".join(f"<th>{escape(say(f'column_{name}', lang))}</th>" for name in
                   ("file", "status", "issues", "other_readings", "lowest_confidence", "targets", "tasks", "number",
                    "error"))
    title = f"{say('review_title', lang)}: {run_name}"
    body = (f"<h1>{escape(title)}</h1><p class=\"legend\">{escape(say('review_order', lang))}</p>"
            f'<table class="documents"><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>')
    return html_page(title, lang, body)
