"""Vietnamese syllables: their parts, where the tone mark sits, and the inventory of valid syllables.

Takes a written syllable (`hiểm`, `quốc`, `giữa`, `hòa`); gives its onset, toneless rhyme and tone, or None if
Vietnamese spelling does not allow it. The inventory is generated from the spelling rules: onsets × rhymes ×
tones, with the onset spellings that depend on the vowel (`c`/`k`/`q`, `g`/`gh`, `ng`/`ngh`) and the rule that
a rhyme closed by `c`, `ch`, `p`, `t` takes only the sắc or nặng tone. The tone is placed as government text places
it (`hòa`, `thủy`, `Ủy ban`; the other style, `hoà`, is still accepted as a syllable).
"""
from __future__ import annotations

import unicodedata
from functools import lru_cache


TONES = ("", "\u0300", "\u0301", "\u0309", "\u0303", "\u0323")  # ngang, huyền, sắc, hỏi, ngã, nặng
TONE_SET = frozenset(TONES[1:])
VOWELS = frozenset("aăâeêioôơuưy")
MARKED_VOWELS = frozenset("ăâêôơư")
ONSETS = ("ngh", "ng", "nh", "ch", "gh", "gi", "kh", "ph", "qu", "th", "tr",
          "b", "c", "d", "đ", "g", "h", "k", "l", "m", "n", "p", "r", "s", "t", "v", "x", "")
STOP_CODAS = ("ch", "c", "p", "t")
# Toneless rhymes, by nucleus. Written out rather than derived: Vietnamese spelling has too many exceptions
# for rules of combination to be shorter than the list.
RHYMES = """
a ac ach ai am an ang anh ao ap at au ay
ă ăc ăm ăn ăng ăp ăt
â âc âm ân âng âp ât âu ây
e ec em en eng eo ep et
ê êch êm ên ênh êp êt êu
i ia ich im in inh ip it iu iêc iêm iên iêng iêp iêt iêu
o oc oi om on ong op ot oo ooc oong
oa oac oach oai oam oan oang oanh oao oap oat oay oăc oăm oăn oăng oăt oe oen oeo oet
ô ôc ôi ôm ôn ông ôp ôt
ơ ơi ơm ơn ơp ơt
u uc ui um un ung up ut ua uân uâng uât uây uê uêch uênh uơ
uy uya uych uyên uyêt uyn uynh uyp uyt uyu
uô uôc uôi uôm uôn uông uôt
ư ưa ưc ưi ưm ưn ưng ưt ưu ươc ươi ươm ươn ương ươp ươt ươu
y yêm yên yêng yêt yêu
""".split()
RHYME_SET = frozenset(RHYMES)
FRONT = ("i", "e", "ê", "y")  # `k`, `gh`, `ngh` go before these; `c`, `g`, `ng` before the rest
MEDIAL_W = ("oa", "oă", "oe", "uy", "uâ", "uê", "uơ")  # rhymes with a w glide: never after `c`, `q`


def _allowed(onset: str, rhyme: str) -> bool:
    front = rhyme.startswith(FRONT)
    if onset in ("k", "gh", "ngh"):
        return front
    if onset == "c" and rhyme.startswith(MEDIAL_W):
        return False  # written with q: `quy`, `quân`
    if onset in ("c", "g", "ng"):
        return not front or (onset == "g" and rhyme.startswith("i"))  # `gì`, `gìn`: g + i
    if onset == "qu":
        return not rhyme.startswith(("u", "ư", "o")) or rhyme.startswith("ô")
    if onset == "gi":
        return not rhyme.startswith("i")
    if rhyme.startswith("y") and len(rhyme) > 1:
        return onset == ""  # `yêu`, `yên`; after a consonant these are written with i
    return True


def place_tone(onset: str, rhyme: str, tone: str) -> str:
    """Write the syllable with its tone mark on the right vowel (`hoàn`, `thuyết`, `hòa`, `thủy`, `quý`)."""
    if not tone:
        return onset + rhyme
    vowels = [i for i, ch in enumerate(rhyme) if ch in VOWELS]
    marked = [i for i in vowels if rhyme[i] in MARKED_VOWELS]
    if marked:
        at = marked[-1]  # ươ: on ơ
    elif vowels[-1] < len(rhyme) - 1 or len(vowels) == 1:
        at = vowels[-1]  # closed rhyme: on the last vowel (`hoàn`, `thuyết`)
    elif len(vowels) == 3:
        at = vowels[1]  # `ngoài`, `khuỷu`
    else:
        at = vowels[0]  # `mái`, `mùa`, and as government text writes them `hòa`, `khỏe`, `thủy`
    return unicodedata.normalize("NFC", onset + rhyme[:at + 1] + tone + rhyme[at + 1:])


def split_syllable(syllable: str) -> tuple[str, str, str] | None:
    """`quốc` → (`qu`, `ôc`, sắc); `gì` → (`g`, `i`, huyền); None when it is not a Vietnamese syllable."""
    decomposed = unicodedata.normalize("NFD", syllable.lower())
    tones = [ch for ch in decomposed if ch in TONE_SET]
    if len(tones) > 1:
        return None
    bare = unicodedata.normalize("NFC", "".join(ch for ch in decomposed if ch not in TONE_SET))
    tone = tones[0] if tones else ""
    for onset in ONSETS:
        if bare.startswith(onset):
            rhyme = bare[len(onset):]
            if onset == "gi" and (not rhyme or rhyme[0] not in VOWELS):
                onset, rhyme = "g", bare[1:]
            if rhyme in RHYME_SET and _allowed(onset, rhyme) and _tone_fits(rhyme, tone):
                return onset, rhyme, tone
            if onset:  # a longer onset failed (`gh` in `ghi` is fine, `ng` in `ngh...` is not): try shorter
                continue
    return None


def _tone_fits(rhyme: str, tone: str) -> bool:
    return not rhyme.endswith(STOP_CODAS) or tone in ("\u0301", "\u0323")


def is_syllable(word: str) -> bool:
    return split_syllable(word) is not None


@lru_cache(maxsize=1)
def inventory() -> frozenset[str]:
    """Every syllable the spelling rules allow (lower case, NFC, tone placed as in `hòa`)."""
    found = set()
    for onset in ONSETS:
        for rhyme in RHYMES:
            if not _allowed(onset, rhyme):
                continue
            for tone in TONES:
                if _tone_fits(rhyme, tone):
                    found.add(place_tone(onset, rhyme, tone))
    return frozenset(found)

