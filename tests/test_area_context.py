"""An appendix printed alone: the province and district come from the table's own names."""
from kehoach.normalizers.areas import DocumentArea, assign_areas, names_context
from kehoach.records import Target

PRINTED = ["Thị trấn Hồ Xá", "Xã Vĩnh Tú", "XãVĩnh Chấp", "Xã Vĩnh Thuỷ", "Xã Vĩnh Hòa", "Xã Kim Thạch", "Tổng cộng"]


def targets(names: list[str]) -> list[Target]:
    return [Target("", name, "", "", "", "bhyt_rate", 2024, 90.0) for name in names]


def test_names_that_resolve_without_doubt_fix_the_district_and_the_rest_then_resolve():
    where = names_context(PRINTED, DocumentArea("2023", None, None))
    assert (where.province.name, where.district.name) == ("Tỉnh Quảng Trị", "Huyện Vĩnh Linh")
    resolved, issues = assign_areas(targets(PRINTED), where)
    assert [t.area_name for t in resolved] == [
        "Thị trấn Hồ Xá", "Xã Vĩnh Tú", "Xã Vĩnh Chấp", "Xã Vĩnh Thủy", "Xã Vĩnh Hòa", "Xã Kim Thạch",
        "Huyện Vĩnh Linh"]
    assert issues == []


def test_names_of_several_places_fix_nothing():
    where = DocumentArea("2023", None, None)
    assert names_context(["Xã Vĩnh Hòa", "Xã Kim Thạch", "Xã Vĩnh Sơn"], where) == where


def test_a_header_that_named_the_district_is_kept():
    known = names_context(["Thị trấn Hồ Xá"], DocumentArea("2023", None, None))
    assert names_context(["Xã Tân Lập", "Xã Tân Hòa"], known) == known
