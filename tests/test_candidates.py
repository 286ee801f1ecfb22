import pytest
from rapidfuzz.distance import Levenshtein

from kehoach.normalizers import candidates
from kehoach.normalizers.candidate_table import CandidateTable
from kehoach.normalizers.candidates import (EDIT_COST, MAX_CANDIDATES, NEAR_SKELETONS, WORDS_PER_SKELETON,
                                            current_fingerprint, deletions, load_candidate_index)


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


def test_the_deletion_index_finds_the_neighbours_an_exhaustive_scan_of_every_skeleton_finds():
    index = load_candidate_index()
    skeletons = sorted(index.by_skeleton)
    keys = skeletons[::151] + ["ctia", "cudng", "ngudi", "s6", "chitc", "huyen", "x"]  # words and OCR readings
    for key in keys:
        for reach in (1, 2):
            exhaustive = {other for other in skeletons if other != key and Levenshtein.distance(key, other) <= reach}
            near = {other for shorter in deletions(key, reach) for other in index.by_deletion.get(shorter, ())}
            assert exhaustive <= near, (key, reach, exhaustive - near)
            ranked = sorted(((index.skeleton_frequency[other] - EDIT_COST * Levenshtein.distance(key, other), other)
                             for other in exhaustive), reverse=True)[:NEAR_SKELETONS]
            words = index.by_skeleton.get(key, []) + [w for _, other in ranked
                                                      for w in index.by_skeleton[other][:WORDS_PER_SKELETON]]
            assert index.nearby(key, reach) == tuple(sorted(words, key=lambda w: (-index.frequency(w), w)))


def test_stored_lists_are_current_and_equal_the_search_bit_for_bit():
    index = load_candidate_index()
    assert index.table is not None, "candidates.npz missing or stale: python -m kehoach.vocab.build_candidates"
    assert index.table.fingerprint == current_fingerprint()
    for engine in ("eng", "vie"):
        covered = sorted(index.covered_tokens(engine))
        assert set(index.table.engines[engine].rows) == set(covered)
        for token in covered[::97] + [t for t in ("huyén", "dan", "hiếm", "x", "kon") if t in covered]:
            stored = index.table.lookup(token, engine)
            assert stored == [(c.word, c.channel) for c in index.search(token, engine)], (token, engine)


def test_the_table_covers_words_their_skeletons_and_their_likeliest_english_readings():
    index = load_candidate_index()
    assert index.table.lookup("huyện", "vie") is not None and index.table.lookup("huyen", "eng") is not None
    assert index.channels["eng"].likeliest_reading("huyện") == "huyén"
    assert "huyện" in [word for word, _ in index.table.lookup("huyén", "eng")]
    assert index.table.lookup("ctia", "eng") is None  # searched when met
    assert "của" in words_for("ctia", "eng")


def test_a_table_survives_a_round_trip_through_its_bytes():
    lists = {"eng": {"dan": [("dân", -0.5), ("dan", -3.25)], "ctia": [("của", -2.0)]},
             "vie": {"dân": [("dân", -0.1)]}}
    table = CandidateTable.built("abc", frozenset({"dân", "của"}), lists)
    again = CandidateTable.from_bytes(table.to_bytes())
    assert again.fingerprint == "abc"
    assert again.lookup("dan", "eng") == [("dân", -0.5), ("dan", -3.25)]  # `dan`, unknown, stored as the token itself
    assert again.lookup("ctia", "eng") == [("của", -2.0)] and again.lookup("dân", "vie") == [("dân", -0.1)]
    assert again.lookup("dân", "eng") is None


def test_a_stale_table_is_not_used(monkeypatch):
    stale = CandidateTable.built("built from other models", frozenset({"dân"}), {"vie": {"dân": [("dân", 0.0)]}})
    monkeypatch.setattr(candidates, "load_table", lambda: stale)
    with pytest.warns(UserWarning, match="build_candidates"):
        index = candidates.load_candidate_index.__wrapped__()
    assert index.table is None
    assert index.candidates("dân", "vie") == load_candidate_index().search("dân", "vie")
