"""Casing: a restored word written with the case of the token OCR read for it.

Takes a word (lower case, or a name as the gazetteer writes it) and the token it replaces; gives the word in
capitals if the token is (two letters or more), with a capital first letter if the token has one, else as it is.
Used by the restorer for every word it changes and by the name layers for the names they write.
"""
from __future__ import annotations


def recase(word: str, like: str) -> str:
    """`word` written with the casing of the OCR'd token: `ĐỒNG`, `Đồng` or `đồng`; each part of a name joined
    by apostrophes cased as its own (`M'Drak` → `M'Đrắk`)."""
    if "'" in like and word.count("'") == like.count("'"):
        return "'".join(recase(part, like_part) for part, like_part in zip(word.split("'"), like.split("'")))
    letters = [ch for ch in like if ch.isalpha()]
    if len(letters) > 1 and all(ch.isupper() for ch in letters):
        return word.upper()
    if letters and letters[0].isupper():
        return word[:1].upper() + word[1:]
    return word
