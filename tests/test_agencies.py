import pytest

from kehoach.normalizers.agencies import canonical_agency, leading_agencies, split_agencies


@pytest.mark.parametrize("raw, canonical", [
    ("BHXH tỉnh", "Bảo hiểm xã hội tỉnh"),
    ("Sở LĐ-TB&XH", "Sở Lao động - Thương binh và Xã hội"),
    ("Sở Lao động, Thương binh và Xã hội", "Sở Lao động - Thương binh và Xã hội"),
    ("UBND các xã, thị trấn", "Ủy ban nhân dân các xã, thị trấn"),
    ("Bảo hiém xa hoi tinh", "Bảo hiểm xã hội tỉnh"),
    ("Trung tâm VH- TT&TT huyện", "Trung tâm Văn hóa - Thông tin và Thể thao huyện"),
    ("Phòng Thanh tra -Kiểm tra", "Phòng Thanh tra - Kiểm tra"),
    ("UBND các huyện, thành phô", "Ủy ban nhân dân các huyện, thành phố"),
    ("SởYtế", "Sở Y tế"),
    ("Phòng Cấp số, thẻ. m", "Phòng Cấp sổ, thẻ"),
    ("Phòng Truyền thông và Phát triếnđối tượng", "Phòng Truyền thông và Phát triển đối tượng"),
])
def test_abbreviations_and_damaged_names_become_canonical(raw, canonical):
    assert canonical_agency(raw).name == canonical


def test_unknown_agency_keeps_its_text_with_abbreviations_expanded():
    match = canonical_agency("UBND phường Hoa Lư")
    assert (match.name, match.score) == ("Ủy ban nhân dân phường Hoa Lư", 0.0)


def test_partner_list_keeps_ubnd_cac_huyen_whole():
    assert split_agencies("Ủy ban nhân dân các huyện, thành phố") == ["Ủy ban nhân dân các huyện, thành phố"]
    assert split_agencies("Các Sở, ban, ngành, Hội, đoàn thể liên quan") == [
        "Các Sở, ban, ngành, Hội, đoàn thể liên quan"]


def test_partner_list_splits_at_new_agencies_only():
    assert split_agencies("Sở Y tế, Sở Tài chính và Bảo hiểm xã hội tỉnh") == [
        "Sở Y tế", "Sở Tài chính", "Bảo hiểm xã hội tỉnh"]
    assert split_agencies("Sở Văn hóa, Thể thao và Du lịch; Sở Giáo dục và Đào tạo") == [
        "Sở Văn hóa, Thể thao và Du lịch", "Sở Giáo dục và Đào tạo"]


def test_agencies_named_without_brackets_are_read_off_the_front_of_the_duty():
    agencies, duty = leading_agencies("Bảo hiểm xã hội tỉnh, Cục Thuế tỉnh và các cơ quan, đơn vị liên quan "
                                      "xác minh tình trạng hoạt động của doanh nghiệp")
    assert agencies == ["Bảo hiểm xã hội tỉnh", "Cục Thuế tỉnh", "các cơ quan, đơn vị liên quan"]
    assert duty == "xác minh tình trạng hoạt động của doanh nghiệp"


def test_leading_agencies_keep_a_list_of_localities_whole_and_stop_at_the_verb():
    agencies, duty = leading_agencies("Ủy ban nhân dân các huyện, thị xã, thành phố rà soát, lập danh sách")
    assert agencies == ["Ủy ban nhân dân các huyện, thị xã, thành phố"]
    assert duty == "rà soát, lập danh sách"


def test_an_agency_the_vocabulary_lacks_ends_at_its_level_word_or_before_the_next_agency():
    agencies, duty = leading_agencies("Phòng Quản lý đô thị, Liên đoàn Lao động thành phố tổ chức hội nghị")
    assert agencies == ["Phòng Quản lý đô thị", "Liên đoàn Lao động thành phố"]
    assert duty == "tổ chức hội nghị"


def test_a_close_spelling_with_a_word_more_or_another_level_is_another_agency():
    assert canonical_agency("UBND các quận, huyện, thành phố, thị xã").name == (
        "Ủy ban nhân dân các quận, huyện, thành phố, thị xã")
    assert canonical_agency("Ủy ban MTTQ Việt Nam thành phố").name == "Ủy ban Mặt trận Tổ quốc Việt Nam thành phố"


def test_a_known_agency_whose_capital_ocr_lowered_still_goes_on_the_list():
    agencies, duty = leading_agencies("Sở Y tế, liên đoàn Lao động tỉnh, Cục Thuế tỉnh tổ chức hội nghị")
    assert agencies == ["Sở Y tế", "liên đoàn Lao động tỉnh", "Cục Thuế tỉnh"]
    assert duty == "tổ chức hội nghị"
