"""`kehoach run` end to end on the samples and on bad inputs, through the Prefect flow (one harness a session).

The samples are read once for the session (`sample_run` in conftest.py); each test checks one promise of the contract against the
samples' ground truth.
"""
from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

import pytest

from kehoach.cli import main
from tests.bad_inputs import make_bad_inputs

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
TRUTHS = {path.name.removesuffix(".truth.json"): json.loads(path.read_text(encoding="utf-8"))
          for path in sorted(SAMPLES.glob("*.truth.json"))}
META_FIELDS = ["doc_type", "plan_number", "issue_date", "province", "district", "period_start", "period_end"]


def read_csv(path: Path) -> list[dict]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture(scope="module")
def documents(sample_run):
    _, out = sample_run
    return {Path(row["source_file"]).name.removesuffix(".pdf"): row for row in read_csv(out / "documents.csv")}


def test_every_sample_is_read_and_exit_code_is_zero(sample_run, documents):
    code, out = sample_run
    assert code == 0
    assert set(documents) == set(TRUTHS)
    assert all(row["status"] == "ok" for row in documents.values()), documents
    for name in ["documents.csv", "targets.csv", "tasks.csv", "issues.csv"]:
        assert (out / name).exists()
    for row in documents.values():
        assert (out / "docs" / f"{row['doc_id']}.json").exists()


@pytest.mark.parametrize("name", sorted(TRUTHS))
def test_triage_picks_the_expected_text_source(documents, sample_run, name):
    _, out = sample_run
    record = json.loads((out / "docs" / f"{documents[name]['doc_id']}.json").read_text(encoding="utf-8"))
    expected = TRUTHS[name]["expected_text_source"]
    assert [page["text_source"] for page in record["pages"]] == [expected] * len(record["pages"])


@pytest.mark.parametrize("name", sorted(TRUTHS))
def test_metadata_matches_ground_truth(documents, name):
    truth, row = TRUTHS[name], documents[name]
    assert {field: row[field] for field in META_FIELDS} == {field: str(truth[field]) for field in META_FIELDS}


def test_rerun_skips_every_document_and_duplicates_no_row(sample_run, documents):
    _, out = sample_run
    before = {name: read_csv(out / name) for name in ["documents.csv", "targets.csv", "tasks.csv", "issues.csv"]}
    assert main(["run", str(SAMPLES), "--out", str(out)]) == 0
    after = {name: read_csv(out / name) for name in before}
    assert [row["doc_id"] for row in after["documents.csv"]] == [row["doc_id"] for row in before["documents.csv"]]
    assert {name: len(rows) for name, rows in after.items()} == {name: len(rows) for name, rows in before.items()}


def test_bad_inputs_fail_alone_and_the_batch_goes_on(prefect_harness, tmp_path):
    cases = make_bad_inputs(tmp_path / "in")
    good = min(SAMPLES.glob("*born_digital*.pdf"))
    shutil.copy(good, tmp_path / "in" / "good copy.pdf")
    code = main(["run", str(tmp_path / "in"), "--out", str(tmp_path / "out")])
    assert code == 1
    rows = {Path(row["source_file"]).name: row for row in read_csv(tmp_path / "out" / "documents.csv")}
    assert rows["good copy.pdf"]["status"] == "ok"
    for case in cases:
        assert rows[case.name]["status"] == case.status
        assert case.message in rows[case.name]["error"]


def test_a_missing_input_gets_a_failed_row_instead_of_stopping_the_batch(tmp_path):
    assert main(["run", str(tmp_path / "nothing-here"), "--out", str(tmp_path / "out")]) == 1
    [row] = read_csv(tmp_path / "out" / "documents.csv")
    assert row["status"] == "failed" and "No such file" in row["error"]


def test_a_folder_without_pdfs_is_a_usage_error(tmp_path):
    assert main(["run", str(tmp_path), "--out", str(tmp_path / "out")]) == 2


def test_compare_lists_each_area_by_year(sample_run, capsys):
    _, out = sample_run
    assert main(["compare", str(out), "--indicator", "bhyt_rate"]) == 0
    shown = capsys.readouterr().out
    assert "Thị trấn Hồ Xá" in shown and "2025" in shown
    assert "Huyện Đắk Glei" not in shown  # only what the samples hold
