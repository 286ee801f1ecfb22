"""The admin-unit gazetteer: resolve a unit name as a plan prints it to the official unit and its code.

Takes a raw name (`TT Hồ Xá`, `Huyện Đăk Glei`, `Đăk Hà`, `TP Kon Tum`, `Ia H' Drai`) and a context (the
structure in force at the document's date, the province and district it is about); gives an `Area` with the
official name (`Thị trấn Hồ Xá`, `Huyện Đắk Glei`), level, statistics-office code and province, or None.
Names are compared on a skeleton without marks, spaces or apostrophes, so local spellings (`Đăk`/`Đắk`,
`H'Drai`/`H' Drai`, `KBang`/`Kbang`) meet the official one; the type word (`TT`, `Xã`, `Huyện`, `TP`)
narrows the level. Data: vocab/data/gazetteer.csv.gz, built by build_gazetteer.py, loaded once.
"""
from __future__ import annotations

import csv
import gzip
import io
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files

from rapidfuzz import fuzz, process

from kehoach.text_folding import squeeze

STRUCTURE_2025_FROM = "2025-07-01"  # the 34-province structure took effect on this day

# Type words as printed → (official prefix, level).
TYPE_WORDS = [
    (r"thành phố|tp\.?", "Thành phố", None),
    (r"thị trấn|tt\.?", "Thị trấn", "commune"),
    (r"thị xã|tx\.?", "Thị xã", "district"),
    (r"huyện|h\.", "Huyện", "district"),
    (r"quận|q\.", "Quận", "district"),
    (r"xã|x\.", "Xã", "commune"),
    (r"phường|p\.", "Phường", "commune"),
    (r"đặc khu", "Đặc khu", "commune"),
    (r"tỉnh", "Tỉnh", "province"),
]
PREFIX = re.compile(r"^\s*(?P<type>" + "|".join(pattern for pattern, _, _ in TYPE_WORDS) + r")\s+(?P<name>\S.*)$",
                    re.IGNORECASE)
FUZZY_MIN = 88
OCR_CAPITAL_I = re.compile(r"\bl(?=a\s)")  # OCR reads the capital I of `Ia Grai`, `Ia Pa` as a lower-case l


@dataclass(frozen=True)
class Area:
    name: str
    level: str  # province | district | commune
    code: str
    province: str
    province_code: str
    parent_code: str
    structure: str


def split_type(raw: str) -> tuple[str | None, str | None, str]:
    """(official type prefix, level, bare name) of a printed unit name; no type word → (None, None, raw)."""
    match = PREFIX.match(raw.strip())
    if not match:
        return None, None, raw.strip()
    word = match["type"].lower()
    for pattern, prefix, level in TYPE_WORDS:
        if re.fullmatch(pattern, word):
            return prefix, level, match["name"].strip()
    return None, None, raw.strip()


class Gazetteer:
    def __init__(self, rows: list[dict]):
        self.areas: list[Area] = []
        province_names = {(r["structure"], r["code"]): r["name"] for r in rows if r["level"] == "province"}
        for row in rows:
            self.areas.append(Area(name=row["name"], level=row["level"], code=row["code"],
                                   province=province_names[(row["structure"], row["province_code"])],
                                   province_code=row["province_code"], parent_code=row["parent_code"],
                                   structure=row["structure"]))
        self.by_skeleton: dict[tuple[str, str], list[Area]] = {}
        self.full_names: dict[tuple[str, str], list[tuple[str, Area]]] = {}
        for area in self.areas:
            _, _, bare = split_type(area.name)
            self.by_skeleton.setdefault((area.structure, squeeze(bare)), []).append(area)
            self.full_names.setdefault((area.structure, area.level), []).append((squeeze(area.name), area))

    def in_context(self, structure: str, province_code: str = "", district_code: str = "") -> list[Area]:
        return [a for a in self.areas if a.structure == structure
                and (not province_code or a.province_code == province_code)
                and (not district_code or a.parent_code == district_code or a.code == district_code)]

    def resolve(self, raw: str, structure: str = "2023", province_code: str = "", district_code: str = "",
                level: str | None = None) -> Area | None:
        prefix, printed_level, bare = split_type(raw)
        wanted_level = printed_level or level
        spellings = {squeeze(bare), squeeze(OCR_CAPITAL_I.sub("I", bare))}  # `la Grai` is `Ia Grai` misread
        candidates = [a for spelling in spellings for a in self.by_skeleton.get((structure, spelling), [])
                      if (not province_code or a.province_code == province_code)
                      and (not district_code or a.parent_code == district_code or a.level != "commune")]
        if not candidates and (province_code or district_code):
            pool = {squeeze(split_type(a.name)[2]): a for a in self.in_context(structure, province_code, district_code)}
            best = process.extractOne(squeeze(bare), list(pool), scorer=fuzz.ratio, score_cutoff=FUZZY_MIN)
            candidates = [pool[best[0]]] if best else []
        return _pick(candidates, prefix, wanted_level)

    def find_in_text(self, text: str, structure: str, level: str, province_code: str = "") -> list[Area]:
        """Units of `level` named with their type word in `text` (`UBND HUYỆN VĨNH LINH` → Huyện Vĩnh Linh)."""
        squeezed = squeeze(text)
        return [area for name, area in self.full_names.get((structure, level), [])
                if name in squeezed and (not province_code or area.province_code == province_code)]


def _pick(candidates: list[Area], prefix: str | None, level: str | None) -> Area | None:
    if level:
        narrowed = [a for a in candidates if a.level == level]
        candidates = narrowed or candidates
    if prefix:
        narrowed = [a for a in candidates if a.name.startswith(prefix)]
        candidates = narrowed or candidates
    if len(candidates) > 1:
        order = {"province": 0, "district": 1, "commune": 2}
        best = min(order[a.level] for a in candidates)
        candidates = [a for a in candidates if order[a.level] == best]
    return candidates[0] if len(candidates) == 1 else None


def structure_for(iso_date: str) -> str:
    """The structure in force on a document's date; undated documents are read against the 2023 one."""
    return "2025" if iso_date and iso_date >= STRUCTURE_2025_FROM else "2023"


@lru_cache(maxsize=1)
def load_gazetteer() -> Gazetteer:
    raw = (files("kehoach.vocab") / "data" / "gazetteer.csv.gz").read_bytes()
    return Gazetteer(list(csv.DictReader(io.StringIO(gzip.decompress(raw).decode("utf-8")))))
