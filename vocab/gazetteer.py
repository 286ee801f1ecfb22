"""The admin-unit gazetteer: resolve a unit name as a plan prints it to the official unit and its code.

Takes a raw name (`TT Hồ Xá`, `Huyện Đăk Glei`, `Đăk Hà`, `TP Kon Tum`, `Ia H' Drai`, `H. Sa Thầy`, `TOÀN TỈNH`)
and a context (the structure in force at the document's date, the province and district it is about, a level
hint); gives an `AreaMatch`: the official unit (`Thị trấn Hồ Xá`, `Huyện Đắk Glei`) with level, statistics-office
code and province, and a score saying how it was matched, or None. Also finds the province and district a
header names (`UBND HUYỆN VĨNH LINH` → Huyện Vĩnh Linh, Tỉnh Quảng Trị).

Names are compared on a skeleton without marks, spaces or apostrophes, so local spellings (`Đăk`/`Đắk`/`Đak`,
`H'Drai`/`H' Drai`, `KBang`/`Kbang`) meet the official one; where two units share a skeleton the one spelt with
the same marks wins (tone placement aside: `Hoà` = `Hòa`). The type word (`TT`, `Xã`, `Huyện`, `TP`) narrows
the level. A name no unit has now may be one merged into a unit (`Xã Vĩnh Tân` → `Thị trấn Cửa Tùng`); inside a
known province or district, OCR damage is forgiven by fuzzy matching (rapidfuzz). Each 2023 unit knows the
2025 units it went into (`successors_2025`). Official names come in one spelling convention (`name_style`), and
with the type word the document prints where that is another type of the same level (units change type). Data:
vocab/data/gazetteer.csv.gz and succession_2025.csv.gz, built by build_gazetteer.py, loaded once.
"""
from __future__ import annotations

import csv
import gzip
import io
import re
import unicodedata
from dataclasses import dataclass, replace
from functools import lru_cache
from importlib.resources import files

from rapidfuzz import fuzz, process

from kehoach.text_folding import fold, squeeze
from kehoach.vocab.name_style import TONE_MARKS, house_style

STRUCTURE_2025_FROM = "2025-07-01"  # the 34-province structure took effect on this day
LEVELS = ("province", "district", "commune")

# Type words as printed → (official prefix, level). `Thành phố` names a province or a district.
TYPE_WORDS = [
    (r"thành phố|thành phô|tp\.?", "Thành phố", None),
    (r"thị trấn|tt\.?|t\.t\.?", "Thị trấn", "commune"),
    (r"thị xã|tx\.?|t\.x\.?", "Thị xã", "district"),
    (r"huyện|h\.", "Huyện", "district"),
    (r"quận|q\.", "Quận", "district"),
    (r"xã|x\.", "Xã", "commune"),
    (r"phường|p\.", "Phường", "commune"),
    (r"đặc khu", "Đặc khu", "commune"),
    (r"tỉnh", "Tỉnh", "province"),
]
PREFIX = re.compile(r"^\s*(?P<type>" + "|".join(pattern for pattern, _, _ in TYPE_WORDS) + r")(?:\s+|(?<=\.))"
                    r"(?P<name>\S.*)$", re.IGNORECASE)
# The same type word with the name glued to it: the name's capital follows the type word's last letter directly.
GLUED_PREFIX = re.compile(r"^\s*(?P<type>xã|phường|huyện|quận|thị trấn|thị xã|thành phố|tỉnh)"
                          r"(?P<name>(?-i:[A-ZĐÂĂÊÔƠƯÁÀẢÃẠÉÈẺẼẸÍÌỈĨỊÓÒỎÕỌÚÙỦŨỤÝỲỶỸỴ]).*)$", re.IGNORECASE)
# A table's total row stands for the enclosing area: `TOÀN TỈNH` the province, `Toàn huyện` the district,
# `Tổng cộng` whichever the document is about.
# On folded text, so OCR's lost marks and glued words (`TOÀNTÌNH`) still make a total row.
TOTAL_ROW = re.compile(r"^(toan\s*(?P<scope>tinh|huyen|thanh\s*pho|thi\s*xa)|tong\s*cong|tong\s*so|cong)$")
# The type words a unit of each level can have. A unit's type changes (a thị xã made a thành phố) more often than
# its name: a plan printing another type of the same level names the unit as it stood on the plan's date.
LEVEL_TYPES = {"province": {"Tỉnh", "Thành phố"}, "district": {"Huyện", "Quận", "Thị xã", "Thành phố"},
               "commune": {"Xã", "Phường", "Thị trấn", "Đặc khu"}}
# Type words a header prints before a province or district name, diacritic-free (`UBND TP. KON TUM`).
HEADER_TYPE = {"Tỉnh": "tinh", "Thành phố": "thanh pho|tp", "Huyện": "huyen", "Quận": "quan", "Thị xã": "thi xa|tx"}
FUZZY_MIN = 88
FUZZY_MARGIN = 3  # points the best fuzzy match must lead the next unit by
OCR_CAPITAL_I = re.compile(r"\bl(?=a\s)")  # OCR reads the capital I of `Ia Grai`, `Ia Pa` as a lower-case l

# How a name was matched, and the score each way gives (a fuzzy match scores its similarity × 0.9).
SCORE_EXACT, SCORE_SKELETON, SCORE_FORMER = 100.0, 95.0, 90.0


@dataclass(frozen=True)
class Area:
    name: str  # official, with type prefix: `Thị trấn Hồ Xá`
    level: str  # province | district | commune
    code: str  # statistics office code: 2 digits for a province, 3 for a district, 5 for a commune
    province: str
    province_code: str
    parent_code: str
    structure: str  # "2023" (63 provinces) | "2025" (34 provinces)


@dataclass(frozen=True)
class AreaMatch:
    area: Area
    raw: str
    score: float  # 0..100: 100 spelt as official, 95 same letters, 90 a former name, below that fuzzy
    how: str  # exact | skeleton | former name | fuzzy | total row

    @property
    def name(self) -> str:
        return self.area.name

    @property
    def level(self) -> str:
        return self.area.level

    @property
    def code(self) -> str:
        return self.area.code

    @property
    def province(self) -> str:
        return self.area.province


def total_row(raw: str) -> re.Match | None:
    """`TOÀN TỈNH`, `Toàn huyện`, `Tổng cộng:`: the row of a table that stands for the enclosing area."""
    return TOTAL_ROW.match(fold(raw))


def split_type(raw: str) -> tuple[str | None, str | None, str]:
    """(official type prefix, level, bare name) of a printed unit name; no type word → (None, None, raw). A type
    word OCR glued to a capitalised name (`XãEa Lâm`, `HuyệnBác Ái`) is split from it."""
    match = PREFIX.match(raw.strip()) or GLUED_PREFIX.match(raw.strip())
    if not match:
        return None, None, raw.strip()
    word = match["type"].lower()
    for pattern, prefix, level in TYPE_WORDS:
        if re.fullmatch(pattern, word):
            return prefix, level, match["name"].strip()
    return None, None, raw.strip()


def marked(text: str) -> str:
    """A key that keeps every mark but not where the tone sits, nor spaces and signs (`Hoà` = `Hòa`)."""
    words = []
    for word in unicodedata.normalize("NFD", text.lower()).split():
        tones = "".join(ch for ch in word if ch in TONE_MARKS)
        letters = "".join(ch for ch in word if ch not in TONE_MARKS and (ch.isalnum() or unicodedata.combining(ch)))
        words.append(letters + tones)
    return "".join(words)


def header_pattern(area: Area) -> re.Pattern:
    """The unit's name with its type word as a header prints it, on folded text (`huyen\\s*vinh\\s*linh`)."""
    prefix, _, bare = split_type(area.name)
    words = r"\s*".join(re.escape(word) for word in fold(bare).split())
    return re.compile(rf"(?<![a-z0-9])(?:{HEADER_TYPE.get(prefix, fold(prefix or ''))})\s*{words}(?![a-z0-9])")


class Gazetteer:
    def __init__(self, rows: list[dict], successions: list[dict]):
        province_names = {(r["structure"], r["code"]): house_style(r["name"]) for r in rows if r["level"] == "province"}
        self.areas: list[Area] = []
        self.by_skeleton: dict[tuple[str, str], list[Area]] = {}
        self.by_former_name: dict[tuple[str, str], list[Area]] = {}
        self.by_code: dict[tuple[str, str], Area] = {}
        self.province_2025 = {r["code"]: r["province_2025"] for r in rows if r["structure"] == "2023" and r["level"] == "province"}
        for row in rows:
            area = Area(name=house_style(row["name"]), level=row["level"], code=row["code"],
                        province=province_names[(row["structure"], row["province_code"])],
                        province_code=row["province_code"], parent_code=row["parent_code"], structure=row["structure"])
            self.areas.append(area)
            self.by_code[(area.structure, area.code)] = area
            self.by_skeleton.setdefault((area.structure, squeeze(split_type(area.name)[2])), []).append(area)
            for former in filter(None, row["former_names"].split("|")):
                self.by_former_name.setdefault((area.structure, former), []).append(area)
        self.successors: dict[str, list[str]] = {}
        for row in successions:  # sorted with the main successor first
            self.successors.setdefault(row["old_code"], []).append(row["new_code"])
        self.header_patterns = [(header_pattern(a), a) for a in self.areas if a.level in ("province", "district")]

    def area(self, structure: str, code: str) -> Area | None:
        return self.by_code.get((structure, code))

    def in_context(self, structure: str, province_code: str = "", district_code: str = "") -> list[Area]:
        return [a for a in self.areas if a.structure == structure
                and (not province_code or a.province_code == province_code)
                and (not district_code or a.parent_code == district_code or a.code == district_code)]

    def resolve(self, raw: str, structure: str = "2023", province_code: str = "", district_code: str = "",
                level: str | None = None) -> AreaMatch | None:
        """The unit `raw` names inside the given province and district (codes of `structure`), or None when no
        unit or more than one fits. `level` is a hint the printed type word overrides."""
        total = total_row(raw)
        if total:
            code = province_code if total["scope"] == "tinh" or not district_code else district_code
            area = self.area(structure, code)
            return AreaMatch(area, raw, SCORE_EXACT, "total row") if area else None
        prefix, printed_level, bare = split_type(raw)
        wanted_level = printed_level or level
        spellings = {squeeze(bare), squeeze(OCR_CAPITAL_I.sub("I", bare))}  # `la Grai` is `Ia Grai` misread

        def fits(area: Area) -> bool:
            return ((not province_code or area.province_code == province_code)
                    and (not district_code or area.level != "commune" or area.parent_code == district_code)
                    and (not printed_level or area.level == printed_level))  # `Huyện X` is never a commune

        for index, how in ((self.by_skeleton, "skeleton"), (self.by_former_name, "former name")):
            candidates = [a for s in spellings for a in index.get((structure, s), []) if fits(a)]
            picked = _pick(candidates, prefix, wanted_level, bare)
            if picked:
                exact = how == "skeleton" and marked(split_type(picked.name)[2]) == marked(bare)
                score = SCORE_EXACT if exact else SCORE_SKELETON if how == "skeleton" else SCORE_FORMER
                named = as_printed_type(picked, prefix) if how == "skeleton" else picked  # a former unit's type is its own
                return AreaMatch(named, raw, score, "exact" if exact else how)
            if candidates:
                return None  # ambiguous: a fuzzy match would only guess between them
        if not (province_code or district_code or wanted_level == "province"):
            return None  # a fuzzy match across the whole country finds some unit for almost any word
        in_context = [a for a in self.in_context(structure, province_code, district_code)
                      if not wanted_level or a.level == wanted_level]
        # By the bare name; then by the whole name, for a type word OCR glued to the name (`ThànhphốPleiku`).
        for key, printed in ((lambda a: squeeze(split_type(a.name)[2]), bare), (lambda a: squeeze(a.name), OCR_CAPITAL_I.sub("I", raw))):
            pool: dict[str, list[Area]] = {}
            for area in in_context:
                pool.setdefault(key(area), []).append(area)
            found = process.extract(squeeze(printed), list(pool), scorer=fuzz.ratio, score_cutoff=FUZZY_MIN, limit=2)
            if len(found) == 2 and found[0][1] - found[1][1] < FUZZY_MARGIN:
                return None  # two units fit about as well: choosing would be a guess
            picked = _pick(pool[found[0][0]], prefix, wanted_level, bare) if found else None
            if picked:
                return AreaMatch(as_printed_type(picked, prefix), raw, round(found[0][1] * 0.9, 1), "fuzzy")
        return None

    def find_in_text(self, text: str, structure: str, level: str, province_code: str = "") -> list[Area]:
        """Provinces or districts named with their type word in `text`, in the order they appear
        (`UBND HUYỆN VĨNH LINH` → Huyện Vĩnh Linh); a name inside a longer one found is left out."""
        folded = fold(text)
        hits = []
        for pattern, area in self.header_patterns:
            if area.structure == structure and area.level == level and (
                    not province_code or area.province_code == province_code):
                hits += [(m.start(), -len(m.group()), m.end(), area) for m in pattern.finditer(folded)]
        found, covered = [], []
        for start, _, end, area in sorted(hits, key=lambda h: (h[0], h[1])):
            if not any(s <= start and end <= e and (s, e) != (start, end) for s, e in covered):
                covered.append((start, end))
                found.append(area)
        return list(dict.fromkeys(found))

    def successors_2025(self, area: Area) -> list[Area]:
        """The 2025 units a 2023 unit went into. A commune: the commune(s) it became, the part the package
        data name the default first (a divided commune went into several); a province: the province it joined.
        A district: none, since the 2025 structure abolished districts (its communes say where it went)."""
        if area.level == "commune":
            return [self.area("2025", code) for code in self.successors.get(area.code, [])]
        if area.level == "district":
            return []
        return [a for a in self.areas if a.structure == "2025" and a.level == "province"
                and a.name == self.province_2025.get(area.province_code)]


def as_printed_type(area: Area, prefix: str | None) -> Area:
    """The unit named with the type the document prints, where that is a type of the unit's level and differs
    from the gazetteer's (`Thành phố Phú Mỹ` in a plan written as the thị xã became a city)."""
    own, _, bare = split_type(area.name)
    if not prefix or prefix == own or prefix not in LEVEL_TYPES[area.level]:
        return area
    return replace(area, name=f"{prefix} {bare}")


def _pick(candidates: list[Area], prefix: str | None, level: str | None, bare: str) -> Area | None:
    candidates = list(dict.fromkeys(candidates))
    for keep in (lambda a: a.level == level if level else True,
                 lambda a: a.name.startswith(prefix) if prefix else True,
                 lambda a: marked(split_type(a.name)[2]) == marked(bare)):
        candidates = [a for a in candidates if keep(a)] or candidates
    if len(candidates) > 1:  # `Kon Tum` alone is the province rather than its city
        best = min(LEVELS.index(a.level) for a in candidates)
        candidates = [a for a in candidates if LEVELS.index(a.level) == best]
    return candidates[0] if len(candidates) == 1 else None


def structure_for(iso_date: str) -> str:
    """The structure in force on a document's date; undated documents are read against the 2023 one."""
    return "2025" if iso_date and iso_date >= STRUCTURE_2025_FROM else "2023"


def _read_gzip_csv(name: str) -> list[dict]:
    raw = (files("kehoach.vocab") / "data" / name).read_bytes()
    return list(csv.DictReader(io.StringIO(gzip.decompress(raw).decode("utf-8"))))


@lru_cache(maxsize=1)
def load_gazetteer() -> Gazetteer:
    return Gazetteer(_read_gzip_csv("gazetteer.csv.gz"), _read_gzip_csv("succession_2025.csv.gz"))


def find_province(text: str, date: str = "") -> Area | None:
    """The province a header names (`UBND TỈNH KON TUM`, `BẢO HIỂM XÃ HỘI TỈNH GIA LAI`), the first if it
    names several; failing a type word, a bare province name (`Kon Tum, ngày 9 tháng 4 năm 2024`)."""
    gazetteer, structure = load_gazetteer(), structure_for(date)
    found = gazetteer.find_in_text(text, structure, "province")
    if found:
        return found[0]
    folded = f" {fold(text)} "
    bare = [(folded.find(f" {fold(split_type(a.name)[2])} "), a) for a in gazetteer.areas
            if a.structure == structure and a.level == "province"]
    bare = [(position, a) for position, a in bare if position >= 0]
    return min(bare, key=lambda hit: hit[0])[1] if bare else None


def find_district(text: str, province: Area | None = None, date: str = "") -> Area | None:
    """The district a header names with its type word (`UBND HUYỆN VĨNH LINH` → Huyện Vĩnh Linh), inside
    `province` when given; None when the name fits districts of several provinces (`Huyện Châu Thành`) or the
    structure has no districts."""
    structure = structure_for(date)
    found = load_gazetteer().find_in_text(text, structure, "district", province.province_code if province else "")
    first = [a for a in found if a.name == found[0].name] if found else []
    return first[0] if len(first) == 1 else None


def resolve_area(raw: str, province: Area | None = None, district: Area | None = None, date: str = "",
                 level: str | None = None) -> AreaMatch | None:
    """`Gazetteer.resolve` with the context as the units the document is about and its date."""
    return load_gazetteer().resolve(raw, structure_for(date), province.province_code if province else "",
                                    district.code if district else "", level)
