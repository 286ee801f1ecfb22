"""The spaCy pipeline the extractors read prose with: syllable tokens and the plan vocabulary as entities.

Vietnamese is written syllable by syllable with spaces, so spaCy's multi-language tokenizer gives syllable
tokens with punctuation split off (`23,12%` → `23,12` `%`); word segmentation (pyvi) is not needed to match
the fixed phrases plans use. An EntityRuler marks:
  INDICATOR  insurance schemes (id = the targets.csv indicator name: `bhxh_voluntary_rate`, ...)
  BASE       what a rate is measured against (id = `labor_force` | `population`)
  PERCENT    a number followed by `%`
  COUNT      a number followed by `người` (a head count)
  YEAR       `năm 2024` / `Năm 2024`
Longer phrases win over shorter ones (`BHXH tự nguyện` over `BHXH`).
"""
from __future__ import annotations

from functools import lru_cache

import spacy
from spacy.language import Language

INDICATOR_PHRASES = {
    "bhxh_voluntary_rate": ["BHXH tự nguyện", "bảo hiểm xã hội tự nguyện"],
    "bhxh_compulsory_rate": ["BHXH bắt buộc", "bảo hiểm xã hội bắt buộc"],
    "bhxh_rate": ["BHXH", "bảo hiểm xã hội"],
    "bhtn_rate": ["BHTN", "bảo hiểm thất nghiệp"],
    "bhyt_rate": ["BHYT", "bảo hiểm y tế"],
}
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
    number = {"TEXT": {"REGEX": r"^\d{1,3}(?:[.,]\d+)*$"}}
    patterns += [
        {"label": "PERCENT", "pattern": [number, {"ORTH": "%"}]},
        {"label": "COUNT", "pattern": [number, {"LOWER": "người"}]},
        {"label": "YEAR", "pattern": [{"LOWER": "năm"}, {"TEXT": {"REGEX": r"^(19|20)\d\d$"}}]},
    ]
    return patterns


@lru_cache(maxsize=1)
def load_nlp() -> Language:
    nlp = spacy.blank("xx")
    ruler = nlp.add_pipe("entity_ruler", config={"phrase_matcher_attr": "LOWER", "overwrite_ents": True})
    ruler.add_patterns(_patterns())
    return nlp
