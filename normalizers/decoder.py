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
    ids, backoff, unigram, following = lm.ids, lm.backoff, lm.unigram, lm.following
    states = [([ids.get(slot.lm_token, 0)], [0.0]) if isinstance(slot, Fixed)
              else ([ids.get(c.word, 0) for c in slot], [c.channel for c in slot]) for slot in slots]
    previous, scores = [lm.id_of(START)], [0.0]
    pointers: list[list[int]] = []
    for words, channels in states:
        # Best way in for any word by the backed-off estimate, then the seen bigrams that beat it. Most pairs
        # of neighbouring candidates were never seen together: intersecting each predecessor's seen
        # successors with this slot's words (in C) finds the few that were, instead of trying every pair.
        through = [score + backoff[word] for score, word in zip(scores, previous)]
        top = max(through)
        backed_off = through.index(top)  # the first best, as a scan in order keeps
        best = [top + unigram[word] for word in words]
        back = [backed_off] * len(words)
        slots_of: dict[int, list[int]] = {}
        for j, word in enumerate(words):
            if word:  # 0, a word the model never saw, follows nothing it saw
                slots_of.setdefault(word, []).append(j)
        for i, word in enumerate(previous):
            seen = following.get(word)
            if seen is None:
                continue
            for successor in seen.keys() & slots_of.keys():
                value = scores[i] + seen[successor]
                for j in slots_of[successor]:
                    if value > best[j]:  # strictly: ties keep the earliest way in, as a scan in order would
                        best[j], back[j] = value, i
        pointers.append(back)
        previous, scores = words, [value + channel for value, channel in zip(best, channels)]
    chosen = [scores.index(max(scores))] if states else []
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
