"""Agencies: canonical names with diacritics, and partner lists split into whole agencies.

Takes an agency as printed (`BHXH tỉnh`, `Sở LĐ-TB&XH`, `UBND các xã, thị trấn`); gives its canonical name
from vocab/data/agencies.csv (text the kehoach authors wrote: canonical names and the abbreviations plans
use) with a score, or the printed text with abbreviations expanded and score 0 when no entry is close.
A cooperating-agency cell (đơn vị phối hợp) is split at commas, semicolons and `và` only where the next part
opens a new agency (`Sở ...`, `Bảo hiểm ...`, `UBND ...`, `Các ...`): `Các Sở, ban, ngành, Hội, đoàn thể liên
quan` and `Ủy ban nhân dân các huyện, thành phố` stay whole; `Sở Lao động - Thương binh và Xã hội` too.
"""
from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files

from rapidfuzz import fuzz, process

from kehoach.text_folding import fold

ABBREVIATIONS = [  # printed form → full form, applied word-wise before matching
    (r"\bUBND\b", "Ủy ban nhân dân"), (r"\bUỷ ban\b", "Ủy ban"), (r"\bBHXH\b", "Bảo hiểm xã hội"),
    (r"\bMTTQVN\b", "Mặt trận Tổ quốc Việt Nam"), (r"\bMTTQ\b", "Mặt trận Tổ quốc"),
    (r"\bLĐ-?TB&XH\b|\bLĐTBXH\b", "Lao động - Thương binh và Xã hội"),
    (r"\bLao động\s*-\s*TB&XH\b", "Lao động - Thương binh và Xã hội"), (r"\bLĐLĐ\b", "Liên đoàn Lao động"),
]
# The words that open an agency's name, matched without marks so OCR's `Bảo hiếm` still opens one.
AGENCY_OPENING = re.compile(
    r"^(so|bao hiem|bhxh|uy ban|ubnd|cong an|cuc|chi cuc|thanh tra|lien doan|ldld|dai|bao|phong|trung tam|vien|"
    r"ngan hang|kho bac|ban|cac|tinh doan|huyen doan|doan|van phong|bo|toa an|mat tran|hoi \S+|co quan)\b"
)
MATCH_MIN = 90


@dataclass(frozen=True)
class AgencyMatch:
    name: str
    raw: str
    score: float  # 0..100; 0 when the name is not in the vocabulary


def expand(text: str) -> str:
    for pattern, full in ABBREVIATIONS:
        text = re.sub(pattern, full, text)
    return " ".join(text.split())


@lru_cache(maxsize=1)
def vocabulary() -> dict[str, str]:
    """Skeleton of every canonical name and variant (expanded) → canonical name."""
    text = (files("kehoach.vocab") / "data" / "agencies.csv").read_text(encoding="utf-8")
    names: dict[str, str] = {}
    for row in csv.DictReader(io.StringIO(text)):
        for form in [row["canonical"], *filter(None, row["variants"].split("|"))]:
            names[fold(expand(form))] = row["canonical"]
    return names


def canonical_agency(raw: str) -> AgencyMatch:
    cleaned = expand(raw.strip(" .;,"))
    known = vocabulary()
    key = fold(cleaned)
    if key in known:
        return AgencyMatch(known[key], raw, 100.0)
    best = process.extractOne(key, list(known), scorer=fuzz.ratio, score_cutoff=MATCH_MIN)
    if best:
        return AgencyMatch(known[best[0]], raw, best[1])
    return AgencyMatch(cleaned, raw, 0.0)


def split_agencies(text: str) -> list[str]:
    agencies: list[str] = []
    for piece in (piece.strip() for piece in re.split(r"[,;]\s*", text)):
        if not piece:
            continue
        first, *rest = _split_on_and(piece)
        if agencies and not opens_agency(first):
            agencies[-1] = f"{agencies[-1]}, {first}"  # `ban`, `ngành`, `thị trấn`: the same agency goes on
        else:
            agencies.append(first)
        agencies.extend(rest)
    return [agency.strip(" .") for agency in agencies]


def opens_agency(text: str) -> bool:
    """`Sở ...`, `Bảo hiểm ...`, `UBND ...`, `Các ...`, `Hội Nông dân` open an agency; a lone `Hội`, `ban`,
    `ngành`, `thị trấn` or `Xã hội` does not."""
    capitalised = text[:1].isupper() or text.startswith(("các ", "cơ quan"))  # `ban, ngành` go on an agency
    return (capitalised and bool(AGENCY_OPENING.match(fold(text)))
            and not (text.lower() == "hội" or text.startswith("Xã hội")))


def _split_on_and(piece: str) -> list[str]:
    """`Sở Tài chính và Bảo hiểm xã hội tỉnh` → two; `Sở Giáo dục và Đào tạo` → one."""
    parts = re.split(r"\s+và\s+", piece)
    merged = [parts[0]]
    for part in parts[1:]:
        if opens_agency(part):
            merged.append(part)
        else:
            merged[-1] = f"{merged[-1]} và {part}"
    return merged
