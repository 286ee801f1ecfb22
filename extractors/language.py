"""The spaCy pipeline the extractors read prose with: syllable tokens and the plan vocabulary as entities.

A Vietnamese (`vi`) pipeline. Vietnamese is written syllable by syllable with spaces, so its tokenizer here
is spaCy's rule-based one with the multi-language punctuation rules: syllable tokens with punctuation split
off (`23,12%` → `23,12` `%`); word segmentation (pyvi) is not needed to match the fixed phrases plans use.
A first component sets each token's NORM to its folded form (kehoach.text_folding: `Đăk` and `Đắk` both
`dak`), so names match whatever the local spelling or a lost mark. An EntityRuler then marks:
  INDICATOR  insurance schemes (id = the targets.csv indicator name: `bhxh_voluntary_rate`, ...)
  BASE       what a rate is measured against (id = `labor_force` | `population`)
  PERCENT    a number followed by `%`
  COUNT      a number followed by `người` (a head count)
  YEAR       `năm 2024` / `Năm 2024`
  AREA       a province, district or commune of the gazetteer named with its type word (`huyện Đăk Hà`),
             or a province by its name alone (id = the official name, `Huyện Đắk Hà`; the text keeps the
             printed spelling, the gazetteer resolves the code in the document's context)
  AGENCY     an agency of vocab/data/agencies.csv by its canonical name or a listed variant (id = canonical)
Longer phrases win over shorter ones (`BHXH tự nguyện` over `BHXH`, `Bảo hiểm xã hội tỉnh` over `bảo hiểm
xã hội`).
"""
from __future__ import annotations

from functools import lru_cache

import spacy
from spacy.lang.xx import MultiLanguage
from spacy.language import Language
from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc
from spacy.util import compile_infix_regex, compile_prefix_regex, compile_suffix_regex

from kehoach.normalizers.agencies import agency_list, printed_forms
from kehoach.text_folding import fold
from kehoach.vocab.gazetteer import load_gazetteer, split_type

INDICATOR_PHRASES = {
    "bhxh_voluntary_rate": ["BHXH tự nguyện", "bảo hiểm xã hội tự nguyện"],
    "bhxh_compulsory_rate": ["BHXH bắt buộc", "bảo hiểm xã hội bắt buộc"],
    "bhxh_rate": ["BHXH", "bảo hiểm xã hội"],
    "bhtn_rate": ["BHTN", "bảo hiểm thất nghiệp"],
    "bhyt_rate": ["BHYT", "bảo hiểm y tế"],
}
LOSSY_PHRASE = 4  # syllables from which a phrase may lose one inner syllable to OCR
BASE_PHRASES = {
    "labor_force": ["lực lượng lao động", "LLLĐ"],
    "population": ["dân số"],
}


def _phrase(text: str) -> list[dict]:
    return [{"LOWER": syllable.lower()} for syllable in text.split()]


def _patterns() -> list[dict]:
    patterns = [
        {"label": label, "id": key, "pattern": _phrase(text)}
        for label, table in (("INDICATOR", INDICATOR_PHRASES), ("BASE", BASE_PHRASES))
        for key, texts in table.items()
        for text in texts
    ]
    # A base named in four syllables or more keeps its sense with one inner syllable lost or misread by OCR
    # (`lực ¬ lao động`, `lực lao động`): any one token, or none, may stand there.
    patterns += [
        {"label": "BASE", "id": key, "pattern": [*_phrase(text)[:index], {"OP": "?"}, *_phrase(text)[index + 1:]]}
        for key, texts in BASE_PHRASES.items() for text in texts if len(text.split()) >= LOSSY_PHRASE
        for index in range(1, len(text.split()) - 1)
    ]
    number = {"TEXT": {"REGEX": r"^\d{1,3}(?:[.,]\d+)*$"}}
    patterns += [
        {"label": "PERCENT", "pattern": [number, {"ORTH": "%"}]},
        {"label": "COUNT", "pattern": [number, {"LOWER": "người"}]},
        {"label": "YEAR", "pattern": [{"LOWER": "năm"}, {"TEXT": {"REGEX": r"^(19|20)\d\d$"}}]},
    ]
    return patterns


def _name_patterns() -> list[dict]:
    """Phrase patterns for areas and agencies, one per form (forms that fold alike are matched alike)."""
    patterns = []
    for area in load_gazetteer().areas:
        _, _, bare = split_type(area.name)
        forms = [area.name] + ([bare] if area.level == "province" and len(bare.split()) > 1 else [])
        patterns += [{"label": "AREA", "id": area.name, "pattern": form} for form in forms]
    for agency in agency_list():
        forms = printed_forms(agency.canonical, list(agency.variants))
        patterns += [{"label": "AGENCY", "id": agency.canonical, "pattern": form} for form in sorted(forms)]
    unique: dict[str, dict] = {}
    for pattern in patterns:
        unique.setdefault(fold(pattern["pattern"]), pattern)
    return list(unique.values())


@Language.component("kehoach_fold_norm")
def fold_norm(doc: Doc) -> Doc:
    for token in doc:
        token.norm_ = fold(token.text) or token.lower_
    return doc


def syllable_tokenizer(nlp: Language) -> Tokenizer:
    defaults = MultiLanguage.Defaults
    return Tokenizer(nlp.vocab, rules={}, prefix_search=compile_prefix_regex(defaults.prefixes).search,
                     suffix_search=compile_suffix_regex(defaults.suffixes).search,
                     infix_finditer=compile_infix_regex(defaults.infixes).finditer)


@lru_cache(maxsize=1)
def load_nlp() -> Language:
    nlp = spacy.blank("vi", config={"nlp": {"tokenizer": {"use_pyvi": False}}})
    nlp.tokenizer = syllable_tokenizer(nlp)
    nlp.add_pipe("kehoach_fold_norm")
    ruler = nlp.add_pipe("entity_ruler", config={"phrase_matcher_attr": "NORM", "overwrite_ents": True})
    ruler.add_patterns(_patterns() + _name_patterns())
    return nlp
