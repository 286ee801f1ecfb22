"""Page triage: keep a page's text layer, or OCR the page image?

Takes the words of a page's text layer (its text split at white space); gives a `TriageDecision`. A born-digital Vietnamese layer is kept
(its text and positions are exact). A missing, near-empty or degraded layer (the English-model OCR that
archives left in old scans: diacritics gone, `ctia` for `của`, `1€` for `lệ`) is replaced by OCR with the
Vietnamese model. The test is on the shape of the words, so it needs no dictionary: Vietnamese is written
with a known alphabet, at most one tone mark a syllable, and most syllables carry a mark.
"""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from kehoach.config import TriageSettings

_BASE_LETTERS = set("abcdeghiklmnopqrstuvxyđ") | set("fjwz")  # f j w z appear in loan words and codes
_MARKED_VOWELS = set("ăâêôơư")
_TONE_MARKS = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}  # huyền sắc ngã hỏi nặng
_VOWEL_MARKS = {"\u0306", "\u0302", "\u031b"}  # breve, circumflex, horn
_EDGE_PUNCTUATION = ".,;:!?()[]\"'“”‘’«»-–—/…*"


@dataclass(frozen=True)
class TriageDecision:
    use_text_layer: bool
    reason: str
    words: int
    vietnamese_share: float  # share of alphabetic words shaped like Vietnamese syllables
    diacritic_share: float  # share of those carrying a Vietnamese mark


def _shape(token: str) -> tuple[bool, bool] | None:
    """(is a well-formed Vietnamese-alphabet word, carries a Vietnamese mark), or None if not a word."""
    core = token.strip(_EDGE_PUNCTUATION).lower()
    if not core or not any(ch.isalpha() for ch in core):
        return None
    decomposed = unicodedata.normalize("NFD", core)
    tones = 0
    marked = False
    for ch in decomposed:
        if ch in _TONE_MARKS:
            tones += 1
            marked = True
        elif ch in _VOWEL_MARKS:
            marked = True
        elif ch == "đ" or ch in _BASE_LETTERS:
            marked = marked or ch == "đ"
        else:
            return False, False
    return tones <= 1, marked


def judge_text_layer(words: list[str], settings: TriageSettings, is_scan: bool = True) -> TriageDecision:
    """`is_scan`: an image covers the page. A short layer on a scan (a signature stamp's `SAO Y ... Thời gian
    ký`) says nothing about the rest of the page; on a born-digital page a short layer is all there is."""
    shapes = [shape for shape in (_shape(word) for word in words) if shape is not None]
    if len(shapes) < (settings.min_words if is_scan else 1):
        return TriageDecision(False, f"text layer has {len(shapes)} words: too few to trust", len(shapes), 0.0, 0.0)
    valid = [marked for ok, marked in shapes if ok]
    vietnamese_share = len(valid) / len(shapes)
    diacritic_share = sum(valid) / len(valid) if valid else 0.0
    keep = vietnamese_share >= settings.min_vietnamese_share and diacritic_share >= settings.min_diacritic_share
    verdict = "good Vietnamese text layer" if keep else "degraded text layer (not Vietnamese-shaped)"
    reason = f"{verdict}: {vietnamese_share:.2f} well-formed, {diacritic_share:.2f} with diacritics"
    return TriageDecision(keep, reason, len(shapes), vietnamese_share, diacritic_share)
