"""A district plan written by the kehoach authors for the samples, in the structure of the Hà Nội seed:
numbered targets in prose, then tasks assigned per agency in section IV (a numbered heading naming the
agency, its duties as dashes below it). The numbers are invented; the units and agencies are real.
"""
from __future__ import annotations

from kehoach.synth.spec import DocumentSpec, Paragraph

METADATA = {
    "doc_type": "Kế hoạch", "plan_number": "28/KH-UBND", "issue_date": "2025-03-10",
    "issuer": "ỦY BAN NHÂN DÂN HUYỆN GIO LINH", "province": "Tỉnh Quảng Trị", "district": "Huyện Gio Linh",
    "period_start": "2025", "period_end": "2025",
    "title": "Phát triển người tham gia bảo hiểm xã hội, bảo hiểm y tế năm 2025",
}

# (indicator, value as printed, base) of the targets section II states.
PROSE_TARGETS = [("bhxh_rate", "21,40", "labor_force"), ("bhxh_voluntary_rate", "8,35", "labor_force"),
                 ("bhtn_rate", "12,60", "labor_force"), ("bhyt_rate", "96,20", "population")]

# Section IV: (agency heading as printed, canonical agency, duties).
ORGANISATION = [
    ("Bảo hiểm xã hội huyện", "Bảo hiểm xã hội huyện", [
        "Chủ trì, phối hợp với các cơ quan, đơn vị tham mưu Ủy ban nhân dân huyện giao chỉ tiêu phát triển người "
        "tham gia bảo hiểm xã hội, bảo hiểm y tế cho từng xã, thị trấn",
        "Rà soát danh sách người lao động chưa tham gia bảo hiểm xã hội để tuyên truyền, vận động",
        "Định kỳ hằng quý báo cáo kết quả thực hiện về Ủy ban nhân dân huyện",
    ]),
    ("Phòng Lao động - Thương binh và Xã hội", "Phòng Lao động - Thương binh và Xã hội", [
        "Hướng dẫn, kiểm tra việc thực hiện pháp luật về bảo hiểm xã hội tại các doanh nghiệp trên địa bàn",
        "Lập danh sách người thuộc hộ nghèo, hộ cận nghèo được hỗ trợ đóng bảo hiểm y tế",
    ]),
    ("Phòng Y tế", "Phòng Y tế", [
        "Chỉ đạo các cơ sở khám bệnh, chữa bệnh nâng cao chất lượng phục vụ người có thẻ bảo hiểm y tế",
    ]),
    ("Phòng Giáo dục và Đào tạo", "Phòng Giáo dục và Đào tạo", [
        "Chỉ đạo các trường học tuyên truyền, vận động học sinh tham gia bảo hiểm y tế đạt 100%",
        "Phối hợp với Bảo hiểm xã hội huyện tổ chức cấp thẻ bảo hiểm y tế học sinh đúng thời gian",
    ]),
    ("Phòng Văn hóa và Thông tin", "Phòng Văn hóa và Thông tin", [
        "Xây dựng chuyên mục tuyên truyền về chính sách bảo hiểm xã hội tự nguyện trên hệ thống truyền thanh",
    ]),
    ("Phòng Tài chính - Kế hoạch", "Phòng Tài chính - Kế hoạch", [
        "Tham mưu bố trí kinh phí hỗ trợ đóng bảo hiểm xã hội tự nguyện, bảo hiểm y tế theo quy định",
    ]),
    ("Công an huyện", "Công an huyện", [
        "Phối hợp xác thực thông tin người tham gia với cơ sở dữ liệu quốc gia về dân cư",
    ]),
    ("Đề nghị Ủy ban Mặt trận Tổ quốc Việt Nam huyện", "Ủy ban Mặt trận Tổ quốc Việt Nam huyện", [
        "Vận động đoàn viên, hội viên và nhân dân tham gia bảo hiểm xã hội tự nguyện, bảo hiểm y tế hộ gia đình",
        "Giám sát việc thực hiện chính sách bảo hiểm xã hội, bảo hiểm y tế tại cơ sở",
    ]),
    ("Ủy ban nhân dân các xã, thị trấn", "Ủy ban nhân dân các xã, thị trấn", [
        "Xây dựng kế hoạch thực hiện chỉ tiêu được giao, phân công cán bộ theo dõi từng thôn",
        "Tổ chức đối thoại với người dân về chính sách bảo hiểm xã hội tự nguyện",
    ]),
]

P = Paragraph
_targets = dict((indicator, value) for indicator, value, _ in PROSE_TARGETS)
SPEC = DocumentSpec(
    issuer_lines=["ỦY BAN NHÂN DÂN", "HUYỆN GIO LINH"],
    number="28/KH-UBND",
    place_date="Gio Linh, ngày 10 tháng 3 năm 2025",
    doc_title="KẾ HOẠCH",
    subject_lines=["Phát triển người tham gia bảo hiểm xã hội, bảo hiểm y tế năm 2025"],
    blocks=[
        P("Thực hiện Kế hoạch của Ủy ban nhân dân tỉnh Quảng Trị về phát triển người tham gia bảo hiểm xã hội, "
          "bảo hiểm y tế giai đoạn 2021 - 2025, Ủy ban nhân dân huyện ban hành Kế hoạch năm 2025 như sau:"),
        P("I. MỤC ĐÍCH, YÊU CẦU", "heading"),
        P("1. Mở rộng diện bao phủ bảo hiểm xã hội, bảo hiểm y tế, hướng tới bảo hiểm y tế toàn dân."),
        P("2. Phân định rõ trách nhiệm của từng cơ quan, đơn vị và Ủy ban nhân dân các xã, thị trấn."),
        P("II. CHỈ TIÊU", "heading"),
        P(f"1. Tỷ lệ tham gia BHXH đạt {_targets['bhxh_rate']}% lực lượng lao động trong độ tuổi; trong đó tỷ lệ "
          f"tham gia BHXH tự nguyện đạt {_targets['bhxh_voluntary_rate']}% lực lượng lao động trong độ tuổi."),
        P(f"2. Tỷ lệ tham gia BHTN đạt {_targets['bhtn_rate']}% lực lượng lao động trong độ tuổi."),
        P(f"3. Tỷ lệ bao phủ BHYT đạt {_targets['bhyt_rate']}% dân số."),
        P("III. NHIỆM VỤ, GIẢI PHÁP", "heading"),
        P("1. Đẩy mạnh công tác thông tin, tuyên truyền về chính sách bảo hiểm xã hội, bảo hiểm y tế."),
        P("2. Nâng cao chất lượng phục vụ của cơ quan bảo hiểm xã hội và cơ sở khám bệnh, chữa bệnh."),
        P("IV. TỔ CHỨC THỰC HIỆN", "heading"),
        *[block for number, (heading, _, duties) in enumerate(ORGANISATION, 1)
          for block in [P(f"{number}. {heading}"), *[P(f"- {duty};") for duty in duties]]],
        P("Trong quá trình thực hiện, nếu có khó khăn, vướng mắc, các cơ quan, đơn vị báo cáo Ủy ban nhân dân "
          "huyện (qua Bảo hiểm xã hội huyện) để xem xét, giải quyết./."),
        P("TM. ỦY BAN NHÂN DÂN", "signature"),
        P("CHỦ TỊCH", "signature"),
    ],
)
