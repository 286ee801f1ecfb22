import pytest

from kehoach.normalizers.agencies import canonical_agency, split_agencies


@pytest.mark.parametrize("raw, canonical", [
    ("BHXH tỉnh", "Bảo hiểm xã hội tỉnh"),
    ("Sở LĐ-TB&XH", "Sở Lao động - Thương binh và Xã hội"),
    ("Sở Lao động, Thương binh và Xã hội", "Sở Lao động - Thương binh và Xã hội"),
    ("UBND các xã, thị trấn", "Ủy ban nhân dân các xã, thị trấn"),
    ("Bảo hiém xa hoi tinh", "Bảo hiểm xã hội tỉnh"),
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
