"""Bad and hard inputs end with their expected status: through the pipeline's stages (no Prefect) for files no
reader can use, and through `kehoach run` for the whole corpus (tests/bad_inputs.py), where each file fails or
reads alone and nothing takes down the batch."""
import csv
import json
import unicodedata
from pathlib import Path

import pytest

from kehoach.cli import main
from kehoach.config import Settings
from kehoach.extractors.pdf_input import identify
from kehoach.pipeline import finish_document, plan_document, read_page
from tests.bad_inputs import LIMIT_ARGS, make_bad_inputs, make_hard_inputs, make_limit_inputs


@pytest.fixture(scope="module")
def bad_folder(tmp_path_factory):
    folder = tmp_path_factory.mktemp("bad")
    return folder, make_bad_inputs(folder)


def read_document(path, settings):
    plan = plan_document(identify(path), settings)
    if plan.error:
        return plan.error, "failed"
    doc = finish_document(plan, [read_page(path, page, settings) for page in plan.pages], str(path))
    return doc.error, doc.status


def test_every_bad_input_fails_with_an_actionable_message(bad_folder):
    folder, cases = bad_folder
    for case in cases:
        message, status = read_document(folder / case.name, Settings())
        assert status == case.status, case.name
        assert case.message in message, (case.name, message)
        assert message.endswith((".", ")")) and len(message) > 30, message


def rows_of(path: Path) -> list[dict]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def run_corpus(folder: Path, out: Path, args: list[str]) -> tuple[int, dict[str, dict], dict[str, set[str]]]:
    """`kehoach run` on the folder: exit code, documents.csv rows by file name, issue codes by doc_id."""
    code = main(["run", str(folder), "--out", str(out), *args])
    documents = {Path(row["source_file"]).name: row for row in rows_of(out / "documents.csv")}
    codes: dict[str, set[str]] = {}
    for row in rows_of(out / "issues.csv"):
        codes.setdefault(row["doc_id"], set()).add(row["code"])
    return code, documents, codes


def assert_each_ended_as_expected(cases, out: Path, documents: dict[str, dict], codes: dict[str, set[str]]):
    assert len(documents) == len(cases)
    for case in cases:
        row = documents[unicodedata.normalize("NFC", case.name)]  # the output is NFC, whatever the file name
        assert row["status"] == case.status, (case.name, row["error"])
        assert case.message in row["error"], (case.name, row["error"])
        if row["status"] != "ok":
            assert row["error"].endswith((".", ")")) and len(row["error"]) > 30, row["error"]
        record = json.loads((out / "docs" / f"{row['doc_id']}.json").read_text(encoding="utf-8"))
        text = " ".join(" ".join(page["text"].split()) for page in record["pages"])
        assert case.text in text, (case.name, text[:300])
        if case.page_reason:
            assert any(case.page_reason in page["triage_reason"] for page in record["pages"]), case.name
        assert ("not_vietnamese" in codes.get(row["doc_id"], set())) == (case.issue == "not_vietnamese"), case.name


def test_every_hard_input_ends_with_its_expected_status_and_the_batch_goes_on(prefect_harness, tmp_path):
    cases = make_hard_inputs(tmp_path / "in") + make_bad_inputs(tmp_path / "in")
    code, documents, codes = run_corpus(tmp_path / "in", tmp_path / "out", [])
    assert code == 1  # some inputs failed
    assert_each_ended_as_expected(cases, tmp_path / "out", documents, codes)
    long_one = json.loads((tmp_path / "out" / "docs" / f"{documents['300 trang.pdf']['doc_id']}.json")
                          .read_text(encoding="utf-8"))
    assert len(long_one["pages"]) == 300
    assert all(page["triage_reason"].startswith("blank page") for page in long_one["pages"][1:])  # none OCR'd


def test_a_document_over_the_page_limit_fails_and_a_page_over_the_time_limit_fails_alone(prefect_harness,
                                                                                          tmp_path):
    cases = make_limit_inputs(tmp_path / "in")
    code, documents, codes = run_corpus(tmp_path / "in", tmp_path / "out", LIMIT_ARGS)
    assert code == 1
    assert_each_ended_as_expected(cases, tmp_path / "out", documents, codes)
    assert "page_failed" in codes[documents["quét chậm.pdf"]["doc_id"]]
