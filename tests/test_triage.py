from pathlib import Path

from kehoach.config import Settings, TriageSettings
from kehoach.extractors.pdf_input import identify
from kehoach.extractors.triage import judge_text_layer
from kehoach.pipeline import plan_document

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

FIXTURES = Path(__file__).parent / "fixtures"


def test_born_digital_vietnamese_layer_is_kept():
    decision = judge_text_layer(CLEAN.split(), TriageSettings())
    assert decision.use_text_layer
    assert decision.diacritic_share > 0.6


def test_english_model_layer_is_rejected_for_ocr():
    decision = judge_text_layer(ENGLISH_MODEL.split(), TriageSettings())
    assert not decision.use_text_layer
    assert decision.diacritic_share < 0.35


def test_a_layer_of_a_few_words_is_not_trusted():
    decision = judge_text_layer("SAO Y Thời gian ký: 19/10/2023".split(), TriageSettings())
    assert not decision.use_text_layer
    assert "too few" in decision.reason


SAMPLES = Path(__file__).resolve().parent.parent / "samples"


def test_a_plan_reads_words_with_positions_only_from_the_layers_it_keeps():
    legacy = plan_document(identify(SAMPLES / "konray_2025_legacy.pdf"), Settings())
    assert legacy.pages and all(page.needs_ocr and page.layer is None for page in legacy.pages)
    assert all("degraded text layer" in page.reason for page in legacy.pages)
    digital = plan_document(identify(SAMPLES / "vinhlinh_2023_born_digital.pdf"), Settings())
    layered = [page for page in digital.pages if page.info.has_text_layer]
    assert len(layered) == 15 and all(not page.needs_ocr and len(page.layer.words) > 300 for page in layered)


def test_a_born_digital_layer_without_space_characters_is_kept_on_its_positioned_words():
    """A browser-printed PDF places words apart without space characters; PDFium's text then runs a table row
    into one token (`15HuyệnThọXuân32,3487,14`). Judged on its words as their positions separate them, the layer
    is kept rather than sent to OCR. Fixture: one page of the corpus's born-digital Thanh Hóa plan."""
    [plan] = plan_document(identify(FIXTURES / "unspaced_text_layer.pdf"), Settings()).pages
    assert plan.decision.use_text_layer and not plan.needs_ocr, plan.decision.reason
    assert {"Thọ", "Xuân", "87,58"} <= {word.text for word in plan.layer.words}


def test_a_layer_whose_marks_are_all_western_is_the_english_models_and_is_replaced():
    """A table of names read by an English model keeps marks (é, ô) and passes as well-formed, marked
    Vietnamese; none of its marks is one only Vietnamese writes, so the page is OCR'd again. Born-digital text
    of the same names keeps its layer."""
    english_model = ("STT Don vi 2023 (%) 2024 (%) 9 Huyén Kéng Chro 30,1 32,4 10 Huyén Ditc Co 21,7 23,4 11 Huyén Chu "
                     "Préng 15,9 17,7 12 Huyén Chu Sé 18,2 19,3 13 Huyén Dak Po 28,6 31,4 14 Huyén Ia Pa 26,4 27,3 "
                     "15 Huyén Krong Pa 12,6 14,7 16 Huyén Phi Thién 16,7 18,5 Cong 24,7 26,5").split()
    printed = ("STT Đơn vị 2023 (%) 2024 (%) 9 Huyện Kông Chro 30,1 32,4 10 Huyện Đức Cơ 21,7 23,4 11 Huyện Chư "
               "Prông 15,9 17,7 12 Huyện Chư Sê 18,2 19,3 13 Huyện Đak Pơ 28,6 31,4 14 Huyện Ia Pa 26,4 27,3 "
               "15 Huyện Krông Pa 12,6 14,7 16 Huyện Phú Thiện 16,7 18,5 Cộng 24,7 26,5").split()
    settings = TriageSettings()
    degraded = judge_text_layer(english_model, settings)
    assert degraded.vietnamese_share >= settings.min_vietnamese_share  # the shape alone would keep it
    assert not degraded.use_text_layer and degraded.vietnamese_letter_share == 0.0
    assert judge_text_layer(printed, settings).use_text_layer
