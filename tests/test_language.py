from kehoach.extractors.language import load_nlp
from kehoach.normalizers.agencies import printed_forms


def entities(text: str) -> list[tuple[str, str, str]]:
    return [(e.text, e.label_, e.ent_id_) for e in load_nlp()(text).ents]


def test_the_pipeline_is_vietnamese_with_syllable_tokens_and_punctuation_split_off():
    nlp = load_nlp()
    assert nlp.lang == "vi"
    assert [t.text for t in nlp("đạt 23,12% (năm 2024).")] == ["đạt", "23,12", "%", "(", "năm", "2024", ")", "."]


def test_agencies_are_entities_with_their_canonical_name_however_printed():
    found = entities("Sở LĐ-TB&XH chủ trì, phối hợp với BHXH tỉnh, Ủy ban MTTQ Việt Nam tỉnh và Bảo hiém xa hoi huyen.")
    assert {(printed, label, name) for printed, label, name in found if label == "AGENCY"} == {
        ("Sở LĐ-TB&XH", "AGENCY", "Sở Lao động - Thương binh và Xã hội"),
        ("BHXH tỉnh", "AGENCY", "Bảo hiểm xã hội tỉnh"),
        ("Ủy ban MTTQ Việt Nam tỉnh", "AGENCY", "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh"),
        ("Bảo hiém xa hoi huyen", "AGENCY", "Bảo hiểm xã hội huyện")}


def test_areas_keep_the_printed_spelling_and_carry_the_official_name():
    found = entities("UBND huyện Đăk Hà, tỉnh Kon Tum; xã Hướng Hiệp và thị trấn Hồ Xá; Quảng Trị.")
    assert [(printed, name) for printed, label, name in found if label == "AREA"] == [
        ("huyện Đăk Hà", "Huyện Đắk Hà"), ("tỉnh Kon Tum", "Tỉnh Kon Tum"), ("xã Hướng Hiệp", "Xã Hướng Hiệp"),
        ("thị trấn Hồ Xá", "Thị trấn Hồ Xá"), ("Quảng Trị", "Tỉnh Quảng Trị")]


def test_indicators_and_numbers_still_come_out_beside_names():
    found = entities("Tỷ lệ tham gia BHXH tự nguyện đạt 5,5% lực lượng lao động năm 2024.")
    assert [(text, label) for text, label, _ in found] == [
        ("BHXH tự nguyện", "INDICATOR"), ("5,5%", "PERCENT"), ("lực lượng lao động", "BASE"), ("năm 2024", "YEAR")]


def test_printed_forms_abbreviate_the_full_forms_a_name_contains():
    forms = printed_forms("Bảo hiểm xã hội tỉnh", [])
    assert {"Bảo hiểm xã hội tỉnh", "BHXH tỉnh"} <= forms
    assert "UBND tỉnh" in printed_forms("Ủy ban nhân dân tỉnh", [])
