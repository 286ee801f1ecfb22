"""Typed errors a person can act on.

Each error carries a message that says what is wrong with the input and what to do about it. The flow turns
them into `failed` (whole document) or `partial` (some pages) rows; nothing else catches broad exceptions.
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
