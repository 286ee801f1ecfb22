"""Areas: which province and district a document is about, and the official unit of every target's area.

Takes the document's header (issuer lines, date) and its targets with areas as printed; gives the document's
province and district (official names), and targets with `area_name`, `area_level`, `area_code` and
`province` from the gazetteer of the document's time. A table's total row (`TOÀN TỈNH`, `Tổng cộng`) and a
target stated in prose are the document's own area. A name that matches nothing keeps its printed form with
a warning, never dropped.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace

from kehoach.records import DocumentMeta, Issue, Target
from kehoach.vocab.gazetteer import Area, load_gazetteer, structure_for

TOTAL_ROW = re.compile(r"^\s*(toàn\s+(tỉnh|huyện|thành phố|thị xã)|tổng\s*cộng|tổng\s*số|cộng)\s*:?\s*$", re.IGNORECASE)


@dataclass(frozen=True)
class DocumentArea:
    structure: str
    province: Area | None
    district: Area | None

    @property
    def own(self) -> Area | None:
        """The area the document is about: its district if it is a district's plan, else its province."""
        return self.district or self.province


def document_area(meta: DocumentMeta, place: str) -> DocumentArea:
    """Province and district named in the issuer lines (`UBND HUYỆN VĨNH LINH`); the printed place beside
    the date breaks a tie between districts of the same name in different provinces."""
    gazetteer = load_gazetteer()
    structure = structure_for(meta.issue_date)
    provinces = gazetteer.find_in_text(meta.issuer, structure, "province")
    province = provinces[0] if len(provinces) == 1 else None
    districts = [] if structure == "2025" else gazetteer.find_in_text(
        meta.issuer, structure, "district", province.province_code if province else "")
    if len(districts) > 1 and place:
        districts = [d for d in districts if place.lower() in d.name.lower()] or districts
    district = max(districts, key=lambda d: len(d.name)) if districts else None
    if district and not province:
        province = next(a for a in gazetteer.areas if a.structure == structure and a.level == "province"
                        and a.code == district.province_code)
    return DocumentArea(structure, province, district)


def with_area(target: Target, area: Area) -> Target:
    return replace(target, area_name=area.name, area_level=area.level, area_code=area.code, province=area.province)


def assign_areas(targets: list[Target], where: DocumentArea) -> tuple[list[Target], list[Issue]]:
    gazetteer = load_gazetteer()
    resolved: list[Target] = []
    issues: list[Issue] = []
    province_code = where.province.province_code if where.province else ""
    for target in targets:
        raw = target.area_name_raw
        if not raw or TOTAL_ROW.match(raw):
            area = where.own
        else:
            district_code = where.district.code if where.district else ""
            area = gazetteer.resolve(raw, where.structure, province_code, district_code,
                                     level="commune" if where.district else "district")
        if area is None:
            issues.append(Issue("warning", "area_unresolved",
                                f"Area {raw or '(the document itself)'!r} matches no unit of the {where.structure} "
                                "gazetteer in the document's province: kept as printed.", target.page))
            resolved.append(target)
        else:
            resolved.append(with_area(target, area))
    return resolved, issues
