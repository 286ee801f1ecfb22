import subprocess
import sys

from kehoach.normalizers.casing import recase
from kehoach.normalizers.restore import engine_of, load_restorer
from kehoach.synth.parallel import read_back, word_pairs, words
from kehoach.synth.scanner import ScanProfile

# Written for this test; not part of any text the models were built from.
PARAGRAPH = ("Ủy ban nhân dân huyện giao Phòng Lao động - Thương binh và Xã hội chủ trì, phối hợp với Bảo hiểm "
             "xã hội huyện tổ chức tuyên truyền chính sách bảo hiểm xã hội tự nguyện đến từng hộ gia đình. "
             "Phấn đấu đến hết năm 2024 tỷ lệ người dân tham gia bảo hiểm y tế đạt 95,5% dân số.")


def test_tokens_that_are_not_vietnamese_words_pass_through():
    restorer = load_restorer()
    for line in ["Kết quả: 12.038 người (24,88%), xem https://baohiemxahoi.gov.vn/tin-tuc hoặc gọi 0260.3862.123",
                 "Huyện Ia H'Drai, Sở LĐ-TB&XH, BHXH tỉnh; mục III.2, Phụ lục IV kèm theo",
                 "Đăng ký qua Zalo, email contact@kontum.gov.vn."]:
        assert restorer.restore_line(line, "vie") == line


def test_spacing_and_casing_are_kept():
    restorer = load_restorer()
    assert restorer.restore_line("  BAO HIEM  XA HOI   tinh", "eng") == "  BẢO HIỂM  XÃ HỘI   tỉnh"
    assert recase("đồng", "DONG") == "ĐỒNG" and recase("đồng", "Dong") == "Đồng" and recase("đồng", "dong") == "đồng"
    assert recase("m'đrắk", "M'Drak") == "M'Đrắk" and recase("h'drai", "H'DRAI") == "H'DRAI"


def test_the_engine_is_judged_from_the_letters_the_text_uses():
    assert engine_of("Ke hoach thuc hien chinh sach bao hiem xa hoi nam 2024") == "eng"
    assert engine_of("Kế hoạch thực hiện chính sách bảo hiếm xã hội năm 2024") == "vie"


def test_explain_gives_each_token_its_choice_alternatives_and_confidence():
    choices = load_restorer().explain("Bao hiem xa hoi 2024", "eng")
    assert [c.token for c in choices] == ["Bao", "hiem", "xa", "hoi", "2024"]
    assert [c.chosen for c in choices] == ["Bảo", "hiểm", "xã", "hội", "2024"]
    for choice in choices[:4]:
        assert 0.5 < choice.confidence <= 1.0
        assert choice.alternatives and all(0.0 <= p <= choice.confidence for _, p in choice.alternatives)
    assert choices[4].alternatives == [] and choices[4].confidence == 1.0


def test_restore_command_explains_per_token():
    result = subprocess.run([sys.executable, "-m", "kehoach.cli", "restore", "--explain"], input="huyen Gio Linh\n",
                            capture_output=True, text=True, check=True)
    rows = [line.split("\t") for line in result.stdout.splitlines() if line]
    assert [row[:2] for row in rows] == [["huyen", "huyện"], ["Gio", "Gio"], ["Linh", "Linh"]]


def test_english_model_ocr_of_a_scanned_paragraph_comes_back_as_vietnamese():
    page = read_back(PARAGRAPH, ScanProfile(dpi=300, jpeg_quality=70), "eng", seed=11)[0]
    printed, read = words(page.printed), words(page.read)
    restored = words(load_restorer().restore_text(page.read))
    pairs = word_pairs(printed, read)
    assert len(pairs) >= 0.9 * len(printed)
    raw = sum(printed[i] == read[j] for i, j in pairs) / len(pairs)
    right = sum(printed[i] == restored[j] for i, j in pairs) / len(pairs)
    assert raw < 0.5 and right >= 0.9, (raw, right, [(printed[i], restored[j]) for i, j in pairs
                                                      if printed[i] != restored[j]])


def test_a_sentence_is_decoded_across_line_breaks_and_keeps_its_lines():
    restorer = load_restorer()
    assert restorer.restore_line("qua cong tac", "eng") == "qua công tác"  # alone, the line gives no context
    assert restorer.restore_text("nang cao hieu\nqua cong tac", "eng") == "nâng cao hiệu\nquả công tác"
    assert restorer.restore_lines(["co so giao", "duc."], "eng") == ["cơ sở giáo", "dục."]


def test_a_blank_line_ends_a_sentence():
    restorer = load_restorer()
    assert restorer.restore_text("nang cao hieu\n\nqua cong tac", "eng") == "nâng cao hiệu\n\nqua công tác"


def test_the_closing_mark_of_a_document_stays_on_its_restored_word():
    assert load_restorer().restore_line("to chuc thuc hien./.", "eng") == "tổ chức thực hiện./."


def test_a_line_in_capitals_is_no_context_for_the_line_below():
    lines = ["CHÍNH SÁCH BHXH, BHYT", "Số: 356/KH-BCĐ Gia Lai, ngày 15 tháng 3 năm 2024"]
    assert load_restorer().restore_lines(lines, "vie") == lines
