"""Agencies: canonical names with diacritics, and partner lists split into whole agencies.

Takes an agency as printed (`BHXH tỉnh`, `Sở LĐ-TB&XH`, `UBND các xã, thị trấn`, `Bảo hiém xa hoi tinh`);
gives an `AgencyMatch`: its canonical name from vocab/data/agencies.csv (text the kehoach authors wrote:
canonical names, levels and the variants plans print) with a score, or the printed text with abbreviations
expanded and score 0 when no entry is close. Names are compared on diacritic-free keys, exactly first, then
with rapidfuzz, so OCR-damaged marks still find their agency. A province named after the level word is the
document's own (`Sở Y tế tỉnh Kon Tum` → `Sở Y tế`); a district's name is kept, since a province's plan names
several (`UBND huyện Kon Rẫy` → `Ủy ban nhân dân huyện Kon Rẫy`).

A cooperating-agency cell (đơn vị phối hợp) is split at commas, semicolons, line breaks and `và` only where
the next part opens a new agency (`Sở ...`, `Bảo hiểm ...`, `UBND ...`, `Các ...`): `Các Sở, ban, ngành,
Hội, đoàn thể liên quan` and `Ủy ban nhân dân các huyện, thành phố` stay whole, `Sở Lao động - Thương binh
và Xã hội` too; `Sở Y tế, Sở Tài chính và Bảo hiểm xã hội tỉnh` is three.

Prose names its agencies without brackets and goes straight on with the duty (`phối hợp với Bảo hiểm xã hội
tỉnh, Cục Thuế tỉnh và các cơ quan, đơn vị liên quan xác minh ...`): `leading_agencies` reads the list off the
front of such a text, each agency as long as the vocabulary knows it (or up to its level word, `tỉnh`,
`huyện`, `liên quan`, when it does not), and gives the duty that follows.
"""
from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files

from rapidfuzz import fuzz, process

from kehoach.text_folding import fold, squeeze

# Abbreviations plans print → full form, applied word-wise before matching (longest first where they overlap).
ABBREVIATIONS = [
    (r"UBND", "Ủy ban nhân dân"), (r"HĐND", "Hội đồng nhân dân"), (r"Uỷ", "Ủy"), (r"BHXH", "Bảo hiểm xã hội"),
    (r"UBMTTQ\s*VN|UBMTTQVN", "Ủy ban Mặt trận Tổ quốc Việt Nam"), (r"UBMTTQ", "Ủy ban Mặt trận Tổ quốc"),
    (r"MTTQ\s*VN|MTTQVN", "Mặt trận Tổ quốc Việt Nam"), (r"MTTQ", "Mặt trận Tổ quốc"), (r"VN", "Việt Nam"),
    (r"LĐ\s*-\s*TB\s*&\s*XH|LĐ-?TBXH|LĐTB&XH|LĐTBXH|Lao động\s*-\s*TB\s*&\s*XH", "Lao động - Thương binh và Xã hội"),
    (r"LĐLĐ", "Liên đoàn Lao động"), (r"LHPN", "Liên hiệp Phụ nữ"), (r"CCB", "Cựu chiến binh"),
    (r"TNCS\s*HCM", "Thanh niên Cộng sản Hồ Chí Minh"), (r"NHCSXH|NH\s*CSXH", "Ngân hàng Chính sách xã hội"),
    (r"CSXH", "Chính sách xã hội"), (r"TTYT", "Trung tâm Y tế"), (r"BCĐ", "Ban Chỉ đạo"), (r"VKSND", "Viện Kiểm sát nhân dân"),
    (r"TAND", "Tòa án nhân dân"), (r"PT\s*-\s*TH|PTTH", "Phát thanh - Truyền hình"),
    (r"TT\s*-\s*TH", "Truyền thanh - Truyền hình"), (r"VH\s*-\s*TT\s*&\s*TT", "Văn hóa - Thông tin và Thể thao"), (r"GD\s*&\s*ĐT|GDĐT", "Giáo dục và Đào tạo"),
    (r"KH\s*&\s*ĐT|KHĐT", "Kế hoạch và Đầu tư"), (r"TT\s*&\s*TT|TTTT", "Thông tin và Truyền thông"),
    (r"VH\s*-\s*TT\s*&\s*DL|VHTT\s*&\s*DL|VHTTDL", "Văn hóa, Thể thao và Du lịch"),
    (r"VH\s*&\s*TT|VHTT", "Văn hóa và Thông tin"), (r"TN\s*&\s*MT|TNMT", "Tài nguyên và Môi trường"),
    (r"NN\s*&\s*PTNT|NNPTNT", "Nông nghiệp và Phát triển nông thôn"), (r"KH\s*&\s*CN|KHCN", "Khoa học và Công nghệ"),
    (r"TC\s*-\s*KH|TCKH", "Tài chính - Kế hoạch"),
]
ABBREVIATION_PATTERNS = [(re.compile(rf"(?<!\w)(?:{pattern})(?!\w)"), full) for pattern, full in ABBREVIATIONS]
# The words that open an agency's name, matched without marks so OCR's `Bảo hiếm` still opens one.
AGENCY_OPENING = re.compile(
    r"^(so|bao hiem|bhxh|uy ban|ubnd|ubmttq|cong an|cuc|chi cuc|thanh tra|lien doan|ldld|lien minh|dai|bao|phong|"
    r"trung tam|ttyt|vien|ngan hang|kho bac|ban|bo chi huy|cac|tinh doan|huyen doan|doan|van phong|bo|toa an|"
    r"mat tran|hoi \S+|co quan|buu dien)\b"
)
# `... tỉnh Kon Tum`, `... huyện Kon Rẫy`: the level word, then a place name of capitalised words.
PLACE = re.compile(r"^(?P<body>.+?\b(?P<level>tỉnh|huyện|thị xã|thành phố))\s+(?P<place>[^,;()]+)$")
LEVEL_SUFFIX = {"province": " tỉnh", "district": " huyện"}  # `Sở Y tế tỉnh` is `Sở Y tế`
MATCH_MIN = 90
LEVEL_WORDS = {"tinh", "huyen", "thanh", "pho", "thi", "xa", "quan", "phuong", "tran"}  # folded


@dataclass(frozen=True)
class AgencyMatch:
    name: str
    raw: str
    score: float  # 0..100; 0 when the name is not in the vocabulary
    level: str = ""  # central | province | district | commune | any; empty when unknown


# A dash between two parts of a name printed with a space on one side only (`Thanh tra -Kiểm tra`).
LOPSIDED_DASH = re.compile(r"(?<=\w)(?:\s+-(?=\w)|-\s+)")


def expand(text: str) -> str:
    for pattern, full in ABBREVIATION_PATTERNS:
        text = pattern.sub(full, text)
    return " ".join(LOPSIDED_DASH.sub(" - ", text).split())


@lru_cache(maxsize=1)
def abbreviations() -> list[tuple[str, list[str]]]:
    """Full form → the abbreviations of ABBREVIATIONS that are plain text once spaces are dropped
    (`LĐ-TB&XH`, `LĐTBXH`; not `LĐ-?TBXH`)."""
    found = []
    for pattern, full in ABBREVIATIONS:
        literals = [alt.replace(r"\s*", "") for alt in pattern.split("|")]
        found.append((full, [lit for lit in literals if re.fullmatch(r"[\w&-]+", lit) and lit != full]))
    return found


def printed_forms(canonical: str, variants: list[str]) -> set[str]:
    """Every way the vocabulary expects an agency printed: its names, expanded, and with each full form
    abbreviated (`Bảo hiểm xã hội tỉnh` → `BHXH tỉnh`), up to two abbreviations in one name."""
    forms = {canonical, *variants}
    forms |= {expand(form) for form in forms}
    for _ in range(2):
        forms |= {form.replace(full, short) for form in forms for full, shorts in abbreviations() if full in form
                  for short in shorts}
    return forms


@dataclass(frozen=True)
class Agency:
    """One row of vocab/data/agencies.csv."""

    canonical: str
    level: str
    variants: tuple[str, ...]  # other names plans print for it

    @property
    def names(self) -> list[str]:
        return [self.canonical, *self.variants]


@lru_cache(maxsize=1)
def agency_list() -> tuple[Agency, ...]:
    text = (files("kehoach.vocab") / "data" / "agencies.csv").read_text(encoding="utf-8")
    return tuple(Agency(row["canonical"], row["level"], tuple(filter(None, row["variants"].split("|"))))
                 for row in csv.DictReader(io.StringIO(text)))


@lru_cache(maxsize=1)
def vocabulary() -> dict[str, tuple[str, str]]:
    """Key of every canonical name and variant (expanded, folded) → (canonical name, level)."""
    names: dict[str, tuple[str, str]] = {}
    for agency in agency_list():
        for form in agency.names:
            key = fold(expand(form))
            names.setdefault(key, (agency.canonical, agency.level))
            suffix = fold(LEVEL_SUFFIX.get(agency.level, ""))
            if suffix and not key.endswith(suffix):
                names.setdefault(f"{key} {suffix}", (agency.canonical, agency.level))
    return names


@lru_cache(maxsize=1)
def squeezed_vocabulary() -> dict[str, tuple[str, str]]:
    """The vocabulary keyed without spaces, for names whose words OCR ran together."""
    names: dict[str, tuple[str, str]] = {}
    for key, found in vocabulary().items():
        names.setdefault(squeeze(key), found)
    return names


def lookup(text: str, cutoff: float = MATCH_MIN) -> tuple[str, str, float] | None:
    """(canonical, level, score) of an expanded name: an exact key, else the closest key above `cutoff`."""
    known, key = vocabulary(), fold(text)
    if key in known:
        return *known[key], 100.0
    if squeeze(key) in squeezed_vocabulary():
        return *squeezed_vocabulary()[squeeze(key)], 100.0  # words OCR ran together (`SởYtế`)
    for name, score, _ in process.extract(key, list(known), scorer=fuzz.ratio, score_cutoff=cutoff, limit=5):
        if _same_body(key, name):
            return *known[name], round(score, 1)
    return None


def _same_body(key: str, name: str) -> bool:
    """A close spelling names the same agency unless a whole word was added or dropped (`các quận, huyện, thành
    phố` is not `các huyện, thành phố`) or its level differs (`... thành phố` is not `... tỉnh`)."""
    words, known = ({word for word in text.split() if len(word) > 1} for text in (key, name))  # specks out
    if words < known or known < words:
        return False
    levels = words & LEVEL_WORDS
    return not levels or levels == known & LEVEL_WORDS


def canonical_agency(raw: str) -> AgencyMatch:
    cleaned = expand(raw.strip(" .;,:-+*\n"))
    found = lookup(cleaned)
    if found:
        return AgencyMatch(found[0], raw, found[2], found[1])
    place = PLACE.match(cleaned)
    if place and all(word[:1].isupper() for word in place["place"].split()):
        found = lookup(place["body"])
        if found:
            name = found[0] if place["level"] == "tỉnh" else f"{found[0]} {place['place']}"
            return AgencyMatch(name, raw, found[2], found[1])
    return AgencyMatch(cleaned, raw, 0.0)


def split_agencies(text: str) -> list[str]:
    """The whole agencies a partner cell names, in order, as printed."""
    agencies: list[str] = []
    for separator, piece in _pieces(text):
        first, *rest = _split_on_and(piece)
        if agencies and not opens_agency(first):
            agencies[-1] = f"{agencies[-1]}{separator}{first}"  # `ban`, `ngành`, `thị trấn`: the agency goes on
        else:
            agencies.append(first)
        agencies.extend(rest)
    return [agency.strip(" .") for agency in agencies]


def opens_agency(text: str) -> bool:
    """`Sở ...`, `Bảo hiểm ...`, `UBND ...`, `Các ...`, `Hội Nông dân` open an agency; a lone `Hội`, `ban`,
    `ngành`, `thị trấn` or `Xã hội` does not."""
    capitalised = text[:1].isupper() or text.startswith(("các ", "cơ quan"))  # `ban, ngành` go on an agency
    return (capitalised and bool(AGENCY_OPENING.match(fold(text)))
            and not (text.lower() == "hội" or text.startswith("Xã hội")))


def _pieces(text: str) -> list[tuple[str, str]]:
    """(separator before, piece) at commas, semicolons and line breaks; bullets (`-`, `+`) dropped."""
    parts = re.split(r"(\s*[,;]\s*|\s*\n\s*(?:[-+•]\s*)?)", text.strip(" \n-+•"))
    pieces, separator = [], ", "
    for part in parts:
        if re.fullmatch(r"\s*[,;]\s*|\s*\n\s*(?:[-+•]\s*)?", part):
            separator = f"{part.strip()} " if part.strip() in (",", ";") else " "
        elif part.strip():
            pieces.append((separator, part.strip()))
    return pieces


def _split_on_and(piece: str) -> list[str]:
    """`Sở Tài chính và Bảo hiểm xã hội tỉnh` → two; `Sở Giáo dục và Đào tạo` → one."""
    parts = re.split(r"\s+và\s+", piece)
    merged = [parts[0]]
    for part in parts[1:]:
        if opens_agency(part):
            merged.append(part)
        else:
            merged[-1] = f"{merged[-1]} và {part}"
    return merged


# Where an agency the vocabulary does not know ends: its level or scope word (`Cục Thuế tỉnh`, `... liên quan`).
LEVEL_END = re.compile(r"(?:tỉnh|huyện|thị xã|thành phố|thị trấn|xã|phường|quận|liên quan|Tỉnh ủy|Huyện ủy)$",
                       re.IGNORECASE)
AGENCY_MAX_WORDS = 16
LEADING_MATCH_MIN = 92  # similarity (0–100) of a span to a known agency when no key is equal (OCR damage)


def leading_agencies(text: str) -> tuple[list[str], str]:
    """The agencies a text opens with, as printed and whole, and the text after them (the duty)."""
    words = text.split()
    agencies: list[str] = []
    position = 0
    while position < len(words) and (opens_agency(" ".join(words[position:position + 3]))
                                      or (agencies and _known_at(words, position))):
        end = _agency_end(words, position)
        if end is None:
            break
        agencies.append(" ".join(words[position:end]).strip(" ,;"))
        position = end
        if words[end - 1].endswith((",", ";")):
            continue
        if position + 1 < len(words) and words[position] == "và" and opens_agency(" ".join(words[position + 1:])):
            position += 1
            continue
        break
    return agencies, " ".join(words[position:])


def _agency_end(words: list[str], start: int) -> int | None:
    """Index after the last word of the agency opening at `start`: the longest span the vocabulary knows
    (equal keys), else the longer of the closest span above LEADING_MATCH_MIN and the span up to a level word
    (with no known agency opening inside it) or a comma before the next agency."""
    known = vocabulary()
    best: tuple[float, int] | None = None
    fallback = None
    inner = False  # a known agency opens inside the span: no level word further on ends this one
    for end in range(start + 1, min(len(words), start + AGENCY_MAX_WORDS) + 1):
        span = " ".join(words[start:end]).strip(" ,;.")
        if end > start + 1 and words[end - 2].endswith((".", ":")):
            break  # a sentence ended inside the span
        place = PLACE.match(expand(span))
        if fold(expand(span)) in known or (place and fold(place["body"]) in known and place["place"][:1].isupper()):
            best = (100.0, end)
        elif best is None or best[0] < 100:
            found = lookup(expand(span), LEADING_MATCH_MIN)
            if found and (best is None or found[2] >= best[0]):
                best = (found[2], end)
        if end - 1 > start and _known_at(words, end - 1):
            inner = True  # `các cơ quan, đơn vị tham mưu Ủy ban nhân dân huyện`: another agency starts inside
        if LEVEL_END.search(span) and not inner and (fallback is None or words[fallback - 1].endswith(",")):
            fallback = end  # `Ủy ban nhân dân các phường, xã`: a level word after a comma goes on
        if words[end - 1].endswith((",", ";")) and not _continues(words, end):
            fallback = fallback or (end if end - start >= 2 else None)  # `Phòng Dân tộc, Bảo hiểm ...`
            break
    if best and best[0] == 100:
        return best[1]
    return max(filter(None, (best[1] if best else None, fallback)), default=None)  # `... thành phố` whole


def _known_at(words: list[str], start: int) -> bool:
    """A name the vocabulary knows opens at `start`, though OCR lowered its capital (`liên đoàn Lao động tỉnh`)."""
    return any(fold(expand(" ".join(words[start:end]).strip(" ,;."))) in vocabulary()
               for end in range(start + 2, min(len(words), start + AGENCY_MAX_WORDS) + 1))


def _continues(words: list[str], end: int) -> bool:
    """After a comma, a word that does not open an agency goes on with the one before (`ban, ngành`)."""
    return end < len(words) and not opens_agency(" ".join(words[end:end + 3]))
