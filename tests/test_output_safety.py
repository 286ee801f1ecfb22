"""The output folder keeps what it holds and leaks nothing: spreadsheet formulas neutralised in the CSVs, records
that cannot be read moved aside, a new version of a file superseding the old one, every write checked."""
from __future__ import annotations

import csv
import io
import json
import os
import time
import unicodedata

import duckdb

from kehoach.records import Document, Task
from kehoach.writer import (
    DATABASE_FILE,
    TableRows,
    csv_text,
    is_done,
    load_records,
    quarantine_unusable,
    rebuild_tables,
    tables_current,
    write_document,
    write_duplicate,
    write_unopenable,
)


def read_csv(path) -> list[dict]:
    with open(path, encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def csv_cells(table: TableRows) -> list[dict]:
    return list(csv.DictReader(io.StringIO(csv_text(table), newline="")))


def test_csv_cells_that_a_spreadsheet_would_run_get_a_leading_apostrophe_and_numbers_stay_numbers():
    hostile = ["=HYPERLINK(\"http://x\",\"bấm\")", "+cmd|' /C calc'!A0", "@SUM(A1:A9)", "-2+3", "\tA1", "\r=1"]
    harmless = ["-3.5", "+84", "-12", "97.50", "Ủy ban nhân dân", "a-b"]
    rows = [{"text": value, "value": -2.5} for value in hostile + harmless]
    cells = csv_cells(TableRows("t", ["text", "value"], rows))
    assert [cell["text"] for cell in cells[:len(hostile)]] == ["'" + value for value in hostile]
    assert [cell["text"] for cell in cells[len(hostile):]] == harmless
    assert all(cell["value"] == "-2.5" for cell in cells)  # a negative number is a number, not a formula


# The store: docs/<doc_id>.json


def fake_document(doc_id: str, source_file: str, task: str = "Tuyên truyền") -> Document:
    return Document(doc_id=doc_id, source_file=source_file, sha256=doc_id * 5 + doc_id[:4], status="ok",
                    tasks=[Task("I", "", "", "1", task, "Bảo hiểm xã hội tỉnh", "BHXH tỉnh", [], "", "", False, 1)])


def test_a_foreign_or_damaged_record_is_moved_to_quarantine_and_the_rest_still_build(tmp_path):
    write_document(tmp_path, fake_document("aaaaaaaaaaaa", "/in/a.pdf"), "v1")
    docs = tmp_path / "docs"
    (docs / "bbbbbbbbbbbb.json").write_text('{"hello": "world"}', encoding="utf-8")  # foreign: no KeyError
    (docs / "cccccccccccc.json").write_bytes(b'{"doc_id": "cccc')  # cut off
    moved = quarantine_unusable(tmp_path)
    assert sorted(record.doc_id for record in moved) == ["bbbbbbbbbbbb", "cccccccccccc"]
    assert all("moved to docs/.quarantine/" in record.message for record in moved)
    assert sorted(path.name for path in (docs / ".quarantine").iterdir()) == ["bbbbbbbbbbbb.json",
                                                                             "cccccccccccc.json"]
    rebuild_tables(tmp_path)
    assert [row["doc_id"] for row in read_csv(tmp_path / "documents.csv")] == ["aaaaaaaaaaaa"]


def test_a_new_version_at_the_same_path_supersedes_the_old_record_which_stays_out_of_the_tables(tmp_path):
    write_document(tmp_path, fake_document("aaaaaaaaaaaa", "/in/plan.pdf", "cũ"), "v1")
    time.sleep(0.01)
    write_document(tmp_path, fake_document("bbbbbbbbbbbb", "/in/plan.pdf", "mới"), "v1")
    write_document(tmp_path, fake_document("cccccccccccc", "/in/other.pdf"), "v1")
    rebuild_tables(tmp_path)
    assert sorted(row["doc_id"] for row in read_csv(tmp_path / "documents.csv")) == ["bbbbbbbbbbbb", "cccccccccccc"]
    assert "cũ" not in {row["task"] for row in read_csv(tmp_path / "tasks.csv")}
    old = json.loads((tmp_path / "docs" / "aaaaaaaaaaaa.json").read_text(encoding="utf-8"))
    assert old["superseded_by"] == "bbbbbbbbbbbb"
    assert not is_done(tmp_path, "aaaaaaaaaaaa", "v1")  # named again, the old version is read again
    assert tables_current(tmp_path)  # the rewrite of the old record is in the stamp


def test_a_second_copy_gets_its_own_documents_row_naming_the_first_and_no_rows_twice(tmp_path):
    write_document(tmp_path, fake_document("aaaaaaaaaaaa", "/in/a.pdf"), "v1")
    write_duplicate(tmp_path, "/in/copy of a.pdf", "a" * 64, "aaaaaaaaaaaa", "v1")
    rebuild_tables(tmp_path)
    documents = read_csv(tmp_path / "documents.csv")
    assert [(row["source_file"], row["status"], row["duplicate_of"], row["n_tasks"]) for row in documents] == [
        ("/in/a.pdf", "ok", "", "1"), ("/in/copy of a.pdf", "ok", "aaaaaaaaaaaa", "0")]
    assert len(read_csv(tmp_path / "tasks.csv")) == 1
    with duckdb.connect(str(tmp_path / DATABASE_FILE), read_only=True) as db:
        assert db.execute("SELECT count(*) FROM documents").fetchone()[0] == 2


def test_file_names_are_kept_as_on_disk_decomposed_or_not_utf8(tmp_path):
    nfd = unicodedata.normalize("NFD", "/in/Kế hoạch.pdf")
    not_utf8 = os.fsdecode(b"/in/k\xe9 ho\xb9ch.pdf")
    write_document(tmp_path, fake_document("aaaaaaaaaaaa", nfd), "v1")
    write_unopenable(tmp_path, not_utf8, "No such file: check the path, or copy the file again.", "v1")
    rebuild_tables(tmp_path)
    names = {row["source_file"] for row in read_csv(tmp_path / "documents.csv")}
    assert names == {nfd, "/in/k\\xe9 ho\\xb9ch.pdf"}
    stored = {record["source_file"] for record in load_records(tmp_path)}
    assert os.fsencode(not_utf8) in {os.fsencode(name) for name in stored}  # byte for byte in the store
