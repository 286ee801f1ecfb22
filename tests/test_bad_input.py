"""Bad and hard inputs end with their expected status: through the pipeline's stages (no Prefect) for files no
reader can use, and through `kehoach run` for the whole corpus (tests/bad_inputs.py), where each file fails or
reads alone and nothing takes down the batch."""
import csv
import json
import subprocess
import sys
from pathlib import Path

import pytest

from kehoach.cli import main
from kehoach.config import Settings
from kehoach.extractors.pdf_input import identify
from kehoach.pipeline import finish_document, plan_document, read_page
import duckdb

from kehoach.writer import DATABASE_FILE, TABLE_COLUMNS
from tests.bad_inputs import (
    COPY_NAME,
    LIMIT_ARGS,
    born_digital,
    make_bad_inputs,
    make_hard_inputs,
    make_hostile_pdfs,
    make_limit_inputs,
    make_vanishing_inputs,
)


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


READ_EACH = """
import json, resource, sys
from pathlib import Path
from kehoach.config import Settings
from tests.test_bad_input import read_document
results = [read_document(Path(name), Settings()) for name in sys.argv[1:]]
print(json.dumps({"results": results, "peak_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}))
"""


def test_hostile_pdfs_are_refused_before_anything_draws_them_in_little_memory(tmp_path):
    cases = make_hostile_pdfs(tmp_path)
    result = subprocess.run([sys.executable, "-c", READ_EACH, *(str(tmp_path / case.name) for case in cases)],
                            capture_output=True, text=True, timeout=300, cwd=Path(__file__).resolve().parent.parent)
    assert result.returncode == 0, result.stderr[-2000:]
    read = json.loads(result.stdout)
    assert read["peak_kb"] < 1_500_000  # the reader's peak memory: nothing was decoded or drawn
    for case, (message, status) in zip(cases, read["results"]):
        assert status == case.status and case.message in message, (case.name, message)


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
        row = documents[case.name]  # the file name as on disk, decomposed (NFD) or not
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


def assert_database_matches_the_csvs(out: Path) -> None:
    with duckdb.connect(str(out / DATABASE_FILE), read_only=True) as db:
        for name in TABLE_COLUMNS:
            assert db.execute(f"SELECT count(*) FROM {name}").fetchone()[0] == len(rows_of(out / f"{name}.csv"))


def test_every_input_named_gets_one_row_and_a_new_version_supersedes_the_old(prefect_harness, tmp_path):
    folder, out = tmp_path / "in", tmp_path / "out"
    cases = make_vanishing_inputs(folder)
    (out / "docs").mkdir(parents=True)
    (out / "docs" / "0123456789ab.json").write_text('{"note": "not a record"}', encoding="utf-8")
    missing = tmp_path / "nowhere.pdf"
    code = main(["run", str(folder), str(missing), "--out", str(out)])
    assert code == 1  # some inputs failed, and the batch went on
    documents = {Path(row["source_file"]).name: row for row in rows_of(out / "documents.csv")}
    assert sorted(documents) == sorted([case.name for case in cases] + [missing.name])  # names as on disk
    for case in cases:
        assert documents[case.name]["status"] == case.status and case.message in documents[case.name]["error"]
    assert "No such file" in documents[missing.name]["error"]
    first = documents["kế hoạch.pdf"]
    assert documents[COPY_NAME]["duplicate_of"] == first["doc_id"] and documents[COPY_NAME]["n_targets"] == "0"
    assert (out / "docs" / ".quarantine" / "0123456789ab.json").exists()
    assert_database_matches_the_csvs(out)

    born_digital(folder / "kế hoạch.pdf", "32/KH-UBND")  # a new version at the same path
    assert main(["run", str(folder / "kế hoạch.pdf"), "--out", str(out)]) == 0
    documents = rows_of(out / "documents.csv")
    current = [row for row in documents if Path(row["source_file"]).name == "kế hoạch.pdf"]
    assert len(current) == 1 and current[0]["doc_id"] != first["doc_id"]
    old = json.loads((out / "docs" / f"{first['doc_id']}.json").read_text(encoding="utf-8"))
    assert old["superseded_by"] == current[0]["doc_id"]
    assert_database_matches_the_csvs(out)
