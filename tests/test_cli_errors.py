"""The command's own faults end with a sentence and the exit code CONTRACT.md promises, never a traceback:
2 for a wrong command line or input that cannot be taken, 3 when the outputs cannot be written."""
from __future__ import annotations

import resource
import signal
import subprocess
import sys
from pathlib import Path

from kehoach.cli import main
from kehoach.records import Document
from kehoach.writer import DATABASE_FILE, TABLES_STAMP, rebuild_tables, tables_current, write_document

SAMPLES = Path(__file__).resolve().parent.parent / "samples"

NOT_UTF8 = "kế hoạch".encode("cp1258", errors="replace") + b"\xff\n"


def test_restore_refuses_a_file_that_is_not_utf8_with_a_sentence_and_exit_2(tmp_path, capsys):
    path = tmp_path / "cp1258.txt"
    path.write_bytes(NOT_UTF8)
    assert main(["restore", str(path)]) == 2
    assert "is not UTF-8 text" in capsys.readouterr().err


def test_restore_of_a_missing_file_or_a_folder_exits_2_with_a_sentence(tmp_path, capsys):
    assert main(["restore", str(tmp_path / "none.txt")]) == 2
    assert "No such file" in capsys.readouterr().err
    assert main(["restore", str(tmp_path)]) == 2
    assert "is a folder" in capsys.readouterr().err


def test_restore_refuses_standard_input_that_is_not_utf8_instead_of_writing_replacement_characters():
    result = subprocess.run([sys.executable, "-m", "kehoach.cli", "restore"], input=NOT_UTF8, capture_output=True,
                            timeout=120)
    assert result.returncode == 2 and result.stdout == b""
    assert b"standard input is not UTF-8 text" in result.stderr and b"Traceback" not in result.stderr


def test_an_output_folder_that_is_a_file_exits_3_before_anything_is_read(tmp_path, capsys):
    (tmp_path / "out").write_text("not a folder", encoding="utf-8")
    assert main(["run", str(SAMPLES / "giolinh_2025_prose.pdf"), "--out", str(tmp_path / "out")]) == 3
    assert "is a file, not a folder" in capsys.readouterr().err


def test_a_database_the_disk_cannot_take_whole_fails_the_run_with_exit_3_and_the_old_outputs_stay(tmp_path):
    out = tmp_path / "out"
    write_document(out, Document(doc_id="aaaaaaaaaaaa", source_file="/in/a.pdf", sha256="a" * 64, status="ok"), "v1")
    rebuild_tables(out)
    database = (out / DATABASE_FILE).read_bytes()
    # A run whose files may not grow past 100 kB, as on a nearly full disk: the CSVs fit, the database does not,
    # and DuckDB's failed checkpoint at close raises nothing.
    result = subprocess.run(
        [sys.executable, "-m", "kehoach.cli", "run", str(tmp_path / "gone.pdf"), "--out", str(out)],
        capture_output=True, text=True, timeout=120, preexec_fn=small_files)
    assert result.returncode == 3, result.stderr
    assert "lost rows while it was written" in result.stderr and "Traceback" not in result.stderr
    assert (out / DATABASE_FILE).read_bytes() == database  # the old database kept whole
    assert not (out / TABLES_STAMP).exists() and not tables_current(out)  # no stamp: the next run rebuilds
    assert [path.name for path in out.rglob(".*")] == []


def small_files() -> None:
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (100_000, 100_000))


def test_a_reader_that_stops_early_ends_compare_quietly():
    """`kehoach compare DIR | head -1`: the pipe closed after one line is the reader's choice, not a fault: exit
    0, no traceback."""
    run = Path(__file__).resolve().parent / "fixtures" / "compare_run"
    command = [sys.executable, "-m", "kehoach", "compare", str(run), "--format", "csv"]
    with subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE) as compare:
        compare.stdout.readline()
        compare.stdout.close()  # as `head -1` does once it has its line
        _, stderr = compare.communicate(timeout=120)
    assert compare.returncode == 0 and b"Traceback" not in stderr, stderr.decode()
