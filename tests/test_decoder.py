import math

from kehoach.normalizers.candidates import Candidate
from kehoach.normalizers.decoder import Fixed, alternatives, decode
from kehoach.normalizers.syllable_lm import NUMBER, load_language_model


def even(*words: str) -> tuple[Candidate, ...]:
    """Candidates the channel cannot tell apart: the language model has to choose."""
    return tuple(Candidate(word, -1.0) for word in words)


def test_context_chooses_among_words_the_channel_cannot_tell_apart():
    lm = load_language_model()
    slots = [even("ủy", "uy"), even("ban", "bán", "bàn"), even("nhân", "nhận", "nhăn"), even("dân", "dẫn", "dần")]
    chosen = decode(slots, lm)
    assert [slot[i].word for slot, i in zip(slots, chosen)] == ["ủy", "ban", "nhân", "dân"]


def test_the_channel_outweighs_a_weak_preference_of_the_language_model():
    lm = load_language_model()
    slots = [even("bảo"), (Candidate("hiểm", -0.1), Candidate("hiếm", -12.0))]
    assert decode(slots, lm) == [0, 0]
    slots = [even("bảo"), (Candidate("hiểm", -12.0), Candidate("hiếm", -0.1))]
    assert decode(slots, lm) == [0, 1]


def test_fixed_tokens_take_part_as_context_and_alternatives_are_probabilities():
    lm = load_language_model()
    slots = [even("năm"), Fixed(NUMBER), even("tỉnh", "tính", "tình")]
    chosen = decode(slots, lm)
    assert chosen[1] == 0
    probabilities = alternatives(slots, chosen, 2, lm)
    assert math.isclose(sum(p for _, p in probabilities), 1.0)
    assert probabilities[0][0] == slots[2][chosen[2]].word
    assert alternatives(slots, chosen, 1, lm) == []
    assert decode([], lm) == []
