"""Areas: which province and district a document is about, and the official unit of every target's area.

Takes the document's header (issuer lines, date, the place printed beside the date) and its targets with
areas as printed; gives the document's province and district (official units), and targets with
`area_name`, `area_level`, `area_code` and `province` from the gazetteer of the document's time
(kehoach.vocab.gazetteer). A table's total row (`TOÀN TỈNH`, `Tổng cộng`) and a target stated in prose are
the document's own area. A name that matches nothing keeps its printed form with a warning, never dropped.
Where the header names no province or district, the tables' own names give it (`names_context`).
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, replace

from kehoach.records import DocumentMeta, Issue, Target
from kehoach.vocab.gazetteer import Area, load_gazetteer, structure_for, total_row

__all__ = ["AreaResult", "DocumentArea", "area_of", "assign_areas", "document_area", "names_context", "total_row"]

NAMES_SHARE = 0.6  # share of a table's names that must agree on an enclosing unit for it to become the context


@dataclass(frozen=True)
class DocumentArea:
    structure: str
    province: Area | None
    district: Area | None

    @property
    def own(self) -> Area | None:
        """The area the document is about: its district if it is a district's plan, else its province."""
        return self.district or self.province


@dataclass(frozen=True)
class AreaResult:
    """A printed unit name resolved, or not (`found` false: the caller keeps the printed name and warns)."""

    raw: str
    found: bool
    area_name: str = ""
    area_level: str = ""
    area_code: str = ""
    province: str = ""
    score: float = 0.0


def document_area(meta: DocumentMeta, place: str) -> DocumentArea:
    """Province and district named in the issuer lines (`UBND HUYỆN VĨNH LINH`); the printed place beside
    the date breaks a tie between districts of the same name in different provinces."""
    gazetteer = load_gazetteer()
    structure = structure_for(meta.issue_date)
    issuer = f"{meta.issuer_parent} {meta.issuer}"
    provinces = gazetteer.find_in_text(issuer, structure, "province")
    province = provinces[0] if len(provinces) == 1 else None
    districts = [] if structure == "2025" else gazetteer.find_in_text(
        issuer, structure, "district", province.province_code if province else "")
    if len(districts) > 1 and place:
        districts = [d for d in districts if place.lower() in d.name.lower()] or districts
    district = max(districts, key=lambda d: len(d.name)) if districts else None
    if district and not province:
        province = gazetteer.area(structure, district.province_code)
    return DocumentArea(structure, province, district)


def names_context(names: list[str], where: DocumentArea) -> DocumentArea:
    """The province and district a table's names fix when the document's header named none (an appendix
    printed alone, a header OCR lost): each name that resolves to exactly one unit, as a district or as a
    commune, in the country or in the known province, votes for its enclosing units; a unit most names share
    (`NAMES_SHARE` of them) becomes the context. Names that fit several units of the country vote for none."""
    if where.district or where.structure == "2025" and where.province:
        return where
    gazetteer = load_gazetteer()
    printed = [name for name in names if name.strip() and not total_row(name)]
    if not printed:
        return where
    province_code = where.province.province_code if where.province else ""
    communes = [m.area for name in printed
                if (m := gazetteer.resolve(name, where.structure, province_code, "", "commune")) and m.how != "fuzzy"
                and m.area.level == "commune"]
    districts = [] if where.province else [
        m.area for name in printed if (m := gazetteer.resolve(name, where.structure, "", "", "district"))
        and m.how != "fuzzy" and m.area.level == "district"]
    parents = Counter(a.parent_code for a in communes)
    if parents and parents.most_common(1)[0][1] >= NAMES_SHARE * len(printed) and where.structure != "2025":
        district = gazetteer.area(where.structure, parents.most_common(1)[0][0])
        return DocumentArea(where.structure, gazetteer.area(where.structure, district.province_code), district)
    provinces = Counter(a.province_code for a in communes + districts)
    if not where.province and provinces and provinces.most_common(1)[0][1] >= NAMES_SHARE * len(printed):
        return DocumentArea(where.structure, gazetteer.area(where.structure, provinces.most_common(1)[0][0]), None)
    return where


def area_of(raw: str, where: DocumentArea) -> AreaResult:
    """The official unit a printed area name stands for in a document about `where`. Without a type word a
    name in a district's plan is taken for a commune, in a province's plan for a district."""
    if not raw.strip():
        own = where.own
        return AreaResult(raw, True, own.name, own.level, own.code, own.province, 100.0) if own else AreaResult(raw, False)
    match = load_gazetteer().resolve(raw, where.structure, where.province.province_code if where.province else "",
                                     where.district.code if where.district else "",
                                     level="commune" if where.district or where.structure == "2025" else "district")
    if match is None:
        return AreaResult(raw, False)
    return AreaResult(raw, True, match.name, match.level, match.code, match.province, match.score)


def assign_areas(targets: list[Target], where: DocumentArea) -> tuple[list[Target], list[Issue]]:
    resolved: list[Target] = []
    issues: list[Issue] = []
    for target in targets:
        result = area_of(target.area_name_raw, where)
        if result.found:
            resolved.append(replace(target, area_name=result.area_name, area_level=result.area_level,
                                    area_code=result.area_code, province=result.province))
        else:
            issues.append(Issue("warning", "area_unresolved",
                                f"Area {target.area_name_raw or '(the document itself)'!r} matches no unit of the "
                                f"{where.structure} gazetteer in the document's province: kept as printed.", target.page))
            resolved.append(target)
    return resolved, issues
