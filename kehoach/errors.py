"""Typed errors a person can act on.

Each error carries a message that says what is wrong with the input and what to do about it. The flow turns
the errors of one document into `failed` (whole document) or `partial` (some pages) rows; nothing else catches
broad exceptions. The errors of the run as a whole end it with their exit code (CONTRACT.md): 0 every document
read, 1 some failed, 2 bad usage (or the output folder in use by another run), 3 the outputs could not be
written (the previous ones are left intact), 130 interrupted (SIGINT, Ctrl-C), 143 terminated (SIGTERM).
"""
from __future__ import annotations


class KehoachError(Exception):
    """Base of the errors the pipeline reports in documents.csv instead of crashing."""

    exit_code = 1


class InputError(KehoachError):
    """The file cannot be read as a PDF: not a PDF, empty, truncated, encrypted, or without pages."""


class LimitExceeded(KehoachError):
    """The input is readable but larger than the configured limits (pixels per page, pages per document)."""


class OcrError(KehoachError):
    """Tesseract failed or timed out on a page."""


class PageTimeout(OcrError):
    """Tesseract did not finish a page within the page time limit: trying again would only double the wait."""


class UsageError(KehoachError):
    """The command line was wrong."""

    exit_code = 2


class OutputError(KehoachError):
    """The output folder or a file in it could not be written (read-only, a file in its place, no space left);
    whatever it held before is intact."""

    exit_code = 3


class Interrupted(KehoachError):
    """The run was stopped by a signal; the documents finished before it are in the outputs."""

    def __init__(self, signal_number: int) -> None:
        super().__init__(f"Stopped by signal {signal_number}: the documents finished before it are in the "
                         "outputs; run the same command again to read the rest.")
        self.exit_code = 128 + signal_number
