"""Flag a document whose text is not Vietnamese: an English or French letter filed among the plans.

Takes a document's pages as read, before restoration (restoration makes Vietnamese words of foreign ones:
`The` → `Thể`, `de` → `để`); gives a warning `Issue` naming what the text looks like, or nothing. The document
is still read (status stays `ok`): the flag tells a person its targets and tasks cannot be trusted.

The signal is the share of alphabetic words that Vietnamese spelling allows (`normalizers/syllables.py`),
over the whole document. Measured on the samples' pages as read (OCR or text layer, before restoration):
0.91–0.99 per document, 0.60 on the worst page (a table of names and abbreviations); 0.25 on the English letter
of `tests/bad_inputs.py` (as written, and as OCR'd) and 0.28 on the French page of `tests/test_language_check.py`,
since most of their words break Vietnamese onset or rhyme rules (`plan`, `health`, `les`). The threshold sits
between the two.
"""
from __future__ import annotations

import string
from collections import Counter

from kehoach.normalizers.syllables import is_syllable
from kehoach.records import Issue, Page

MIN_VIETNAMESE_SHARE = 0.6
MIN_WORDS = 50  # fewer words (a cover page, a signature) say too little to judge
_EDGE_PUNCTUATION = string.punctuation + "“”‘’«»–—…"
# The commonest words of the languages a Vietnamese archive holds beside Vietnamese, to name what was found.
FUNCTION_WORDS = {
    "English": frozenset("the and of to in for is are be with by that this shall should from".split()),
    "French": frozenset("le la les de des du et pour au aux une est dans par sur avec".split()),
}


def alphabetic_words(pages: list[Page]) -> list[str]:
    """Words of letters only (numbers, codes like `QĐ-UBND` and amounts left out), lower case."""
    words = (token.strip(_EDGE_PUNCTUATION).lower() for page in pages if not page.error for token in page.text.split())
    return [word for word in words if word.isalpha()]


def language_guess(words: list[str]) -> str:
    hits = {language: sum(word in common for word in words) for language, common in FUNCTION_WORDS.items()}
    language, count = max(hits.items(), key=lambda item: item[1])
    return language if count >= 3 else "another language"


def check_language(pages: list[Page]) -> list[Issue]:
    words = alphabetic_words(pages)
    if len(words) < MIN_WORDS:
        return []
    foreign = [word for word in words if not is_syllable(word)]
    share = 1 - len(foreign) / len(words)
    if share >= MIN_VIETNAMESE_SHARE:
        return []
    commonest = ", ".join(word for word, _ in Counter(foreign).most_common(5))
    return [Issue(
        "warning", "not_vietnamese",
        f"The text is not Vietnamese (it looks like {language_guess(words)}): {share:.0%} of its {len(words)} words "
        f"are Vietnamese syllables (Vietnamese documents: over 90%); commonest other words: {commonest}. Check that "
        "the file belongs in this batch; its targets and tasks are not read reliably.",
    )]
