from dataclasses import replace

from kehoach.extractors.header_layout import type_of_line
from kehoach.extractors.metadata import extract_metadata, find_issue_date, find_period, find_plan_number
from kehoach.normalizers.issuers import issuing_body
from kehoach.records import BBox, Page, Word
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
    assert meta.issuer == "Ủy ban nhân dân huyện Vĩnh Linh"


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
    assert meta.title == "Triển khai công tác BHYT học sinh"  # the subject, without its `V/v` mark


def test_spaces_inside_a_code_are_removed():
    assert find_plan_number("Số: 1204 / KH - BCĐ")[0] == "1204/KH-BCĐ"


def test_single_year_title_gives_that_year_as_period():
    assert find_period("Thực hiện chính sách BHXH, BHYT năm 2025") == ("2025", "2025")


def laid_out(rows: list[list[tuple[float, str]]]) -> Page:
    """A page from lines of (left edge in points, text) pieces: a two-column header as printed."""
    words = []
    for line, pieces in enumerate(rows):
        for x, text in pieces:
            for token in text.split():
                width = 5.5 * len(token)
                words.append(Word(token, BBox(x, 60.0 + 16 * line, x + width, 72.0 + 16 * line), 1.0, line))
                x += width + 3.0
    return Page(number=1, width=595.0, height=842.0, text_source="text_layer", words=words,
                text="\n".join(" ".join(t for _, t in pieces) for pieces in rows), confidence=1.0)


LETTER = [
    [(90, "ỦY BAN NHÂN DÂN"), (300, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")],
    [(90, "TỈNH TIỀN GIANG"), (330, "Độc lập - Tự do - Hạnh phúc")],
    [(95, "Số: 5484/UBND-VX"), (310, "Tiền Giang, ngày 04 tháng 8 năm 2023")],
    [(60, "V/v triển khai thực hiện chỉ tiêu")],
    [(60, "người tham gia BHXH, BHYT giai đoạn")],
    [(110, "2023 - 2025")],
    [(140, "Kính gửi: Các sở, ban, ngành tỉnh")],
]


def test_a_letters_subject_is_its_left_column_under_the_number_not_the_date_beside_it():
    meta, place, issues = extract_metadata([laid_out(LETTER)])
    assert meta.doc_type == "Công văn"
    assert meta.plan_number == "5484/UBND-VX"
    assert meta.issue_date == "2023-08-04" and place == "Tiền Giang"
    assert meta.title == "Triển khai thực hiện chỉ tiêu người tham gia BHXH, BHYT giai đoạn 2023 - 2025"
    assert (meta.period_start, meta.period_end) == ("2023", "2025")
    assert meta.issuer == "Ủy ban nhân dân tỉnh Tiền Giang" and meta.issuer_parent == ""
    assert issues == []


def test_a_decisions_title_ends_at_the_signing_authority_in_capitals():
    decision = LETTER[:3] + [
        [(250, "QUYẾT ĐỊNH")],
        [(70, "Về việc giao chỉ tiêu tỷ lệ bao phủ bảo hiểm y tế")],
        [(120, "năm 2023 cho các huyện, thị xã")],
        [(130, "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH TIỀN GIANG")],
        [(90, "Căn cứ Luật Tổ chức chính quyền địa phương")],
    ]
    meta, _, _ = extract_metadata([laid_out(decision)])
    assert meta.doc_type == "Quyết định"
    assert meta.title == "Về việc giao chỉ tiêu tỷ lệ bao phủ bảo hiểm y tế năm 2023 cho các huyện, thị xã"


def test_a_type_title_is_found_through_a_fallback_font_a_stray_mark_and_ocr_noise():
    assert type_of_line("K Ế HO Ạ CH") == "Kế hoạch"
    assert type_of_line("| QUYÉT ĐỊNH") == "Quyết định"
    assert type_of_line("TỜ TRÌNH") == "Tờ trình"
    assert type_of_line("Kế hoạch số 12/KH-UBND ngày 5/1/2024") == ""


def test_a_number_or_day_ocr_could_not_read_is_left_empty_naming_what_was_legible():
    assert find_plan_number("Số: O{_ /TTr-UBND") == ("", "TTr-UBND", "O{_")
    assert find_issue_date("Quảng Ngãi, ngày0ÿ tháng 02 năm 2025") == ("", "Quảng Ngãi", "ngày 0ÿ tháng 02 năm 2025")
    garbled = [row[:] for row in LETTER]
    garbled[2] = [(95, "Số: Øf /UBND-VX"), (310, "Tiền Giang, ngày 2# tháng 8 năm 2023")]
    meta, _, issues = extract_metadata([laid_out(garbled)])
    assert (meta.plan_number, meta.issue_date) == ("", "")
    messages = {issue.code: issue.message for issue in issues}
    assert "Số: Øf/UBND-VX" in messages["plan_number_unreadable"]
    assert "ngày 2# tháng 8 năm 2023" in messages["issue_date_unreadable"]


def test_a_scans_code_gets_its_slash_and_its_d_stroke_back():
    assert find_plan_number("§ố53KH-UBND")[0] == "53/KH-UBND"
    assert find_plan_number("Số: 9 /QĐÐ-UBND")[0] == "9/QĐ-UBND"


def test_the_issuer_is_the_lowest_body_of_the_left_column_and_its_parent_the_one_above():
    assert issuing_body(["UBND TỈNH NINH THUẬN", "BAN CHỈ ĐẠO THỰC HIỆN", "CHÍNH SÁCH BHXH, BHYT"]) == (
        "Ban chỉ đạo thực hiện chính sách BHXH, BHYT", "UBND tỉnh Ninh Thuận")
    assert issuing_body(["BẢO HIỂM XÃ HỘI VIỆT NAM", "BẢO HIỂM XÃ HỘI TỈNH", "BÀ RỊA - VŨNG TÀU"]) == (
        "Bảo hiểm xã hội tỉnh Bà Rịa - Vũng Tàu", "Bảo hiểm xã hội Việt Nam")
    assert issuing_body(["ỦY BAN NHÂN DÂN", "THÀNH PHỐ HẢI PHÒNG"]) == ("Ủy ban nhân dân thành phố Hải Phòng", "")


def test_a_number_written_apart_from_its_code_and_read_unsurely_is_reported_not_used():
    page = laid_out(LETTER)
    written = [replace(w, confidence=0.38) if w.text == "5484/UBND-VX" else w for w in page.words]
    number_line = [w for w in written if w.text == "5484/UBND-VX"][0]
    apart = [Word("899", replace(number_line.bbox, x1=number_line.bbox.x0 + 20), 0.38, number_line.line),
             Word("/UBND-VX", replace(number_line.bbox, x0=number_line.bbox.x0 + 30), 0.9, number_line.line)]
    meta, _, issues = extract_metadata([replace(page, words=[w for w in written if w is not number_line] + apart)])
    assert meta.plan_number == ""
    message = next(issue.message for issue in issues if issue.code == "plan_number_unreadable")
    assert "`899` with confidence 0.38" in message
    typed = [replace(w, confidence=0.38) if w.text == "5484/UBND-VX" else w for w in page.words]
    assert extract_metadata([replace(page, words=typed)])[0].plan_number == "5484/UBND-VX"  # one word with its code


def test_a_type_title_with_one_capital_misread_is_still_the_type():
    """A 150-dpi scan reads `KẾ HOẠCH` as `KI` HOẠCH`: one letter for another in a long type name still names it;
    a line naming something else does not."""
    assert type_of_line("KI` HOẠCH") == "Kế hoạch"
    assert type_of_line("QUYÉT ĐỊNH") == "Quyết định"
    assert type_of_line("KẾT LUẬN") == ""


def test_a_fraction_slash_tesseract_writes_is_the_numbers_slash():
    """`Số: 223⁄KH-UBND` (U+2044, as Tesseract writes some slashes) gives the number 223/KH-UBND; an eth it
    writes for `Đ` is `Đ`."""
    from kehoach.extractors.ocr import words_from_data

    data = {"text": ["Số:", "223⁄KH-UBND"], "level": [5, 5], "height": [40, 40], "conf": [95, 90],
            "block_num": [1, 1], "par_num": [1, 1], "line_num": [1, 1], "left": [100, 200], "top": [50, 50],
            "width": [80, 300]}
    line = " ".join(word.text for word in words_from_data(data, 300))
    assert find_plan_number(line)[0] == "223/KH-UBND"
    data["text"] = ["Phòng", "LÐ-TB&XH"]  # U+00D0
    assert [word.text for word in words_from_data(data, 300)] == ["Phòng", "LĐ-TB&XH"]
