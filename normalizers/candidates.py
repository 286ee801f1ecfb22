"""Candidate words for one OCR'd token, each with its channel score.

Takes a token as the OCR wrote it, lower case, without surrounding punctuation (`ctia`, `s6`, `hiếm`), and the
engine that wrote it; gives the words it may stand for, drawn from the valid syllables
(kehoach.normalizers.syllables) and the language model's vocabulary: every word with the token's skeleton
(its letters without marks) and the likeliest words of the commonest skeletons within one or two edits (found
through an index of each skeleton with up to two letters deleted, as SymSpell does); scored by
log P(token | word) under that engine's channel and kept within a beam. The token itself is always among
them, so a word the vocabulary lacks (a foreign name, `zalo`) can pass through. The search costs some fifty
channel alignments per token, so the lists of the tokens OCR writes most (every known word, its skeleton, its
likeliest misreading) are computed when the models are built and looked up (kehoach.normalizers.
candidate_table); only other tokens (`ctia`, `s6`) are searched when met.
"""
from __future__ import annotations

import heapq
import math
import warnings
from functools import lru_cache
from itertools import combinations
from typing import NamedTuple

from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from kehoach.normalizers.candidate_table import CandidateTable, fingerprint, load_table
from kehoach.normalizers.ocr_channel import ChannelModel, bare_word, forget_alignments, load_channels
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
# What the search's result depends on besides the models: a stored table built with other values is stale.
SEARCH_SETTINGS = (BEAM, MAX_CANDIDATES, MAX_REACH, NEAR_SKELETONS, WORDS_PER_SKELETON, EDIT_COST, UNKNOWN_WORD)


class Candidate(NamedTuple):  # a tuple: built by the thousand per page, where a dataclass costs three times as much
    word: str
    channel: float  # log P(token | word), plus UNKNOWN_WORD for a token kept as read that no vocabulary knows


def deletions(key: str, depth: int) -> set[str]:
    """`key` with up to `depth` letters deleted (itself included)."""
    return {"".join(key[i] for i in range(len(key)) if i not in gone)
            for n in range(min(depth, len(key)) + 1) for gone in combinations(range(len(key)), n)}


class CandidateIndex:
    """Skeleton → words (likeliest first), and every skeleton with up to two letters deleted → skeletons; the
    stored lists (kehoach.normalizers.candidate_table) for the tokens they cover."""

    def __init__(self, words: set[str], channels: dict[str, ChannelModel], lm: SyllableLM,
                 table: CandidateTable | None = None):
        self.channels = channels
        self.table = table
        self.lm = lm
        self.known = frozenset(words)
        self.syllables = inventory()
        self.frequencies = {word: lm.unigram[lm.id_of(word)] for word in words}
        self.by_skeleton: dict[str, list[str]] = {}
        likeliest_first = sorted(words, key=lambda w: (-self.frequencies[w], w))
        self.rank = {word: i for i, word in enumerate(likeliest_first)}  # to sort words likeliest first
        for word in likeliest_first:
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

    def neighbours(self, token: str, engine: str) -> tuple[str, ...]:
        """Every word of the token's own skeleton; the likeliest words of the nearest, commonest others.
        Likeliest first."""
        key = bare_word(token)
        if not key:
            return ()
        # An English model loses marks and confuses letters (`ctia`); Vietnamese mostly confuses marks. A
        # lone letter is itself unless no word is spelt so (`x` for `xã`).
        lone = len(key) == 1 and token in self.syllables
        return self.nearby(key, 0 if lone else 1 if engine == "vie" or len(key) <= 2 else MAX_REACH)

    @lru_cache(maxsize=100_000)  # noqa: B019 - one index per process; tokens of one skeleton share the search
    def nearby(self, key: str, reach: int) -> tuple[str, ...]:
        """The words `neighbours` gives for a skeleton and a number of edits."""
        near = {other for shorter in deletions(key, reach) for other in self.by_deletion.get(shorter, ())} - {key}
        # Sharing a deletion does not make two skeletons `reach` edits apart (`ab`, `ba`): measure each, in C.
        within = process.extract(key, list(near), scorer=Levenshtein.distance, score_cutoff=reach, limit=None)
        ranked = heapq.nlargest(NEAR_SKELETONS, ((self.skeleton_frequency[other] - EDIT_COST * distance, other)
                                                 for other, distance, _ in within))
        found = list(self.by_skeleton.get(key, []))
        for _, other in ranked:
            found += self.by_skeleton[other][:WORDS_PER_SKELETON]
        return tuple(sorted(found, key=self.rank.__getitem__))

    def forget(self) -> None:
        """Empty every cache the search keeps, as in a fresh process (for measuring cold speed)."""
        self.candidates.cache_clear()
        self.nearby.cache_clear()
        forget_alignments()
        for channel in self.channels.values():
            channel.forget()

    def covered_tokens(self, engine: str) -> set[str]:
        """The tokens the stored table holds: every word the models know, its skeleton, and the word as the
        engine likeliest reads it."""
        channel = self.channels[engine]
        return self.known | set(self.by_skeleton) | ({channel.likeliest_reading(word) for word in self.known} - {""})

    @lru_cache(maxsize=200_000)  # noqa: B019 - one index per process, tokens repeat
    def candidates(self, token: str, engine: str) -> tuple[Candidate, ...]:
        stored = self.table.lookup(token, engine) if self.table else None
        if stored is not None:
            return tuple(Candidate(word, channel) for word, channel in stored)
        return self.search(token, engine)

    def search(self, token: str, engine: str) -> tuple[Candidate, ...]:
        """Ranked by channel score plus the word's own frequency, so that among the many words an English
        model's `dan` may stand for, `dân` survives the cut and `dặn` need not."""
        channel = self.channels[engine]
        # Likeliest words first: a log probability is at most 0, so once a word's own frequency falls more
        # than the beam below the best total so far, no later word can enter the beam.
        scored: list[tuple[float, Candidate]] = []
        best = -math.inf
        for word in self.neighbours(token, engine):
            frequency = self.frequencies[word]
            if frequency < best - BEAM:
                break
            candidate = Candidate(word, channel.log_prob(token, word))
            scored.append((candidate.channel + frequency, candidate))
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


def candidate_index(table: CandidateTable | None = None) -> CandidateIndex:
    lm = load_language_model()
    return CandidateIndex(set(inventory()) | set(lm.vocabulary), load_channels(), lm, table)


def current_fingerprint() -> str:
    return fingerprint(inventory(), SEARCH_SETTINGS)


@lru_cache(maxsize=1)
def load_candidate_index() -> CandidateIndex:
    table = load_table()
    if table is not None and table.fingerprint != current_fingerprint():
        warnings.warn("vocab/data/candidates.npz was built from other models or settings and is not used "
                      "(restoration is slower, not different); rebuild it: python -m kehoach.vocab.build_candidates",
                      stacklevel=2)
        table = None
    return candidate_index(table)
