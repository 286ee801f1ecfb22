"""Candidate words for one OCR'd token, each with its channel score.

Takes a token as the OCR wrote it, lower case, without surrounding punctuation (`ctia`, `s6`, `hiếm`), and the
engine that wrote it; gives the words it may stand for, drawn from the valid syllables
(kehoach.normalizers.syllables) and the language model's vocabulary: every word with the token's skeleton
(its letters without marks) and the likeliest words of the commonest skeletons within one or two edits (found
through an index of each skeleton with up to two letters deleted, as SymSpell does); scored by
log P(token | word) under that engine's channel and kept within a beam. The token itself is always among
them, so a word the vocabulary lacks (a foreign name, `zalo`) can pass through.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache
from itertools import combinations

from rapidfuzz.distance import Levenshtein

from kehoach.normalizers.ocr_channel import ChannelModel, bare_word, load_channels
from kehoach.normalizers.syllable_lm import SyllableLM, load_language_model
from kehoach.normalizers.syllables import inventory

BEAM = 9.0  # nats below the best candidate
MAX_CANDIDATES = 16
MAX_REACH = 2
NEAR_SKELETONS = 8  # other skeletons looked at, besides the token's own
WORDS_PER_SKELETON = 6  # the likeliest words of each other skeleton
EDIT_COST = 4.0  # nats per edit when ranking skeletons (an OCR rarely changes a letter)
UNKNOWN_WORD = -4.0  # log-odds that a token no vocabulary knows is a real word as read (a name, `zalo`)
PUNCTUATION_IN_WORD = "@¢©®°’'"  # what an English model writes for some marked letters (`S@` for `Sở`)


@dataclass(frozen=True)
class Candidate:
    word: str
    channel: float  # log P(token | word), plus UNKNOWN_WORD for a token kept as read that no vocabulary knows


def deletions(key: str, depth: int) -> set[str]:
    """`key` with up to `depth` letters deleted (itself included)."""
    return {"".join(key[i] for i in range(len(key)) if i not in gone)
            for n in range(min(depth, len(key)) + 1) for gone in combinations(range(len(key)), n)}


class CandidateIndex:
    """Skeleton → words (likeliest first), and every skeleton with up to two letters deleted → skeletons."""

    def __init__(self, words: set[str], channels: dict[str, ChannelModel], lm: SyllableLM):
        self.channels = channels
        self.lm = lm
        self.known = frozenset(words)
        self.syllables = inventory()
        self.frequencies = {word: lm.unigram[lm.id_of(word)] for word in words}
        self.by_skeleton: dict[str, list[str]] = {}
        for word in sorted(words, key=lambda w: (-self.frequencies[w], w)):
            self.by_skeleton.setdefault(bare_word(word), []).append(word)
        self.skeleton_frequency = {key: math.log(sum(math.exp(self.frequency(w)) for w in found))
                                   for key, found in self.by_skeleton.items()}
        self.by_deletion: dict[str, list[str]] = {}
        for key in self.by_skeleton:
            for shorter in deletions(key, MAX_REACH):
                self.by_deletion.setdefault(shorter, []).append(key)

    def frequency(self, word: str) -> float:
        """log P(word) under the language model, without context (its unseen-word estimate if not known)."""
        found = self.frequencies.get(word)
        return found if found is not None else self.lm.unseen

    def has_skeleton(self, token: str) -> bool:
        return bare_word(token.lower()) in self.by_skeleton

    def neighbours(self, token: str, engine: str) -> list[str]:
        """Every word of the token's own skeleton; the likeliest words of the nearest, commonest others."""
        key = bare_word(token)
        if not key:
            return []
        # An English model loses marks and confuses letters (`ctia`); Vietnamese mostly confuses marks. A
        # lone letter is itself unless no word is spelt so (`x` for `xã`).
        lone = len(key) == 1 and token in self.syllables
        reach = 0 if lone else 1 if engine == "vie" or len(key) <= 2 else MAX_REACH
        near = {other for shorter in deletions(key, reach) for other in self.by_deletion.get(shorter, ())}
        ranked = sorted(((self.skeleton_frequency[other] - EDIT_COST * distance, other) for other in near
                         if other != key and (distance := Levenshtein.distance(key, other, score_cutoff=reach))
                         <= reach), reverse=True)
        found = list(self.by_skeleton.get(key, []))
        for _, other in ranked[:NEAR_SKELETONS]:
            found += self.by_skeleton[other][:WORDS_PER_SKELETON]
        return found

    @lru_cache(maxsize=200_000)  # noqa: B019 - one index per process, tokens repeat
    def candidates(self, token: str, engine: str) -> tuple[Candidate, ...]:
        """Ranked by channel score plus the word's own frequency, so that among the many words an English
        model's `dan` may stand for, `dân` survives the cut and `dặn` need not."""
        channel = self.channels[engine]
        # Likeliest words first: a log probability is at most 0, so once a word's own frequency falls more
        # than the beam below the best total so far, no later word can enter the beam.
        words = sorted(set(self.neighbours(token, engine)), key=lambda w: (-self.frequency(w), w))
        scored: list[tuple[float, Candidate]] = []
        best = -math.inf
        for word in words:
            if self.frequency(word) < best - BEAM:
                break
            candidate = Candidate(word, channel.log_prob(token, word))
            scored.append((candidate.channel + self.frequency(word), candidate))
            best = max(best, scored[-1][0])
        identity = Candidate(token, channel.log_prob(token, token) + (0.0 if token in self.known else UNKNOWN_WORD))
        if token not in self.known:
            scored.append((identity.channel + self.frequency(token), identity))
            best = max(best, scored[-1][0])
        scored.sort(key=lambda pair: (-pair[0], pair[1].word))
        kept = [c for total, c in scored[:MAX_CANDIDATES] if total >= best - BEAM]
        if token not in {c.word for c in kept}:
            kept.append(identity)
        return tuple(kept)


@lru_cache(maxsize=1)
def load_candidate_index() -> CandidateIndex:
    lm = load_language_model()
    words = set(inventory()) | set(lm.vocabulary)
    return CandidateIndex(words, load_channels(), lm)
