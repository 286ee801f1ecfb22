"""Fold Vietnamese text to a comparison key: lower case, no tone or vowel marks, `đ` as `d`.

Names are matched on these keys wherever printed spelling varies (`Đăk`/`Đắk`, OCR's lost marks, `H' Drai`):
`fold` keeps words apart (`Bảo hiém xa hội` → `bao hiem xa hoi`), `squeeze` drops every space and sign
(`Ia H' Drai` → `iahdrai`).
"""
from __future__ import annotations

import unicodedata


def fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text.lower().replace("đ", "d"))
    kept = "".join(ch if ch.isalnum() else " " for ch in decomposed if unicodedata.category(ch) != "Mn")
    return " ".join(kept.split())


def squeeze(text: str) -> str:
    return fold(text).replace(" ", "")
