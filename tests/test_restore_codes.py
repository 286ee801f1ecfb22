import subprocess
import sys
from pathlib import Path

from kehoach.normalizers.restore import load_restorer, repair_code, repair_dash

SOURCES = Path(__file__).resolve().parent.parent / "samples" / "sources"


def test_document_codes_get_their_d_stroke_back():
    assert repair_code("QD-UBND") == "QĐ-UBND"
    assert repair_code("1204/KH-BCD") == "1204/KH-BCĐ"
    assert repair_code("HDND") == "HĐND"
    assert repair_code("2767/QD-UBND,") == "2767/QĐ-UBND,"


def test_a_lone_tilde_is_a_dash_and_a_tilde_in_a_word_is_left():
    assert [repair_dash(token) for token in ["~", "_~", "~~", "-", "_", "a~b", "~5"]] == [
        "-", "-", "-", "-", "_", "a~b", "~5"]
    assert load_restorer().restore_line("huyện ~ Phòng Lao động") == "huyện - Phòng Lao động"


def test_a_marked_capital_inside_a_lower_case_word_is_lowered_and_other_casing_kept():
    assert load_restorer().restore_line("bảo hiểm y tẾ và eKYC, mRNA") == "bảo hiểm y tế và eKYC, mRNA"


def test_numbers_emails_and_ordinary_words_pass_through():
    line = "Số: 12.038 người, 24,88% — liên hệ bhxh@kontum.gov.vn hoặc 0260.3862.123 Hello world"
    assert load_restorer().restore_line(line) == line


def test_clean_vietnamese_is_left_exactly_as_it_is():
    restorer = load_restorer()
    for path in sorted(SOURCES.glob("*.clean.txt")):
        text = path.read_text(encoding="utf-8")
        restored = restorer.restore_text(text)
        changed = [(a, b) for a, b in zip(text.split(), restored.split()) if a != b]
        assert len(restored.split()) == len(text.split())
        assert len(changed) / len(text.split()) <= 0.001, changed[:10]


def test_restore_command_keeps_one_line_per_input_line():
    text = "Căn cứ Quyết định số 14/QD-BCD ngày 09/03/2021\n\nHDND tỉnh Kon Tum\n"
    result = subprocess.run([sys.executable, "-m", "kehoach.cli", "restore"], input=text, capture_output=True,
                            text=True, check=True)
    assert result.stdout.splitlines() == ["Căn cứ Quyết định số 14/QĐ-BCĐ ngày 09/03/2021", "", "HĐND tỉnh Kon Tum"]


def test_acronym_misread_by_one_letter_is_repaired_and_words_are_not():
    restorer = load_restorer()
    assert restorer.restore_line("Tỷ lệ bao phủ BHYTT đạt 99,6% dân số.") == "Tỷ lệ bao phủ BHYT đạt 99,6% dân số."
    assert restorer.restore_line("KẾ HOẠCH năm 2025 III. NHIỆM VỤ") == "KẾ HOẠCH năm 2025 III. NHIỆM VỤ"
