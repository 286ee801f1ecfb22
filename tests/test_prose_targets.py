from kehoach.extractors.prose_targets import extract_prose_targets
from kehoach.records import Page


def page(text: str) -> Page:
    return Page(number=2, width=595, height=842, text_source="ocr", words=[], text=text, confidence=0.9)


def found(text: str, year=None):
    return [(t.indicator, t.year, t.value, t.participants, t.base) for t in extract_prose_targets([page(text)], year)]


def test_rate_with_voluntary_share_in_one_sentence():
    text = ("- Tỷ lệ tham gia BHXH đạt khoảng 26,15% lực lượng lao động trong độ tuổi, trong đó\n"
            "tỷ lệ tham gia BHXH tự nguyện đạt khoảng 7,02% lực lượng lao động trong độ tuổi.")
    assert found(text, 2024) == [("bhxh_rate", 2024, 26.15, None, "labor_force"),
                                 ("bhxh_voluntary_rate", 2024, 7.02, None, "labor_force")]


def test_year_heading_carries_to_following_paragraph_with_head_count():
    text = ("Năm 2024: Số người tham gia BHXH: 12.970 người, tỷ lệ bao phủ so với lực lượng lao động: 24,68%.\n"
            "Số người tham gia BHTN: 5.265 người; tỷ lệ bao phủ so với lực lượng lao động: 10,02%.")
    assert found(text) == [("bhxh_rate", 2024, 24.68, 12970, "labor_force"),
                           ("bhtn_rate", 2024, 10.02, 5265, "labor_force")]


def test_bhyt_coverage_of_population():
    assert found("- Tỷ lệ bao phủ BHYT đạt từ 95,3% dân số trở lên.", 2024) == [
        ("bhyt_rate", 2024, 95.3, None, "population")]


def test_share_of_a_group_or_a_debt_is_not_a_target():
    text = ("- Đảm bảo 100% học sinh tham gia BHYT.\n"
            "- Tỷ lệ nợ BHXH, BHYT giảm xuống dưới 2% so với số phải thu.")
    assert found(text, 2024) == []


def test_table_rows_in_page_text_are_left_to_the_table_reader():
    text = "1. Tỷ lệ người tham gia BHXH bắt buộc/lực lượng lao động (LLLĐ) 11,07% 11,58% 12,09%"
    assert found(text) == []


def test_a_restated_target_keeps_its_first_statement():
    text = "- Năm 2025: Tỷ lệ tham gia BHYT đạt 96,82% dân số; (phấn đấu đạt tỷ lệ bao phủ BHYT 100% dân số)"
    assert found(text) == [("bhyt_rate", 2025, 96.82, None, "population")]


def test_a_paragraph_of_last_years_results_gives_no_targets():
    text = ("Năm 2023, toàn huyện có 12.274 người tham gia BHXH, đạt 19,1% lực lượng lao động trong độ tuổi; "
            "tỷ lệ bao phủ BHYT đạt 93,4% dân số.\n"
            "- Tỷ lệ bao phủ BHYT đạt 94,1% dân số.")
    assert [(t.indicator, t.year, t.value) for t in extract_prose_targets([page(text)], 2024, 2024)] == [
        ("bhyt_rate", 2024, 94.1)]


def test_each_clause_takes_the_year_its_paragraph_named():
    text = ("a) Đến hết năm 2023: tỷ lệ tham gia BHXH đạt trên 24,7% lực lượng lao động; tỷ lệ bao phủ bảo hiểm y "
            "tế đạt trên 94,5% dân số.")
    assert [(t.indicator, t.year, t.year_from) for t in extract_prose_targets([page(text)], None)] == [
        ("bhxh_rate", 2023, "text"), ("bhyt_rate", 2023, "text")]


def test_a_rate_split_after_its_decimal_comma_is_read_whole():
    assert found("- Tỷ lệ bao phủ BHYT đạt 94, 15% dân số.", 2024) == [("bhyt_rate", 2024, 94.15, None, "population")]


def test_a_speck_inside_the_base_phrase_does_not_hide_the_target():
    assert found("a) Tỷ lệ người tham gia bảo hiểm xã hội đạt khoảng 30,8% lực lượng lao _ động trong độ tuổi.", 2024) \
        == [("bhxh_rate", 2024, 30.8, None, "labor_force")]


def test_a_base_phrase_with_one_inner_word_lost_to_ocr_still_names_the_base():
    """`lực ¬ lao động`: OCR read `lượng` as a sign; the base is still the labour force, and a rise with no base
    named is still no target."""
    assert found("b) Tỷ lệ tham gia BHTN đạt khoảng 19, 0% lực ¬ lao động: trong độ tuổi.", 2024) \
        == [("bhtn_rate", 2024, 19.0, None, "labor_force")]
    assert found("Tỷ lệ tham gia BHTN tăng 5% so với năm trước.", 2024) == []


def test_a_share_stated_within_a_target_takes_its_base():
    text = ("- Tỷ lệ tham gia BHXH đạt khoảng 25,4% lực lượng lao động trong độ tuổi lao động; trong đó tỷ lệ tham gia "
            "BHXH tự nguyện đạt 6,8%.")
    assert found(text, 2024) == [("bhxh_rate", 2024, 25.4, None, "labor_force"),
                                 ("bhxh_voluntary_rate", 2024, 6.8, None, "labor_force")]
