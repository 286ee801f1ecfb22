"""A document whose text is not Vietnamese gets a warning naming what it looks like; Vietnamese text does not."""
import csv
from pathlib import Path

import pytest

from kehoach.normalizers.language_check import check_language
from kehoach.records import Page
from tests.bad_inputs import ENGLISH

CORPUS = Path(__file__).resolve().parent.parent / "vocab" / "corpus"
FRENCH = ("Le comité populaire de la province fixe les objectifs de couverture de l'assurance sociale pour l'année. "
          "L'agence provinciale coordonne avec le service du travail et des affaires sociales afin d'étendre la "
          "couverture aux travailleurs du secteur informel. À la fin de l'année, la part de la population active "
          "affiliée devrait atteindre 21,4 pour cent, et l'assurance maladie devrait couvrir 96 pour cent de la "
          "population. Les comités de district rendent compte de leurs résultats chaque trimestre.")


def page_of(text: str, number: int = 1, error: str = "") -> Page:
    return Page(number=number, width=595, height=842, text_source="ocr", words=[], text=text, confidence=0.9,
                error=error)


@pytest.mark.parametrize("text, language, word", [(ENGLISH, "English", "insurance"), (FRENCH, "French", "couverture")])
def test_a_foreign_document_is_flagged_with_its_language_and_commonest_words(text, language, word):
    [issue] = check_language([page_of(text), page_of(text, 2)])
    assert (issue.severity, issue.code) == ("warning", "not_vietnamese")
    assert f"it looks like {language}" in issue.message
    assert word in issue.message.split("commonest other words:")[1]


@pytest.mark.parametrize("path", sorted(CORPUS.glob("*.txt")), ids=lambda path: path.stem)
def test_vietnamese_documents_are_not_flagged(path):
    assert check_language([page_of(path.read_text(encoding="utf-8"))]) == []


def test_a_few_words_are_not_judged_and_failed_pages_are_not_read():
    assert check_language([page_of("Annex 1: list of districts")]) == []
    assert check_language([page_of("", error="Tesseract failed on the page.")]) == []


def test_no_sample_is_flagged(sample_run):
    _, out = sample_run
    with (out / "issues.csv").open(encoding="utf-8-sig", newline="") as handle:
        assert [row for row in csv.DictReader(handle) if row["code"] == "not_vietnamese"] == []
