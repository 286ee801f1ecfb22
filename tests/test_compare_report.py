"""`kehoach compare`: the comparison of a run folder (rankings, trends, disagreements), its terminal table, and the
HTML report, unit-tested on tiny run folders (tests/fixtures/compare_run, compare_empty_run) and rendered from the
samples' run in headless Chromium (Debian `chromium`, driven by Playwright; skipped only where it is not
installed)."""
from __future__ import annotations

import csv
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest

from kehoach.cli import main
from kehoach.comparison import compare_run, compare_targets
from kehoach.report_html import render_report, write_report

FIXTURES = Path(__file__).resolve().parent / "fixtures"
RUN = FIXTURES / "compare_run"
EMPTY_RUN = FIXTURES / "compare_empty_run"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


class Elements(HTMLParser):
    """Every start tag of a page with its attributes (unescaped, as a browser reads them), and its text."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.text: list[str] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, {name: value or "" for name, value in attrs}))

    def handle_data(self, data):
        self.text.append(data)

    def bars(self) -> list[dict[str, str]]:
        return [attrs for tag, attrs in self.tags if tag == "rect" and "bar" in attrs.get("class", "").split()]


def test_areas_are_ranked_highest_target_first_and_the_province_itself_is_not_ranked():
    comparison = compare_run(RUN)
    ranking = next(ranking for ranking in comparison.rankings
                   if (ranking.scope.level, ranking.year) == ("district", 2024))
    assert ranking.scope.indicator == "bhyt_rate"
    assert [(ranked.area, ranked.value.value) for ranked in ranking.areas] == [
        ("Huyện Chư Păh", 95.5), ("Huyện Đắk Đoa", 88.0), ("Huyện Ia Grai", 80.25),
        ("Huyện Ia Grai", 30.25)]
    assert all(ranking.scope.level != "province" for ranking in comparison.rankings)


def test_documents_printing_the_same_value_share_one_bar_and_disagreeing_ones_stay_apart():
    ranking = next(ranking for ranking in compare_run(RUN).rankings
                   if (ranking.scope.level, ranking.year) == ("district", 2024))
    chu_pah, _, ia_grai_a, ia_grai_b = ranking.areas
    assert {(source.doc_id, source.page) for source in chu_pah.value.sources} == {
        ("aaaaaaaaaaaa", 3), ("bbbbbbbbbbbb", 3)}
    assert not chu_pah.disputed and ia_grai_a.disputed and ia_grai_b.disputed
    assert [source.doc_id for source in ia_grai_b.value.sources] == ["bbbbbbbbbbbb"]


def test_terminal_table_shows_both_values_where_documents_disagree_and_an_unread_one_as_a_question_mark():
    table = compare_targets(RUN)
    ia_grai = next(line for line in table.splitlines() if "Ia Grai" in line)
    assert "30.25 [2 p.3] / 80.25 [1 p.3]" in ia_grai and "82.00 [1 p.3]" in ia_grai
    assert "?" in next(line for line in table.splitlines() if "bhtn_rate" in line)
    assert "Ia Grai" not in compare_targets(RUN, indicator="bhtn_rate")


def test_terminal_table_names_the_unit_and_numbers_the_source_documents_below_it():
    lines = compare_targets(RUN).splitlines()
    assert lines[0].split()[:4] == ["province", "area", "indicator", "unit"]
    assert all("  %  " in line for line in lines[1:7])
    legend = lines[lines.index("Sources:") + 1:]
    assert legend == ["[1] plan_scan.pdf  1/KH-UBND  2024-03-01", "[2] plan_rescan.pdf  1/KH-UBND  2024-03-01"]


def test_an_unknown_indicator_is_bad_usage_that_lists_the_valid_ones(capsys):
    assert main(["compare", str(RUN), "--indicator", "bhyt", "--lang", "en"]) == 2
    assert "Valid indicators: bhtn_rate, bhyt_rate." in capsys.readouterr().err
    assert main(["compare", str(RUN), "--indicator", "bhyt", "--lang", "vi"]) == 2
    assert "Các chỉ số hợp lệ: bhtn_rate, bhyt_rate." in capsys.readouterr().err


def test_compare_as_csv_gives_one_row_per_value_and_place_with_its_document(capsys):
    assert main(["compare", str(RUN), "--indicator", "bhyt_rate", "--format", "csv"]) == 0
    rows = list(csv.DictReader(capsys.readouterr().out.splitlines()))
    ia_grai = sorted((row["value"], row["source_file"], row["page"], row["unit"]) for row in rows
                     if row["area_name"] == "Huyện Ia Grai" and row["year"] == "2024")
    assert ia_grai == [("30.25", "/archive/plan_rescan.pdf", "3", "percent"),
                       ("80.25", "/archive/plan_scan.pdf", "3", "percent")]
    assert {row["indicator"] for row in rows} == {"bhyt_rate"}


def test_compare_as_markdown_is_a_pipe_table_with_years_right_aligned(capsys):
    assert main(["compare", str(RUN), "--format", "markdown", "--lang", "vi"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "| tỉnh | địa bàn | chỉ số | đơn vị | 2024 | 2025 |"
    assert lines[1] == "|---|---|---|---|---:|---:|"
    assert "| Huyện Ia Grai | bhyt_rate | % | 30.25 [2 tr.3] / 80.25 [1 tr.3] | 82.00 [1 tr.3] |" in "\n".join(lines)
    assert "- [1] plan_scan.pdf  1/KH-UBND  2024-03-01" in lines


def test_a_trend_is_one_documents_targets_for_an_area_over_two_years_or_more():
    (trend,) = compare_run(RUN).trends
    assert (trend.scope.indicator, trend.scope.level) == ("bhyt_rate", "district")
    assert {(series.area, series.doc_id): [(year, value) for year, value, _ in series.points]
            for series in trend.series} == {
        ("Huyện Chư Păh", "aaaaaaaaaaaa"): [(2024, 95.5), (2025, 96.0)],
        ("Huyện Ia Grai", "aaaaaaaaaaaa"): [(2024, 80.25), (2025, 82.0)]}


def test_report_bars_carry_each_value_its_area_and_the_document_and_page_it_came_from():
    page = Elements(render_report(compare_run(RUN), "compare_run"))
    bars = {(bar["data-area"], float(bar["data-value"]), bar["data-year"], bar["data-sources"])
            for bar in page.bars()}
    assert ("Huyện Chư Păh", 95.5, "2024", "aaaaaaaaaaaa:3 bbbbbbbbbbbb:3") in bars
    assert ("Huyện Ia Grai", 30.25, "2024", "bbbbbbbbbbbb:3") in bars
    # Four district bars of 2024, two of 2025, one commune bar; the province's own target is no bar.
    assert len(bars) == 7
    links = {attrs["href"] for tag, attrs in page.tags if tag == "a" and attrs.get("href", "").startswith("#doc-")}
    anchors = {f"#{attrs['id']}" for tag, attrs in page.tags if "id" in attrs}
    assert links == {"#doc-aaaaaaaaaaaa", "#doc-bbbbbbbbbbbb"} and links <= anchors


def test_report_flags_values_printed_on_a_page_validation_warned_about():
    page = Elements(render_report(compare_run(RUN), "compare_run"))
    flagged = [attrs for tag, attrs in page.tags if tag == "a" and "flagged" in attrs.get("class", "")]
    assert flagged and all("plan_rescan.pdf" in attrs["title"] and "low_ocr_confidence" in attrs["title"]
                           for attrs in flagged)


def test_report_escapes_area_names_titles_and_messages_from_the_run():
    html = render_report(compare_run(RUN), "compare_run")
    page = Elements(html)
    assert "<script>alert(1)</script>" not in html and "<b>Mới</b>" not in html and "<check it>" not in html
    assert {tag for tag, _ in page.tags}.isdisjoint({"script", "b", "check"})
    text = "".join(page.text)
    assert "Kế hoạch <script>alert(1)</script> năm 2024" in text and "(under 0.72) <check it>." in text
    assert 'Xã <b>Mới</b> & "Cũ"' in {bar["data-area"] for bar in page.bars()}


def test_report_of_a_run_without_targets_says_so():
    html = render_report(compare_run(EMPTY_RUN), "compare_empty_run")
    page = Elements(html)
    assert compare_targets(EMPTY_RUN) == "No targets in this run folder."
    assert "No targets in this run folder." in "".join(page.text)
    assert not page.bars() and "<svg" not in html
    assert "plan_scan.pdf" in "".join(page.text)  # the documents are still listed


def test_compare_html_writes_the_report_and_a_folder_without_targets_csv_is_bad_usage(tmp_path, capsys):
    report = tmp_path / "report" / "targets.html"
    assert main(["compare", str(RUN), "--indicator", "bhyt_rate", "--html", str(report)]) == 0
    assert "Huyện Đắk Đoa" in capsys.readouterr().out
    assert Elements(report.read_text(encoding="utf-8")).bars()
    assert main(["compare", str(tmp_path), "--html", str(report)]) == 2


# --- the samples' report in headless Chromium -------------------------------------------------------------

BAR_COLOURS = ((0x1F, 0x5F, 0xA8), (0xD1, 0x49, 0x5B))  # report_charts.BAR_COLOUR, DISPUTED_COLOUR


@pytest.fixture(scope="module")
def rendered(request, tmp_path_factory):
    """The samples' report opened in headless Chromium: what the browser logged and requested, the drawn marks
    with their on-screen sizes, and a screenshot of the first chart."""
    if CHROMIUM is None:  # checked before the samples' run is asked for: skipping costs nothing
        pytest.skip("Chromium is not installed (Debian: apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    _, out = request.getfixturevalue("sample_run")
    folder = tmp_path_factory.mktemp("report")
    report = folder / "report.html"
    write_report(out, report)
    logged, failed, requested = [], [], []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM)
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.on("console", lambda message: logged.append((message.type, message.text)))
        page.on("pageerror", lambda error: logged.append(("pageerror", str(error))))
        page.on("requestfailed", lambda request: failed.append(request.url))
        page.on("request", lambda request: requested.append(request.url))
        page.goto(report.as_uri(), wait_until="load")
        bars = page.eval_on_selector_all("rect.bar", """rects => rects.map(rect => ({
            chart: [...document.querySelectorAll('svg.chart')].indexOf(rect.ownerSVGElement),
            area: rect.dataset.area, value: Number(rect.dataset.value), year: Number(rect.dataset.year),
            indicator: rect.dataset.indicator, level: rect.dataset.level,
            width: rect.getBoundingClientRect().width}))""")
        points = page.eval_on_selector_all("circle.point", """circles => circles.map(circle => ({
            area: circle.dataset.area, value: Number(circle.dataset.value), year: Number(circle.dataset.year),
            indicator: circle.dataset.indicator}))""")
        text = page.inner_text("body")
        first_chart = page.locator("svg.chart").first
        bars_in_first = first_chart.locator("rect.bar").count()
        box = first_chart.locator("rect.bar").first.bounding_box()
        chart_box = first_chart.bounding_box()
        screenshot = folder / "first_chart.png"
        first_chart.screenshot(path=str(screenshot))
        browser.close()
    return {"out": out, "report": report, "logged": logged, "failed": failed, "requested": requested,
            "bars": bars, "points": points, "text": text, "screenshot": screenshot,
            "bars_in_first": bars_in_first, "bar_x": box["x"] - chart_box["x"]}


def sample_targets(out: Path) -> list[dict[str, str]]:
    with (out / "targets.csv").open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def test_samples_report_loads_in_chromium_without_console_errors_or_requests_beyond_itself(rendered):
    assert [entry for entry in rendered["logged"] if entry[0] in ("error", "pageerror", "warning")] == []
    assert rendered["failed"] == []
    assert rendered["requested"] == [rendered["report"].as_uri()]


def test_samples_report_draws_a_bar_for_every_readable_target_below_the_province(rendered):
    expected = {(row["indicator"], row["area_level"], row["area_name"] or row["area_name_raw"], int(row["year"]),
                 float(row["value"]))
                for row in sample_targets(rendered["out"])
                if row["area_level"] != "province" and row["value"] and row["year"]}
    drawn = {(bar["indicator"], bar["level"], bar["area"], bar["year"], bar["value"]) for bar in rendered["bars"]}
    assert drawn == expected
    assert len(expected) > 300  # the samples' districts and communes, not a handful


def test_samples_report_bars_are_as_long_as_their_values_within_each_chart(rendered):
    per_unit: dict[int, list[float]] = {}
    for bar in rendered["bars"]:
        assert bar["width"] > 0
        per_unit.setdefault(bar["chart"], []).append(bar["width"] / bar["value"])
    for ratios in per_unit.values():
        assert max(ratios) - min(ratios) < 0.15 * min(ratios) + 0.2  # widths are rounded to 0.1 px


def test_samples_report_line_points_are_the_samples_targets_over_the_years(rendered):
    targets = {(row["indicator"], row["area_name"] or row["area_name_raw"], int(row["year"]), float(row["value"]))
               for row in sample_targets(rendered["out"]) if row["value"] and row["year"]}
    points = {(point["indicator"], point["area"], point["year"], point["value"]) for point in rendered["points"]}
    assert points and points <= targets
    # The Vĩnh Linh plan sets every commune's targets for 2023, 2024 and 2025: each is a line of three points.
    ho_xa = {year for indicator, area, year, _ in points if (indicator, area) == ("bhyt_rate", "Thị trấn Hồ Xá")}
    assert ho_xa == {2023, 2024, 2025}


def test_samples_report_lists_every_document_and_issue_of_the_run(rendered):
    with (rendered["out"] / "documents.csv").open(encoding="utf-8-sig", newline="") as handle:
        documents = list(csv.DictReader(handle))
    with (rendered["out"] / "issues.csv").open(encoding="utf-8-sig", newline="") as handle:
        issues = list(csv.DictReader(handle))
    for document in documents:
        assert Path(document["source_file"]).name in rendered["text"]
    for issue in issues:
        assert issue["message"] in rendered["text"]


def test_samples_report_screenshot_shows_the_first_charts_bars(rendered):
    import numpy as np
    from PIL import Image

    pixels = np.asarray(Image.open(rendered["screenshot"]).convert("RGB"), dtype=int)
    is_bar = np.zeros(pixels.shape[:2], dtype=bool)
    for colour in BAR_COLOURS:
        is_bar |= np.abs(pixels - np.array(colour)).sum(axis=2) < 40
    column = is_bar[:, round(rendered["bar_x"]) + 2]  # just right of the axis, where every bar starts
    runs = int(np.count_nonzero(column[1:] & ~column[:-1]) + column[0])
    assert runs == rendered["bars_in_first"] > 1
    assert is_bar.mean() > 0.05  # the bars fill a good part of the chart: it is no blank or broken image
