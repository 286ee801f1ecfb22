import math
import random

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
    preference = lm.score(lm.id_of("kết"), lm.id_of("quả")) - lm.score(lm.id_of("kết"), lm.id_of("qua"))
    assert 0 < preference < 11.9  # the model prefers `kết quả`, by less than the channel's 11.9 nats below
    slots = [even("kết"), (Candidate("quả", -0.1), Candidate("qua", -12.0))]
    assert decode(slots, lm) == [0, 0]
    slots = [even("kết"), (Candidate("quả", -12.0), Candidate("qua", -0.1))]
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


def every_pair_viterbi(slots, lm) -> list[int]:
    """The textbook recursion: every candidate of a slot tried after every candidate of the one before."""
    ids = [[lm.id_of(slot.lm_token)] if isinstance(slot, Fixed) else [lm.id_of(c.word) for c in slot]
           for slot in slots]
    channels = [[0.0] if isinstance(slot, Fixed) else [c.channel for c in slot] for slot in slots]
    scores = [lm.score(lm.id_of("<s>"), word) + channel for word, channel in zip(ids[0], channels[0])]
    pointers = []
    for words, channel_scores, before in zip(ids[1:], channels[1:], ids):
        ways = [[score + lm.score(previous, word) for score, previous in zip(scores, before)] for word in words]
        pointers.append([way.index(max(way)) for way in ways])
        scores = [max(way) + channel for way, channel in zip(ways, channel_scores)]
    chosen = [scores.index(max(scores))]
    for back in reversed(pointers):
        chosen.append(back[chosen[-1]])
    return chosen[::-1]


def test_decoding_through_seen_bigrams_finds_the_path_trying_every_pair_finds():
    lm = load_language_model()
    rng = random.Random(3)
    words = ["ủy", "ban", "nhân", "dân", "huyện", "tỉnh", "bảo", "hiểm", "xã", "hội", "y", "tế", "năm", "kon",
             "zalo", "bán", "dần", "hiếm", "thế", "thể", "của", "cửa", "số", "sở", "người", "lao", "động"]
    for _ in range(200):
        slots = [Fixed(NUMBER) if rng.random() < 0.1 else
                 tuple(Candidate(w, rng.uniform(-12, 0)) for w in rng.sample(words, rng.randint(1, 8)))
                 for _ in range(rng.randint(1, 9))]
        assert decode(slots, lm) == every_pair_viterbi(slots, lm)
