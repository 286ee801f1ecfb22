"""Words OCR glued together, split back into syllables (`TỈNHBÌNHPHƯỚC` → `TỈNH BÌNH PHƯỚC`).

Takes a token; gives it split into Vietnamese syllables, the split the syllable language model finds likeliest,
or the token unchanged when it is a syllable already or splits into none. Capitals print with letter spacing
that leaves OCR no visible word break, so header lines in capitals come out glued (`ỦY BANNHÂNDÂN`); lower-case
text rarely does, and is left to the restorer.
"""
from __future__ import annotations

from functools import lru_cache

from kehoach.normalizers.syllable_lm import START, load_language_model
from kehoach.normalizers.syllables import is_syllable

LONGEST_SYLLABLE = 7  # letters (`nghiêng`)


@lru_cache(maxsize=4096)
def split_glued(token: str) -> tuple[str, ...]:
    letters = token.strip(",.;:-")
    lead, tail = token[:token.find(letters)], token[token.find(letters) + len(letters):]
    if len(letters) <= LONGEST_SYLLABLE and is_syllable(letters) or not letters.isalpha():
        return (token,)
    lm = load_language_model()
    # best[end][previous syllable] = (log probability, pieces) over splits of letters[:end]
    best: list[dict[str, tuple[float, tuple[str, ...]]]] = [{START: (0.0, ())}] + [{} for _ in letters]
    for end in range(1, len(letters) + 1):
        for start in range(max(0, end - LONGEST_SYLLABLE), end):
            piece = letters[start:end]
            if not best[start] or not is_syllable(piece):
                continue
            for previous, (score, pieces) in best[start].items():
                total = score + lm.score(lm.id_of(previous), lm.id_of(piece.lower()))
                if total > best[end].get(piece.lower(), (float("-inf"),))[0]:
                    best[end][piece.lower()] = (total, pieces + (piece,))
    if not best[-1]:
        return (token,)
    pieces = max(best[-1].values())[1]
    if len(pieces) < 2:
        return (token,)
    return (lead + pieces[0],) + pieces[1:-1] + (pieces[-1] + tail,)
