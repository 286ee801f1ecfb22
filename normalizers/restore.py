"""Restoration of OCR'd Vietnamese text, line by line: the first layer, document codes.

Takes a line of text; gives the line with the same tokens in the same places, each one either kept or
replaced by its repaired form. What this layer repairs today: document codes, whose parts lose their `Đ`
to any OCR that reads it as `D` (`QD-UBND` → `QĐ-UBND`, `1204/KH-BCD` → `1204/KH-BCĐ`, `HDND` → `HĐND`), and
the domain's acronyms misread by one letter (`BHYTT` → `BHYT`).
Numbers, e-mail addresses, words already right and words it does not know pass through unchanged, so text
that is already correct is never damaged. Diacritic restoration of words (issue #3) plugs in behind the
same `Restorer` interface.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from rapidfuzz.distance import Levenshtein

# Parts of document codes that are written with Đ; their D-spelling is what OCR leaves.
CODE_PARTS = {
    "QD": "QĐ", "BCD": "BCĐ", "HDND": "HĐND", "CTHD": "CTHĐ", "BCDTW": "BCĐTW", "SGDDT": "SGDĐT",
    "LDTBXH": "LĐTBXH", "LDLD": "LĐLĐ", "DU": "ĐU", "DTN": "ĐTN", "TTHDND": "TTHĐND", "BTCTU": "BTCTU",
    "NQ": "NQ", "KH": "KH", "UBND": "UBND", "BHXH": "BHXH", "TTg": "TTg",
}
# A document code: letters (with digits) joined by `-` or `/`, at least one joiner, optionally after a number.
CODE = re.compile(r"^(?P<lead>\d+/)?(?P<body>[A-Za-zĐđ]{2,}[A-Za-zĐđ0-9]*(?:[-/][A-Za-zĐđ0-9]{1,})+)(?P<tail>[.,;:)]*)$")
STANDALONE = {"HDND": "HĐND", "BCD": "BCĐ"}  # code words also used alone in prose
# Acronyms of the domain. An all-capital token one edit away from exactly one of them is that acronym
# misread (`BHYTT`, `BHXN`); four letters at least, so short words and Roman numerals are left alone.
ACRONYMS = ["BHXH", "BHYT", "BHTN", "UBND", "HĐND", "LLLĐ", "MTTQ", "LĐLĐ", "KCB", "TTYT", "BCĐ"]
ACRONYM_MIN = 4
EDGE = re.compile(r"^(?P<lead>\W*)(?P<core>.*?)(?P<tail>\W*)$")
TOKEN = re.compile(r"\S+")


@dataclass(frozen=True)
class TokenChoice:
    token: str
    chosen: str
    alternatives: list[tuple[str, float]] = field(default_factory=list)
    confidence: float = 1.0


def repair_acronym(token: str) -> str:
    parts = EDGE.match(token)
    core = parts["core"]
    if len(core) < ACRONYM_MIN or not core.isalpha() or not core.isupper() or core in ACRONYMS:
        return token
    near = [acronym for acronym in ACRONYMS if Levenshtein.distance(core, acronym) == 1]
    return f"{parts['lead']}{near[0]}{parts['tail']}" if len(near) == 1 else token


def repair_code(token: str) -> str:
    """`1204/KH-BCD` → `1204/KH-BCĐ`; anything that is not a code comes back unchanged."""
    if token in STANDALONE:
        return STANDALONE[token]
    match = CODE.match(token)
    if not match or not any(ch.isupper() for ch in match["body"]):
        return token
    parts = re.split(r"([-/])", match["body"])
    repaired = "".join(CODE_PARTS.get(part, part) for part in parts)
    return f"{match['lead'] or ''}{repaired}{match['tail']}"


class Restorer:
    """Restores a line token by token; one output token for each input token, spacing kept."""

    def choose(self, token: str) -> TokenChoice:
        repaired = repair_acronym(repair_code(token))
        alternatives = [(token, 0.0)] if repaired != token else []
        return TokenChoice(token=token, chosen=repaired, alternatives=alternatives, confidence=1.0)

    def restore_line(self, line: str) -> str:
        return TOKEN.sub(lambda match: self.choose(match.group()).chosen, line)

    def restore_text(self, text: str) -> str:
        return "\n".join(self.restore_line(line) for line in text.split("\n"))

    def explain(self, line: str) -> list[TokenChoice]:
        return [self.choose(token) for token in TOKEN.findall(line)]


@lru_cache(maxsize=1)
def load_restorer() -> Restorer:
    return Restorer()
