from kehoach.normalizers.syllables import inventory, is_syllable, place_tone, split_syllable


def test_a_syllable_splits_into_onset_rhyme_and_tone():
    assert split_syllable("quốc") == ("qu", "ôc", "\u0301")
    assert split_syllable("gì") == ("g", "i", "\u0300")
    assert split_syllable("nghiệp") == ("ngh", "iêp", "\u0323")
    assert split_syllable("giữa") == ("gi", "ưa", "\u0303")


def test_spelling_rules_reject_what_vietnamese_does_not_write():
    assert not is_syllable("ngiệp")  # ng before i is written ngh
    assert not is_syllable("kà")  # k only before i, e, ê, y
    assert not is_syllable("càt")  # a rhyme closed by t takes only sắc or nặng
    assert not is_syllable("ctia")
    assert not is_syllable("hiếmm")


def test_the_tone_sits_where_government_text_puts_it_and_both_styles_are_syllables():
    assert place_tone("h", "oa", "\u0300") == "hòa"
    assert place_tone("th", "uy", "\u0309") == "thủy"
    assert place_tone("h", "oan", "\u0300") == "hoàn"
    assert place_tone("ng", "oai", "\u0300") == "ngoài"
    assert place_tone("", "ươc", "\u0301") == "ước"
    assert is_syllable("hoà") and is_syllable("hòa")


def test_the_inventory_holds_the_words_of_a_plan_and_only_syllables():
    words = inventory()
    assert {"của", "bảo", "hiểm", "xã", "hội", "tỉnh", "huyện", "ước", "nghiệp", "quyết", "định"} <= words
    assert "hòa" in words and "hoà" not in words  # generated with one placement
    assert all(is_syllable(word) for word in words)
    assert 15_000 < len(words) < 25_000
