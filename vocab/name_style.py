"""One spelling convention for the unit names of the gazetteer.

Takes an official name as a source list prints it; gives it in the convention the list itself mostly follows
and plans print: the General Statistics Office list mixes conventions from one name to the next (`Thanh Hóa`
beside `Kiến Thuỵ`, `Bà Rịa - Vũng Tàu` beside `Phan Rang-Tháp Chàm`, `Ea Bá` beside `EaBar`), so the same
kind of name would come out spelt two ways in one table. The convention:
- the tone of an open `oa`, `oe`, `uy` on its first vowel (`Hòa`, `Khỏe`, `Thủy`, `Thụy`; `Quý` keeps it, its
  `u` belonging to `qu`; `Hoàng`, `Xoài` are not open);
- a hyphen between two names spaced (`Phan Rang - Tháp Chàm`);
- each syllable a word (`EaBar` → `Ea Bar`), as Vietnamese writes syllables; an apostrophe joins as before
  (`M'Drắk`, `Ia H'Drai`).
Letters and marks are never changed, so a name still meets every spelling of it the gazetteer matches.
"""
from __future__ import annotations

import re
import unicodedata

TONE_MARKS = "\u0300\u0301\u0303\u0309\u0323"  # huyền, sắc, ngã, hỏi, nặng
OPEN_PAIRS = ("oa", "oe", "uy")
SPACED_HYPHEN = re.compile(r"\s*-\s*")


def tone_on_first_of_open_pair(word: str) -> str:
    """`Thuỵ` → `Thụy`, `Hoá` → `Hóa`: the tone of a word ending in an open oa/oe/uy moved to the pair's first
    vowel; any other word as it is."""
    decomposed = unicodedata.normalize("NFD", word)
    tones = [ch for ch in decomposed if ch in TONE_MARKS]
    bare = unicodedata.normalize("NFC", "".join(ch for ch in decomposed if ch not in TONE_MARKS))
    if len(tones) != 1 or bare[-2:].lower() not in OPEN_PAIRS or bare[-3:-2].lower() == "q":
        return word
    return unicodedata.normalize("NFC", bare[:-2] + bare[-2] + tones[0] + bare[-1])


def syllables_apart(word: str) -> str:
    """`EaBar` → `Ea Bar`: a capital straight after a small letter starts a new syllable."""
    return "".join(" " + ch if index and ch.isupper() and word[index - 1].islower() else ch
                   for index, ch in enumerate(word))


def house_style(name: str) -> str:
    words = SPACED_HYPHEN.sub(" - ", unicodedata.normalize("NFC", name)).split(" ")
    return " ".join(tone_on_first_of_open_pair(syllables_apart(word)) for word in words)
