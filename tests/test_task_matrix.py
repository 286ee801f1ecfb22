from kehoach.extractors.task_matrix import tasks_from_table
from kehoach.records import BBox, Cell, Table

HEADER = ["STT", "Nội dung", "Đơn vị chủ trì", "Đơn vị phối hợp", "Thời gian thực hiện"]


def table(rows: list[list[str] | str]) -> Table:
    """A list of 5 cells is a row; a lone string is a heading row spanning the width."""
    cells = []
    for r, row in enumerate([HEADER, *rows]):
        if isinstance(row, str):
            cells.append(Cell(r, 0, row, BBox(0, r * 20, 500, r * 20 + 20), col_span=5))
            continue
        cells += [Cell(r, c, text, BBox(c * 100, r * 20, c * 100 + 100, r * 20 + 20)) for c, text in enumerate(row)]
    return Table(page=3, bbox=BBox(0, 0, 500, 20 * (len(rows) + 1)), n_rows=len(rows) + 1, n_cols=5, cells=cells)


def test_section_and_group_rows_carry_onto_their_tasks():
    tasks = tasks_from_table(table([
        ["I", "CÔNG TÁC TUYÊN TRUYỀN", "", "", ""],
        ["", "a) Đối với nhóm người tham gia bắt buộc", "", "", ""],
        ["1", "Tổ chức hội nghị\ntriển khai kế hoạch", "Bảo hiểm xã hội tỉnh", "Sở Y tế", "Quý 2/2024"],
        "II. CÔNG TÁC KIỂM TRA",
        ["2", "Kiểm tra việc thực hiện", "Sở Lao động - Thương binh và Xã hội", "", "Thường xuyên"],
    ]))
    assert [(t.section, t.section_title, t.group, t.item) for t in tasks] == [
        ("I", "CÔNG TÁC TUYÊN TRUYỀN", "a) Đối với nhóm người tham gia bắt buộc", "1"),
        ("II", "CÔNG TÁC KIỂM TRA", "", "2"),
    ]
    assert tasks[0].task == "Tổ chức hội nghị triển khai kế hoạch"
    assert tasks[0].timeline == "Quý 2/2024"
    assert tasks[0].page == 3


def test_row_cut_by_a_page_break_and_repeated_header_join_the_task_above():
    tasks = tasks_from_table(table([
        ["1", "Rà soát các đơn vị chậm đóng", "Bảo hiểm xã hội tỉnh", "Sở Tài chính,", "Tháng 8/2024"],
        HEADER,
        ["", "BHXH, BHYT, BHTN", "", "Cục Thuế tỉnh", ""],
    ]))
    assert len(tasks) == 1
    assert tasks[0].task == "Rà soát các đơn vị chậm đóng BHXH, BHYT, BHTN"
    assert tasks[0].partner_agencies == ["Sở Tài chính, Cục Thuế tỉnh"]


def test_a_target_table_gives_no_tasks():
    target = Table(page=1, bbox=BBox(0, 0, 1, 1), n_rows=1, n_cols=3, cells=[
        Cell(0, 0, "STT", BBox(0, 0, 1, 1)), Cell(0, 1, "Đơn vị", BBox(0, 0, 1, 1)),
        Cell(0, 2, "BHYT (%)", BBox(0, 0, 1, 1))])
    assert tasks_from_table(target) == []


def test_numbers_ocr_could_not_read_follow_from_the_sequence():
    tasks = tasks_from_table(table([
        ["I", "CÔNG TÁC CHỈ ĐẠO", "", "", ""],
        ["1", "Giao chỉ tiêu", "Bảo hiểm xã hội tỉnh", "", "Quý 1/2024"],
        ["s;", "Sơ kết 6 tháng", "Bảo hiểm xã hội tỉnh", "", "Tháng 7/2024"],
        ["t", "CÔNG TÁC TUYÊN TRUYỀN", "", "", ""],
        ["3", "Tuyên truyền chính sách", "Sở Thông tin và Truyền thông", "", "Thường xuyên"],
        ["II", "CÔNG TÁC KIỂM TRA", "", "", ""],
        ["®", "Kiểm tra", "Thanh tra tỉnh", "", "Quý 4/2024"],
        ["", "Thanh tra", "Thanh tra tỉnh", "", "Quý 4/2024"],
        ["6", "Báo cáo", "Sở Y tế", "", "Tháng 12/2024"],
        ["ˆ", "Tổng kết", "Sở Y tế", "", "Tháng 12/2024"],
    ]))
    assert [(t.section, t.item) for t in tasks] == [
        ("I", "1"), ("I", "2"), ("II", "3"), ("III", "4"), ("III", "5"), ("III", "6"), ("III", "7")]
    assert tasks[3].section_title == "CÔNG TÁC KIỂM TRA"


def test_a_number_out_of_sequence_is_misread_and_restarted_numbering_is_kept():
    rows = [[n, f"Nhiệm vụ {k}", "Sở Y tế", "", "Quý 1/2024"] for k, n in enumerate(["9", "10", "1", "12"])]
    assert [t.item for t in tasks_from_table(table(rows))] == ["9", "10", "11", "12"]
    tasks = tasks_from_table(table([
        ["I", "TUYÊN TRUYỀN", "", "", ""], ["1", "Hội nghị", "Sở Y tế", "", "Quý 1/2024"],
        ["2", "Tập huấn", "Sở Y tế", "", "Quý 2/2024"], ["II", "KIỂM TRA", "", "", ""],
        ["1", "Kiểm tra", "Thanh tra tỉnh", "", "Quý 3/2024"], ["", "Thanh tra", "Thanh tra tỉnh", "", "Quý 4/2024"],
        ["3", "Báo cáo", "Thanh tra tỉnh", "", "Quý 4/2024"]]))
    assert [(t.section, t.item) for t in tasks] == [("I", "1"), ("I", "2"), ("II", "1"), ("II", "2"), ("II", "3")]


def test_numbers_that_imply_no_pattern_are_kept_as_read():
    tasks = tasks_from_table(table([
        ["1", "Giao chỉ tiêu", "Bảo hiểm xã hội tỉnh", "", "Quý 1/2024"],
        ["®", "Sơ kết", "Bảo hiểm xã hội tỉnh", "", "Tháng 7/2024"],
        ["5", "Tổng kết", "Bảo hiểm xã hội tỉnh", "", "Tháng 12/2024"],
    ]))
    assert [t.item for t in tasks] == ["1", "®", "5"]


def grid(rows: list[list[str]], page: int = 2) -> Table:
    """A table of the given rows, cell by cell; an empty string is no cell (spanned over)."""
    cells = [Cell(r, c, text, BBox(c * 100, r * 20, c * 100 + 100, r * 20 + 20))
             for r, row in enumerate(rows) for c, text in enumerate(row) if text]
    return Table(page=page, bbox=BBox(0, 0, 100 * len(rows[0]), 20 * len(rows)), n_rows=len(rows),
                 n_cols=len(rows[0]), cells=cells)


TWO_ROW_HEADER = [["STT", "Nội dung nhiệm vụ", "Phân công thực hiện", "", "Thời gian hoàn thành"],
                  ["", "", "Chủ trì", "Phối hợp", ""]]


def test_a_merged_phan_cong_header_over_chu_tri_and_phoi_hop_names_both_columns():
    tasks = tasks_from_table(grid([
        *TWO_ROW_HEADER,
        ["I", "Đẩy mạnh công tác tuyên truyền", "", "", ""],
        ["1", "Tuyên truyền chính sách BHYT", "Phòng Dân tộc", "BHXH huyện, UBND các xã", "Thường xuyên"],
        *TWO_ROW_HEADER,
        ["2", "Tập huấn đại lý thu", "BHXH huyện", "Bưu điện huyện", "Quý II/2024"],
    ]))
    assert [(t.section, t.item, t.lead_agency, t.partner_agencies, t.timeline) for t in tasks] == [
        ("I", "1", "Phòng Dân tộc", ["BHXH huyện, UBND các xã"], "Thường xuyên"),
        ("I", "2", "BHXH huyện", ["Bưu điện huyện"], "Quý II/2024"),
    ]


def test_header_words_misread_by_an_edit_still_name_their_columns():
    tasks = tasks_from_table(grid([
        ["TT", "Nhiệm vu, giái pháp", "Đơn vi chú tri", "Đơn vị phoi họp", "Thòi hạn"],
        ["1", "Rà soát doanh nghiệp", "Sở Tài chính", "Cục Thuế tỉnh", "Tháng 8/2024"],
    ]))
    assert [(t.item, t.lead_agency, t.partner_agencies, t.timeline) for t in tasks] == [
        ("1", "Sở Tài chính", ["Cục Thuế tỉnh"], "Tháng 8/2024")]


def test_agency_and_timeline_columns_come_from_their_cells_when_the_header_does_not_name_them():
    tasks = tasks_from_table(grid([
        ["STT", "Nội dung công việc", "Đơn vị", "Cùng thực hiện", "Khi nào"],
        ["1", "Rà soát doanh nghiệp", "Sở Tài chính", "Cục Thuế tỉnh", "Quý 3/2024"],
        ["2", "Tuyên truyền", "Sở Thông tin và Truyền thông", "Báo tỉnh, Đài Phát thanh - Truyền hình tỉnh",
         "Thường xuyên"],
    ]))
    assert [(t.lead_agency, t.partner_agencies, t.timeline) for t in tasks] == [
        ("Sở Tài chính", ["Cục Thuế tỉnh"], "Quý 3/2024"),
        ("Sở Thông tin và Truyền thông", ["Báo tỉnh, Đài Phát thanh - Truyền hình tỉnh"], "Thường xuyên")]


def test_numbering_runs_on_across_sections_and_a_row_cut_without_a_repeated_header_continues():
    tasks = tasks_from_table(grid([
        *TWO_ROW_HEADER,
        ["I", "CÔNG TÁC TUYÊN TRUYỀN", "", "", ""],
        ["1", "Tuyên truyền chính sách", "Sở TT&TT", "Đài PT-TH tỉnh", "Thường xuyên"],
        ["II", "PHÁT TRIỂN NGƯỜI THAM GIA", "", "", ""],
        ["", "a) Đối với BHXH bắt buộc", "", "", ""],
        ["2", "Rà soát doanh nghiệp", "BHXH tỉnh", "Sở Kế hoạch và Đầu tư,", ""],
        ["", "chưa đăng ký tham gia", "", "Cục Thuế tỉnh", "Quý III/2024"],
        ["3", "Đối thoại với người lao động", "Liên đoàn Lao động tỉnh", "", "Năm 2024"],
    ]))
    assert [(t.section, t.group, t.item) for t in tasks] == [
        ("I", "", "1"), ("II", "a) Đối với BHXH bắt buộc", "2"), ("II", "a) Đối với BHXH bắt buộc", "3")]
    assert tasks[1].task == "Rà soát doanh nghiệp chưa đăng ký tham gia"
    assert (tasks[1].partner_agencies, tasks[1].timeline) == (["Sở Kế hoạch và Đầu tư, Cục Thuế tỉnh"], "Quý III/2024")


def test_a_task_row_whose_text_holds_header_words_is_a_task_not_a_repeated_header():
    tasks = tasks_from_table(table([
        ["1", "Rà soát nội dung nhiệm vụ phối hợp giữa các cơ quan theo thời gian quy định", "Sở Nội vụ",
         "Đơn vị phối hợp cấp huyện", "Quý 2/2024"],
    ]))
    assert [t.lead_agency for t in tasks] == ["Sở Nội vụ"]
