"""The command's own faults end with a sentence and the exit code CONTRACT.md promises, never a traceback:
2 for a wrong command line or input that cannot be taken, 3 when the outputs cannot be written."""
from __future__ import annotations

import subprocess
import sys

from kehoach.cli import main

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
