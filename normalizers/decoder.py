"""Viterbi decoding: the likeliest sequence of words behind a line of OCR'd tokens.

Takes a line as slots: a fixed token (a number, a code, punctuation) or the candidates of an OCR'd word with
their channel scores; gives the chosen word of each slot maximising channel + language model (bigrams over
syllables), and for each slot the alternatives with their probability given the chosen neighbours.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

from kehoach.normalizers.candidates import Candidate
from kehoach.normalizers.syllable_lm import START, SyllableLM


@dataclass(frozen=True)
class Fixed:
    lm_token: str  # <num>, <x>: what the language model sees for it


Slot = Fixed | tuple[Candidate, ...]


def decode(slots: list[Slot], lm: SyllableLM) -> list[int]:
    """Index of the chosen candidate in each slot (0 for a fixed one)."""
    states = [[(lm.id_of(slot.lm_token), 0.0)] if isinstance(slot, Fixed)
              else [(lm.id_of(c.word), c.channel) for c in slot] for slot in slots]
    previous = [(lm.id_of(START), 0.0)]
    scores = [0.0]
    pointers: list[list[int]] = []
    nothing: dict[int, float] = {}
    for options in states:
        # Best way in for any word by the backed-off estimate, then the seen bigrams that beat it.
        through = [score + lm.backoff[word] for score, (word, _) in zip(scores, previous)]
        backed_off = max(range(len(through)), key=through.__getitem__)
        successors = [lm.following.get(word, nothing) for word, _ in previous]
        new_scores, back = [], []
        for word, channel in options:
            best, arg = through[backed_off] + lm.unigram[word], backed_off
            for i, seen in enumerate(successors):
                value = seen.get(word)
                if value is not None and scores[i] + value > best:
                    best, arg = scores[i] + value, i
            new_scores.append(best + channel)
            back.append(arg)
        pointers.append(back)
        previous, scores = options, new_scores
    chosen = [max(range(len(scores)), key=scores.__getitem__)] if states else []
    for back in reversed(pointers[1:]):
        chosen.append(back[chosen[-1]])
    return chosen[::-1]


def alternatives(slots: list[Slot], chosen: list[int], position: int, lm: SyllableLM) -> list[tuple[str, float]]:
    """Each candidate of a slot with its probability, its neighbours fixed as decoded."""
    slot = slots[position]
    if isinstance(slot, Fixed):
        return []

    def word_id(index: int) -> int:
        other = slots[index]
        return lm.id_of(other.lm_token if isinstance(other, Fixed) else other[chosen[index]].word)

    before = word_id(position - 1) if position else lm.id_of(START)
    after = word_id(position + 1) if position + 1 < len(slots) else None
    scores = []
    for candidate in slot:
        here = lm.id_of(candidate.word)
        scores.append(candidate.channel + lm.score(before, here) + (lm.score(here, after) if after is not None else 0))
    top = max(scores)
    total = sum(math.exp(s - top) for s in scores)
    return sorted(((c.word, math.exp(s - top) / total) for c, s in zip(slot, scores)), key=lambda p: -p[1])
