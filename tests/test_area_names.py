"""Place names restored whole (normalizers/area_names.py), on a small list of names and a stand-in for the
language model's knowledge of phrases; and through the restorer, with the gazetteer and the real model."""
from kehoach.normalizers.area_names import NameIndex
from kehoach.normalizers.restore import load_restorer

NAMES = NameIndex.of(["Ia Grai", "Buôn Đôn", "Kon Rẫy", "Đắk Hà", "Phong Vân", "Tân An", "Tấn An", "Cư M'gar", "Hòa Bình"])
KNOWN = {("phòng", "văn")}


def known(words: list[str]) -> bool:
    return tuple(words) in KNOWN


def restore(line: str) -> str:
    return " ".join(NAMES.restore(line.split(), known))


def test_a_capitalised_run_spelling_one_name_is_written_as_that_name_with_its_punctuation():
    assert restore("xã Buồn Đồn, huyện (Kon Rầy)") == "xã Buôn Đôn, huyện (Kon Rẫy)"


def test_a_name_in_capitals_stays_in_capitals():
    assert restore("HUYỆN KON RẦY") == "HUYỆN KON RẪY"


def test_words_not_written_as_a_name_are_left_to_the_decoder():
    assert restore("buồn đồn") == "buồn đồn"
    assert restore("Buồn đồn") == "Buồn đồn"


def test_a_phrase_the_language_model_knows_is_not_taken_for_a_name():
    assert restore("Phòng Văn hóa") == "Phòng Văn hóa"


def test_letters_two_names_share_are_left_as_read():
    assert restore("xã Tần An") == "xã Tần An"


def test_a_local_spelling_and_another_tone_placement_are_kept_as_printed():
    assert restore("huyện Đăk Hà") == "huyện Đăk Hà"
    assert restore("Hoà Bình") == "Hoà Bình"


def test_names_with_a_sign_inside_a_word_are_not_indexed():
    assert restore("Cự Mgar") == "Cự Mgar"


def test_the_restorer_writes_a_misread_district_name_whole():
    assert load_restorer().restore_line("huyện Buồn Đồn, tỉnh Đắk Lắk", "vie") == "huyện Buôn Đôn, tỉnh Đắk Lắk"


def test_a_name_of_a_province_printing_locally_is_restored_in_its_local_spelling_and_kept_in_either():
    local = NameIndex.of(["Đắk Hà", "Đắk Mil"], printing_locally={"dak ha"})
    assert " ".join(local.restore("huyện Dak Ha, huyện Dak Mil".split(), known)) == "huyện Đăk Hà, huyện Đắk Mil"
    assert " ".join(local.restore("huyện Đắk Hà".split(), known)) == "huyện Đắk Hà"  # printed so: kept


def test_the_restorer_writes_kon_tum_names_as_kon_tum_prints_them():
    assert load_restorer().restore_line("huyen Dak Ha va huyen Dak Glei", "eng") == "huyện Đăk Hà và huyện Đăk Glei"


def test_a_capital_i_read_as_a_small_l_opens_a_name_and_a_small_word_does_not():
    assert restore("Huyện la Grai,") == "Huyện Ia Grai,"
    assert restore("là Grai") == "là Grai"
    assert " ".join(NAMES.restore(["là", "Grai"], known, ["la", "Grai"])) == "Ia Grai"  # `là` decoded from `la`
    assert restore("la grai") == "la grai"


def test_a_phrase_in_capitals_the_model_knows_is_text_unless_a_type_word_names_it():
    restorer = load_restorer()
    assert restorer.restore_line("BAN CHÍ ĐẠO 138", "vie") == "BAN CHỈ ĐẠO 138"  # not the commune Chí Đạo
    assert restorer.restore_line("XÃ CHÍ ĐẠO", "vie") == "XÃ CHÍ ĐẠO"
    assert restorer.restore_line("xã Chí Đạo", "vie") == "xã Chí Đạo"
