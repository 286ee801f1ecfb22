"""Make the bad inputs an archive really receives, each with the status and message fragment expected.

Used by the ingest tests and the end-to-end run; every file is made fresh in a temporary folder.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pikepdf


@dataclass(frozen=True)
class BadInput:
    name: str
    status: str
    message: str  # a fragment the error message must contain


def one_page_pdf(path: Path, width: float = 595, height: float = 842) -> Path:
    pdf = pikepdf.new()
    pdf.add_blank_page(page_size=(width, height))
    pdf.save(path, deterministic_id=True)
    return path


def make_bad_inputs(folder: Path) -> list[BadInput]:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "empty.pdf").write_bytes(b"")
    (folder / "notes.pdf").write_text("Danh sách đơn vị tham gia BHXH\n", encoding="utf-8")
    (folder / "photo.pdf").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(200))
    whole = one_page_pdf(folder / "whole.tmp").read_bytes()
    (folder / "truncated.pdf").write_bytes(whole[: len(whole) // 2])
    (folder / "whole.tmp").unlink()
    source = pikepdf.new()
    source.add_blank_page()
    source.save(folder / "encrypted.pdf", encryption=pikepdf.Encryption(user="mật khẩu", owner="chủ", R=6))
    empty = pikepdf.new()
    empty.save(folder / "no pages.pdf")
    one_page_pdf(folder / "huge page.pdf", width=14400, height=14400)  # 200 × 200 inches
    return [
        BadInput("empty.pdf", "failed", "empty (0 bytes)"),
        BadInput("notes.pdf", "failed", "not a PDF"),
        BadInput("photo.pdf", "failed", "PNG image"),
        BadInput("truncated.pdf", "failed", "cut off"),
        BadInput("encrypted.pdf", "failed", "encrypted with a password"),
        BadInput("no pages.pdf", "failed", "no pages"),
        BadInput("huge page.pdf", "failed", "exhaust memory"),
    ]
