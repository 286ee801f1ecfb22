"""Assemble page images into a scanned PDF, optionally with an English-model OCR text layer.

Takes 8-bit grey page images and their dpi; writes a PDF whose pages are sized from the images (so a
non-A4 scan stays non-A4), grey images Flate-compressed and bitonal ones as 1-bit images. The legacy layer
is what an archive's old OCR left: Tesseract's `eng` model, as an invisible text-only page laid over the
image. pikepdf writes with a deterministic id and no dates, so the same images give the same bytes.
"""
from __future__ import annotations

import os
import subprocess
import tempfile
import zlib
from pathlib import Path

import cv2
import numpy as np
import pikepdf

POINTS_PER_INCH = 72.0


def _image_stream(pdf: pikepdf.Pdf, image: np.ndarray) -> pikepdf.Stream:
    height, width = image.shape
    if set(np.unique(image)) <= {0, 255}:
        data, bits = np.packbits(image > 127, axis=1).tobytes(), 1
    else:
        data, bits = image.tobytes(), 8
    return pikepdf.Stream(pdf, zlib.compress(data, 9), Type=pikepdf.Name.XObject, Subtype=pikepdf.Name.Image,
                          Width=width, Height=height, ColorSpace=pikepdf.Name.DeviceGray, BitsPerComponent=bits,
                          Filter=pikepdf.Name.FlateDecode)


def _legacy_layer(image: np.ndarray, dpi: int, scratch: Path) -> pikepdf.Pdf:
    """Tesseract `eng` over the page image as a text-only PDF page (invisible text, no image)."""
    source = scratch / "page.pgm"
    cv2.imwrite(str(source), image)
    base = scratch / "layer"
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
    subprocess.run(["tesseract", str(source), str(base), "--dpi", str(dpi), "-l", "eng", "-c", "textonly_pdf=1",
                    "pdf"], check=True, capture_output=True, env=env)
    return pikepdf.open(base.with_suffix(".pdf"))


def build_scanned_pdf(images: list[np.ndarray], dpi: int, path: Path, legacy_layer: bool = False) -> None:
    pdf = pikepdf.new()
    with tempfile.TemporaryDirectory(prefix="kehoach-synth-") as scratch:
        for image in images:
            height, width = image.shape
            size = (width * POINTS_PER_INCH / dpi, height * POINTS_PER_INCH / dpi)
            page = pdf.add_blank_page(page_size=size)
            page.Resources = pikepdf.Dictionary(XObject=pikepdf.Dictionary(Im0=_image_stream(pdf, image)))
            page.Contents = pikepdf.Stream(pdf, f"q {size[0]:.4f} 0 0 {size[1]:.4f} 0 0 cm /Im0 Do Q".encode())
            if legacy_layer:
                layer = _legacy_layer(image, dpi, Path(scratch))
                page.add_overlay(layer.pages[0], pikepdf.Rectangle(0, 0, *size))
                layer.close()
        pdf.save(path, deterministic_id=True)
