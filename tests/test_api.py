"""The Python API (`kehoach.read_pdf`, `kehoach.run`, `Document.to_dict`), the version and `python -m kehoach`,
and the runnable example the README quotes (docs/api_example.py)."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

import kehoach
from kehoach.api import RunSummary, with_options
from kehoach.config import Settings
from kehoach.errors import InputError, UsageError
from kehoach.records import Document, DocumentMeta, Issue, Target
from kehoach.writer import document_schema

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "samples" / "giolinh_2025_prose.pdf"


def test_version_is_the_installed_package_version():
    from importlib.metadata import version

    assert kehoach.__version__ == version("kehoach")


@pytest.mark.parametrize("command", [[sys.executable, "-m", "kehoach"], [str(Path(sys.executable).parent / "kehoach")]])
def test_version_option_prints_the_version(command):
    result = subprocess.run([*command, "--version"], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0
    assert result.stdout.strip() == f"kehoach {kehoach.__version__}"


def test_python_dash_m_kehoach_is_the_command_line():
    result = subprocess.run([sys.executable, "-m", "kehoach", "run"], capture_output=True, text=True, timeout=60)
    assert result.returncode == 2  # argparse: INPUT missing
    assert "INPUT" in result.stderr


def test_import_kehoach_loads_no_pipeline_until_asked():
    code = ("import sys, kehoach; heavy = {'kehoach.pipeline', 'cv2', 'prefect'} & set(sys.modules); "
            "assert not heavy, heavy; kehoach.read_pdf; assert 'kehoach.api' in sys.modules")
    subprocess.run([sys.executable, "-c", code], check=True, timeout=60)


def test_document_to_dict_is_valid_against_the_published_schema():
    doc = Document(doc_id="0123456789ab", source_file="a.pdf", sha256="0" * 64, status="ok",
                   meta=DocumentMeta(doc_type="Kế hoạch", plan_number="12/KH-UBND", issue_date="2024-03-01"),
                   targets=[Target("Tỉnh Gia Lai", "TOÀN TỈNH", "province", "52", "Tỉnh Gia Lai", "bhyt_rate",
                                   2024, 95.5, page=3, total_row=True)],
                   issues=[Issue("warning", "doc_type_unknown", "Document type not recognised.", 1)])
    record = doc.to_dict()
    Draft202012Validator(document_schema()).validate(json.loads(json.dumps(record)))
    assert record["targets"][0]["total_row"] is True
    assert record["pipeline"].startswith(kehoach.__version__)


def test_schema_has_an_id_and_a_version():
    schema = document_schema()
    assert schema["$id"].endswith(schema["schema_version"])
    Draft202012Validator.check_schema(schema)


def test_read_pdf_raises_input_error_on_a_file_that_is_not_a_pdf(tmp_path):
    not_pdf = tmp_path / "letter.pdf"
    not_pdf.write_text("Kính gửi: not a PDF at all", encoding="utf-8")
    with pytest.raises(InputError):
        kehoach.read_pdf(not_pdf)
    with pytest.raises(InputError):
        kehoach.read_pdf(tmp_path / "missing.pdf")


def test_run_options_are_the_command_lines_over_the_settings():
    settings = with_options(Settings(lang="en"), workers=3, dpi=200, max_pages=5, lang="vi")
    assert (settings.workers, settings.ocr.dpi, settings.limits.max_pages, settings.lang) == (3, 200, 5, "vi")
    assert with_options(settings, dask_address="tcp://h:8786").runner == "dask"
    assert with_options(settings) == settings  # options left at zero keep the settings


def test_run_summary_exit_code_is_one_when_a_document_failed(tmp_path):
    ok = Document(doc_id="a" * 12, source_file="a.pdf", sha256="0" * 64, status="ok")
    failed = Document(doc_id="b" * 12, source_file="b.pdf", sha256="1" * 64, status="failed")
    assert RunSummary(tmp_path, [ok]).exit_code == 0
    assert RunSummary(tmp_path, [ok, failed]).exit_code == 1


def test_run_without_pdfs_is_a_usage_error(tmp_path):
    with pytest.raises(UsageError):
        kehoach.run([tmp_path], tmp_path / "out")


@pytest.mark.e2e
def test_api_example_reads_a_sample_and_runs_the_batch(tmp_path):
    """The README's example, as a user runs it: one sample read in process, then the same file through the flow."""
    result = subprocess.run([sys.executable, str(ROOT / "docs" / "api_example.py"), str(SAMPLE), str(tmp_path)],
                            capture_output=True, text=True, timeout=600, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    truth = json.loads(SAMPLE.with_suffix(".truth.json").read_text(encoding="utf-8"))
    assert truth["plan_number"] in result.stdout.splitlines()[0]
    assert "bhyt_rate" in result.stdout or "bhxh" in result.stdout
    assert (tmp_path / "documents.csv").exists() and len(list((tmp_path / "docs").glob("*.json"))) == 1
