"""A language model over Vietnamese syllables: interpolated Kneser-Ney bigrams.

Takes sentences of clean text; gives, for a syllable and the one before it, log P(syllable | previous). Words
that are not syllables keep their own entry when seen in training (`kon`, `pleiku`, `bhxh`); numbers share one
class (`<num>`), anything else unseen shares `<x>`; `<s>` opens every sentence. Unseen words get the
probability mass Kneser-Ney leaves for them spread over the syllable inventory, so no candidate scores minus
infinity. Built by vocab/build_syllable_lm.py into vocab/data/syllable_lm.json.gz, loaded once per process.
"""
from __future__ import annotations

import gzip
import json
import math
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files

START, NUMBER, OTHER = "<s>", "<num>", "<x>"
DISCOUNT = 0.75
NUMERIC = re.compile(r"^[\d.,/%:+-]*\d[\d.,/%:+-]*$")
WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?")
SENTENCE_END = re.compile(r"[.;:!?]$")
DATA_FILE = "syllable_lm.json.gz"


def lm_token(core: str) -> str:
    """The model's token for a word with its surrounding punctuation removed."""
    if NUMERIC.match(core):
        return NUMBER
    return core.lower() if WORD.fullmatch(core) else OTHER


def sentences_of(text: str) -> Iterable[list[str]]:
    """Lines of clean text as token lists, cut after sentence-final punctuation."""
    for line in text.splitlines():
        sentence: list[str] = []
        for raw in line.split():
            core = raw.strip("()[]\"'“”‘’,.;:!?…*")
            if core:
                sentence.append(lm_token(core))
            if SENTENCE_END.search(raw) and sentence:
                yield sentence
                sentence = []
        if sentence:
            yield sentence


def kneser_ney(sentences: Iterable[list[str]], inventory_size: int, discount: float = DISCOUNT) -> dict:
    """Counts → the model's tables (log probabilities), as stored in the data file."""
    bigrams: Counter[tuple[str, str]] = Counter()
    for sentence in sentences:
        for previous, word in zip([START] + sentence, sentence):
            bigrams[(previous, word)] += 1
    context_total: Counter[str] = Counter()
    context_types: Counter[str] = Counter()
    continuation: Counter[str] = Counter()
    for (previous, word), count in bigrams.items():
        context_total[previous] += count
        context_types[previous] += 1
        continuation[word] += 1
    # Continuation probabilities, with one pseudo-count spread over every possible word so unseen ones live.
    denominator = len(bigrams) + inventory_size
    unigram = {word: (count + 1) / denominator for word, count in continuation.items()}
    unseen = 1 / denominator
    backoff = {v: discount * context_types[v] / context_total[v] for v in context_total}
    bigram = {f"{v} {w}": math.log((count - discount) / context_total[v] + backoff[v] * unigram[w])
              for (v, w), count in bigrams.items()}
    return {"discount": discount, "unseen": math.log(unseen),
            "unigram": {w: math.log(p) for w, p in unigram.items()},
            "backoff": {v: math.log(b) for v, b in backoff.items()}, "bigram": bigram}


@dataclass
class SyllableLM:
    """Scores with integer ids: `id_of` once per word, then `score(previous_id, id)`. A seen bigram always
    scores above the backed-off estimate (Kneser-Ney interpolates), which the decoder relies on."""

    ids: dict[str, int]
    unigram: list[float]  # by id
    backoff: list[float]  # by id; 0.0 for a word never seen as a context
    following: dict[int, dict[int, float]]  # previous_id → id → log P, for the bigrams seen in training
    unseen: float

    @classmethod
    def from_tables(cls, tables: dict) -> SyllableLM:
        words = sorted(set(tables["unigram"]) | set(tables["backoff"]) | {START, NUMBER, OTHER})
        ids = {word: i + 1 for i, word in enumerate(words)}  # 0: a word the model has never seen
        unigram = [tables["unseen"]] * (len(words) + 1)
        backoff = [0.0] * (len(words) + 1)
        for word, value in tables["unigram"].items():
            unigram[ids[word]] = value
        for word, value in tables["backoff"].items():
            backoff[ids[word]] = value
        following: dict[int, dict[int, float]] = {}
        for key, value in tables["bigram"].items():
            previous, word = key.split(" ")
            following.setdefault(ids[previous], {})[ids[word]] = value
        return cls(ids, unigram, backoff, following, tables["unseen"])

    def id_of(self, word: str) -> int:
        return self.ids.get(word, 0)

    def knows(self, word: str) -> bool:
        return word in self.ids

    def seen_together(self, words: list[str]) -> bool:
        """Whether every pair of neighbouring words (lower case) was seen in the training text."""
        ids = [self.id_of(word) for word in words]
        return all(word in self.following.get(previous, {}) for previous, word in zip(ids, ids[1:]))

    def score(self, previous: int, word: int) -> float:
        found = self.following.get(previous, {}).get(word)
        return found if found is not None else self.backoff[previous] + self.unigram[word]

    @property
    def vocabulary(self) -> list[str]:
        return [word for word in self.ids if not word.startswith("<")]


@lru_cache(maxsize=1)
def load_language_model() -> SyllableLM:
    raw = (files("kehoach.vocab") / "data" / DATA_FILE).read_bytes()
    return SyllableLM.from_tables(json.loads(gzip.decompress(raw).decode("utf-8")))
