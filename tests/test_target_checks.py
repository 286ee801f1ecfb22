from kehoach.normalizers.target_checks import check_rates
from kehoach.records import Target


def rate(value):
    return Target(area_name="", area_name_raw="Huyện Chư Păh", area_level="", area_code="", province="",
                  indicator="bhxh_voluntary_rate", year=2024, value=value, page=3)


def test_a_rate_over_100_is_emptied_with_an_error_naming_page_and_number():
    [target], [issue] = check_rates([rate(711.0)])
    assert target.value is None
    assert (issue.severity, issue.code, issue.page) == ("error", "rate_out_of_range", 3)
    assert "711%" in issue.message and "Huyện Chư Păh" in issue.message


def test_a_rate_within_0_and_100_passes_untouched():
    targets, issues = check_rates([rate(7.11), rate(100.0)])
    assert [t.value for t in targets] == [7.11, 100.0] and issues == []
