"""Agency names restored whole (normalizers/agency_names.py), on a small list of names; and through the restorer
with the list in vocab/data/agencies.csv and the real model."""
from kehoach.normalizers.agency_names import AgencyNames
from kehoach.normalizers.restore import load_restorer

NAMES = AgencyNames.of(["Sở Giáo dục và Đào tạo", "Sở Y tế", "Bộ Y tế", "Công an tỉnh", "Sở Tư pháp", "Sở LĐ-TB&XH"])


def restore(line: str) -> str:
    return " ".join(NAMES.restore(line.split()))


def test_a_run_spelling_a_name_without_marks_is_written_as_that_name_with_its_punctuation():
    assert restore("giao (Số Giáo dục và Đào tạo), phối hợp") == "giao (Sở Giáo dục và Đào tạo), phối hợp"


def test_one_letter_of_a_word_no_syllable_explains_is_read_from_the_rest_of_the_name():
    assert restore("SG Giáo dục và Đào tạo") == "Sở Giáo dục và Đào tạo"
    assert restore("SO Y tế") == "Sở Y tế"


def test_a_valid_syllable_one_letter_from_a_name_is_left_alone():
    assert restore("Bộ Y tế") == "Bộ Y tế"
    assert restore("Sổ Tư pháp") == "Sở Tư pháp"  # the same letters: the name's
    assert restore("Sở Tư phát") == "Sở Tư phát"  # `phát` is a syllable


def test_a_run_in_capitals_stays_in_capitals_and_one_spelt_right_is_left_as_it_is():
    assert restore("SỞ GIÁO DUC VÀ ĐÀO TAO") == "SỞ GIÁO DỤC VÀ ĐÀO TẠO"
    assert restore("Sở Giáo dục và đào tạo") == "Sở Giáo dục và đào tạo"


def test_lower_case_runs_short_names_and_names_with_signs_are_not_touched():
    assert restore("số giáo dục và đào tạo") == "số giáo dục và đào tạo"
    assert restore("Công an tính") == "Công an tỉnh"
    assert restore("Số LĐ-TB&XH") == "Số LĐ-TB&XH"


def test_the_restorer_writes_a_misread_agency_name_whole():
    line = load_restorer().restore_line("S6 Nong nghiép va Phat trién nong thon; SG Gido duc va Dao tao", "eng")
    assert line == "Sở Nông nghiệp và Phát triển nông thôn; Sở Giáo dục và Đào tạo"


def test_a_name_broken_over_two_lines_is_restored_whole():
    lines = load_restorer().restore_lines(["truoc Giam doc SO Gido duc va Dao", "tao ve ket qua"], "eng")
    assert lines == ["trước Giám đốc Sở Giáo dục và Đào", "tạo về kết quả"]
