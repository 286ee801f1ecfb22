from importlib.resources import files

import pytest

from kehoach.normalizers.areas import DocumentArea, area_of, assign_areas, document_area
from kehoach.records import DocumentMeta, Target
from kehoach.vocab import build_gazetteer
from kehoach.vocab.gazetteer import find_district, find_province, load_gazetteer, resolve_area, structure_for

# As plans print them: with and without type words (Vĩnh Linh's 18 communes of 2023, after the 2019–2020
# mergers that made Trung Nam, Kim Thạch, Hiền Thành and the town of Cửa Tùng).
VINH_LINH_COMMUNES = ["TT Hồ Xá", "TT Bến Quan", "TT Cửa Tùng", "Xã Vĩnh Thái", "Vĩnh Tú", "Vĩnh Chấp", "Trung Nam",
                      "Kim Thạch", "Vĩnh Long", "Vĩnh Khê", "Vĩnh Hòa", "Vĩnh Thủy", "Vĩnh Lâm", "Hiền Thành",
                      "Vĩnh Hà", "Vĩnh Sơn", "Vĩnh Giang", "Vĩnh Ô"]
KON_TUM_DISTRICTS = {"TP Kon Tum": "608", "Huyện Đăk Glei": "610", "Ngọc Hồi": "611", "Huyện Đăk Tô": "612",
                     "Kon Plong": "613", "Huyện Kon Rẫy": "614", "Đăk Hà": "615", "H. Sa Thầy": "616",
                     "Tu Mơ Rông": "617", "Ia H' Drai": "618"}
GIA_LAI_DISTRICTS = {"Thành phố Pleiku": "622", "Thị xã An Khê": "623", "TX Ayun Pa": "624", "Huyện Kbang": "625",
                     "Huyện Đăk Đoa": "626", "Huyện Chư Păh": "627", "la Grai": "628", "Huyện Mang Yang": "629",
                     "Huyện Kông Chro": "630", "Huyện Đức Cơ": "631", "Huyện Chư Prông": "632", "Huyện Chư Sê": "633",
                     "Huyện Đắk Pơ": "634", "Huyện Ia Pa": "635", "Huyện Krông Pa": "637", "Huyện Phú Thiện": "638",
                     "Huyện Chư Pưh": "639"}


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
    assert all(t.area_level == "commune" and t.area_code.startswith("19") for t in resolved[:-1])
    assert len({t.area_code for t in resolved}) == 19


def test_dak_glei_local_spelling_resolves_to_official():
    match = resolve_area("Huyện Đăk Glei", find_province("UBND TỈNH KON TUM"), date="2024-04-09")
    assert (match.name, match.code, match.province) == ("Huyện Đắk Glei", "610", "Tỉnh Kon Tum")
    assert match.score < 100  # same letters, other marks


@pytest.mark.parametrize("raw, code", KON_TUM_DISTRICTS.items())
def test_every_kon_tum_district_resolves_as_printed(raw, code):
    match = resolve_area(raw, find_province("UBND TỈNH KON TUM"), date="2024-04-09", level="district")
    assert (match.level, match.code) == ("district", code)


@pytest.mark.parametrize("raw, code", GIA_LAI_DISTRICTS.items())
def test_every_gia_lai_district_resolves_as_printed(raw, code):
    match = resolve_area(raw, find_province("UBND TỈNH GIA LAI"), date="2024-03-01", level="district")
    assert (match.level, match.code) == ("district", code)


def test_toan_tinh_is_the_documents_province():
    where = document_area(DocumentMeta(issuer="UBND TỈNH KON TUM - BAN CHỈ ĐẠO", issue_date="2024-04-09"), "")
    resolved, issues = assign_areas([target("TOÀN TỈNH"), target("")], where)
    assert issues == [] and {t.area_name for t in resolved} == {"Tỉnh Kon Tum"}


def test_same_commune_name_needs_the_district_to_resolve():
    assert resolve_area("Xã Vĩnh Thái") is None  # more than one Vĩnh Thái in the country
    quang_tri = find_province("UBND TỈNH QUẢNG TRỊ")
    assert resolve_area("Xã Vĩnh Thái", quang_tri).code == "19369"


def test_diacritic_exact_spelling_wins_over_a_same_skeleton_neighbour():
    tran_yen = find_district("UBND HUYỆN TRẤN YÊN", find_province("UBND TỈNH YÊN BÁI"))
    assert resolve_area("Minh Quân", district=tran_yen, level="commune").name == "Xã Minh Quân"
    assert resolve_area("Minh Quán", district=tran_yen, level="commune").name == "Xã Minh Quán"


def test_type_word_chooses_between_a_town_and_a_commune_of_one_name():
    muong_te = find_district("UBND HUYỆN MƯỜNG TÈ")
    assert resolve_area("TT Mường Tè", district=muong_te).name == "Thị trấn Mường Tè"
    assert resolve_area("X. Mường Tè", district=muong_te).name == "Xã Mường Tè"
    assert resolve_area("Mường Tè", district=muong_te, level="commune") is None  # ambiguous: not guessed


def test_former_commune_name_resolves_to_the_unit_it_merged_into():
    match = resolve_area("Xã Vĩnh Tân", district=find_district("UBND HUYỆN VĨNH LINH"))
    assert (match.name, match.how) == ("Thị trấn Cửa Tùng", "former name")


def test_ocr_damaged_name_resolves_fuzzily_inside_its_district_only():
    vinh_linh = find_district("UBND HUYỆN VĨNH LINH")
    match = resolve_area("Xã Hiền Thànb", district=vinh_linh)
    assert (match.name, match.how) == ("Xã Hiền Thành", "fuzzy") and match.score < 90
    assert resolve_area("Xã Hiền Thànb") is None


def test_header_lines_give_province_and_district():
    assert find_province("UBND TỈNH KON TUM\nBAN CHỈ ĐẠO").name == "Tỉnh Kon Tum"
    assert find_province("Kon Tum, ngày 09 tháng 4 năm 2024").name == "Tỉnh Kon Tum"
    assert find_district("UBND TỈNH KON TUM") is None
    assert find_district("UBND TP. KON TUM").name == "Thành phố Kon Tum"
    vinh_linh = find_district("ỦY BAN NHÂN DÂN\nHUYỆN VĨNH LINH")
    assert (vinh_linh.name, vinh_linh.province) == ("Huyện Vĩnh Linh", "Tỉnh Quảng Trị")
    assert find_district("UBND HUYỆN CHÂU THÀNH") is None  # a district name of several provinces
    assert find_district("UBND HUYỆN CHÂU THÀNH", find_province("TỈNH TÂY NINH")).code == "708"


@pytest.mark.parametrize("date, structure", [("2024-12-31", "2023"), ("2025-07-01", "2025"), ("", "2023")])
def test_the_structure_follows_the_document_date(date, structure):
    assert structure_for(date) == structure


def test_document_after_july_2025_resolves_against_the_34_provinces():
    quang_tri = find_province("UBND TỈNH QUẢNG TRỊ", date="2025-08-01")
    match = resolve_area("Xã Vĩnh Linh", quang_tri, date="2025-08-01")
    assert (match.area.structure, match.name, match.province) == ("2025", "Xã Vĩnh Linh", "Tỉnh Quảng Trị")
    assert resolve_area("Huyện Vĩnh Linh", quang_tri, date="2025-08-01") is None  # no districts after 2025


def test_a_documents_date_chooses_the_structure_its_areas_resolve_in():
    before = document_area(DocumentMeta(issuer="UBND TỈNH KON TUM", issue_date="2025-06-30"), "")
    after = document_area(DocumentMeta(issuer="UBND TỈNH QUẢNG NGÃI", issue_date="2025-07-01"), "")
    assert (before.structure, before.province.name) == ("2023", "Tỉnh Kon Tum")
    assert (after.structure, after.province.name) == ("2025", "Tỉnh Quảng Ngãi")
    assert area_of("Huyện Đăk Hà", before).found and not area_of("Huyện Đăk Hà", after).found
    [resolved], _ = assign_areas([target("Xã Đắk Hà")], after)  # the 2025 list spells it `Đăk`
    assert (resolved.area_name, resolved.area_code, resolved.province) == ("Xã Đăk Hà", "23500", "Tỉnh Quảng Ngãi")


def test_2023_units_know_their_2025_successors():
    gazetteer = load_gazetteer()
    ho_xa = resolve_area("TT Hồ Xá", district=find_district("UBND HUYỆN VĨNH LINH")).area
    assert [a.name for a in gazetteer.successors_2025(ho_xa)] == ["Xã Vĩnh Linh"]
    assert [a.name for a in gazetteer.successors_2025(find_province("UBND TỈNH KON TUM"))] == ["Tỉnh Quảng Ngãi"]
    assert gazetteer.successors_2025(find_district("UBND HUYỆN VĨNH LINH")) == []  # districts were abolished


def test_a_divided_commune_has_every_part_with_the_default_one_first():
    cong_vi = resolve_area("Phường Cống Vị", district=find_district("UBND QUẬN BA ĐÌNH")).area
    parts = load_gazetteer().successors_2025(cong_vi)
    assert [(a.name, a.structure, a.province) for a in parts] == [
        ("Phường Ngọc Hà", "2025", "Thành phố Hà Nội"), ("Phường Giảng Võ", "2025", "Thành phố Hà Nội")]


@pytest.mark.parametrize("raw, official", [
    ("Huyện Đăk Glei", "Huyện Đắk Glei"), ("Đắk Glei", "Huyện Đắk Glei"), ("Huyện Ia H'Drai", "Huyện Ia H' Drai"),
    ("Ia H' Drai", "Huyện Ia H' Drai"), ("Ia H’Drai", "Huyện Ia H' Drai"), ("TP Kon Tum", "Thành phố Kon Tum"),
    ("TP. Kon Tum", "Thành phố Kon Tum"), ("Thành phố Kon Tum", "Thành phố Kon Tum")])
def test_alternative_spellings_of_kon_tum_districts_meet_the_official_name(raw, official):
    match = resolve_area(raw, find_province("UBND TỈNH KON TUM"), date="2024-04-09", level="district")
    assert (match.name, match.level) == (official, "district")


@pytest.mark.parametrize("raw", ["TT Hồ Xá", "TT. Hồ Xá", "Thị trấn Hồ Xá", "Thị Trấn Hồ Xá"])
def test_tt_and_thi_tran_name_the_same_town(raw):
    match = resolve_area(raw, district=find_district("UBND HUYỆN VĨNH LINH"))
    assert (match.name, match.code, match.how) == ("Thị trấn Hồ Xá", "19363", "exact")


def test_the_gazetteer_is_loaded_once():
    assert load_gazetteer() is load_gazetteer()


def test_the_data_files_are_what_the_builder_makes_from_the_installed_packages(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(build_gazetteer, "DATA", tmp_path)
    build_gazetteer.main()
    for name in ("gazetteer.csv.gz", "succession_2025.csv.gz"):
        assert (tmp_path / name).read_bytes() == (files("kehoach.vocab") / "data" / name).read_bytes()
    assert "('2023', 'commune'): 10051" in capsys.readouterr().out


def test_2025_structure_has_34_provinces_and_2023_has_63():
    areas = load_gazetteer().areas
    assert len([a for a in areas if a.structure == "2025" and a.level == "province"]) == 34
    assert len([a for a in areas if a.structure == "2023" and a.level == "province"]) == 63


def test_unknown_unit_is_kept_raw_with_a_warning():
    where = document_area(DocumentMeta(issuer="UBND TỈNH KON TUM", issue_date="2024-04-09"), "")
    assert area_of("Xã Không Có", where).found is False
    [kept], [issue] = assign_areas([target("Xã Không Có")], where)
    assert (kept.area_name, kept.area_name_raw) == ("", "Xã Không Có")
    assert (issue.severity, issue.code) == ("warning", "area_unresolved")


def test_document_without_a_known_area_cannot_place_its_total_row():
    assert area_of("TOÀN TỈNH", DocumentArea("2023", None, None)).found is False


@pytest.mark.parametrize("raw, code", {"ThànhphổPleiku": "622", "ThxãAnKh": "623", "Huyện la Giai": "628",
                                       "HuyệnlaPa": "635"}.items())
def test_a_type_word_ocr_glued_to_the_name_still_resolves(raw, code):
    match = resolve_area(raw, find_province("UBND TỈNH GIA LAI"), date="2024-03-01", level="district")
    assert match.code == code and match.how == "fuzzy" and match.score < 95


def test_a_damaged_name_two_districts_fit_about_as_well_is_left_unresolved():
    # `HuynChưPh`: Chư Păh or Chư Pưh, equally close
    assert resolve_area("HuynChưPh", find_province("UBND TỈNH GIA LAI"), date="2024-03-01", level="district") is None


def test_a_total_row_is_known_without_marks_or_spaces():
    where = document_area(DocumentMeta(issuer="UBND TỈNH GIA LAI", issue_date="2024-03-15"), "")
    resolved, issues = assign_areas([target("TOÀNTÌNH"), target("Tong cong:")], where)
    assert issues == [] and {t.area_name for t in resolved} == {"Tỉnh Gia Lai"}


def test_official_names_come_in_one_spelling_convention():
    """The statistics office's list spells like names two ways; the gazetteer gives one: the tone of an open
    oa/oe/uy on its first vowel, a spaced hyphen between names, each syllable a word."""
    assert resolve_area("Huyện Kiến Thuỵ", province=find_province("UBND THÀNH PHỐ HẢI PHÒNG")).name == "Huyện Kiến Thụy"
    assert resolve_area("Thành phố Phan Rang-Tháp Chàm", province=find_province("UBND TỈNH NINH THUẬN")).name == \
        "Thành phố Phan Rang - Tháp Chàm"
    assert resolve_area("Xã EaBar", district=find_district("UBND HUYỆN SÔNG HINH")).name == "Xã Ea Bar"
    assert find_province("UBND TỈNH THANH HÓA").name == "Tỉnh Thanh Hóa"


def test_a_printed_type_of_the_same_level_names_the_unit_as_it_stood_then():
    """A thị xã made a city keeps its code; a plan printing `Thành phố` names it so. A type of another level is
    never taken (`Xã Phú Mỹ` is no district)."""
    province = find_province("UBND TỈNH BÀ RỊA - VŨNG TÀU")
    as_town = resolve_area("Thị xã Phú Mỹ", province=province)
    as_city = resolve_area("Thành phố Phú Mỹ", province=province)
    assert as_city.code == as_town.code and as_city.level == "district"
    assert {as_town.name, as_city.name} == {"Thị xã Phú Mỹ", "Thành phố Phú Mỹ"}
