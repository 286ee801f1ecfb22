"""Where a value lives in the review site (`kehoach review DIR`): the paths and anchors other outputs link to.

Takes a document id with a page, or a target's source, indicator, year and printed area (what targets.csv holds);
gives `review/<doc_id>.html#p<page>` or the target's anchor. The HTML report and the workbook link with these
and the review pages name their places with them, so the links hold without either reading the other.
"""
from __future__ import annotations

from kehoach.text_folding import squeeze

REVIEW_FOLDER = "review"  # inside the run folder


def page_anchor(page: int | None) -> str:
    return f"p{page}" if page is not None else "issues"


def target_anchor(source: str, indicator: str, year: object, area_name_raw: str) -> str:
    """`t-table-bhyt_rate-2024-huyenducco`: a target's place, from what targets.csv holds too."""
    return f"t-{source}-{indicator}-{year if year not in (None, '') else ''}-{squeeze(area_name_raw or '')}"


def review_path(doc_id: str, page: int | None = None, anchor: str = "") -> str:
    """A place in the review site, relative to the run folder: `review/<doc_id>.html#<anchor, else p<page>>`."""
    fragment = anchor or (page_anchor(page) if page is not None else "")
    return f"{REVIEW_FOLDER}/{doc_id}.html" + (f"#{fragment}" if fragment else "")
