import pytest

from kehoach.normalizers.areas import assign_areas, document_area
from kehoach.records import DocumentMeta, Target
from kehoach.vocab.gazetteer import load_gazetteer, structure_for

VINH_LINH_COMMUNES = ["TT Hồ Xá", "TT Bến Quan", "TT Cửa Tùng", "Xã Vĩnh Thái", "Xã Vĩnh Tú", "Xã Vĩnh Chấp",
                      "Xã Trung Nam", "Xã Kim Thạch", "Xã Vĩnh Long", "Xã Vĩnh Khê", "Xã Vĩnh Hòa", "Xã Vĩnh Thủy",
                      "Xã Vĩnh Lâm", "Xã Hiền Thành", "Xã Vĩnh Hà", "Xã Vĩnh Sơn", "Xã Vĩnh Giang", "Xã Vĩnh Ô"]
KON_TUM_DISTRICTS = ["TP Kon Tum", "Huyện Đăk Glei", "Huyện Ngọc Hồi", "Huyện Đăk Tô", "Huyện Kon Plông",
                     "Huyện Kon Rẫy", "Huyện Đăk Hà", "Huyện Sa Thầy", "Huyện Tu Mơ Rông", "Huyện Ia H'Drai"]


def target(raw: str) -> Target:
    return Target(area_name="", area_name_raw=raw, area_level="", area_code="", province="", indicator="bhyt_rate",
                  year=2024, value=95.0, page=3)


def test_tt_ho_xa_resolves_to_thi_tran_under_vinh_linh():
    where = document_area(DocumentMeta(issuer="ỦY BAN NHÂN DÂN - HUYỆN VĨNH LINH", issue_date="2023-07-31"), "")
    assert (where.province.name, where.district.name) == ("Tỉnh Quảng Trị", "Huyện Vĩnh Linh")
    [resolved], issues = assign_areas([target("TT Hồ Xá")], where)
    assert (resolved.area_name, resolved.area_level, resolved.area_code) == ("Thị trấn Hồ Xá", "commune", "19363")
    assert issues == []


def test_every_vinh_linh_commune_and_the_total_row_resolve():
    where = document_area(DocumentMeta(issuer="UBND HUYỆN VĨNH LINH", issue_date="2023-07-31"), "")
    resolved, issues = assign_areas([target(raw) for raw in VINH_LINH_COMMUNES + ["Tổng cộng"]], where)
    assert issues == []
    assert resolved[-1].area_name == "Huyện Vĩnh Linh"
    assert len({t.area_code for t in resolved}) == 19


def test_dak_glei_local_spelling_resolves_to_official():
    where = document_area(DocumentMeta(issuer="UBND TỈNH KON TUM - BAN CHỈ ĐẠO", issue_date="2024-04-09"), "")
    resolved, issues = assign_areas([target(raw) for raw in KON_TUM_DISTRICTS + ["TOÀN TỈNH"]], where)
    assert issues == []
    assert resolved[1].area_name == "Huyện Đắk Glei" and resolved[1].area_name_raw == "Huyện Đăk Glei"
    assert resolved[-1].area_name == "Tỉnh Kon Tum"
    assert len({t.area_code for t in resolved}) == 11


def test_unknown_unit_is_kept_raw_with_a_warning():
    where = document_area(DocumentMeta(issuer="UBND TỈNH KON TUM", issue_date="2024-04-09"), "")
    [kept], [issue] = assign_areas([target("Xã Không Có")], where)
    assert (kept.area_name, kept.area_name_raw) == ("", "Xã Không Có")
    assert (issue.severity, issue.code) == ("warning", "area_unresolved")


@pytest.mark.parametrize("date, structure", [("2024-12-31", "2023"), ("2025-07-01", "2025"), ("", "2023")])
def test_the_structure_follows_the_document_date(date, structure):
    assert structure_for(date) == structure


def test_2025_structure_has_34_provinces_with_the_old_ones_mapped():
    areas = load_gazetteer().areas
    assert len([a for a in areas if a.structure == "2025" and a.level == "province"]) == 34
    assert len([a for a in areas if a.structure == "2023" and a.level == "province"]) == 63
