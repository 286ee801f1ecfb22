from kehoach.normalizers.candidates import MAX_CANDIDATES, deletions, load_candidate_index


def words_for(token: str, engine: str) -> list[str]:
    return [candidate.word for candidate in load_candidate_index().candidates(token, engine)]


def test_deletions_reach_every_key_with_up_to_the_given_letters_gone():
    assert deletions("ab", 1) == {"ab", "a", "b"}
    assert "c" in deletions("abc", 2) and "" not in deletions("abc", 2)


def test_english_model_readings_find_the_word_that_was_printed():
    assert "của" in words_for("ctia", "eng")  # ủ read as `ti`
    assert "số" in words_for("s6", "eng")  # ố read as `6`
    assert "quyết" in words_for("quyét", "eng")
    assert "dân" in words_for("dan", "eng")
    assert "huyện" in words_for("huyén", "eng")


def test_vietnamese_model_readings_find_the_mark_it_confused():
    assert "hiểm" in words_for("hiếm", "vie")
    assert "thể" in words_for("thế", "vie")


def test_the_token_itself_is_always_a_candidate_and_the_list_is_bounded():
    index = load_candidate_index()
    for token, engine in [("zalo", "eng"), ("covid", "vie"), ("ctia", "eng"), ("x", "eng")]:
        found = index.candidates(token, engine)
        assert token in [c.word for c in found]
        assert len(found) <= MAX_CANDIDATES + 1
    unknown = next(c for c in index.candidates("zalo", "eng") if c.word == "zalo")
    known = next(c for c in index.candidates("dân", "vie") if c.word == "dân")
    assert unknown.channel < known.channel  # a word no vocabulary knows pays for being kept as read
