"""The Tesseract engine kept per thread: a call's variables end with the call, engines are not shared."""
import threading
from dataclasses import replace

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from kehoach.config import OcrSettings
from kehoach.errors import PageTimeout
from kehoach.extractors.ocr import engine, ocr_image, run_tesseract, words_from_data

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"


def printed(text: str) -> np.ndarray:
    """One line of text at about 12 pt at 300 dpi, black on white, 8-bit grey."""
    image = Image.new("L", (1400, 160), 255)
    ImageDraw.Draw(image).text((40, 40), text, fill=0, font=ImageFont.truetype(FONT, 50))
    return np.array(image)


def texts(image: np.ndarray, settings: OcrSettings, variables: dict[str, str] | None = None) -> str:
    return " ".join(word.text for word in words_from_data(run_tesseract(image, settings, variables), settings.dpi))


def test_a_whitelist_holds_for_its_call_only():
    settings = replace(OcrSettings(), psm=7)
    line = printed("Năm 2024 đạt 24,88%")
    assert texts(line, settings, {"tessedit_char_whitelist": "0123456789.,%"}).replace(" ", "") == "202424,88%"
    assert texts(line, settings) == "Năm 2024 đạt 24,88%"


def test_each_thread_has_its_own_engine_and_the_same_reading():
    settings = OcrSettings()
    line = printed("Ủy ban nhân dân huyện Đăk Pơ")
    here = engine(settings.lang, settings.oem)
    found: dict[str, object] = {}

    def read() -> None:
        found["engine"] = engine(settings.lang, settings.oem)
        found["text"] = " ".join(word.text for word in ocr_image(line, settings))

    worker = threading.Thread(target=read)
    worker.start()
    worker.join()
    assert found["engine"] is not here
    assert engine(settings.lang, settings.oem) is here
    assert found["text"] == " ".join(word.text for word in ocr_image(line, settings)) == "Ủy ban nhân dân huyện Đăk Pơ"


def test_a_page_over_the_time_limit_raises_page_timeout():
    page = np.tile(printed("Kế hoạch thực hiện chỉ tiêu phát triển bảo hiểm xã hội năm 2024"), (20, 1))
    with pytest.raises(PageTimeout, match="page time limit"):
        run_tesseract(page, replace(OcrSettings(), page_timeout_s=0.001))
