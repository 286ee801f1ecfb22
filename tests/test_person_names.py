from kehoach.normalizers.person_names import load_person_names
from kehoach.normalizers.restore import load_restorer


def restored(tokens: str, read: str | None = None) -> str:
    return " ".join(load_person_names().restore(tokens.split(), read.split() if read else None))


def test_a_signers_name_decoded_as_prose_gets_a_names_marks():
    assert restored("Đình Thì Hòng Thu", "Dinh Thi Hong Thu") == "Đinh Thị Hồng Thu"
    assert restored("Định Thị Hồng Thu") == "Đinh Thị Hồng Thu"
    assert restored("NGUYỄN VĂN HÙNG") == "NGUYỄN VĂN HÙNG"
    assert restored("NGUYEN VAN HUNG") == "NGUYỄN VĂN HÙNG"


def test_a_name_part_read_right_is_kept_and_an_unknown_given_name_stays_as_decoded():
    assert restored("Trần Thị Thư") == "Trần Thị Thư"  # `thu` is Thu or Thư: as decoded
    assert restored("Trần Thị Thu", "Trần Thị Thư") == "Trần Thị Thư"  # as read, when the decoder changed it
    assert restored("Trần Thị Thư", "Tran Thi Thu") == "Trần Thị Thư"  # read without marks: as decoded
    assert restored("Lê Văn Khởi") == "Lê Văn Khởi"  # not in the list (`Khôi` is), read with its marks
    assert restored("Lê Văn Khôi", "Le Van Khoi") == "Lê Văn Khôi"


def test_runs_that_are_no_personal_name_are_left_alone():
    for text in ["Phạm Vi Điều Chỉnh", "Hà Giang", "Ủy ban Nhân dân Tỉnh", "Cao Bằng Lạng Sơn Hà Giang",
                 "Lễ Hội Văn Hóa", "theo Đinh Thị, Hồng Thu"]:
        assert restored(text) == text


def test_the_restorer_writes_a_signature_line_as_a_name():
    lines = ["PHO CHU TICH UBND HUYEN", "Dinh Thi Hong Thu"]
    assert load_restorer().restore_lines(lines, "eng") == ["PHÓ CHỦ TỊCH UBND HUYỆN", "Đinh Thị Hồng Thu"]
