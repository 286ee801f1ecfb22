"""Cross-checks: each check fires on a record that breaks it and stays quiet on one that does not; the Vĩnh Linh
sample, read end to end, gives its own inconsistencies (13,01 % in the text, 13,10 % in the annex; annexes
citing plans 12 and 1027)."""
import csv
from pathlib import Path

from kehoach.config import CheckSettings
from kehoach.extractors.prose_targets import extract_prose_targets
from kehoach.extractors.target_tables import targets_from_table
from kehoach.normalizers.cross_checks import cross_check
from kehoach.records import BBox, Cell, Page, Table, Target, Word

SETTINGS = CheckSettings()


def row(area: str, value: float | None, decimals: int | None = 1, participants: int | None = None,
        base_value: int | None = None, total: bool = False, table: int | None = 0, year: int = 2024,
        indicator: str = "bhxh_voluntary_rate", page: int = 13) -> Target:
    return Target(area_name="Huyện Vĩnh Linh" if total else "", area_name_raw=area, area_level="", area_code="",
                  province="", indicator=indicator, year=year, value=value, participants=participants,
                  base="labor_force", base_value=base_value, source="table", page=page, table=table,
                  total_row=total, decimals=decimals)


def prose(value: float, decimals: int, participants: int | None = None, year: int = 2024,
          indicator: str = "bhxh_voluntary_rate") -> Target:
    return Target(area_name="Huyện Vĩnh Linh", area_name_raw="", area_level="", area_code="", province="",
                  indicator=indicator, year=year, value=value, participants=participants, base="labor_force",
                  source="narrative", page=2, decimals=decimals)


def table(title: str, page: int = 13) -> Table:
    return Table(page=page, bbox=BBox(0, 0, 500, 300), n_rows=3, n_cols=5, cells=[], title=title)


def ocr_page(number: int, confidence: float, text_source: str = "ocr") -> Page:
    word = Word("Xã", BBox(10, 10, 30, 20), confidence, 0)
    return Page(number, 595, 842, text_source, [word], "Xã", confidence)


def codes(targets=(), pages=(), tables=(), plan_number="127/KH-UBND") -> list[str]:
    _, issues = cross_check(list(targets), list(pages), list(tables), plan_number, SETTINGS)
    return [issue.code for issue in issues]


def only_issue(targets=(), pages=(), tables=(), plan_number="127/KH-UBND"):
    _, issues = cross_check(list(targets), list(pages), list(tables), plan_number, SETTINGS)
    [issue] = issues
    return issue


# rate_out_of_range

def test_a_rate_over_100_is_emptied_with_an_error_naming_page_and_number():
    targets, [issue] = cross_check([row("Huyện Chư Păh", 711.0, decimals=0, page=3)], [], [], "", SETTINGS)
    assert targets[0].value is None and targets[0].confidence == 0.0
    assert (issue.severity, issue.code, issue.page) == ("error", "rate_out_of_range", 3)
    assert "711%" in issue.message and "Huyện Chư Păh" in issue.message


def test_a_rate_within_0_and_100_passes_untouched():
    targets, issues = cross_check([row("Xã Vĩnh Hà", 7.11, 2), row("Xã Vĩnh Ô", 100.0)], [], [], "", SETTINGS)
    assert [t.value for t in targets] == [7.11, 100.0] and issues == []


# rate_not_participants_over_base

def test_a_rate_that_is_not_participants_over_base_is_a_warning_with_the_numbers():
    issue = only_issue([row("Xã Vĩnh Thái", 9.6, participants=277, base_value=1645)])  # 277 / 1645 = 16,84 %
    assert (issue.severity, issue.code, issue.page) == ("warning", "rate_not_participants_over_base", 13)
    assert "9,6%" in issue.message and "277 / 1.645" in issue.message and "16,8%" in issue.message


def test_a_rate_off_by_one_in_its_last_digit_is_info_a_truncated_rate():
    # The Vĩnh Linh BHTN annex: 275 / 2.607 = 10,549 %, printed 10,6 %
    issue = only_issue([row("Xã Vĩnh Chấp", 10.6, participants=275, base_value=2607)])
    assert (issue.severity, issue.code) == ("info", "rate_not_participants_over_base")
    assert "10,549%" in issue.message


def test_a_rate_rounded_right_at_its_printed_precision_passes():
    # 6.885 / 52.565 = 13,0981 %: right as 13,10 % and as 13,1 %; 1.837 / 9.544 = 19,248 %: right as 19,2 %
    assert codes([row("Tổng cộng", 13.1, 2, 6885, 52565), row("Xã Vĩnh Thái", 13.1, 1, 6885, 52565),
                  row("Xã Vĩnh Tú", 19.2, 1, 1837, 9544)]) == []


def test_the_printed_precision_decides_what_rounds_right():
    # 13,1 printed with two decimals (13,10) is wrong for 13,14 %, right with one
    assert codes([row("Xã Vĩnh Thái", 13.1, 2, 1314, 10000)]) == ["rate_not_participants_over_base"]
    assert codes([row("Xã Vĩnh Thái", 13.1, 1, 1314, 10000)]) == []


# total_not_sum

def test_a_total_row_whose_head_count_is_not_the_sum_of_its_rows_is_reported():
    rows = [row("TT Hồ Xá", 17.0, 1, 1325, 7800), row("TT Bến Quan", 8.9, 1, 214, 2411),
            row("Tổng cộng", 15.06, 2, 1538, 10211, total=True)]  # rows give 1.539
    issue = only_issue(rows)
    assert (issue.severity, issue.code, issue.page) == ("warning", "total_not_sum", 13)
    assert "1.538" in issue.message and "1.539" in issue.message and "(+1)" in issue.message


def test_a_total_row_whose_base_is_not_the_sum_is_reported_as_the_base():
    rows = [row("TT Hồ Xá", 17.0, 1, 1325, 7800), row("TT Bến Quan", 8.9, 1, 214, 2411),
            row("Tổng cộng", 15.07, 2, 1539, 10212, total=True)]
    issue = only_issue(rows)
    assert issue.code == "total_not_sum" and "labour force is 10.212" in issue.message


def test_a_total_row_that_adds_up_passes():
    rows = [row("TT Hồ Xá", 17.0, 1, 1325, 7800), row("TT Bến Quan", 8.9, 1, 214, 2411),
            row("Tổng cộng", 15.07, 2, 1539, 10211, total=True)]
    assert codes(rows) == []


def test_rows_of_another_table_or_year_are_not_added_in():
    rows = [row("TT Hồ Xá", 17.0, 1, 1325, 7800), row("TT Bến Quan", 8.9, 1, 214, 2411),
            row("Xã Vĩnh Ô", 2.1, 1, 15, 719, table=1), row("Xã Vĩnh Tú", 16.6, 1, 326, 1960, year=2023),
            row("Tổng cộng", 15.07, 2, 1539, 10211, total=True)]
    assert codes(rows) == []


# total_rate_not_aggregate

def test_a_total_rate_that_is_not_the_rows_aggregate_is_reported():
    rows = [row("TT Hồ Xá", 17.0, 1, 1325, 7800), row("TT Bến Quan", 8.9, 1, 214, 2411),
            row("Tổng cộng", 15.70, 2, total=True)]  # 1.539 / 10.211 = 15,072 %
    issue = only_issue(rows)
    assert (issue.code, issue.page) == ("total_rate_not_aggregate", 13)
    assert "15,70%" in issue.message and "1.539 participants over 10.211" in issue.message


def test_a_total_rate_at_the_rows_aggregate_passes():
    rows = [row("TT Hồ Xá", 17.0, 1, 1325, 7800), row("TT Bến Quan", 8.9, 1, 214, 2411),
            row("Tổng cộng", 15.07, 2, total=True)]
    assert codes(rows) == []


def test_the_aggregate_is_held_to_the_totals_own_precision_not_the_rows():
    # rows printed with one decimal, total with two: 15,10 % is not 15,072 % although 15,1 would be
    rows = [row("TT Hồ Xá", 17.0, 1, 1325, 7800), row("TT Bến Quan", 8.9, 1, 214, 2411)]
    assert codes(rows + [row("Tổng cộng", 15.1, 2, total=True)]) == ["total_rate_not_aggregate"]
    assert codes(rows + [row("Tổng cộng", 15.1, 1, total=True)]) == []


# total_rate_outside_rows

def test_a_total_rate_outside_its_rows_rates_is_reported():
    rows = [row("Huyện Kbang", 24.5, 2), row("Huyện Chư Păh", 31.2, 2), row("TOÀN TỈNH", 40.84, 2, total=True)]
    issue = only_issue(rows)
    assert (issue.code, issue.page) == ("total_rate_outside_rows", 13)
    assert "40,84%" in issue.message and "24,50% to 31,20%" in issue.message


def test_a_total_rate_between_its_rows_rates_passes():
    rows = [row("Huyện Kbang", 24.5, 2), row("Huyện Chư Păh", 31.2, 2), row("TOÀN TỈNH", 28.0, 2, total=True)]
    assert codes(rows) == []


def test_a_total_rate_at_a_rows_rate_within_its_rounding_passes():
    rows = [row("Huyện Kbang", 24.5, 1), row("Huyện Chư Păh", 31.2, 1), row("TOÀN TỈNH", 31.24, 2, total=True)]
    assert codes(rows) == []


def test_a_row_without_a_rate_leaves_the_total_rate_unchecked_rather_than_failing():
    # a row whose rate cell was not read (only its head count) has no value and no printed precision
    rows = [row("Huyện Kbang", 24.5, 2), row("Huyện Chư Păh", None, None, participants=812),
            row("TOÀN TỈNH", 40.84, 2, total=True)]
    assert codes(rows) == []


# prose_disagrees_with_annex

def test_prose_that_disagrees_with_the_annex_total_names_both_pages_and_numbers():
    annex = row("Tổng cộng", 13.1, 2, 6885, 52565, total=True)
    issue = only_issue([prose(13.01, 2, 6885), annex])
    assert (issue.severity, issue.code, issue.page) == ("warning", "prose_disagrees_with_annex", 2)
    assert "page 2 says 13,01%" in issue.message and "page 13 gives 13,10%" in issue.message
    assert "6.885 / 52.565 = 13,098%" in issue.message


def test_prose_that_agrees_with_the_annex_total_at_the_coarser_precision_passes():
    annex = row("Tổng cộng", 13.1, 2, 6885, 52565, total=True)
    assert codes([prose(13.1, 1, 6885), annex]) == []


def test_prose_head_count_other_than_the_annexs_is_a_disagreement():
    annex = row("Tổng cộng", 13.1, 2, 6885, 52565, total=True)
    issue = only_issue([prose(13.1, 2, 6858), annex])
    assert issue.code == "prose_disagrees_with_annex" and "6.858 participants" in issue.message


def test_prose_of_another_indicator_year_or_area_is_not_compared():
    annex = row("Tổng cộng", 13.1, 2, 6885, 52565, total=True)
    other_area = Target(area_name="Huyện Gio Linh", area_name_raw="", area_level="", area_code="", province="",
                        indicator="bhxh_voluntary_rate", year=2024, value=9.0, source="narrative", page=2)
    assert codes([prose(11.58, 2, indicator="bhxh_compulsory_rate"), prose(12.05, 2, year=2023), other_area,
                  annex]) == []


def test_an_annex_titled_loosely_gets_a_hint_naming_the_indicator_it_matches():
    annex = row("Tổng cộng", 11.07, 2, 5763, 52057, total=True, indicator="bhxh_rate", year=2023, page=12)
    issue = only_issue([prose(23.12, 2, 12038, 2023, "bhxh_rate"), prose(11.07, 2, 5763, 2023, "bhxh_compulsory_rate"),
                        annex])
    assert issue.code == "prose_disagrees_with_annex"
    assert "the text's bhxh_compulsory_rate 2023" in issue.message


# annex_cites_other_plan

def test_an_annex_citing_another_plan_number_is_reported_with_its_title():
    title = ("PHỤ LỤC\nCHỈ TIÊU PHÁT TRIỂN NGƯỜI THAM GIA BHXH TỰ NGUYỆN\n"
             "(Ban hành kèm theo Kế hoạch số 12/KH-UBND, ngày 31 tháng 7 năm 2023)")
    issue = only_issue(tables=[table(title)])
    assert (issue.severity, issue.code, issue.page) == ("warning", "annex_cites_other_plan", 13)
    assert "Kế hoạch số 12/KH-UBND" in issue.message and "127/KH-UBND" in issue.message
    assert "BHXH TỰ NGUYỆN" in issue.message


def test_an_annex_citing_its_own_plan_passes_even_with_the_issuer_code_garbled():
    assert codes(tables=[table("PHỤ LỤC 2\n(Kèm theo Kế hoạch số 356/KH-BCŒĐ ngày 15/3/2024)")],
                 plan_number="356/KH-BCĐ") == []
    assert codes(tables=[table("(Ban hành kèm theo Kế hoạch số 127/KH-UBND)")]) == []


def test_an_annex_citing_a_decision_is_not_compared_with_the_plan_number():
    assert codes(tables=[table("(Kèm theo Quyết định số 12/QĐ-UBND ngày 1/2/2024)")]) == []


def test_an_ocr_title_without_marks_still_gives_the_citation():
    assert codes(tables=[table("(Ban hanh kem theo Ke hoach so 1027/KH-UBND)")]) == ["annex_cites_other_plan"]


# low_ocr_confidence

def test_an_ocr_page_read_with_low_confidence_is_reported_with_its_targets():
    issue = only_issue([row("Huyện Kbang", 24.5, 2, page=3)], pages=[ocr_page(3, 0.64)])
    assert (issue.severity, issue.code, issue.page) == ("warning", "low_ocr_confidence", 3)
    assert "0.64" in issue.message and "1 targets" in issue.message


def test_confident_ocr_pages_and_text_layer_pages_pass():
    assert codes(pages=[ocr_page(1, 0.79), ocr_page(2, 0.30, "text_layer")]) == []


# what the extractors hand the checks

def test_table_targets_keep_their_table_their_total_row_and_printed_decimals():
    printed = [["STT", "Đơn vị", "Số người TG", "LLLĐ", "Tỷ lệ %"], ["1", "TT Hồ Xá", "850", "7.800", "10,90%"],
               ["", "Tổng cộng", "6.885", "52.565", "13,10%"]]
    cells = [Cell(r, c, text, BBox(50 * c, 20 * r, 50 * c + 50, 20 * r + 20))
             for r, texts in enumerate(printed) for c, text in enumerate(texts)]
    grid = Table(page=13, bbox=BBox(0, 0, 250, 60), n_rows=3, n_cols=5, cells=cells, row_pages=[13, 13, 13])
    targets = targets_from_table(grid, "CHỈ TIÊU PHÁT TRIỂN NGƯỜI THAM GIA BHXH TỰ NGUYỆN", 2)
    assert [(t.area_name_raw, t.table, t.total_row, t.value, t.decimals) for t in targets] == [
        ("TT Hồ Xá", 2, False, 10.9, 2), ("Tổng cộng", 2, True, 13.1, 2)]


def test_prose_targets_keep_their_printed_decimals():
    text = ("Năm 2024: Số người tham gia BHTN: 5.265 người; tỷ lệ bao phủ so với lực lượng lao động: 10,20%.\n"
            "- Tỷ lệ bao phủ BHYT đạt từ 95,3% dân số trở lên.")
    targets = extract_prose_targets([Page(2, 595, 842, "ocr", [], text, 0.9)], 2024)
    assert [(t.indicator, t.value, t.decimals, t.table) for t in targets] == [
        ("bhtn_rate", 10.2, 2, None), ("bhyt_rate", 95.3, 1, None)]


# the Vĩnh Linh sample, end to end

def vinh_linh_issues(out: Path) -> list[dict]:
    with (out / "documents.csv").open(encoding="utf-8-sig", newline="") as handle:
        [doc_id] = [r["doc_id"] for r in csv.DictReader(handle) if Path(r["source_file"]).name.startswith("vinhlinh")]
    with (out / "issues.csv").open(encoding="utf-8-sig", newline="") as handle:
        return [r for r in csv.DictReader(handle) if r["doc_id"] == doc_id]


def test_vinh_linh_sample_gives_the_13_01_against_13_10_finding_with_its_pages(sample_run):
    _, out = sample_run
    found = [r for r in vinh_linh_issues(out)
             if r["code"] == "prose_disagrees_with_annex" and "bhxh_voluntary_rate 2024" in r["message"]]
    [issue] = found
    assert issue["page"] == "2" and issue["severity"] == "warning"
    assert "page 2 says 13,01%" in issue["message"] and "page 13 gives 13,10%" in issue["message"]


def test_vinh_linh_sample_gives_the_annex_citations_of_plans_12_and_1027(sample_run):
    _, out = sample_run
    cited = sorted((r["page"], r["message"]) for r in vinh_linh_issues(out) if r["code"] == "annex_cites_other_plan")
    assert [page for page, _ in cited] == ["13", "14"]
    assert "Kế hoạch số 12/KH-UBND" in cited[0][1] and "Kế hoạch số 1027/KH-UBND" in cited[1][1]
