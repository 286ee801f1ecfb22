"""Page triage: keep a page's text layer, or OCR the page image?

Takes the words of a page's text layer (its text split at white space); gives a `TriageDecision`. A born-digital Vietnamese layer is kept
(its text and positions are exact). A missing, near-empty or degraded layer (the English-model OCR that
archives left in old scans: diacritics gone, `ctia` for `của`, `1€` for `lệ`) is replaced by OCR with the
Vietnamese model. The test is on the shape of the words, so it needs no dictionary: Vietnamese is written
with a known alphabet, at most one tone mark a syllable, and most syllables carry a mark; and many of its marks
(ơ, ư, ă, đ, ạ, ả, ế …) are letters no Western alphabet has, which an English model therefore never writes: a
layer whose marks are all Western ones (`Huyén Kéng Chro` for `Huyện Kông Chro`) is that model's.
"""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from kehoach.config import TriageSettings

_BASE_LETTERS = set("abcdeghiklmnopqrstuvxyđ") | set("fjwz")  # f j w z appear in loan words and codes
_MARKED_VOWELS = set("ăâêôơư")
_TONE_MARKS = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}  # huyền sắc ngã hỏi nặng
_VOWEL_MARKS = {"\u0306", "\u0302", "\u031b"}  # breve, circumflex, horn
_LETTERS_ONLY_VIETNAMESE = set("ăơưđ")
_MARKS_ONLY_VIETNAMESE = {"\u0323", "\u0309"}  # dot below, hook above
_TILDE = "\u0303"
_EDGE_PUNCTUATION = ".,;:!?()[]\"'“”‘’«»-–—/…*"


@dataclass(frozen=True)
class TriageDecision:
    use_text_layer: bool
    reason: str
    words: int
    vietnamese_share: float  # share of alphabetic words shaped like Vietnamese syllables
    diacritic_share: float  # share of those carrying a Vietnamese mark
    vietnamese_letter_share: float = 1.0  # share of the marked ones holding a letter only Vietnamese writes


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


def only_vietnamese_writes(word: str) -> bool:
    """Whether the word holds a letter no Western alphabet has, so no English-model OCR can write it: ă ơ ư đ,
    a vowel with a dot below or a hook above, a vowel with two marks (ế, ữ), or ĩ ũ ẽ ỹ."""
    for letter in unicodedata.normalize("NFC", word.lower()):
        base, *marks = unicodedata.normalize("NFD", letter)
        if (letter in _LETTERS_ONLY_VIETNAMESE or base in _LETTERS_ONLY_VIETNAMESE or len(marks) > 1
                or _MARKS_ONLY_VIETNAMESE & set(marks) or (_TILDE in marks and base in "eiuy")):
            return True
    return False


def judge_text_layer(words: list[str], settings: TriageSettings, is_scan: bool = True) -> TriageDecision:
    """`is_scan`: an image covers the page. A short layer on a scan (a signature stamp's `SAO Y ... Thời gian
    ký`) says nothing about the rest of the page; on a born-digital page a short layer is all there is."""
    judged = [(word, shape) for word in words if (shape := _shape(word)) is not None]
    shapes = [shape for _, shape in judged]
    if len(shapes) < (settings.min_words if is_scan else 1):
        return TriageDecision(False, f"text layer has {len(shapes)} words: too few to trust", len(shapes), 0.0, 0.0)
    valid = [marked for ok, marked in shapes if ok]
    vietnamese_share = len(valid) / len(shapes)
    diacritic_share = sum(valid) / len(valid) if valid else 0.0
    marked_words = [word for word, (ok, marked) in judged if ok and marked]
    letter_share = (sum(map(only_vietnamese_writes, marked_words)) / len(marked_words)
                    if len(marked_words) >= settings.min_marked_words else 1.0)
    keep = (vietnamese_share >= settings.min_vietnamese_share and diacritic_share >= settings.min_diacritic_share
            and letter_share >= settings.min_vietnamese_letter_share)
    verdict = "good Vietnamese text layer" if keep else "degraded text layer (not Vietnamese-shaped)"
    reason = (f"{verdict}: {vietnamese_share:.2f} well-formed, {diacritic_share:.2f} with diacritics, "
              f"{letter_share:.2f} of those with letters only Vietnamese writes")
    return TriageDecision(keep, reason, len(shapes), vietnamese_share, diacritic_share, letter_share)
