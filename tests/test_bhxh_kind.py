from kehoach.normalizers.bhxh_kind import qualify_bhxh
from kehoach.records import Target


def target(indicator: str, value: float, source: str = "table", total: bool = False, table: int | None = 0) -> Target:
    return Target("", "Cộng" if total else "Xã A", "", "", "", indicator, 2023, value, source=source,
                  total_row=total, table=table if source == "table" else None)


def test_an_unqualified_bhxh_table_whose_total_is_the_texts_compulsory_figure_is_compulsory():
    targets = [target("bhxh_rate", 33.33, total=True), target("bhxh_rate", 30.1),
               target("bhxh_compulsory_rate", 33.33, "narrative"), target("bhxh_voluntary_rate", 7.14, "narrative")]
    qualified, issues = qualify_bhxh(targets)
    assert [t.indicator for t in qualified[:2]] == ["bhxh_compulsory_rate", "bhxh_compulsory_rate"]
    assert [(i.severity, i.code) for i in issues] == [("info", "bhxh_read_as_compulsory")]


def test_a_bhxh_table_the_text_states_as_all_bhxh_stays_all():
    targets = [target("bhxh_rate", 24.7, total=True), target("bhxh_voluntary_rate", 5.1, table=1),
               target("bhxh_rate", 24.7, "narrative")]
    qualified, issues = qualify_bhxh(targets)
    assert [t.indicator for t in qualified] == ["bhxh_rate", "bhxh_voluntary_rate", "bhxh_rate"] and issues == []
