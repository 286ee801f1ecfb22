"""The OCR channel: how likely an OCR engine writes `observed` where the page says `intended`.

Takes pairs (intended word, word the OCR read) aligned from parallel data (vocab/build_channel.py renders
text the kehoach authors wrote, scans it and reads it with Tesseract); gives log P(observed | intended) from
character confusions: each intended letter is kept, swapped for another string of up to two characters
(`ủ` → `ti` in `ctia` for `của`, `ố` → `6`, `ệ` → `e`) or dropped, and letters may be inserted. One model
for each engine: `eng` (an English model, which loses most marks) and `vie`. Counts are smoothed towards a
prior that knows losing a mark is likelier than changing a letter. Stored in vocab/data/channel.json.gz.
"""
from __future__ import annotations

import gzip
import json
import math
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from importlib.resources import files

from rapidfuzz.distance import Levenshtein


DATA_FILE = "channel.json.gz"
PRIOR_WEIGHT = 2.0  # pseudo-counts a letter's prior is worth against its observed confusions
INSERT = ""  # the intended side of an inserted character


@lru_cache(maxsize=4096)
def bare(ch: str) -> str:
    """One character without marks, lower case (`Ố` → `o`, `đ` → `d`); anything else as it is."""
    base = unicodedata.normalize("NFD", ch.lower())[0]
    return "d" if base == "đ" else base


@lru_cache(maxsize=200_000)
def bare_word(word: str) -> str:
    return "".join(bare(ch) for ch in word)


@lru_cache(maxsize=200_000)
def _joins(skeleton: str, observed: str) -> tuple[tuple[int, int], ...]:
    """Where the alignment of `observed` against a word of this skeleton depends on the word's marks: text
    of up to two characters inserted before intended letter `src` joins that letter if it was misread,
    which is judged against observed character `dest` (marks included). (src, dest) for each such place."""
    return tuple((src_start, dest_end) for tag, src_start, _, dest_start, dest_end in _opcodes(skeleton, observed)
                 if tag == "insert" and dest_end - dest_start <= 2 and src_start < len(skeleton))


@lru_cache(maxsize=200_000)
def _opcodes(skeleton: str, observed: str) -> tuple[tuple[str, int, int, int, int], ...]:
    return tuple((op.tag, op.src_start, op.src_end, op.dest_start, op.dest_end)
                 for op in Levenshtein.opcodes(skeleton, bare_word(observed)))


@lru_cache(maxsize=200_000)
def _alignment(skeleton: str, observed: str, misread: tuple[bool, ...]) -> tuple[tuple[int, str], ...]:
    """(position of the intended letter, or -1 for an insertion; what the OCR wrote for it), the same for
    every word of the skeleton whose letters at the join places are misread as `misread` says: the work of
    aligned_units done once for all the words a token is scored against."""
    units: list[tuple[int, str]] = []
    pending = ""
    joins = iter(misread)
    for tag, src_start, src_end, dest_start, dest_end in _opcodes(skeleton, observed):
        if tag == "insert":
            pending = observed[dest_start:dest_end]
            next_misread = len(pending) <= 2 and src_start < len(skeleton) and next(joins)
            if next_misread:
                continue  # joins the next letter
            if units and units[-1][0] >= 0 and len(units[-1][1] + pending) <= 2:
                units[-1] = (units[-1][0], units[-1][1] + pending)
            else:
                units.append((-1, pending))
            pending = ""
        elif tag == "delete":
            units += [(k, "") for k in range(src_start, src_end)]
        else:
            units += [(src_start + k, observed[dest_start + k]) for k in range(src_end - src_start)]
        if pending and tag != "insert":
            letter, written = units[-(src_end - src_start)]
            units[-(src_end - src_start)] = (letter, pending + written)
            pending = ""
    return tuple(units)


def _aligned_positions(intended: str, observed: str) -> tuple[tuple[int, str], ...]:
    skeleton = bare_word(intended)
    misread = tuple(intended[src] != observed[dest:dest + 1] for src, dest in _joins(skeleton, observed))
    return _alignment(skeleton, observed, misread)


def aligned_units(intended: str, observed: str) -> list[tuple[str, str]]:
    """(intended letter, what the OCR wrote for it) for each letter; insertions as ("", text). Letters are
    aligned without their marks (an `ể` read as `é` is the same letter misread, not a different one). Text
    inserted just before a misread letter belongs to it (`ủ` → `ti` in `ctia`), otherwise to the letter
    before it (`ố` → `6é`), so the model learns what each letter turns into."""
    return [(intended[k] if k >= 0 else INSERT, written) for k, written in _aligned_positions(intended, observed)]


def forget_alignments() -> None:
    """Empty the caches above, as in a fresh process (for measuring cold speed)."""
    for cached in (bare, bare_word, _joins, _opcodes, _alignment):
        cached.cache_clear()


def prior(letter: str, written: str) -> float:
    """Before any data: a letter is read as itself, as itself without marks, or rarely as anything else."""
    if written == letter:
        return 0.90
    if written and written == bare(letter):
        return 0.06
    return 0.002


def is_mark_swap(letter: str, written: str) -> bool:
    """`written` is the same letter with other marks (`á` as `ạ`, `ả`): not itself, nor bare (see `prior`)."""
    return len(written) == 1 and written != letter and bare(written) == bare(letter) and written != bare(letter)


@dataclass
class ChannelModel:
    counts: dict[str, dict[str, float]] = field(default_factory=dict)  # letter → written → count
    totals: dict[str, float] = field(default_factory=dict)
    insert_rate: float = 0.01  # insertions per letter
    _unit_memo: dict[tuple[str, str], float] = field(default_factory=dict, repr=False, compare=False)
    _swaps_into: dict[str, dict[str, float]] = field(default_factory=dict, repr=False, compare=False)

    @classmethod
    def trained(cls, pairs: list[tuple[str, str]]) -> ChannelModel:
        counts: dict[str, Counter[str]] = {}
        letters = inserts = 0
        for intended, observed in pairs:
            for letter, written in aligned_units(intended.lower(), observed.lower()):
                if letter == INSERT:
                    inserts += 1
                else:
                    letters += 1
                    counts.setdefault(letter, Counter())[written] += 1
        return cls({k: dict(v) for k, v in counts.items()}, {k: sum(v.values()) for k, v in counts.items()},
                   (inserts + 1) / (letters + 100))

    def unit_log_prob(self, letter: str, written: str) -> float:
        found = self._unit_memo.get((letter, written))
        if found is None:
            seen = self.counts.get(letter, {})
            total = self.totals.get(letter, 0.0)
            count = seen.get(written, 0.0)
            estimate = (count + PRIOR_WEIGHT * prior(letter, written)) / (total + PRIOR_WEIGHT)
            if not count and is_mark_swap(letter, written):
                estimate = max(estimate, self.mark_swap_rate(letter) * self.mark_swap_share(written))
            found = math.log(estimate)
            self._unit_memo[(letter, written)] = found
        return found

    def mark_swap_rate(self, letter: str) -> float:
        """How often this letter was read as its base letter with other marks (`á` as `ả`, `ắ`, `ấ`)."""
        seen = self.counts.get(letter, {})
        swaps = sum(count for written, count in seen.items() if is_mark_swap(letter, written))
        return swaps / (self.totals.get(letter, 0.0) + PRIOR_WEIGHT)

    def mark_swap_share(self, written: str) -> float:
        """Of every letter of this base read with other marks, the share read as `written` (`ạ` among the
        a-letters): a swap the data never showed for one letter (`á` as `ạ`) is as likely, given that
        letter's own rate of swaps, as swaps into `written` are among its base's letters."""
        if not self._swaps_into:  # every base's swaps, counted in one pass the first time any is asked for
            for letter, seen in self.counts.items():
                for landed, count in seen.items():
                    if is_mark_swap(letter, landed):
                        into = self._swaps_into.setdefault(bare(landed), {})
                        into[landed] = into.get(landed, 0.0) + count
        into = self._swaps_into.get(bare(written), {})
        total = sum(into.values())
        return into.get(written, 0.0) / total if total else 0.0

    def forget(self) -> None:
        self._unit_memo.clear()

    def log_prob(self, observed: str, intended: str) -> float:
        if len(observed) == len(intended) and bare_word(observed) == bare_word(intended):
            # Same letters in the same places (most candidates): each letter was read as the one facing it.
            return sum(self.unit_log_prob(letter, written) for letter, written in zip(intended, observed))
        score = 0.0
        for k, written in _aligned_positions(intended, observed):
            if k < 0:
                score += math.log(self.insert_rate) * len(written)
            else:
                score += self.unit_log_prob(intended[k], written)
        return score

    def likeliest_reading(self, word: str) -> str:
        """`word` as this engine most often writes it, letter by letter (`huyện` → `huyén` for `eng`)."""
        return "".join(max(seen, key=lambda written: (seen[written], written)) if (seen := self.counts.get(letter))
                       else letter for letter in word)

    def to_json(self) -> dict:
        return {"counts": self.counts, "insert_rate": self.insert_rate}

    @classmethod
    def from_json(cls, data: dict) -> ChannelModel:
        counts = data["counts"]
        return cls(counts, {k: sum(v.values()) for k, v in counts.items()}, data["insert_rate"])


@lru_cache(maxsize=1)
def load_channels() -> dict[str, ChannelModel]:
    """The `eng` and `vie` channel models."""
    raw = (files("kehoach.vocab") / "data" / DATA_FILE).read_bytes()
    data = json.loads(gzip.decompress(raw).decode("utf-8"))
    return {engine: ChannelModel.from_json(model) for engine, model in data.items()}
