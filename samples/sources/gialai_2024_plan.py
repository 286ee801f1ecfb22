"""A provincial plan written for the samples (text by the kehoach authors, numbers invented), in the style of
the plans of provincial steering committees for social and health insurance: prose targets, a per-district
target table (Phụ lục 1) and a task matrix over several pages (Phụ lục 2)."""
from kehoach.synth.spec import DocumentSpec, HeaderCell, PageBreak, Paragraph, TableSpec

H = HeaderCell

# District, as printed (two local spellings: Đăk Đoa, Đăk Pơ), BHXH %, of which voluntary %, BHYT %, BHTN %.
DISTRICTS = [
    ("Thành phố Pleiku", "38,42", "6,15", "97,80", "30,12"),
    ("Thị xã An Khê", "27,05", "7,40", "95,62", "20,33"),
    ("Thị xã Ayun Pa", "25,18", "8,02", "96,10", "17,45"),
    ("Huyện Kbang", "17,64", "7,85", "95,04", "10,21"),
    ("Huyện Đăk Đoa", "19,33", "6,92", "94,87", "12,06"),
    ("Huyện Chư Păh", "20,15", "7,11", "95,20", "13,48"),
    ("Huyện Ia Grai", "21,07", "6,84", "95,36", "14,02"),
    ("Huyện Mang Yang", "16,92", "7,66", "94,71", "9,85"),
    ("Huyện Kông Chro", "15,40", "8,23", "95,95", "8,14"),
    ("Huyện Đức Cơ", "18,76", "6,58", "94,90", "11,37"),
    ("Huyện Chư Prông", "17,89", "6,37", "94,62", "10,66"),
    ("Huyện Chư Sê", "22,31", "7,04", "95,13", "15,20"),
    ("Huyện Đăk Pơ", "16,25", "7,92", "95,48", "9,03"),
    ("Huyện Ia Pa", "14,86", "8,45", "96,02", "7,71"),
    ("Huyện Krông Pa", "15,12", "8,10", "95,77", "7,95"),
    ("Huyện Phú Thiện", "18,03", "7,73", "95,31", "10,84"),
    ("Huyện Chư Pưh", "16,58", "6,96", "94,83", "9,47"),
]
TOTAL = ("TOÀN TỈNH", "26,15", "7,02", "95,30", "18,60")

# What each timeline of the matrix allows, written out by hand as ground truth: (last day, standing task).
TIMELINE_DUE = {
    "Quý 1/2024": ("2024-03-31", False), "Quý 2/2024": ("2024-06-30", False), "Quý 3/2024": ("2024-09-30", False),
    "Quý 4/2024": ("2024-12-31", False), "Tháng 6/2024": ("2024-06-30", False), "Tháng 8/2024": ("2024-08-31", False),
    "Tháng 12/2024": ("2024-12-31", False), "Trước ngày 20/7/2024": ("2024-07-20", False),
    "Trước ngày 15/12/2024": ("2024-12-15", False), "Thường xuyên": ("", True), "Hằng năm": ("", True),
}

# Section, title, then rows: (item, task, lead, partners, timeline) or a group heading string.
MATRIX = [
    ("I", "CÔNG TÁC LÃNH ĐẠO, CHỈ ĐẠO", [
        ("1", "Tham mưu Ủy ban nhân dân tỉnh giao chỉ tiêu phát triển người tham gia BHXH, BHYT, BHTN năm 2024 "
              "cho các huyện, thị xã, thành phố", "Bảo hiểm xã hội tỉnh",
         "Sở Lao động - Thương binh và Xã hội, Sở Y tế, Sở Tài chính", "Quý 1/2024"),
        ("2", "Chỉ đạo các đơn vị, địa phương đưa chỉ tiêu bao phủ BHXH, BHYT vào nghị quyết phát triển "
              "kinh tế - xã hội hằng năm", "Ủy ban nhân dân các huyện, thị xã, thành phố",
         "Bảo hiểm xã hội tỉnh", "Hằng năm"),
        ("3", "Tổ chức sơ kết 6 tháng, tổng kết năm việc thực hiện Kế hoạch; báo cáo Ban Chỉ đạo tỉnh",
         "Bảo hiểm xã hội tỉnh", "Các Sở, ban, ngành, Hội, đoàn thể liên quan", "Trước ngày 20/7/2024"),
    ]),
    ("II", "CÔNG TÁC THÔNG TIN, TUYÊN TRUYỀN", [
        "a) Đối với nhóm người tham gia bắt buộc",
        ("4", "Tuyên truyền, phổ biến chính sách, pháp luật về BHXH, BHTN cho người sử dụng lao động và người "
              "lao động tại các doanh nghiệp trên địa bàn tỉnh", "Sở Lao động - Thương binh và Xã hội",
         "Bảo hiểm xã hội tỉnh, Liên đoàn Lao động tỉnh", "Thường xuyên"),
        ("5", "Tổ chức hội nghị đối thoại với doanh nghiệp về thực hiện chính sách BHXH, BHYT, BHTN",
         "Liên đoàn Lao động tỉnh", "Bảo hiểm xã hội tỉnh, Sở Lao động - Thương binh và Xã hội", "Quý 2/2024"),
        "b) Đối với nhóm người tham gia tự nguyện",
        ("6", "Phối hợp tổ chức hội nghị tuyên truyền, vận động người dân tham gia BHXH tự nguyện, BHYT hộ gia "
              "đình tại các xã, phường, thị trấn", "Bảo hiểm xã hội tỉnh",
         "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh, Hội Nông dân tỉnh, Hội Liên hiệp Phụ nữ tỉnh", "Tháng 8/2024"),
        ("7", "Xây dựng chuyên trang, chuyên mục về chính sách BHXH, BHYT trên Báo Gia Lai và Đài Phát thanh - "
              "Truyền hình tỉnh", "Sở Thông tin và Truyền thông", "Bảo hiểm xã hội tỉnh", "Thường xuyên"),
    ]),
    ("III", "PHÁT TRIỂN NGƯỜI THAM GIA", [
        ("8", "Rà soát, đối chiếu dữ liệu doanh nghiệp đăng ký thành lập mới, doanh nghiệp đang hoạt động để "
              "phát triển người tham gia BHXH bắt buộc", "Bảo hiểm xã hội tỉnh",
         "Sở Kế hoạch và Đầu tư, Cục Thuế tỉnh", "Tháng 6/2024"),
        ("9", "Bảo đảm kinh phí ngân sách nhà nước đóng, hỗ trợ đóng BHYT cho các nhóm đối tượng theo quy định",
         "Sở Tài chính", "Bảo hiểm xã hội tỉnh, Sở Lao động - Thương binh và Xã hội", "Quý 1/2024"),
        ("10", "Triển khai BHYT học sinh, sinh viên năm học 2024 - 2025, bảo đảm 100% học sinh tham gia",
         "Sở Giáo dục và Đào tạo", "Bảo hiểm xã hội tỉnh, Ủy ban nhân dân các huyện, thị xã, thành phố",
         "Tháng 12/2024"),
        ("11", "Hỗ trợ thêm mức đóng BHXH tự nguyện cho người thuộc hộ nghèo, hộ cận nghèo từ ngân sách địa "
               "phương theo Nghị quyết của Hội đồng nhân dân tỉnh", "Sở Lao động - Thương binh và Xã hội",
         "Sở Tài chính, Bảo hiểm xã hội tỉnh", "Hằng năm"),
        ("12", "Cập nhật, xác thực dữ liệu dân cư với cơ sở dữ liệu quốc gia về bảo hiểm để rà soát người chưa "
               "tham gia BHYT", "Công an tỉnh", "Bảo hiểm xã hội tỉnh", "Quý 3/2024"),
    ]),
    ("IV", "THANH TRA, KIỂM TRA, XỬ LÝ VI PHẠM", [
        ("13", "Thanh tra, kiểm tra việc chấp hành pháp luật về BHXH, BHYT, BHTN tại các đơn vị sử dụng lao "
               "động; xử lý nghiêm các hành vi trốn đóng, chậm đóng", "Thanh tra tỉnh",
         "Bảo hiểm xã hội tỉnh, Sở Lao động - Thương binh và Xã hội, Công an tỉnh", "Thường xuyên"),
        ("14", "Lập hồ sơ kiến nghị khởi tố các đơn vị có dấu hiệu trốn đóng BHXH, BHYT, BHTN theo quy định",
         "Bảo hiểm xã hội tỉnh", "Công an tỉnh, Viện Kiểm sát nhân dân tỉnh", "Thường xuyên"),
        ("15", "Kiểm tra việc sử dụng quỹ khám bệnh, chữa bệnh BHYT tại các cơ sở y tế; ngăn chặn tình trạng "
               "lạm dụng, trục lợi quỹ BHYT", "Sở Y tế", "Bảo hiểm xã hội tỉnh, Sở Tài chính", "Quý 4/2024"),
        ("16", "Báo cáo kết quả thực hiện các chỉ tiêu về Ban Chỉ đạo tỉnh",
         "Ủy ban nhân dân các huyện, thị xã, thành phố", "Bảo hiểm xã hội tỉnh", "Trước ngày 15/12/2024"),
    ]),
]


def target_table() -> TableSpec:
    header = [[H("STT"), H("Đơn vị"), H("Tỷ lệ tham gia BHXH (%)"), H("Trong đó BHXH tự nguyện (%)"),
               H("Tỷ lệ bao phủ BHYT (%)"), H("Tỷ lệ tham gia BHTN (%)")]]
    rows = [[str(i), *row] for i, row in enumerate(DISTRICTS, 1)] + [["", *TOTAL]]
    return TableSpec(header=header, rows=rows, col_widths=[0.08, 0.28, 0.16, 0.16, 0.16, 0.16])


def task_table() -> TableSpec:
    header = [[H("STT"), H("Nội dung"), H("Đơn vị chủ trì"), H("Đơn vị phối hợp"), H("Thời gian thực hiện")]]
    rows: list = []
    for section, title, items in MATRIX:
        rows.append([section, title, "", "", ""])
        rows += [item if isinstance(item, str) else list(item) for item in items]
    return TableSpec(header=header, rows=rows, col_widths=[0.08, 0.38, 0.19, 0.22, 0.13], font_size=10.5)


P = Paragraph
SPEC = DocumentSpec(
    issuer_lines=["UBND TỈNH GIA LAI", "BAN CHỈ ĐẠO THỰC HIỆN", "CHÍNH SÁCH BHXH, BHYT"],
    number="356/KH-BCĐ",
    place_date="Gia Lai, ngày 15 tháng 3 năm 2024",
    doc_title="KẾ HOẠCH",
    subject_lines=["Thực hiện chính sách bảo hiểm xã hội, bảo hiểm y tế,", "bảo hiểm thất nghiệp năm 2024"],
    blocks=[
        P("Căn cứ Quyết định số 112/QĐ-UBND ngày 20 tháng 02 năm 2024 của Ủy ban nhân dân tỉnh Gia Lai về việc "
          "giao chỉ tiêu phát triển người tham gia bảo hiểm xã hội, bảo hiểm y tế, bảo hiểm thất nghiệp năm 2024;"),
        P("Để hoàn thành các chỉ tiêu được giao, Ban Chỉ đạo thực hiện chính sách BHXH, BHYT tỉnh ban hành Kế "
          "hoạch thực hiện năm 2024 như sau:"),
        P("I. MỤC ĐÍCH, YÊU CẦU", "heading"),
        P("1. Tiếp tục lãnh đạo, chỉ đạo các cơ quan, đơn vị, địa phương triển khai đồng bộ các giải pháp phát "
          "triển người tham gia BHXH, BHYT, BHTN; bảo đảm quyền lợi của người tham gia và an sinh xã hội trên địa "
          "bàn tỉnh."),
        P("2. Phân công nhiệm vụ cụ thể cho các thành viên Ban Chỉ đạo; các cơ quan, đơn vị chủ động phối hợp, "
          "thường xuyên báo cáo kết quả thực hiện."),
        P("II. MỤC TIÊU", "heading"),
        P("Phấn đấu hoàn thành các chỉ tiêu được Ủy ban nhân dân tỉnh giao, cụ thể:"),
        P("- Tỷ lệ tham gia BHXH đạt khoảng 26,15% lực lượng lao động trong độ tuổi, trong đó tỷ lệ tham gia "
          "BHXH tự nguyện đạt khoảng 7,02% lực lượng lao động trong độ tuổi."),
        P("- Tỷ lệ tham gia BHTN đạt khoảng 18,60% lực lượng lao động trong độ tuổi."),
        P("- Tỷ lệ bao phủ BHYT đạt 95,30% dân số."),
        P("(Chi tiết tại Phụ lục 1 kèm theo)"),
        P("III. NHIỆM VỤ, GIẢI PHÁP TRỌNG TÂM", "heading"),
        P("1. Đẩy mạnh, đổi mới công tác thông tin, tuyên truyền về chính sách BHXH, BHYT, BHTN."),
        P("2. Tăng cường phối hợp giữa các sở, ngành, đoàn thể và Ủy ban nhân dân các huyện, thị xã, thành phố."),
        P("3. Tăng cường công tác thanh tra, kiểm tra, xử lý vi phạm pháp luật về đóng BHXH, BHYT, BHTN."),
        P("(Chi tiết tại Phụ lục 2 kèm theo)"),
        P("IV. TỔ CHỨC THỰC HIỆN", "heading"),
        P("Các thành viên Ban Chỉ đạo căn cứ chức năng, nhiệm vụ được giao chủ động triển khai thực hiện; báo cáo "
          "kết quả về Bảo hiểm xã hội tỉnh (cơ quan thường trực Ban Chỉ đạo) trước ngày 20/7/2024 và trước ngày "
          "20/12/2024 để tổng hợp."),
        P("TM. BAN CHỈ ĐẠO", "signature"),
        P("TRƯỞNG BAN", "signature"),
        P("PHÓ CHỦ TỊCH UBND TỈNH", "signature"),
        PageBreak(),
        P("PHỤ LỤC 1", "center_bold"),
        P("CHỈ TIÊU TỶ LỆ THAM GIA BHXH, BHYT, BHTN NĂM 2024", "center_bold"),
        P("(Kèm theo Kế hoạch số 356/KH-BCĐ ngày 15/3/2024 của Ban Chỉ đạo tỉnh)", "italic_center"),
        target_table(),
        PageBreak(),
        P("PHỤ LỤC 2", "center_bold"),
        P("NHIỆM VỤ, GIẢI PHÁP TRỌNG TÂM NĂM 2024", "center_bold"),
        P("(Kèm theo Kế hoạch số 356/KH-BCĐ ngày 15/3/2024 của Ban Chỉ đạo tỉnh)", "italic_center"),
        task_table(),
    ],
)

PROSE_TARGETS = [("bhxh_rate", "26,15", "labor_force"), ("bhxh_voluntary_rate", "7,02", "labor_force"),
                 ("bhtn_rate", "18,60", "labor_force"), ("bhyt_rate", "95,30", "population")]
INDICATOR_COLUMNS = ["bhxh_rate", "bhxh_voluntary_rate", "bhyt_rate", "bhtn_rate"]
METADATA = {"doc_type": "Kế hoạch", "plan_number": "356/KH-BCĐ", "issue_date": "2024-03-15",
            "issuer": "UBND TỈNH GIA LAI - BAN CHỈ ĐẠO THỰC HIỆN - CHÍNH SÁCH BHXH, BHYT",
            "province": "Tỉnh Gia Lai", "district": "", "period_start": "2024", "period_end": "2024",
            "title": "Thực hiện chính sách bảo hiểm xã hội, bảo hiểm y tế, bảo hiểm thất nghiệp năm 2024"}
