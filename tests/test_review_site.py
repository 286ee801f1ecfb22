"""`kehoach review DIR`: the review site of a run folder. Where each value is drawn (unit tests on small records),
the low_cell_confidence issue, the order of the index, the links into the site from the HTML report and the
workbook, and the samples' site opened in headless Chromium (driven by Playwright, as tests/test_compare_report.py
does): no console error, and the box of a known value lies over the pixels that print it (read back by Tesseract
from a screenshot, against the sample's truth)."""
from __future__ import annotations

import io
import json
import re
import shutil
from dataclasses import replace
from html.parser import HTMLParser
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from kehoach.cli import main
from kehoach.config import CheckSettings, OcrSettings, ReviewSettings
from kehoach.errors import UsageError
from kehoach.issue_texts import TEXTS, issue_message
from kehoach.normalizers.cell_readings import check_cell_readings
from kehoach.normalizers.cross_checks import check_cell_confidence
from kehoach.comparison import compare_run
from kehoach.records import BBox, Cell, Document, DocumentMeta, Issue, Page, Table, Target, Task, Word
from kehoach.report_html import render_report, write_report
from kehoach.review_html import index_page, placed
from kehoach.review_images import page_image
from kehoach.review_links import target_anchor
from kehoach.review_marks import ReviewPage, review_document, turned_degrees
from kehoach.review_site import write_review_site
from tests.test_vietnamese_interface import Text, english_words

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
COMPARE_RUN = Path(__file__).resolve().parent / "fixtures" / "compare_run"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


def target(area: str, value: float | None, confidence: float = 0.95, page: int = 3, table: int | None = 0,
           source: str = "table", indicator: str = "bhyt_rate") -> Target:
    return Target(area_name=area, area_name_raw=area, area_level="district", area_code="", province="Tỉnh Gia Lai",
                  indicator=indicator, year=2024, value=value, source=source, page=page, confidence=confidence,
                  table=table, decimals=2)


def cell(row: int, col: int, text: str, confidence: float = 0.95) -> Cell:
    """A cell of a 100 × 20 pt grid starting at (50, 100)."""
    return Cell(row, col, text, BBox(50 + 100 * col, 100 + 20 * row, 150 + 100 * col, 120 + 20 * row),
                confidence=confidence)


def page(number: int, words: list[Word] = ()) -> Page:
    return Page(number, 595, 842, "ocr", list(words), " ".join(word.text for word in words), 0.9)


def record(targets=(), tables=(), tasks=(), pages=(page(3),), issues=(), status="ok") -> dict:
    document = Document(doc_id="aaaaaaaaaaaa", source_file=str(SAMPLES / "gialai_2024_scan.pdf"), sha256="0" * 64,
                        status=status, pages=list(pages), meta=DocumentMeta(plan_number="356/KH-BCĐ"),
                        tables=list(tables), targets=list(targets), tasks=list(tasks), issues=list(issues))
    return json.loads(json.dumps(document.to_dict(), default=str))  # as docs/<doc_id>.json holds it


def districts_table() -> Table:
    cells = [cell(0, 0, "Đơn vị"), cell(0, 1, "Tỷ lệ BHYT 2024 (%)"),
             cell(1, 0, "Huyện A"), cell(1, 1, "95,50"),
             cell(2, 0, "Huyện B"), cell(2, 1, "95,50"),
             cell(3, 0, "Huyện C"), cell(3, 1, "94,20", confidence=0.1)]
    return Table(page=3, bbox=BBox(50, 100, 250, 180), n_rows=4, n_cols=2, cells=cells, row_pages=[3, 3, 3, 3])


def marks_by_area(document) -> dict[str, object]:
    return {mark.label.split(" · ")[1]: mark for mark in document.targets}


# where each value is drawn

def test_a_table_target_is_drawn_on_the_cell_of_its_own_area_that_holds_its_value():
    # Huyện B comes first and holds the same value as Huyện A: each still gets the cell in its own row.
    document = review_document(record([target("Huyện B", 95.5), target("Huyện A", 95.5)], [districts_table()]))
    marks = marks_by_area(document)
    assert marks["Huyện A"].box == cell(1, 1, "").bbox
    assert marks["Huyện B"].box == cell(2, 1, "").bbox
    assert marks["Huyện B"].text == "95,50%"


def test_a_prose_target_is_drawn_on_the_word_printing_its_value():
    words = [Word("đạt", BBox(60, 300, 80, 310), 0.9, 0), Word("13,10%", BBox(84, 300, 120, 310), 0.9, 0)]
    prose = target("Huyện Vĩnh Linh", 13.1, source="narrative", table=None)
    (mark,) = review_document(record([prose], pages=[page(3, words)])).targets
    assert mark.box == BBox(84, 300, 120, 310)


def test_a_task_is_drawn_on_the_cell_that_begins_as_it_does_despite_ocr_slips():
    cells = [cell(0, 0, "1"),
             cell(0, 1, "Tham mưu Ủy ban nhân dân tinh giao chi tiêu phát triển người tham gia"),
             cell(1, 0, "2"), cell(1, 1, "Kiểm tra việc sử dụng quỹ khám bệnh, chữa bệnh")]
    matrix = Table(page=3, bbox=BBox(50, 100, 250, 140), n_rows=2, n_cols=2, cells=cells, row_pages=[3, 3])
    task = Task("I", "", "", "1",
                "Tham mưu Ủy ban nhân dân tỉnh giao chỉ tiêu phát triển người tham gia BHXH",
                "Bảo hiểm xã hội tỉnh", "BHXH tỉnh", [], "", "", False, 3)
    (mark,) = review_document(record(tasks=[task], tables=[matrix])).tasks
    assert mark.box == cells[1].bbox and mark.label == "Bảo hiểm xã hội tỉnh"


def test_a_value_its_page_does_not_print_is_listed_without_a_box():
    prose = target("Huyện Vĩnh Linh", 13.1, source="narrative", table=None)
    document = review_document(record([prose, target("Huyện D", 77.7)], [districts_table()]))
    assert [mark.box for mark in document.targets] == [None, None]
    assert len(document.targets) == 2


def test_an_issue_naming_a_target_outlines_it_and_no_other():
    targets = [target("Huyện A", 95.5), target("Huyện B", 95.5), target("Huyện C", 94.2, confidence=0.1)]
    issues = check_cell_confidence(targets, CheckSettings())
    marks = marks_by_area(review_document(record(targets, [districts_table()], issues=issues)))
    assert marks["Huyện C"].issues == ("low_cell_confidence",)
    assert marks["Huyện A"].issues == marks["Huyện B"].issues == ()


def test_a_cell_whose_page_words_print_another_rate_is_in_doubt_and_a_half_read_one_is_not():
    table = districts_table()
    # The page's words under Huyện A's cell print 55,50; under Huyện B's a comma with no decimals after it.
    words = [Word("55,50", BBox(160, 122, 190, 138), 0.9, 1), Word("95,", BBox(160, 142, 180, 158), 0.9, 2)]
    document = review_document(record([target("Huyện A", 95.5), target("Huyện B", 95.5)], [table],
                                      pages=[page(3, words)]))
    marks = marks_by_area(document)
    assert marks["Huyện A"].other_reading == "55,50%" and marks["Huyện A"].in_doubt
    assert marks["Huyện B"].other_reading == "" and not marks["Huyện B"].in_doubt
    assert document.other_readings == 1


def test_a_cell_the_pages_words_read_as_another_rate_raises_cell_read_two_ways_in_both_languages():
    table = districts_table()
    words = [Word("55,50", BBox(160, 122, 190, 138), 0.9, 1), Word("95,", BBox(160, 142, 180, 158), 0.9, 2),
             Word("94,20", BBox(160, 162, 190, 178), 0.9, 3)]
    targets = [target("Huyện A", 95.5), target("Huyện B", 95.5), target("Huyện C", 94.2)]
    (issue,) = check_cell_readings(targets, [page(3, words)], [table])
    assert (issue.severity, issue.code, issue.page) == ("warning", "cell_read_two_ways", 3)
    assert "Huyện A" in issue.message and "95,50%" in issue.message and "55,50%" in issue.message
    vietnamese = issue_message(issue.code, issue.message, "vi")
    assert vietnamese != TEXTS["cell_read_two_ways"].fallback and "55,50%" in vietnamese
    # The review outlines the value the issue names.
    marks = marks_by_area(review_document(record(targets, [table], pages=[page(3, words)], issues=[issue])))
    assert marks["Huyện A"].issues == ("cell_read_two_ways",) and marks["Huyện C"].issues == ()


def test_boxes_are_placed_in_percentages_of_the_page_as_read():
    sheet = ReviewPage(1, 600, 800, 0, "ocr", 0.9)
    assert placed(BBox(300, 200, 450, 400), sheet) == "left:50.000%;top:25.000%;width:25.000%;height:25.000%"


def test_a_page_read_after_a_turn_has_its_image_turned_the_same_way(tmp_path):
    assert turned_degrees("no text layer; scanned turned, read after a 90° turn") == 90
    settings = ReviewSettings(image_width=300)
    # The sample's first page is portrait; read after a quarter turn it is landscape, 842 × 595 pt.
    sideways = ReviewPage(1, 841.92, 595.44, 90, "ocr", 0.9)
    made = page_image(SAMPLES / "gialai_2024_scan.pdf", "aaaaaaaaaaaa", sideways, tmp_path, settings)
    with Image.open(tmp_path / made.name) as image:
        assert image.width == 300 and abs(image.height - 300 * 595.44 / 841.92) <= 1


# the issue

def test_low_cell_confidence_names_an_outlier_of_its_document_with_value_page_and_confidence():
    targets = [target(f"Huyện {n}", 10.0 + n, confidence=0.9) for n in range(5)] + [target("Huyện X", 40.84, 0.0)]
    (issue,) = check_cell_confidence(targets, CheckSettings())
    assert (issue.severity, issue.code, issue.page) == ("warning", "low_cell_confidence", 3)
    assert "40,84%" in issue.message and "0.00" in issue.message and "Huyện X" in issue.message
    vietnamese = issue_message(issue.code, issue.message, "vi")
    assert vietnamese != TEXTS["low_cell_confidence"].fallback and "40,84%" in vietnamese and "trang 3" in vietnamese


def test_low_cell_confidence_is_quiet_on_a_scan_read_uniformly_unsure_and_on_prose():
    uniform = [target(f"Huyện {n}", 10.0 + n, confidence=0.5 + 0.02 * n) for n in range(6)]
    prose = [target("Huyện Y", 12.0, confidence=0.0, source="narrative", table=None)]
    assert check_cell_confidence(uniform + prose, CheckSettings()) == []


# the index

def test_documents_that_need_a_person_come_first_in_the_index():
    def document(name: str, status: str, confidence: float, warnings: int):
        issues = [Issue("warning", "total_not_sum", "x", 3)] * warnings
        built = review_document(record([target("Huyện A", 95.5, confidence)], [districts_table()], issues=issues,
                                       status=status))
        return replace(built, doc_id=name, source_file=f"{name}.pdf")

    documents = [document("sure", "ok", 0.99, 0), document("unsure", "ok", 0.3, 0), document("warned", "ok", 0.99, 2),
                 document("partial", "partial", 0.99, 0), document("failed", "failed", 0.99, 0)]
    order = re.findall(r'href="(\w+)\.html"', index_page(documents, "run", "en"))
    assert order == ["failed", "partial", "warned", "unsure", "sure"]


def test_review_open_shows_the_index_in_the_web_browser(tmp_path, monkeypatch):
    (tmp_path / "docs").mkdir()
    opened = []
    monkeypatch.setattr("webbrowser.open", opened.append)
    assert main(["review", str(tmp_path), "--open"]) == 0
    assert opened == [(tmp_path / "review" / "index.html").resolve().as_uri()]


def test_review_of_a_folder_that_is_not_a_run_folder_is_a_usage_error(tmp_path, capsys):
    with pytest.raises(UsageError):
        write_review_site(tmp_path)
    assert main(["review", str(tmp_path), "--lang", "vi"]) == 2
    assert "docs/" in capsys.readouterr().err


def test_the_review_site_speaks_vietnamese_when_asked(tmp_path):
    targets = [target(f"Huyện {name}", 10.0 + number, confidence=0.9) for number, name in enumerate("ABCDE")]
    targets.append(target("Huyện X", 40.84, 0.0))
    stored = record(targets, [districts_table()], issues=check_cell_confidence(targets, CheckSettings()))
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "aaaaaaaaaaaa.json").write_text(json.dumps(stored, ensure_ascii=False), encoding="utf-8")
    site = write_review_site(tmp_path, "vi")
    shown = " ".join(Text(site.index.read_text(encoding="utf-8")).parts
                     + Text((site.index.parent / "aaaaaaaaaaaa.html").read_text(encoding="utf-8")).parts)
    assert "Chỉ tiêu trên trang này" in shown and "giá trị 40,84%" in shown
    assert english_words(shown) == []
    assert (site.documents, site.images_made) == (1, 1)  # the record's one page, drawn from its source PDF


def test_a_document_whose_pdf_has_moved_is_listed_with_its_values_and_without_images(tmp_path):
    stored = record([target("Huyện A", 95.5)], [districts_table()])
    stored["source_file"] = str(tmp_path / "moved away.pdf")
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "aaaaaaaaaaaa.json").write_text(json.dumps(stored, ensure_ascii=False), encoding="utf-8")
    site = write_review_site(tmp_path)
    shown = (site.index.parent / "aaaaaaaaaaaa.html").read_text(encoding="utf-8")
    assert (site.images_made, site.images_kept) == (0, 0)
    assert "No image: the source PDF is no longer where the run read it" in shown and "95,50%" in shown
    assert "<img" not in shown and "crop" not in shown.split("</style>")[1]


# links into the site

def test_every_value_of_the_html_report_links_to_its_page_in_the_review_site(tmp_path):
    html = render_report(compare_run(COMPARE_RUN), "compare_run")
    values = re.findall(r'<td class="number"><span[^>]*><a href="([^"]+)"', html)
    assert values and all(re.fullmatch(r"review/[0-9a-f]{12}\.html#p\d+", href) for href in values)
    # Written elsewhere, the report reaches the run folder's site by a relative path.
    write_report(COMPARE_RUN, tmp_path / "reports" / "report.html")
    written = (tmp_path / "reports" / "report.html").read_text(encoding="utf-8")
    href = re.search(r'class="review" href="([^"]+)"', written).group(1)
    assert (tmp_path / "reports" / href.split("#")[0]).resolve() == (COMPARE_RUN / "review" / href.split("/")[-1]
                                                                       .split("#")[0]).resolve()


# the samples' site

class Ids(HTMLParser):
    def __init__(self, html: str):
        super().__init__()
        self.ids: set[str] = set()
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.ids.update(value for name, value in attrs if name == "id")


@pytest.fixture(scope="module")
def samples_site(request, tmp_path_factory) -> Path:
    """The samples' run records in a folder of their own, and its review site written (the session's run folder is
    left as the other tests read it)."""
    _, out = request.getfixturevalue("sample_run")
    folder = tmp_path_factory.mktemp("review_run")
    shutil.copytree(out / "docs", folder / "docs")
    write_review_site(folder)
    return folder


def doc_id_of(folder: Path, file_name: str) -> str:
    return next(path.stem for path in (folder / "docs").glob("*.json")
                if json.loads(path.read_text(encoding="utf-8"))["source_file"].endswith(file_name))


def test_the_samples_site_has_a_page_per_document_and_a_rerun_draws_no_page_again(samples_site):
    records = list((samples_site / "docs").glob("*.json"))
    index = (samples_site / "review" / "index.html").read_text(encoding="utf-8")
    assert sorted(re.findall(r'href="(\w+)\.html"', index)) == sorted(path.stem for path in records)
    images = sorted((samples_site / "review" / "img").glob("*.jpg"))
    pages = sum(len(json.loads(path.read_text(encoding="utf-8"))["pages"]) for path in records)
    assert len(images) == pages
    before = {image: image.stat().st_mtime_ns for image in images}
    again = write_review_site(samples_site)
    assert (again.images_made, again.images_kept) == (0, pages)
    assert {image: image.stat().st_mtime_ns for image in images} == before


def test_every_table_target_of_the_born_digital_sample_is_drawn_over_the_words_printing_it(samples_site):
    doc_id = doc_id_of(samples_site, "vinhlinh_2023_born_digital.pdf")
    stored = json.loads((samples_site / "docs" / f"{doc_id}.json").read_text(encoding="utf-8"))
    words = {sheet["number"]: sheet["words"] for sheet in stored["pages"]}
    drawn = [mark for mark in review_document(stored).targets if mark.box is not None]
    assert len(drawn) == len([t for t in stored["targets"] if t["value"] is not None])
    for mark in drawn:
        box = mark.box
        inside = "".join(text for text, x0, top, x1, bottom, *_ in words[mark.page]
                         if x0 >= box.x0 - 1 and x1 <= box.x1 + 1 and top >= box.top - 1 and bottom <= box.bottom + 1)
        assert mark.text.rstrip("%") in inside, (mark.label, mark.text, inside)


def test_workbook_target_values_link_to_boxes_the_review_pages_have(samples_site, request):
    import openpyxl

    _, out = request.getfixturevalue("sample_run")
    book = openpyxl.load_workbook(out / "kehoach.xlsx")
    sheet = book["targets"]
    header = [cell.value for cell in sheet[1]]
    links = [row[header.index("value")].hyperlink.target for row in sheet.iter_rows(min_row=2)
             if row[header.index("value")].value is not None]
    assert links and all(link.startswith("review/") and "#t-" in link for link in links)
    pages = {}
    for link in links:
        name, anchor = link.removeprefix("review/").split("#")
        pages.setdefault(name, Ids((samples_site / "review" / name).read_text(encoding="utf-8")).ids)
        assert anchor in pages[name], link


def test_the_review_page_loads_cleanly_in_chromium_and_a_known_values_box_lies_over_its_print(request, samples_site):
    if CHROMIUM is None:
        pytest.skip("Chromium is not installed (Debian: apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    from kehoach.extractors.ocr import ocr_image

    truth = json.loads((SAMPLES / "gialai_2024_scan.truth.json").read_text(encoding="utf-8"))["targets"]
    known = [t for t in truth if t["source"] == "table" and t["indicator"] == "bhxh_rate"][:1] + \
            [t for t in truth if t["source"] == "table" and t["indicator"] == "bhtn_rate"][-1:]
    doc_id = doc_id_of(samples_site, "gialai_2024_scan.pdf")
    logged, failed = [], []
    read = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM)
        view = browser.new_page(viewport={"width": 1400, "height": 1000}, device_scale_factor=2)
        view.on("console", lambda message: logged.append((message.type, message.text)))
        view.on("pageerror", lambda error: logged.append(("pageerror", str(error))))
        view.on("requestfailed", lambda request: failed.append(request.url))
        view.goto((samples_site / "review" / f"{doc_id}.html").as_uri(), wait_until="load")
        assert view.evaluate("[...document.images].every(image => image.complete && image.naturalWidth > 0)")
        view.add_style_tag(content=".box { visibility: hidden; }")  # the print alone, not the frames drawn on it
        for known_target in known:
            anchor = target_anchor("table", known_target["indicator"], known_target["year"],
                                   known_target["area_name_raw"])
            box = view.locator(f"#{anchor}")
            box.scroll_into_view_if_needed()
            shot = Image.open(io.BytesIO(view.screenshot(clip=box.bounding_box()))).convert("L")
            pixels = np.asarray(shot)
            assert 0.02 < (pixels < 128).mean() < 0.6  # ink, and not a black or blank area
            words = ocr_image(pixels, OcrSettings(lang="eng", psm=7))
            read[anchor] = "".join(word.text for word in words)
            expected = f"{known_target['value']:.2f}".replace(".", ",")
            assert expected.replace(",", "") in re.sub(r"\D", "", read[anchor]), (anchor, read[anchor], expected)
        browser.close()
    assert logged == [] and failed == []
