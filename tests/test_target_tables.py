"""Target tables read by meaning: column roles through OCR noise and from cell contents, the layouts plans print,
the year in layers, indicators beyond the contract's five. Each table is built here from a few printed rows."""
from kehoach.extractors.column_roles import has_cue, indicators_named, is_executed, is_unit_header
from kehoach.extractors.target_tables import context_of, targets_from_table
from kehoach.records import BBox, Cell, Table


def table_of(rows: list[list]) -> Table:
    """A table from printed rows; a cell is its text, or (text, columns it spans)."""
    cells = []
    for r, row in enumerate(rows):
        col = 0
        for item in row:
            text, span = item if isinstance(item, tuple) else (item, 1)
            cells.append(Cell(r, col, text, BBox(60 * col, 20 * r, 60 * (col + span), 20 * r + 20), col_span=span))
            col += span
    n_cols = max(sum(item[1] if isinstance(item, tuple) else 1 for item in row) for row in rows)
    return Table(page=3, bbox=BBox(0, 0, 60 * n_cols, 20 * len(rows)), n_rows=len(rows), n_cols=n_cols, cells=cells,
                 row_pages=[3] * len(rows))


def found(table: Table, title: str = "") -> set[tuple]:
    return {(t.area_name_raw, t.indicator, t.year, t.value) for t in targets_from_table(table, title)}


def test_header_words_match_through_an_edit_or_two():
    assert is_unit_header("ĐơnVị") and is_unit_header("Đơnv|") and is_unit_header("Tên đơn vị")
    assert not is_unit_header("Đơn vị tính: %")
    assert indicators_named("Tỷ lệ tham gia BH THẤT NGHIIỆP (%)") == ["bhtn_rate"]
    assert indicators_named("Trong đó: BHXH tự nguyện") == ["bhxh_voluntary_rate"]
    assert indicators_named("BHXH, BHYT") == ["bhyt_rate", "bhxh_rate"]
    assert not has_cue("BHYT", "bhxh")  # short cues are whole words: one edit apart is another indicator
    # a letter read for another counts as one edit (`HIIM Y TÍ`: two of them in `BẢO HIỂM Y TẾ`)
    assert indicators_named("Biểu 2: TỶ LI> BAO PHỦ BẢO HIIM Y TÍ: GIAI ĐOẠN 2023 - 2024") == ["bhyt_rate"]
    assert indicators_named("TỶ LI¿ THAM GIA BẢO HIIỄM XÃ HỘI") == ["bhxh_rate"]
    # a shared stem is no misreading: `BẢO HIỂM` + one letter of `THẤT` is three edits from `BẢO HIỂM Y TẾ`
    assert indicators_named("Biểu số 4. TỶ LỆ THAM GIA BẢO HIỂM THẤT NGHIỆP GIAI ĐOẠN 2024-2025") == ["bhtn_rate"]


def test_a_table_whose_header_ocr_misread_still_gives_its_targets():
    table = table_of([["STT", "Đơnv|", "Tỷ lệ tham gia BH THẤT NGHIIỆP (%)", "Tỷ lệ bao phủ BHYT (%)"],
                      ["1", "Xã Ea Lâm", "5,5", "98,9"],
                      ["2", "Xã Ea Bá", "14,9", "93,1"]])
    assert found(table, "NĂM 2024") == {("Xã Ea Lâm", "bhtn_rate", 2024, 5.5), ("Xã Ea Lâm", "bhyt_rate", 2024, 98.9),
                                        ("Xã Ea Bá", "bhtn_rate", 2024, 14.9), ("Xã Ea Bá", "bhyt_rate", 2024, 93.1)}


def test_area_column_comes_from_its_names_when_its_header_is_unreadable():
    table = table_of([["TT", "~", "BHYT (%)", "Ghi chú"],
                      ["1", "Mỹ Tho", "89,14", ""],
                      ["2", "Gò Công", "99,8", "Địa bàn khó khăn"],
                      ["3", "Cái Bè", "93,52", ""]])
    assert found(table, "NĂM 2023") == {("Mỹ Tho", "bhyt_rate", 2023, 89.14), ("Gò Công", "bhyt_rate", 2023, 99.8),
                                        ("Cái Bè", "bhyt_rate", 2023, 93.52)}


def test_years_as_columns_take_the_indicator_from_the_nearest_caption_line():
    """Layout D: the header holds years alone; the caption above the table names the indicator, and a line
    naming several indicators (the appendix's title) does not decide it."""
    table = table_of([["STT", "Đơn vị", "2023", "2024", "2025"],
                      ["", "Cộng", "29,37", "31,28", "33,08"],
                      ["1", "Mỹ Tho", "29,45", "31,76", "32,78"]])
    title = ("CHỈ TIÊU BAO PHỦ BHYT, THAM GIA BHXH TỪ NĂM 2023 ĐẾN NĂM 2025\n"
             "(Ban hành kèm theo Công văn số 5484/UBND-VX ngày 04/08/2023 của UBND tỉnh)\n"
             "PHỤ LỤC I: Tỷ lệ tham gia BHXH\nĐơn vị tính: tỷ lệ %")
    targets = found(table, title)
    assert ("Cộng", "bhxh_rate", 2025, 33.08) in targets and ("Mỹ Tho", "bhxh_rate", 2023, 29.45) in targets
    assert len(targets) == 6


def test_only_the_plan_column_of_an_executed_and_plan_pair_is_a_target():
    """Layout E: `TH 2023 | KH 2024` and `Ước thực hiện | Chỉ tiêu giao` pairs under each indicator."""
    table = table_of([["STT", "Đơn vị", ("Chỉ tiêu BHXH (%)", 2), ("Tỷ lệ bao phủ BHYT (%)", 2)],
                      ["", "", "TH 2023", "KH 2024", "Ước thực hiện năm 2023", "Chỉ tiêu giao năm 2024"],
                      ["1", "TP. Hạ Long", "49,82", "51,75", "90,92", "91,33"]])
    assert found(table) == {("TP. Hạ Long", "bhxh_rate", 2024, 51.75), ("TP. Hạ Long", "bhyt_rate", 2024, 91.33)}
    assert is_executed("Thực hiện năm 2023") and not is_executed("Chỉ tiêu thực hiện năm 2024")


def test_year_groups_of_count_base_and_rate_give_head_counts_and_bases():
    """Layout B per indicator: each year a merged group over `Số người TG | LLLĐ | Tỷ lệ`."""
    table = table_of([["STT", "Đơn vị", ("Năm 2024", 3), ("Năm 2025", 3)],
                      ["", "", "Số người TG", "LLLĐ", "Tỷ lệ", "Số người TG", "LLLĐ", "Tỷ lệ"],
                      [("Cộng", 2), "13.866", "36.498", "37,99", "14.334", "36.904", "38,84"],
                      ["I", "Các phường", "", "", "", "", "", ""],
                      ["1", "Phường Ngã Bảy", "2.257", "6.090", "37,06", "2.326", "6.151", "37,81"]])
    targets = targets_from_table(table, "I. CHỈ TIÊU PHÁT TRIỂN NGƯỜI THAM GIA BHXH BẮT BUỘC GIAI ĐOẠN 2024 - 2025")
    assert {(t.area_name_raw, t.year, t.value, t.participants, t.base, t.base_value) for t in targets} == {
        ("Cộng", 2024, 37.99, 13866, "labor_force", 36498), ("Cộng", 2025, 38.84, 14334, "labor_force", 36904),
        ("Phường Ngã Bảy", 2024, 37.06, 2257, "labor_force", 6090),
        ("Phường Ngã Bảy", 2025, 37.81, 2326, "labor_force", 6151)}
    assert {t.indicator for t in targets} == {"bhxh_compulsory_rate"}
    assert {t.total_row for t in targets if t.area_name_raw == "Cộng"} == {True}


def test_column_number_row_unit_row_and_rates_printed_with_their_sign_are_read():
    table = table_of([["STT", "Tên đơn vị", "Chỉ tiêu BHXH", "Chỉ tiêu BHYT"],
                      ["A", "B", "1", "2"],
                      ["", "", "(%)", "(%)"],
                      ["1", "Thị trấn Ngan Dừa", "35,9%", "¬ 93,3%"]])
    assert found(table, "NĂM 2024") == {("Thị trấn Ngan Dừa", "bhxh_rate", 2024, 35.9),
                                        ("Thị trấn Ngan Dừa", "bhyt_rate", 2024, 93.3)}


def test_an_indicator_beyond_the_five_keeps_a_slug_and_its_printed_label():
    table = table_of([["STT", "Đơn vị", "Tỷ lệ hộ nghèo (%)", "Tỷ lệ bao phủ BHYT (%)"],
                      ["1", "Xã Ea Lâm", "12,5", "98,9"]])
    targets = {t.indicator: t for t in targets_from_table(table, "NĂM 2024")}
    assert targets["ho_ngheo"].indicator_label == "Tỷ lệ hộ nghèo (%)" and targets["ho_ngheo"].value == 12.5
    assert targets["bhyt_rate"].indicator_label == "Tỷ lệ bao phủ BHYT (%)"


def test_the_year_comes_in_layers_and_says_which_gave_it():
    table = table_of([["STT", "Đơn vị", "Tỷ lệ tham gia BHXH (%)"], ["1", "Huyện Châu Đức", "14,00"]])
    [caption] = targets_from_table(table, "GIAO CHỈ TIÊU NĂM 2025\n(Kèm theo Kế hoạch số 415/KH-BHXH ngày 04/11/2024)")
    [lead_in] = targets_from_table(table, "Phấn đấu đến cuối năm 2025, cụ thể như sau:\nChỉ tiêu giao các huyện")
    [none] = targets_from_table(table, "(Kèm theo Kế hoạch số 415/KH-BHXH ngày 04 tháng 11 năm 2024)")
    assert (caption.year, caption.year_from) == (2025, "caption")
    assert (lead_in.year, lead_in.year_from) == (2025, "lead-in")
    assert (none.year, none.year_from) == (None, "")  # the citation's date is no target year
    header = table_of([["STT", "Đơn vị", "BHYT năm 2026"], ["", "", "Tỷ lệ %"], ["1", "Huyện Châu Đức", "14,00"]])
    assert [(t.year, t.year_from) for t in targets_from_table(header, "NĂM 2025")] == [(2026, "header")]


def test_a_caption_naming_a_range_of_years_leaves_the_year_to_the_columns():
    assert context_of("CHỈ TIÊU BHYT GIAI ĐOẠN 2023 - 2025").year is None
    assert context_of("CHỈ TIÊU BHYT GIAI ĐOẠN 2023 - 2025").indicator == "bhyt_rate"


def test_a_heading_in_capitals_with_a_stray_dot_is_still_the_caption():
    context = context_of("I. CHỈ TIÊU PHÁT TRIỂN NGƯỜI THAM GIA BHXH BẮT BUỘC NĂM 2024 .")
    assert (context.indicator, context.year, context.year_from) == ("bhxh_compulsory_rate", 2024, "caption")


def test_indicators_as_rows_and_areas_as_columns_are_read_turned():
    table = table_of([["Chỉ tiêu", "Toàn huyện", "Thị trấn Hai Riêng", "Xã Ea Lâm"],
                      ["Tỷ lệ tham gia BHXH (%)", "25,4", "39,1", "15,5"],
                      ["Tỷ lệ bao phủ BHYT (%)", "96,1", "95,6", "98,9"]])
    assert found(table, "NĂM 2024") == {
        ("Toàn huyện", "bhxh_rate", 2024, 25.4), ("Thị trấn Hai Riêng", "bhxh_rate", 2024, 39.1),
        ("Xã Ea Lâm", "bhxh_rate", 2024, 15.5), ("Toàn huyện", "bhyt_rate", 2024, 96.1),
        ("Thị trấn Hai Riêng", "bhyt_rate", 2024, 95.6), ("Xã Ea Lâm", "bhyt_rate", 2024, 98.9)}


def test_a_short_header_split_by_a_space_still_names_its_measure():
    table = table_of([["ST T", "Đơn vị", ("Năm 2023", 3)],
                      ["", "", "Số người TG", "LLL Đ", "Tỷ lệ %"],
                      ["1", "TT Hồ Xá", "1.499", "7.800", "19,2 %"]])
    [target] = targets_from_table(table, "CHỈ TIÊU PHÁT TRIỂN NGƯỜI THAM GIA BHTN")
    assert (target.participants, target.base, target.base_value, target.value) == (1499, "labor_force", 7800, 19.2)


def test_a_rate_whose_comma_ocr_read_as_a_slash_keeps_its_value():
    table = table_of([["STT", "Đơn vị", "Chỉ tiêu BHXH (%)"], ["1", "TP. Hạ Long", "51/75."], ["2", "TP. Móng Cái", "51,42"]])
    assert found(table, "NĂM 2024") == {("TP. Hạ Long", "bhxh_rate", 2024, 51.75), ("TP. Móng Cái", "bhxh_rate", 2024, 51.42)}
