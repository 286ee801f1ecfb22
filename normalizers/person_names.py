"""Personal names restored whole: a signer's or an official's name (`Đinh Thị Hồng Thu`) written with the marks
a Vietnamese name carries.

Takes the words of a line as the decoder chose them (and as OCR read them); gives them with each personal name
rewritten. The decoder weighs a name's syllables as prose (`Định Thị`, `Hòng Thu`: valid syllables in likely
pairs), but a name is no prose: its first word is a family name, its second most often one of a few middle
names (`Thị`, `Văn`, `Đức`), its last a given name. A run of three or four capitalised words (or words in
capitals) standing alone, no capitalised word beside it, whose first word spells a family name of
vocab/data/person_names.csv without its marks and whose second spells a middle name, is a personal name. Each
word is kept as read or as decoded when that is already a name of its part (the reading first if it has marks,
which are then evidence; an English model drops them). Otherwise a family or middle name, of which the list holds
nearly all, is written as the commonest of that part with its letters (`Định` → `Đinh`); so is a given name read
without marks (`Hong` → `Hồng`, not the decoder's `Hòng`), while one read with marks stays as decoded: given
names are many more than the list holds.
"""
from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files

from kehoach.normalizers.area_names import PART, joined, rewritten, written_as_name
from kehoach.normalizers.casing import recase
from kehoach.text_folding import fold

DATA_FILE = "person_names.csv"
LENGTHS = (3, 4)  # family name, middle name, one or two given names
PARTS = ("surname", "middle", "given")


def capitalised(word: str) -> bool:
    return word[0].isupper() and (len(word) == 1 or word[1:].islower() or word.isupper())


@dataclass(frozen=True)
class PersonNames:
    """Each part's names by their folded letters, commonest first."""

    parts: dict[str, dict[str, list[str]]]  # part → folded → names

    @classmethod
    def of(cls, rows: list[tuple[str, str]]) -> PersonNames:
        parts: dict[str, dict[str, list[str]]] = {part: {} for part in PARTS}
        for part, name in rows:
            parts[part].setdefault(fold(name), []).append(name)
        return cls(parts)

    def word(self, part: str, decoded: str, read: str) -> str | None:
        """The name of `part` the decoded word stands for (None: no name of that part has its letters)."""
        names = self.parts[part].get(fold(decoded))
        if not names:
            return None
        marked = fold(read) != read.lower()  # read with marks, which are then evidence; an English model drops them
        for choice in (read, decoded) if marked else (decoded, read):
            if choice.capitalize() in names:
                return choice.capitalize()
        if part == "given" and marked:
            return decoded.capitalize()  # given names are many more than the list: a marked reading stands
        return names[0]

    def name_for(self, words: list[str], read: list[str]) -> list[str] | None:
        surname = self.word("surname", words[0], read[0])
        middle = self.word("middle", words[1], read[1])
        if surname is None or middle is None:
            return None
        given = [self.word("given", decoded, as_read) or decoded.capitalize()
                 for decoded, as_read in zip(words[2:], read[2:])]
        return [recase(name, decoded) for name, decoded in zip([surname, middle, *given], words)]

    def restore(self, tokens: list[str], read: list[str] | None = None) -> list[str]:
        """Whitespace tokens of a line as decoded, each personal name rewritten (`read`: the tokens as OCR read
        them, when they are not the decoded ones)."""
        parts = [PART.match(token) for token in tokens]
        as_read = [PART.match(token) for token in read] if read is not None else parts
        is_word = [bool(part) and capitalised(part["core"]) for part in parts]
        out = list(tokens)
        start = 0
        while start < len(tokens):
            end = start
            while end < len(tokens) and is_word[end] and (end == start or joined(parts[end - 1:end + 1])):
                end += 1
            if end - start in LENGTHS:
                run = parts[start:end]
                words = [part["core"] for part in run]
                name = self.name_for(words, [part["core"] if part else "" for part in as_read[start:end]])
                if name is not None and written_as_name(words):
                    out[start:end] = rewritten(run, name)
            start = max(end, start + 1)
        return out


@lru_cache(maxsize=1)
def load_person_names() -> PersonNames:
    text = (files("kehoach.vocab") / "data" / DATA_FILE).read_text(encoding="utf-8")
    rows = [(row["part"], row["name"]) for row in csv.DictReader(text.splitlines())]
    return PersonNames.of(rows)
