"""What a synthetic document says and how it is laid out: the input of the sample renderer.

A `DocumentSpec` is a header block (issuer, number, place and date), a title, and a list of blocks:
paragraphs and tables. Tables carry their header rows (with column and row spans) and body rows; a body row
given as a single string is a heading row that spans the table's width.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal, Union


@dataclass(frozen=True)
class Paragraph:
    text: str
    style: Literal["body", "heading", "center", "center_bold", "italic_center", "signature"] = "body"


@dataclass(frozen=True)
class HeaderCell:
    text: str
    col_span: int = 1
    row_span: int = 1


@dataclass(frozen=True)
class TableSpec:
    header: list[list[HeaderCell]]
    rows: list[Union[list[str], str]]
    col_widths: list[float]  # fractions of the text width
    font_size: float = 10.5


@dataclass(frozen=True)
class PageBreak:
    pass


Block = Union[Paragraph, TableSpec, PageBreak]


@dataclass(frozen=True)
class DocumentSpec:
    issuer_lines: list[str]
    number: str  # as printed after "Số:", e.g. "356/KH-BCĐ"
    place_date: str  # e.g. "Gia Lai, ngày 15 tháng 3 năm 2024"
    doc_title: str  # "KẾ HOẠCH"
    subject_lines: list[str]
    blocks: list[Block] = field(default_factory=list)
