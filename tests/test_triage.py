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
