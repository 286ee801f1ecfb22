"""Place names restored whole: a run of capitalised words whose letters, without marks, are those of one area
name of the gazetteer is written as that name.

Takes the words of a line as the decoder chose them; gives them with each such run replaced. The decoder
weighs each syllable against its neighbours, and a misread mark often makes another valid syllable (`Buồn
Đồn` for `Buôn Đôn`, `Hòng Thu` for `Hồng Thu`) that no word context corrects; a name of two syllables or
more, matched on all its letters, seldom stands for anything else. Only runs written as names are (every word
capitalised, or every word in capitals); only runs the language model never saw together, since a phrase it
knows is text, not a misread name (`Phòng Văn hóa`, not the commune `Phong Vân`); and only where the letters
point to one spelling: a run already spelt like a name (tone placement aside: `Hòa`/`Hoà`) is left as it is,
and so is a run two names share the letters of (`Tân An`/`Tấn An`). Local spellings are names too: Kon Tum
and the Đắk provinces print `Đăk` where the statistics office writes `Đắk` (see vocab/gazetteer.py), and a
printed `Đăk` is kept.
"""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache

from kehoach.text_folding import fold
from kehoach.vocab.gazetteer import load_gazetteer, marked, split_type

# Spellings printed in documents beside the official one, for the same name (`Đăk Hà` for `Đắk Hà`).
LOCAL_SPELLINGS = {"Đắk": "Đăk"}
# A token as it may stand in a name: punctuation before the first word or after the last only (`(Buôn Đôn),`).
PART = re.compile(r"^(?P<lead>[^\w]*)(?P<core>[^\W\d_]+)(?P<tail>[^\w]*)$")


def written_as_name(words: list[str]) -> bool:
    return (all(word.isupper() for word in words)
            or all(word[0].isupper() and (len(word) == 1 or not word[1:].isupper()) for word in words))


def recase_like(name_word: str, read: str) -> str:
    return name_word.upper() if read.isupper() and len(read) > 1 else name_word


@dataclass(frozen=True)
class NameIndex:
    """Area names of two words or more, by the folded form of each word."""

    official: dict[tuple[str, ...], frozenset[str]]  # folded words → the official names spelt with them
    printed: dict[tuple[str, ...], frozenset[str]]  # the same, with the local spellings beside them (`marked` keys)
    longest: int

    @classmethod
    def of(cls, names: Iterable[str]) -> NameIndex:
        official: dict[tuple[str, ...], set[str]] = {}
        printed: dict[tuple[str, ...], set[str]] = {}
        for name in names:
            words = unicodedata.normalize("NFC", name).split()
            key = tuple(fold(word) for word in words)
            if len(words) < 2 or not all(word.isalpha() for word in words) or any(" " in part for part in key):
                continue  # one word, or a sign inside a word (`M'gar`, `H'Drai`): the decoder leaves those alone
            official.setdefault(key, set()).add(" ".join(words))
            local = " ".join(LOCAL_SPELLINGS.get(word, word) for word in words)
            printed.setdefault(key, set()).update({marked(" ".join(words)), marked(local)})
        return cls({key: frozenset(found) for key, found in official.items()},
                   {key: frozenset(found) for key, found in printed.items()},
                   max((len(key) for key in official), default=0))

    def name_for(self, words: list[str], key: tuple[str, ...], known: Callable[[list[str]], bool]) -> list[str] | None:
        """The name `words` (folded: `key`) spell without their marks, when there is one, they are not it, and
        they are no phrase the language model `known` has seen."""
        found = self.official.get(key)
        if (not found or len(found) != 1 or not written_as_name(words) or marked(" ".join(words)) in self.printed[key]
                or known([word.lower() for word in words])):
            return None
        return [recase_like(word, read) for word, read in zip(next(iter(found)).split(), words)]

    def restore(self, tokens: list[str], known: Callable[[list[str]], bool]) -> list[str]:
        """Whitespace tokens of a line, with every run that spells one name written as that name (`known`: whether
        the language model has seen these lower-case words together)."""
        parts = [PART.match(token) for token in tokens]
        folded = [fold(part["core"]) if part and part["core"][0].isupper() else "" for part in parts]
        out = list(tokens)
        start = 0
        while start < len(out):
            for length in range(min(self.longest, len(out) - start), 1, -1):
                run = parts[start:start + length]
                if (not all(folded[start:start + length]) or any(part["tail"] for part in run[:-1])
                        or any(part["lead"] for part in run[1:])):
                    continue
                name = self.name_for([part["core"] for part in run], tuple(folded[start:start + length]), known)
                if name is not None:
                    out[start:start + length] = [f"{part['lead']}{word}{part['tail']}" for part, word in zip(run, name)]
                    start += length
                    break
            else:
                start += 1
        return out


@lru_cache(maxsize=1)
def load_name_index() -> NameIndex:
    return NameIndex.of(split_type(area.name)[2] for area in load_gazetteer().areas)
