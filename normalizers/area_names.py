"""Place names restored whole: a run of capitalised words whose letters, without marks, are those of one area
name of the gazetteer is written as that name.

Takes the words of a line as the decoder chose them; gives them with each such run replaced. The decoder
weighs each syllable against its neighbours, and a misread mark often makes another valid syllable (`Buồn
Đồn` for `Buôn Đôn`, `Hòng Thu` for `Hồng Thu`) that no word context corrects; a name of two syllables or
more, matched on all its letters, seldom stands for anything else. Only runs written as names are (every word
capitalised, or every word in capitals); only runs the language model never saw together, since a phrase it
knows is text, not a misread name (`Phòng Văn hóa`, not the commune `Phong Vân`); and only where the letters
point to one spelling: a run already spelt like a name (tone placement aside: `Hòa`/`Hoà`) is left as it is
(unless it is in capitals and the model knows the decoded words as text: `BAN CHỈ ĐẠO`, not the commune Chí Đạo),
and so is a run two names share the letters of (`Tân An`/`Tấn An`). A run whose first word opens with a small
`l` is also tried with the capital `I` OCR often reads so (`la Grai` for `Ia Grai`). Local spellings are names too: Kon Tum
and the Đắk provinces print `Đăk` where the statistics office writes `Đắk` (see vocab/gazetteer.py), and a
printed `Đăk` is kept; a Kon Tum name restored from letters that keep no mark (`Dak Ha`) is written as Kon Tum
prints it (`Đăk Hà`).
"""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache

from kehoach.normalizers.casing import recase
from kehoach.text_folding import fold
from kehoach.vocab.gazetteer import load_gazetteer, marked, split_type

# Spellings printed in documents beside the official one, for the same name (`Đăk Hà` for `Đắk Hà`).
LOCAL_SPELLINGS = {"Đắk": "Đăk"}
# Provinces (statistics-office codes) whose own documents print the local spelling: Kon Tum's plans write
# `huyện Đăk Hà`, `Đăk Tô`, `Đăk Glei` where the statistics office's list writes `Đắk`.
PRINTING_LOCALLY = {"62"}
# A name's first word as OCR read it with its capital I as a small l (`la Grai` for `Ia Grai`); unmarked, as
# the names that open with I are (a read `là` is the word).
CAPITAL_I_AS_L = re.compile(r"^l[a-z]+$")
# A token as it may stand in a name: punctuation before the first word or after the last only (`(Buôn Đôn),`).
PART = re.compile(r"^(?P<lead>[^\w]*)(?P<core>[^\W\d_]+)(?P<tail>[^\w]*)$")


def joined(run: list[re.Match]) -> bool:
    """No punctuation inside a run of tokens: only before its first word and after its last."""
    return not any(part["tail"] for part in run[:-1]) and not any(part["lead"] for part in run[1:])


def rewritten(run: list[re.Match], words: list[str]) -> list[str]:
    """The run's tokens with these words in place of theirs, punctuation kept."""
    return [f"{part['lead']}{word}{part['tail']}" for part, word in zip(run, words)]


def written_as_name(words: list[str]) -> bool:
    return (all(word.isupper() for word in words)
            or all(word[0].isupper() and (len(word) == 1 or not word[1:].isupper()) for word in words))


@dataclass(frozen=True)
class NameIndex:
    """Area names of two words or more, by the folded form of each word."""

    names: dict[tuple[str, ...], dict[str, frozenset[str]]]  # folded words → each name as restored → its
    # spellings, official and local (`marked` keys)
    longest: int

    @classmethod
    def of(cls, names: Iterable[str], printing_locally: Iterable[str] = ()) -> NameIndex:
        """`names` as the statistics office writes them; those whose folded letters are in `printing_locally`
        are restored in the local spelling."""
        local = set(printing_locally)
        index: dict[tuple[str, ...], dict[str, set[str]]] = {}
        for name in names:
            words = unicodedata.normalize("NFC", name).split()
            key = tuple(fold(word) for word in words)
            if len(words) < 2 or not all(word.isalpha() for word in words) or any(" " in part for part in key):
                continue  # one word, or a sign inside a word (`M'gar`, `H'Drai`): the decoder leaves those alone
            official, locally = " ".join(words), printed_locally(" ".join(words))
            written = locally if " ".join(key) in local else official
            index.setdefault(key, {}).setdefault(written, set()).update({marked(official), marked(locally)})
        return cls({key: {name: frozenset(spellings) for name, spellings in found.items()}
                    for key, found in index.items()}, max(map(len, index), default=0))

    def name_for(self, words: list[str], key: tuple[str, ...], known: Callable[[list[str]], bool],
                 as_read: list[str], typed: bool = False) -> list[str] | None:
        """The name `words` (folded: `key`) spell without their marks: as OCR read it (`as_read`) when that is
        already a spelling of a name; as written, when the words are a spelling of one name, or spell one name
        only and are no phrase the language model `known` has seen; else None."""
        found = self.names.get(key)
        if not found or not written_as_name(words):
            return None
        if any(marked(" ".join(as_read)) in spellings for spellings in found.values()):
            # in capitals every run looks like a name: one the language model knows as text is text (`BAN CHÍ
            # ĐẠO` is `BAN CHỈ ĐẠO`, not the commune Chí Đạo), unless a unit's type word stands before it (`XÃ`)
            in_capitals = all(word.isupper() for word in words)
            return None if in_capitals and not typed and known([word.lower() for word in words]) else as_read
        spelt = [name for name, spellings in found.items() if marked(" ".join(words)) in spellings]
        if not spelt and (len(found) != 1 or known([word.lower() for word in words])):
            return None
        name = spelt[0] if spelt else next(iter(found))
        return [recase(word, read) for word, read in zip(name.split(), words)]

    def restore(self, tokens: list[str], known: Callable[[list[str]], bool], read: list[str] | None = None
                ) -> list[str]:
        """Whitespace tokens of a line as decoded, with every run that spells one name written as that name
        (`known`: whether the language model has seen these lower-case words together; `read`: the tokens as
        OCR read them, when they are not the decoded ones)."""
        parts = [PART.match(token) for token in tokens]
        as_read = [PART.match(token) for token in read] if read is not None else parts
        folded = [fold(part["core"]) if part and part["core"][0].isupper() else "" for part in parts]

        def choose(start: int, length: int) -> list[str] | None:
            run = parts[start:start + length]
            if not all(run) or not all(folded[start + 1:start + length]) or not joined(run):
                return None
            words = [part["core"] for part in run]
            key = folded[start:start + length]
            if not key[0]:
                first_read = as_read[start]["core"] if as_read[start] else ""
                if not CAPITAL_I_AS_L.match(first_read):
                    return None
                words[0] = "I" + first_read[1:]
                key[0] = fold(words[0])
            run_read = [part["core"] if part else "" for part in as_read[start:start + length]]
            typed = start > 0 and bool(parts[start - 1]) and split_type(f"{parts[start - 1]['core']} x")[0] is not None
            name = self.name_for(words, tuple(key), known, run_read, typed)
            return rewritten(run, name) if name is not None else None

        return replace_runs(tokens, lambda start: range(min(self.longest, len(tokens) - start), 1, -1), choose)


def replace_runs(tokens: list[str], lengths: Callable[[int], Iterable[int]],
                 choose: Callable[[int, int], list[str] | None]) -> list[str]:
    """The tokens with runs of them replaced, from left to right, the longest first: `lengths(start)` are the
    run lengths to try at a start; `choose(start, length)` the run's tokens to write, None for no name."""
    out = list(tokens)
    start = 0
    while start < len(out):
        for length in lengths(start):
            chosen = choose(start, length)
            if chosen is not None:
                out[start:start + length] = chosen
                start += length
                break
        else:
            start += 1
    return out


@lru_cache(maxsize=1)
def load_name_index() -> NameIndex:
    """The gazetteer's names, those of Kon Tum (and any other unit spelt with the same letters) as Kon Tum prints
    them: a name restored from letters alone is written as its province's documents print it."""
    areas = load_gazetteer().areas
    names = [split_type(area.name)[2] for area in areas]
    return NameIndex.of(names, {fold(name) for name, area in zip(names, areas) if area.province_code in PRINTING_LOCALLY})


def printed_locally(name: str) -> str:
    return " ".join(LOCAL_SPELLINGS.get(word, word) for word in name.split())
