"""The interface in Vietnamese or English: the language from `--lang` or the locale, progress lines and the
summary from the catalogue, issue messages translated by their stable `code` with their numbers and names kept,
and `kehoach run --lang vi` on the samples leaving no English sentence in issues.csv or the report."""
from __future__ import annotations

import csv
import re
import shutil
from dataclasses import replace
from html.parser import HTMLParser
from pathlib import Path

import pytest

from kehoach.cli import main
from kehoach.config import CheckSettings
from kehoach.issue_texts import TEXTS, issue_message
from kehoach.messages import default_language
from kehoach.normalizers.cross_checks import cross_check
from kehoach.progress import Progress
from kehoach.records import Page, Target, Task
from kehoach.repeated_plans import CODE as REPEATED_PLAN_CODE

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
# Words of English sentences; none is a Vietnamese word written without marks either.
ENGLISH = frozenset("the and of is are not could with from which this that was were but its than into for by "
                    "on page pages rows row table left empty read says gives check document number date found "
                    "total rate value targets issues documents ranked over years only per line text".split())


def english_words(text: str) -> list[str]:
    """The English words of `text`, leaving out identifiers (`bhyt_rate`, `low_ocr_confidence`) and file names."""
    words = [word.strip(".,;:()[]'\"`!?—–-").lower() for word in text.split()]
    return [word for word in words if word in ENGLISH]


@pytest.mark.parametrize("environ, expected", [
    ({"LANG": "vi_VN.UTF-8"}, "vi"), ({"LANG": "en_US.UTF-8"}, "en"), ({}, "en"),
    ({"LANG": "vi_VN.UTF-8", "LC_ALL": "C.UTF-8"}, "en"), ({"LANG": "C", "LC_MESSAGES": "vi_VN"}, "vi"),
])
def test_language_defaults_to_vietnamese_when_the_locale_is_vietnamese(environ, expected):
    assert default_language(environ) == expected


def test_every_issue_code_the_code_raises_has_a_vietnamese_text():
    raised = {REPEATED_PLAN_CODE}
    for folder in ("extractors", "normalizers", "kehoach", "flows"):
        for path in (ROOT / folder).rglob("*.py"):
            raised |= set(re.findall(r'Issue\(\s*(?:severity=)?"\w+",\s*(?:code=)?"(\w+)"', path.read_text()))
    assert len(raised) > 10
    assert sorted(raised - set(TEXTS)) == []


def rate(area: str, value: float, **changes) -> Target:
    return replace(Target(area, area, "district", "", "Tỉnh Quảng Trị", "bhtn_rate", 2023, value, page=5,
                          table=0, decimals=2), **changes)


def test_cross_check_messages_read_in_vietnamese_with_their_numbers_and_names():
    """The checks' own messages, made by the checks from a table whose total and rates are wrong and a text that
    disagrees with it, translated: every number of the English is in the Vietnamese, and no English word."""
    targets = [
        rate("Huyện Vĩnh Linh", 13.10, participants=5000, base="labor_force", base_value=40000),
        rate("Huyện Gio Linh", 12.00, participants=3000, base="labor_force", base_value=25000),
        rate("Tổng cộng", 14.50, participants=8100, base="labor_force", base_value=65000, total_row=True,
             area_name="Tỉnh Quảng Trị", area_level="province"),
        rate("Huyện Cam Lộ", 130.0, table=1),
        rate("Xã Vĩnh Tú", 10.00, table=2, participants=100, base_value=1000, year=2024),
        rate("Xã Vĩnh Thái", 20.00, table=2, participants=400, base_value=2000, year=2024),
        rate("Cộng", 15.00, table=2, total_row=True, year=2024),
        rate("Xã Gio Mỹ", 10.00, table=3, year=2025),
        rate("Xã Gio Hải", 20.00, table=3, year=2025),
        rate("Cộng", 25.00, table=3, total_row=True, year=2025),
        rate("", 11.00, source="narrative", table=None, page=2, area_name="Tỉnh Quảng Trị", area_level="province"),
    ]
    page = Page(number=5, width=595, height=842, text_source="ocr", words=[], text="", confidence=0.5)
    page = replace(page, words=[object()])  # a page with words, read with low confidence
    _, issues = cross_check(targets, [page], [], "12/KH-UBND", CheckSettings())
    codes = {issue.code for issue in issues}
    assert {"rate_out_of_range", "rate_not_participants_over_base", "total_not_sum", "total_rate_not_aggregate",
            "total_rate_outside_rows", "prose_disagrees_with_annex", "low_ocr_confidence"} <= codes
    for issue in issues:
        vietnamese = issue_message(issue.code, issue.message, "vi")
        assert vietnamese != TEXTS[issue.code].fallback, issue.message  # a pattern read the message's parts
        assert english_words(vietnamese) == [], vietnamese
        assert sorted(re.findall(r"\d[\d.,]*\d|\d", issue.message)) == sorted(re.findall(r"\d[\d.,]*\d|\d", vietnamese))
        assert issue_message(issue.code, issue.message, "en") == issue.message


def test_a_task_timeline_message_keeps_the_printed_timeline():
    from kehoach.normalizers.task_records import normalize_tasks

    task = Task("II", "Nhiệm vụ", "", "3", "Tuyên truyền chính sách", "", "", [], "Khi có yêu cầu", "", False, 4)
    _, issues = normalize_tasks([task], 2024)
    [issue] = issues
    vietnamese = issue_message(issue.code, issue.message, "vi")
    assert "Khi có yêu cầu" in vietnamese and "'3'" in vietnamese and english_words(vietnamese) == []


def test_a_reworded_message_gets_its_codes_vietnamese_sentence_and_an_unknown_code_stays_as_written():
    assert issue_message("low_ocr_confidence", "Page 3 looks poor.", "vi") == TEXTS["low_ocr_confidence"].fallback
    assert issue_message("some_new_check", "A new check said this.", "vi") == "A new check said this."


def test_progress_lines_and_the_summary_speak_the_runs_language(capsys):
    progress = Progress(lang="vi")
    progress.document_skipped("a.pdf")
    assert "bỏ qua a.pdf" in capsys.readouterr().err
    assert progress.summary().startswith("1 văn bản: 0 đọc xong") and english_words(progress.summary()) == []
    assert Progress(lang="en").summary().startswith("0 documents: 0 ok")


class Text(HTMLParser):
    """The text a reader sees on a page (not its style sheet)."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip = False
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.skip = tag == "style"

    def handle_data(self, data):
        if not self.skip:
            self.parts.append(data)


def test_run_in_vietnamese_leaves_no_english_sentence_in_issues_csv_or_the_report(sample_run, tmp_path):
    """`kehoach run --lang vi` over a folder the samples were read into: nothing is read again (the language is no
    reading setting), the tables are written again in Vietnamese."""
    _, english_run = sample_run
    out = tmp_path / "out"
    shutil.copytree(english_run, out)
    assert main(["run", str(SAMPLES), "--out", str(out), "--lang", "vi"]) == 0
    with (out / "issues.csv").open(encoding="utf-8-sig", newline="") as handle:
        issues = list(csv.DictReader(handle))
    with (english_run / "issues.csv").open(encoding="utf-8-sig", newline="") as handle:
        english = list(csv.DictReader(handle))
    assert [(row["doc_id"], row["code"]) for row in issues] == [(row["doc_id"], row["code"]) for row in english]
    assert len(issues) > 5
    assert [(row["code"], row["message"]) for row in issues if english_words(row["message"])] == []
    report = tmp_path / "report.html"
    assert main(["compare", str(out), "--html", str(report), "--lang", "vi"]) == 0
    shown = " ".join(Text(report.read_text(encoding="utf-8")).parts)
    assert "Các văn bản và vấn đề của chúng" in shown
    assert english_words(shown) == []


def test_usage_errors_speak_the_chosen_language(tmp_path, capsys):
    (tmp_path / "empty").mkdir()
    assert main(["run", str(tmp_path / "empty"), "--out", str(tmp_path / "out"), "--lang", "vi"]) == 2
    assert f"Không tìm thấy tệp PDF nào trong: {tmp_path / 'empty'}" in capsys.readouterr().err
    assert main(["compare", str(tmp_path), "--lang", "vi"]) == 2
    assert "không có targets.csv" in capsys.readouterr().err
    assert main(["compare", str(tmp_path), "--lang", "en"]) == 2
    assert "has no targets.csv" in capsys.readouterr().err


def test_a_page_over_the_limits_fails_with_a_vietnamese_reason_that_keeps_its_sizes():
    from kehoach.config import Limits
    from kehoach.errors import LimitExceeded
    from kehoach.extractors.pdf_input import check_page_pixels
    from kehoach.records import PageInfo

    for info in (PageInfo(3, 14400, 792, True), PageInfo(4, 595, 842, False, scan_bits=8, image_pixels=900_000_000),
                 PageInfo(5, 595, 842, False, content_bytes=10**9)):
        with pytest.raises(LimitExceeded) as raised:
            check_page_pixels(info, 300, Limits())
        vietnamese = issue_message("page_failed", str(raised.value), "vi")
        assert vietnamese != TEXTS["page_failed"].fallback and english_words(vietnamese) == []
        assert f"Trang {info.number} " in vietnamese


def test_why_a_file_could_not_be_read_is_said_in_vietnamese(tmp_path):
    """documents.csv's `error` and the terminal line for an unreadable input: each reason a file is refused has
    its own Vietnamese sentence, keeping what it names (sizes, the link's target)."""
    import os

    from kehoach.config import Limits
    from kehoach.errors import KehoachError
    from kehoach.extractors.pdf_input import check_bytes
    from kehoach.resume import why_unopenable

    empty, text, cut = tmp_path / "empty.pdf", tmp_path / "text.pdf", tmp_path / "cut.pdf"
    empty.write_bytes(b"")
    text.write_text("Kế hoạch số 1", encoding="utf-8")
    cut.write_bytes(b"%PDF-1.7\n" + b"0" * 4096)
    os.mkfifo(tmp_path / "pipe.pdf")
    os.symlink(tmp_path / "gone.pdf", tmp_path / "link.pdf")
    reasons = [why_unopenable(tmp_path / name) for name in ("missing.pdf", "pipe.pdf", "link.pdf")]
    for path in (empty, text, cut):
        with pytest.raises(KehoachError) as raised:
            check_bytes(path, Limits())
        reasons.append(str(raised.value))
    for reason in reasons:
        vietnamese = issue_message("document_failed", reason, "vi")
        assert vietnamese != TEXTS["document_failed"].fallback and english_words(vietnamese) == [], reason
    assert str(tmp_path / "gone.pdf") in issue_message("document_failed", reasons[2], "vi")
