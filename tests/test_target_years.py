"""The document's layer of a target's year, the annex's year for prose, and an issue where no layer gives one."""
from kehoach.pipeline import with_years
from kehoach.records import DocumentMeta, Target


def target(year, source="table", value=20.0, total=False, table=0) -> Target:
    return Target("", "Cộng" if total else "Xã A", "", "", "", "bhyt_rate", year, value, source=source,
                  total_row=total, table=table if source == "table" else None, page=3,
                  year_from="header" if year else "")


def test_a_one_year_plan_gives_its_year_to_targets_without_one_and_says_so():
    targets, issues = with_years([target(None), target(2026)], DocumentMeta(period_start="2025", period_end="2025"))
    assert [(t.year, t.year_from) for t in targets] == [(2025, "document"), (2026, "header")] and issues == []


def test_a_prose_target_without_year_takes_the_year_whose_annex_total_it_restates():
    annex = [target(2023, value=37.99, total=True), target(2024, value=38.84, total=True)]
    targets, issues = with_years(annex + [target(None, "narrative", 37.99)],
                                 DocumentMeta(period_start="2023", period_end="2025"))
    assert (targets[-1].year, targets[-1].year_from) == (2023, "annex") and issues == []


def test_a_target_no_layer_dates_gets_an_issue_saying_why():
    targets, issues = with_years([target(None), target(None)], DocumentMeta(period_start="2023", period_end="2025"))
    assert [t.year for t in targets] == [None, None]
    assert [(i.severity, i.code, i.page) for i in issues] == [("warning", "target_year_unknown", 3)]
