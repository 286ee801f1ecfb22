"""The issuing body (cơ quan ban hành) from the header's left-column lines, in normal case.

Takes the lines printed above the number (`UBND TỈNH NINH THUẬN` / `BAN CHỈ ĐẠO THỰC HIỆN` / `CHÍNH SÁCH BHXH, BHYT`);
gives the issuer (the lowest body, `Ban chỉ đạo thực hiện chính sách BHXH, BHYT`) and its parent (the body above
it, `UBND tỉnh Ninh Thuận`), each written as a sentence would print it: capitals only where Vietnamese keeps
them (the first letter, place names, acronyms such as `BHXH`, and the capitals of a known agency's name).
A header's lines break one body over several lines (`ỦY BAN NHÂN DÂN` / `TỈNH QUẢNG NGÃI`); a body ends where a
line ends on its locality (`… TỈNH QUẢNG NGÃI`, `… VIỆT NAM`), so the lines are grouped at those ends.
"""
from __future__ import annotations

import re

from kehoach.normalizers.agencies import lookup
from kehoach.normalizers.glued_words import split_glued
from kehoach.normalizers.syllables import is_syllable
from kehoach.text_folding import fold
from kehoach.vocab.gazetteer import load_gazetteer, split_type

LOCALITY_WORDS = ("tinh", "thanh pho", "huyen", "quan", "thi xa", "xa", "phuong", "thi tran")
NATIONAL = "viet nam"
AGENCY_SURE = 95.0  # lookup score at which the agency list's own capitals are used


def _ends_on_locality(text: str, structure: str) -> bool:
    folded = fold(text)
    if folded.endswith(NATIONAL):
        return True
    gazetteer = load_gazetteer()
    for level in ("province", "district"):
        for area in gazetteer.find_in_text(text, structure, level):
            if folded.endswith(fold(split_type(area.name)[2])):
                return True
    return False


def _bodies(lines: list[str], structure: str) -> list[str]:
    bodies, current = [], []
    for line in lines:
        current.append(" ".join(piece for token in line.split() for piece in split_glued(token)))
        if _ends_on_locality(" ".join(current), structure):
            bodies.append(" ".join(current))
            current = []
    if current:
        bodies.append(" ".join(current))
    return [body for body in bodies if body]


def _is_acronym(token: str) -> bool:
    letters = "".join(ch for ch in token if ch.isalpha())
    return len(letters) >= 2 and letters.isupper() and not is_syllable(letters.lower())


def _place_span(tokens: list[str], structure: str) -> dict[int, str]:
    """Token index → the gazetteer's spelling, for the tokens that spell a province or district the text names
    (`TỈNH BÀ RỊA - VŨNG TÀU` → `Bà`, `Rịa`, `Vũng`, `Tàu` at their places)."""
    gazetteer = load_gazetteer()
    text = " ".join(tokens)
    keys = [(index, fold(token)) for index, token in enumerate(tokens) if fold(token)]
    written: dict[int, str] = {}
    for level in ("province", "district"):
        for area in gazetteer.find_in_text(text, structure, level):
            name = [word for word in split_type(area.name)[2].split() if fold(word)]
            folded = [fold(word) for word in name]
            for start in range(len(keys) - len(name) + 1):
                if [key for _, key in keys[start:start + len(name)]] == folded:
                    written.update({keys[start + k][0]: name[k] for k in range(len(name))})
    return written


def normal_case(text: str, structure: str = "2023") -> str:
    """`ỦY BAN NHÂN DÂN TỈNH BÌNH PHƯỚC` → `Ủy ban nhân dân tỉnh Bình Phước`: words OCR glued split again, place
    names as the gazetteer writes them, acronyms kept, a known agency's name as the agency list writes it, the rest
    in lower case after a capital first letter."""
    tokens = [piece.lstrip("_|.,;:") for token in text.split() for piece in split_glued(token)]
    tokens = [token for token in tokens if any(ch.isalnum() for ch in token) or token in ("-", "–")]
    places = _place_span(tokens, structure)
    # a lone dash belongs only inside a place name (`Bà Rịa - Vũng Tàu`); elsewhere it is a rule or a speck
    tokens = [token for index, token in enumerate(tokens)
              if token not in ("-", "–") or index - 1 in places and index + 1 in places]
    places = _place_span(tokens, structure)
    if not tokens:
        return ""
    head = len(tokens) if not places else min(places)  # up to the locality word: `Ủy ban nhân dân huyện`
    agency = lookup(" ".join(tokens[:head])) if head > 0 else None
    agency_words = agency[0].split() if agency and agency[2] >= AGENCY_SURE else []
    words = []
    for index, token in enumerate(tokens):
        if index in places:
            words.append(places[index] + token[len(token.rstrip(",.;")):])
        elif index < len(agency_words) and fold(agency_words[index]) == fold(token):
            words.append(agency_words[index])
        elif _is_acronym(token):
            words.append(token)
        else:
            words.append(token.lower())
    written = re.sub(r"\buỷ\b", "ủy", " ".join(words))
    return written[:1].upper() + written[1:]


def issuing_body(lines: list[str], structure: str = "2023") -> tuple[str, str]:
    """(issuer, parent) of the header's left-column lines above the number; parent "" when one body is printed."""
    bodies = _bodies([line for line in lines if line.strip()], structure)
    if not bodies:
        return "", ""
    issuer = normal_case(bodies[-1], structure)
    parent = normal_case(bodies[-2], structure) if len(bodies) > 1 else ""
    return issuer, parent
