import pytest

from kehoach.normalizers.timelines import parse_timeline, quarters_as_printed, repair_timeline


@pytest.mark.parametrize("text, due, recurring", [
    ("Thường xuyên", "", True),
    ("Hằng năm", "", True),
    ("Tháng 8/2024", "2024-08-31", False),
    ("tháng 2 năm 2024", "2024-02-29", False),
    ("Quý 2/2024", "2024-06-30", False),
    ("Quý IV năm 2024", "2024-12-31", False),
    ("Trước ngày 20/7/2024", "2024-07-20", False),
    ("Năm 2025", "2025-12-31", False),
    ("Tháng 6 và tháng 12/2024", "2024-12-31", False),
])
def test_timeline_gives_last_allowed_day(text, due, recurring):
    timeline = parse_timeline(text, plan_year=2024)
    assert (timeline.due, timeline.recurring, timeline.parsed) == (due, recurring, True)


def test_month_without_year_takes_the_plan_year():
    assert parse_timeline("Tháng 9", plan_year=2024).due == "2024-09-30"


def test_six_months_means_end_of_june_of_the_plan_year():
    assert parse_timeline("6 tháng đầu năm", plan_year=2024).due == "2024-06-30"


def test_unreadable_timeline_is_marked_unparsed():
    timeline = parse_timeline("Theo tiến độ", plan_year=2024)
    assert (timeline.due, timeline.parsed) == ("", False)


def test_a_date_that_does_not_exist_is_not_invented():
    assert parse_timeline("Trước ngày 31/2/2024", plan_year=2024).due == ""


@pytest.mark.parametrize("printed, repaired", [
    ("Tháng 62024", "Tháng 6/2024"), ("Quy 32024", "Quý 3/2024"), ("Quy 3⁄2024", "Quý 3/2024"), ("Tháng _12/2024", "Tháng 12/2024"),
    ("Trước ngày 15/12 2024", "Trước ngày 15/12/2024"), ("15/12 /2024", "15/12/2024"),
    ("Thường Xuyên", "Thường xuyên"), ("Hằng 6 năm", "Hằng năm"), ("Thườn “'ổ xuyên", "Thường xuyên"),
    ("6 tháng đầu năm", "6 tháng đầu năm"), ("Quý 2/2024", "Quý 2/2024"), ("Theo tiến độ dự án", "Theo tiến độ dự án"),
    ("Hàng năm", "Hàng năm"),
    ("Quý IH/2024", "Quý III/2024"), ("Quý 11/2024", "Quý II/2024"), ("Quý lV năm 2024", "Quý IV năm 2024"),
    ("Tháng 11/2024.", "Tháng 11/2024"),
    ("Quy IL2023", "Quý II/2023"), ("Quý L/2023", "Quý I/2023"), ("Quý IIL2023", "Quý III/2023"),
    ("Quỷ IH/2023", "Quý III/2023"), ("Quỹ 1 năm 2024", "Quý 1 năm 2024"), ("Quý I/2024", "Quý I/2024"),
    ("Trước ngày 31102023", "Trước ngày 31/10/2023"), ("Quý 1/2024", "Quý 1/2024"), ("Quý IV", "Quý IV"),
])
def test_ocr_damage_to_a_timeline_is_repaired_and_good_ones_are_left_alone(printed, repaired):
    assert repair_timeline(printed) == repaired


def test_a_digit_quarter_among_roman_ones_is_read_as_roman_and_digit_documents_stay_digit():
    assert quarters_as_printed(["Quý 1/2024", "Quý III/2024", "Thường xuyên"]) == [
        "Quý I/2024", "Quý III/2024", "Thường xuyên"]
    assert quarters_as_printed(["Quý 1/2024", "Quý 3/2024"]) == ["Quý 1/2024", "Quý 3/2024"]
