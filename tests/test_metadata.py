from kehoach.extractors.metadata import extract_metadata, find_period, find_plan_number
from kehoach.records import Page
from tests.pages import words_of


def page_of(text: str) -> Page:
    words = words_of(text)
    return Page(number=1, width=595.0, height=842.0, text_source="ocr", words=words, text=text, confidence=0.9)


# Issuer on the left, motto on the right, as a two-column header reads line by line.
HEADER = """ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
HUYỆN VĨNH LINH Độc lập - Tự do - Hạnh phúc
Số: 127 /KH-UBND Vĩnh Linh, ngày 31 tháng 7 năm 2023
KẾ HOẠCH
Triển khai thực hiện chỉ tiêu phát triển người tham gia BHXH,
BHTN và BHYT, giai đoạn 2023-2025
Căn cứ Quyết định số 2767/QĐ-UBND ngày 28/10/2022 của UBND tỉnh Quảng Trị"""


def test_header_gives_number_date_type_title_and_period():
    meta, place, issues = extract_metadata([page_of(HEADER)])
    assert meta.plan_number == "127/KH-UBND"
    assert meta.issue_date == "2023-07-31"
    assert place == "Vĩnh Linh"
    assert meta.doc_type == "Kế hoạch"
    assert meta.title.startswith("Triển khai thực hiện chỉ tiêu")
    assert meta.title.endswith("giai đoạn 2023-2025")
    assert (meta.period_start, meta.period_end) == ("2023", "2025")
    assert issues == []


def test_a_body_opening_without_a_rule_above_it_ends_the_title():
    text = HEADER.replace("Căn cứ Quyết định", "Thực hiện Kế hoạch số 09/KH-UBND giai đoạn 2021 - 2025, Quyết định")
    meta, _, _ = extract_metadata([page_of(text)])
    assert meta.title.endswith("giai đoạn 2023-2025")
    assert (meta.period_start, meta.period_end) == ("2023", "2025")


def test_a_title_may_itself_open_like_a_body():
    text = "ỦY BAN NHÂN DÂN\nSố: 34/KH-UBND\nKẾ HOẠCH\nThực hiện chính sách BHXH, BHYT năm 2024\n\nI. MỤC ĐÍCH"
    meta, _, _ = extract_metadata([page_of(text)])
    assert meta.title == "Thực hiện chính sách BHXH, BHYT năm 2024"


def test_issuer_is_read_from_the_left_column_without_the_motto():
    meta, _, _ = extract_metadata([page_of(HEADER)])
    assert meta.issuer == "ỦY BAN NHÂN DÂN - HUYỆN VĨNH LINH"


def test_blank_number_and_day_are_left_empty_with_issues():
    text = HEADER.replace("Số: 127 /KH-UBND", "Số: /KH-UBND").replace("ngày 31 tháng", "ngày   tháng")
    meta, _, issues = extract_metadata([page_of(text)])
    assert meta.plan_number == ""
    assert meta.issue_date == ""
    assert {issue.code for issue in issues} == {"plan_number_unreadable", "issue_date_unreadable"}


def test_cong_van_without_title_word_is_typed_by_its_code():
    text = "SỞ GIÁO DỤC VÀ ĐÀO TẠO\nSố: 1535 /SGDĐT-CTrTT\nV/v triển khai công tác BHYT học sinh\nKính gửi: ..."
    meta, _, _ = extract_metadata([page_of(text)])
    assert meta.plan_number == "1535/SGDĐT-CTrTT"
    assert meta.doc_type == "Công văn"
    assert meta.title.startswith("V/v triển khai")


def test_spaces_inside_a_code_are_removed():
    assert find_plan_number("Số: 1204 / KH - BCĐ")[0] == "1204/KH-BCĐ"


def test_single_year_title_gives_that_year_as_period():
    assert find_period("Thực hiện chính sách BHXH, BHYT năm 2025") == ("2025", "2025")
