"""Agency names restored whole: a run of decoded words that spells an agency name of vocab/data/agencies.csv
without its marks is written as that name.

Takes the words of a line as the decoder and the place names chose them; gives them with each such run
replaced. An agency's name opens with a short word that OCR misreads into another valid syllable the decoder
has no reason to doubt (`Số Nông nghiệp và Phát triển nông thôn` for `Sở`) or into letters no syllable
explains, which the decoder leaves as they are (`SG`, `SO` before `Giáo dục và Đào tạo`): the rest of the name
says which word it is. Only names of three words or more, whose letters seldom spell anything else; only runs
whose first word is capitalised, as a name's is; a run matches when its words without marks are the name's,
or when they are but for one letter of one word that is no Vietnamese syllable (`SG` for `Sở`, never `Bộ` for
`Sở`). Each written word keeps the case of the read word's first letter (`SỞ Giáo dục` is `Sở Giáo dục`);
words in capitals stay so where two of the run's words or more are; a run spelt like the name but for where a
tone sits (`Hoá`) is left as it is.
"""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz.distance import Hamming

from kehoach.normalizers.agencies import agency_list
from kehoach.normalizers.area_names import PART, joined, replace_runs, rewritten
from kehoach.normalizers.syllables import is_syllable
from kehoach.text_folding import fold
from kehoach.vocab.gazetteer import marked

MIN_WORDS = 3
Key = tuple[str, ...]


def one_letter_apart(read: str, name: str) -> bool:
    return len(read) == len(name) and Hamming.distance(read, name) == 1


def cased(word: str, read: str, capitals: bool) -> str:
    """`word` with the case of `read`'s first letter; in capitals if `read` is and the run has capitals
    (`capitals`: two words of it or more; a lone `SO` before `Giáo dục` is `Sở` misread)."""
    if capitals and read.isupper():
        return word.upper()
    return (word[:1].upper() if read[:1].isupper() else word[:1].lower()) + word[1:]


@dataclass(frozen=True)
class AgencyNames:
    """Agency names of three words or more by their folded words, and by their folded words but one."""

    exact: dict[Key, frozenset[str]]
    all_but: dict[tuple[int, Key], frozenset[tuple[str, str]]]  # (place, other words) → (name, its folded word)
    lengths: tuple[int, ...]
    openings: frozenset[str]  # the folded first words of the names

    @classmethod
    def of(cls, names: list[str]) -> AgencyNames:
        exact: dict[Key, set[str]] = {}
        all_but: dict[tuple[int, Key], set[tuple[str, str]]] = {}
        for name in names:
            words = unicodedata.normalize("NFC", name).split()
            if len(words) < MIN_WORDS or not all(word.isalpha() for word in words):
                continue
            key = tuple(fold(word) for word in words)
            exact.setdefault(key, set()).add(" ".join(words))
            for place, word in enumerate(key):
                all_but.setdefault((place, key[:place] + key[place + 1:]), set()).add((" ".join(words), word))
        return cls({key: frozenset(found) for key, found in exact.items()},
                   {key: frozenset(found) for key, found in all_but.items()},
                   tuple(sorted({len(key) for key in exact}, reverse=True)), frozenset(key[0] for key in exact))

    def name_for(self, words: list[str], key: Key) -> str | None:
        """The one name `words` (folded: `key`) spell, exactly or but for one letter of a word that is no
        syllable."""
        found = set(self.exact.get(key, ()))
        if not found:
            for place, word in enumerate(words):
                near = [name for name, letters in self.all_but.get((place, key[:place] + key[place + 1:]), ())
                        if one_letter_apart(key[place], letters)]
                if near and not is_syllable(word.lower()):
                    found.update(near)
        return next(iter(found)) if len(found) == 1 else None

    def may_open(self, folded: str, word: str) -> bool:
        """Whether a name can start with this word (folded: `folded`), exactly or misread by one letter."""
        return folded in self.openings or (not is_syllable(word.lower())
                                           and any(one_letter_apart(folded, opening) for opening in self.openings))

    def restore(self, tokens: list[str]) -> list[str]:
        parts = [PART.match(token) for token in tokens]
        folded: dict[int, str] = {}  # by place, where a name may be: most words are never folded

        def key(start: int, length: int) -> Key:
            return tuple(folded.get(at) or folded.setdefault(at, fold(parts[at]["core"]))
                         for at in range(start, start + length))

        def opens(start: int) -> bool:
            first = parts[start]
            return bool(first) and first["core"][0].isupper() and self.may_open(key(start, 1)[0], first["core"])

        def choose(start: int, length: int) -> list[str] | None:
            run = parts[start:start + length]
            if len(run) < length or not all(run) or not joined(run):
                return None
            words = [part["core"] for part in run]
            name = self.name_for(words, key(start, length))
            if name is None:
                return None
            capitals = sum(word.isupper() and len(word) > 1 for word in words) >= 2
            written = [cased(word, read, capitals) for word, read in zip(name.split(), words)]
            if marked(name) == marked(" ".join(words)) and [w.lower() for w in written] != [w.lower() for w in words]:
                return tokens[start:start + length]  # the name, its tone placed otherwise (`Hoá`): as printed
            return rewritten(run, written)

        return replace_runs(tokens, lambda start: self.lengths if opens(start) else (), choose)


@lru_cache(maxsize=1)
def load_agency_names() -> AgencyNames:
    return AgencyNames.of([name for agency in agency_list() for name in agency.names])
