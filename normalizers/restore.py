"""Restoration of OCR'd Vietnamese text: marks and misread letters put back.

Takes lines of text (and the engine that read them: `eng`, an English model that drops most marks and confuses
letters, or `vie`); gives the lines with the same tokens in the same places, each kept or replaced by its
restored form. Three layers:
- document codes, acronyms and dashes, by rule: `QD-UBND` → `QĐ-UBND`, `1204/KH-BCD` → `1204/KH-BCĐ`, `HDND` →
  `HĐND`, an acronym misread by one letter (`BHYTT` → `BHYT`), a lone `~` → `-`;
- words, by a noisy-channel decoder: for each word the candidates its skeleton allows (valid syllables and the
  language model's words, kehoach.normalizers.candidates) with the channel's log P(read | word), and the
  likeliest sequence under a syllable bigram model (kehoach.normalizers.decoder);
- personal names, whole: a run of capitalised words that opens with a family name and a middle name
  (`Đinh Thị Hồng Thu`) is written with a name's marks (kehoach.normalizers.person_names);
- place names, whole: a capitalised run of decoded words whose letters spell one area name of the gazetteer is
  written as that name (kehoach.normalizers.area_names); agency names likewise, from their list
  (kehoach.normalizers.agency_names).
Numbers, e-mail addresses and web addresses, words with an apostrophe or inner hyphen (`H'Drai`, `LĐ-TB&XH`)
and all-capital acronyms that no syllable explains pass through; the casing of each token is kept.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

from rapidfuzz.distance import Levenshtein

from kehoach.normalizers.agency_names import AgencyNames, load_agency_names
from kehoach.normalizers.area_names import NameIndex, load_name_index
from kehoach.normalizers.candidates import PUNCTUATION_IN_WORD, Candidate, CandidateIndex, load_candidate_index
from kehoach.normalizers.casing import recase
from kehoach.normalizers.decoder import Fixed, Slot, alternatives, decode
from kehoach.normalizers.person_names import PersonNames, load_person_names
from kehoach.normalizers.syllable_lm import NUMERIC, OTHER, SyllableLM, lm_token, load_language_model

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
LEAD = "([{\"'“‘«-–—•*"
TAIL = ")]}\"'”’».,;:!?…*-–—/"  # `/`: a document closes with `./.`
EDGE = re.compile(rf"^(?P<lead>[{re.escape(LEAD)}]*)(?P<core>.*?)(?P<tail>[{re.escape(TAIL)}]*)$")
TOKEN = re.compile(r"\S+")
# Longer tokens pass through untouched: no Vietnamese word, code or glued run of a few syllables is this long, and
# the candidate search (deletions within two edits) and the code patterns cost a power of a token's length: a
# token of 640 letters took 30 s, one of 10 000 never ended (`python -m benchmarks.restore_worstcase`).
LONGEST_TOKEN = 40


@dataclass(frozen=True)
class TokenChoice:
    token: str
    chosen: str
    alternatives: list[tuple[str, float]] = field(default_factory=list)
    confidence: float = 1.0


def repair_dash(token: str) -> str:
    """A token of tildes and underscores alone (`~`, `_~`) is the dash of a list item or of `Độc lập - Tự do`
    as Tesseract `vie` reads it off a bitonal scan: Vietnamese text has no other use for a lone tilde."""
    return "-" if "~" in token and not token.strip("~_") else token


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


Engine = str  # "eng" or "vie"
VIETNAMESE_SHARE = 0.15  # words with a letter outside Latin-1 (ư, ơ, đ, ạ, ế, ...): an English model writes few
# A word to restore: letters, with the digits and signs an English model writes for marked letters (`s6`, `S@`).
WORD_CORE = re.compile(rf"^(?=.*[^\W\d_])(?:[^\W_]|[{re.escape(PUNCTUATION_IN_WORD)}])+$")
SENTENCE_END = re.compile(r"[.;:!?]$")


def engine_of(text: str) -> Engine:
    """Which OCR wrote the text, judged by how many of its words carry Vietnamese-only letters."""
    words = [token for token in TOKEN.findall(text) if any(ch.isalpha() for ch in token)]
    vietnamese = sum(any(ord(ch) > 0xFF for ch in token) for token in words)
    return "vie" if words and vietnamese / len(words) >= VIETNAMESE_SHARE else "eng"


def in_capitals(line: str) -> bool:
    letters = [ch for ch in line if ch.isalpha()]
    return bool(letters) and all(ch.isupper() for ch in letters)


def stray_capital(word: str) -> bool:
    """A lower-case word with a marked letter in capitals (`tẾ`): Tesseract `vie` takes a marked letter's case
    from its height, which the mark adds to; `eKYC`, `mRNA` (capitals without marks) are written so."""
    return word[:1].islower() and any(ch.isupper() and not ch.isascii() for ch in word[1:])


@dataclass(frozen=True)
class Token:
    """One whitespace token of a line: its punctuation, its core, and its slot in the decoder."""

    raw: str
    lead: str
    core: str
    tail: str
    slot: Slot | None  # None: punctuation alone, not seen by the language model
    repaired: str = ""  # set when the code layer rewrote the token


# A token with its chosen candidate, its sentence's slots, its place among them and the chosen path.
Decoded = tuple[Token, Candidate | None, list[Slot], int, list[int]]


class Restorer:
    """Restores a line token by token; one output token for each input token, spacing kept."""

    def __init__(self, lm: SyllableLM, index: CandidateIndex, people: PersonNames, names: NameIndex,
                 agencies: AgencyNames):
        self.lm = lm
        self.index = index
        self.people = people
        self.names = names
        self.agencies = agencies

    @lru_cache(maxsize=200_000)  # noqa: B019 - one restorer per process; a Token is immutable, raw tokens repeat
    def token(self, raw: str, engine: Engine) -> Token:
        if len(raw) > LONGEST_TOKEN:
            return Token(raw, "", raw, "", Fixed(OTHER))  # passes through untouched
        repaired = repair_dash(repair_acronym(repair_code(raw)))
        parts = EDGE.match(raw)
        lead, core, tail = parts["lead"], parts["core"], parts["tail"]
        if repaired != raw:
            return Token(raw, lead, core, tail, Fixed(lm_token(EDGE.match(repaired)["core"])), repaired)
        if not core:
            return Token(raw, lead, core, tail, None)
        if not WORD_CORE.match(core) or NUMERIC.match(core) or self.is_acronym(core):
            return Token(raw, lead, core, tail, Fixed(lm_token(core)))
        return Token(raw, lead, core, tail, self.index.candidates(unicodedata.normalize("NFC", core).lower(), engine))

    def forget(self) -> None:
        """Empty every cache restoration keeps, as in a fresh process (for measuring cold speed)."""
        self.token.cache_clear()
        self.index.forget()

    def is_acronym(self, core: str) -> bool:
        return len(core) > 1 and core.isalpha() and core.isupper() and not self.index.has_skeleton(core)

    def decoded(self, lines: list[str], engine: Engine) -> list[list[Decoded]]:
        """Each line's tokens with the chosen candidate (None for a fixed token) and where it sits in its
        sentence. A sentence runs on over a line break, as printed prose does, until its closing punctuation, a
        blank line or a line in capitals (a heading or a header block's line, `CHÍNH SÁCH BHXH, BHYT` above
        `Số: 356/KH-BCĐ`, is no context for the line below or above it): the words either side of a break in
        prose are each other's context."""
        by_line = [[self.token(raw, engine) for raw in TOKEN.findall(line)] for line in lines]
        apart = [not tokens or in_capitals(line) for line, tokens in zip(lines, by_line)] + [True]
        result: list[list[Decoded]] = [[] for _ in lines]
        sentence: list[tuple[int, Token]] = []
        for number, tokens in enumerate(by_line):
            for position, token in enumerate(tokens):
                sentence.append((number, token))
                closes = SENTENCE_END.search(token.raw) or (
                    position == len(tokens) - 1 and (apart[number] or apart[number + 1]))
                if closes:
                    self._decode_sentence(sentence, result)
                    sentence = []
        return result

    def _decode_sentence(self, sentence: list[tuple[int, Token]], result: list[list[Decoded]]) -> None:
        slots = [t.slot for _, t in sentence if t.slot is not None]
        chosen = decode(slots, self.lm)
        at = 0
        for number, t in sentence:
            if t.slot is None:
                result[number].append((t, None, slots, -1, chosen))
                continue
            pick = None if isinstance(t.slot, Fixed) else t.slot[chosen[at]]
            result[number].append((t, pick, slots, at, chosen))
            at += 1

    @staticmethod
    def written(token: Token, pick: Candidate | None) -> str:
        if token.repaired:
            return token.repaired
        if pick is None or (pick.word == unicodedata.normalize("NFC", token.core).lower()
                            and not stray_capital(token.core)):
            return token.raw
        return f"{token.lead}{recase(pick.word, token.core)}{token.tail}"

    def written_line(self, decoded: list[Decoded]) -> list[str]:
        read = [token.raw for token, *_ in decoded]
        words = self.people.restore([self.written(token, pick) for token, pick, *_ in decoded], read)
        return self.agencies.restore(self.names.restore(words, self.lm.seen_together, read))

    def restore_lines(self, lines: list[str], engine: Engine | None = None) -> list[str]:
        """The lines restored, one for each, words and spacing in place; sentences decoded across the breaks,
        and names restored across them (`Sở Giáo dục và Đào` above `tạo`), but for a line in capitals, which
        stands alone, and across a blank line."""
        engine = engine or engine_of("\n".join(lines))
        blocks: list[list[Decoded]] = []
        joins = False
        for line, decoded in zip(lines, self.decoded(lines, engine)):
            alone = in_capitals(line) or not line.strip()  # a heading, a header line, a blank line
            if joins and not alone:
                blocks[-1] += decoded
            else:
                blocks.append(list(decoded))
            joins = not alone
        written = iter(word for block in blocks for word in self.written_line(block))
        return [TOKEN.sub(lambda match: next(written), line) for line in lines]

    def restore_line(self, line: str, engine: Engine | None = None) -> str:
        return self.restore_lines([line], engine)[0]

    def restore_text(self, text: str, engine: Engine | None = None) -> str:
        return "\n".join(self.restore_lines(text.split("\n"), engine))

    def explain(self, line: str, engine: Engine | None = None) -> list[TokenChoice]:
        engine = engine or engine_of(line)
        choices = []
        decoded = self.decoded([line], engine)[0]
        for (token, pick, slots, at, chosen), written in zip(decoded, self.written_line(decoded)):
            if pick is None:
                before = [(token.raw, 0.0)] if token.repaired else []
                choices.append(TokenChoice(token.raw, written, before, 1.0))
                continue
            probabilities = alternatives(slots, chosen, at, self.lm)
            confidence = next(p for word, p in probabilities if word == pick.word)
            others = [(f"{token.lead}{recase(word, token.core)}{token.tail}", p) for word, p in probabilities
                      if word != pick.word]
            choices.append(TokenChoice(token.raw, written, others, confidence))
        return choices


@lru_cache(maxsize=1)
def load_restorer() -> Restorer:
    return Restorer(load_language_model(), load_candidate_index(), load_person_names(), load_name_index(),
                    load_agency_names())
