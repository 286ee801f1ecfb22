from kehoach.extractors.prose_tasks import extract_prose_tasks
from kehoach.records import Page

# Written for these tests in the style of a plan's organisation section (lines wrapped as OCR gives them).
ORGANISATION = """IV. TỔ CHỨC THỰC HIỆN
1. Sở Lao động - Thương binh và Xã hội
- Chủ trì, phối hợp với Bảo hiểm xã hội tỉnh hướng dẫn doanh nghiệp
đăng ký lao động tham gia BHXH bắt buộc.
- Tổng hợp báo cáo kết quả về Ủy ban nhân dân tỉnh.
2. Bảo hiểm xã hội tỉnh (Cơ quan thường trực Ban Chỉ đạo)
Theo dõi, đôn đốc các đơn vị thực hiện kế hoạch; định kỳ báo cáo Ban Chỉ đạo.
3. Đề nghị Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh
- Tuyên truyền, vận động hội viên tham gia BHXH tự nguyện."""


def page(text: str, number: int = 4) -> Page:
    return Page(number=number, width=595, height=842, text_source="ocr", words=[], text=text, confidence=0.9)


def test_each_agency_heading_leads_the_duties_below_it():
    tasks = extract_prose_tasks([page(ORGANISATION)])
    assert [(t.section, t.lead_agency) for t in tasks] == [
        ("IV", "Sở Lao động - Thương binh và Xã hội"),
        ("IV", "Sở Lao động - Thương binh và Xã hội"),
        ("IV", "Bảo hiểm xã hội tỉnh"),
        ("IV", "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh"),
    ]
    assert tasks[0].task == ("Chủ trì, phối hợp với Bảo hiểm xã hội tỉnh hướng dẫn doanh nghiệp "
                             "đăng ký lao động tham gia BHXH bắt buộc")
    assert tasks[0].page == 4


def test_inline_lead_and_partners_in_parentheses():
    text = ("III. NHIỆM VỤ VÀ GIẢI PHÁP\n1.1. Đối với nhóm người tham gia tự nguyện\n"
            "- Tổ chức hội nghị đối thoại với người dân (BHXH huyện chủ trì, phối hợp với\n"
            "Phòng Văn hóa và Thông tin và UBND các xã, thị trấn).")
    [task] = extract_prose_tasks([page(text)])
    assert (task.section, task.group) == ("III", "1.1. Đối với nhóm người tham gia tự nguyện")
    assert task.task == "Tổ chức hội nghị đối thoại với người dân"
    assert task.lead_agency == "BHXH huyện"
    assert task.partner_agencies == ["Phòng Văn hóa và Thông tin và UBND các xã, thị trấn"]


def test_numbered_duties_outside_the_organisation_section_are_not_agency_headings():
    text = "III. NHIỆM VỤ VÀ GIẢI PHÁP\n1. Sở dĩ cần tăng cường tuyên truyền\n- Tổ chức tuyên truyền."
    assert extract_prose_tasks([page(text)]) == []


def test_a_paragraph_after_the_last_duty_is_not_part_of_it():
    text = ("IV. TỔ CHỨC THỰC HIỆN\n1. Ủy ban nhân dân các xã, thị trấn\n- Tổ chức đối thoại với người dân về\n"
            "chính sách bảo hiểm xã hội tự nguyện;\nTrong quá trình thực hiện, nếu có khó khăn, các cơ quan báo cáo\n"
            "Ủy ban nhân dân huyện để xem xét, giải quyết./.")
    [task] = extract_prose_tasks([page(text)])
    assert task.task == "Tổ chức đối thoại với người dân về chính sách bảo hiểm xã hội tự nguyện"


def test_giao_assignments_of_a_decision_name_lead_partners_and_stop_at_the_next_paragraph():
    text = ("Điều 2. Tổ chức thực hiện\n1. Giao Sở Tài chính chủ trì, phối hợp với Bảo hiểm xã hội tỉnh và Sở\n"
            "Lao động - Thương binh và Xã hội quyết toán kinh phí hỗ trợ đóng BHYT.\n"
            "2. Giao Liên đoàn Lao động thành phố tổ chức đối thoại với người lao động.\n"
            "3. Giao chỉ tiêu phát triển người tham gia BHYT cho Ủy ban nhân dân các xã.\n"
            "Yêu cầu các cơ quan nghiêm túc triển khai thực hiện./.")
    first, second = extract_prose_tasks([page(text)])
    assert (first.section, first.item, first.lead_agency) == ("Điều 2", "1", "Sở Tài chính")
    assert first.partner_agencies == ["Bảo hiểm xã hội tỉnh", "Sở Lao động - Thương binh và Xã hội"]
    assert first.task.endswith("hỗ trợ đóng BHYT.")
    assert (second.lead_agency, second.partner_agencies) == ("Liên đoàn Lao động thành phố", [])


def test_duties_under_an_agency_heading_name_partners_without_brackets():
    text = ("IV. TỔ CHỨC THỰC HIỆN\n2. Phòng Y tế\n- Chủ trì, 'phối hợp với Bảo hiểm xã hội huyện, các cơ quan, ban, ngành,\n"
            "đoàn thể huyện triển khai sử dụng thẻ căn cước thay thẻ BHYT giấy.")
    [task] = extract_prose_tasks([page(text)])
    assert task.lead_agency == "Phòng Y tế"
    assert task.partner_agencies == ["Bảo hiểm xã hội huyện", "các cơ quan, ban, ngành, đoàn thể huyện"]


def test_labelled_lead_and_partners_in_brackets():
    text = ("III. NHIỆM VỤ\n3. Tham mưu ban hành kế hoạch năm 2024 (Cơ quan chủ trì: BHXH huyện; cơ quan phối "
            "hợp: Phòng LĐ-TB&XH, Phòng Y tế và Phòng Tài chính - Kế hoạch).")
    [task] = extract_prose_tasks([page(text)])
    assert task.lead_agency == "BHXH huyện"
    assert task.partner_agencies == ["Phòng LĐ-TB&XH, Phòng Y tế và Phòng Tài chính - Kế hoạch"]


def test_headings_misread_by_ocr_still_open_sections_and_agency_headings():
    text = ("III. NHIỆM VỤ VÀ GIẢI PHÁP\n1. Tuyên truyền chính sách\n-w. TO CHỨC THỤC HIỆN\n"
            "_._.5, Công an tỉnh |\n- Xác thực thông tin công dân.\n"
            "6, Sở Y tế\n- Phối hợp với Bảo hiểm xã hội tỉnh kiểm tra các cơ sở khám bệnh.\n"
            "TM. ỦY BAN NHÂN DÂN")
    police, health = extract_prose_tasks([page(text)])
    assert police.lead_agency == "Công an tỉnh"
    assert (health.section, health.section_title) == ("IV", "TO CHỨC THỤC HIỆN")
    assert (health.lead_agency, health.partner_agencies) == ("Sở Y tế", ["Bảo hiểm xã hội tỉnh"])


def test_a_stop_ocr_put_at_a_line_end_does_not_cut_the_paragraph_and_run_together_headings_open_agencies():
    text = ("Điều 2. Tổ chức thực hiện\n2. Giao Phòng Tài chính - Kế hoạch chủ trì, phối hợp với Bảo hiểm xã hội\n"
            "thành phố cung cấp danh sách doanh nghiệp thành lập mới, tạm ngừng.\n"
            "kinh doanh cho cơ quan BHXH.\nV. TỔ CHỨC THỰC HIỆN\n_3.SởYtế\n- Tổ chức đấu thầu thuốc.")
    giao, health = extract_prose_tasks([page(text)])
    assert giao.task.endswith("tạm ngừng. kinh doanh cho cơ quan BHXH.")
    assert (health.lead_agency, health.task) == ("SởYtế", "Tổ chức đấu thầu thuốc")


def test_partners_named_before_phoi_hop_in_brackets_leave_their_verb_out():
    text = ("III. NHIỆM VỤ\n- Triển khai đồng bộ các giải pháp (BHXH huyện chủ trì, các phòng, ban, cơ quan đơn\n"
            "vị liên quan triển khai và phối hợp).")
    [task] = extract_prose_tasks([page(text)])
    assert task.lead_agency == "BHXH huyện"
    assert ", ".join(task.partner_agencies) == "các phòng, ban, cơ quan đơn vị liên quan"


def test_an_agency_list_stops_before_a_duty_that_names_another_agency():
    text = ("IV. TỔ CHỨC THỰC HIỆN\n1. Bảo hiểm xã hội huyện\n- Chủ trì, phối hợp với các cơ quan, đơn vị tham mưu\n"
            "Ủy ban nhân dân huyện giao chỉ tiêu.")
    [task] = extract_prose_tasks([page(text)])
    assert task.partner_agencies == []
