from kehoach.config import TriageSettings
from kehoach.extractors.triage import judge_text_layer
from tests.pages import words_of

# Text written for these tests (not taken from the seeds).
CLEAN = (
    "Ủy ban nhân dân huyện ban hành kế hoạch thực hiện chính sách bảo hiểm xã hội, bảo hiểm y tế năm 2025 "
    "nhằm tăng tỷ lệ người tham gia trên địa bàn; các cơ quan, đơn vị phối hợp triển khai thực hiện đúng quy định."
)
# What an English-model OCR makes of such a line: marks dropped, letters confused.
ENGLISH_MODEL = (
    "Uy ban nhan dan huyén ban hanh ké hoach thuc hién chinh sach bao hiém x4 hoi, bao hiém y t¢ nam 2025 "
    "nham tang ty 1€ ngudi tham gia trén dia ban; cac co quan, don vi phéi hop trién khai thyc hién ding quy dinh."
)


def test_born_digital_vietnamese_layer_is_kept():
    decision = judge_text_layer(words_of(CLEAN), TriageSettings())
    assert decision.use_text_layer
    assert decision.diacritic_share > 0.6


def test_english_model_layer_is_rejected_for_ocr():
    decision = judge_text_layer(words_of(ENGLISH_MODEL), TriageSettings())
    assert not decision.use_text_layer
    assert decision.diacritic_share < 0.35


def test_a_layer_of_a_few_words_is_not_trusted():
    decision = judge_text_layer(words_of("SAO Y Thời gian ký: 19/10/2023"), TriageSettings())
    assert not decision.use_text_layer
    assert "too few" in decision.reason
