"""Assemble page images into a scanned PDF, optionally with an English-model OCR text layer.

Takes 8-bit grey page images and their dpi; writes a PDF whose pages are sized from the images (so a
non-A4 scan stays non-A4), grey images as JPEG and bitonal ones as 1-bit images. The legacy layer
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
JPEG_QUALITY = 70


def _image_stream(pdf: pikepdf.Pdf, image: np.ndarray) -> pikepdf.Stream:
    """Bitonal pages as 1-bit Flate, grey ones as JPEG (what office scanners write)."""
    height, width = image.shape
    if set(np.unique(image)) <= {0, 255}:
        data, bits, codec = zlib.compress(np.packbits(image > 127, axis=1).tobytes(), 9), 1, pikepdf.Name.FlateDecode
    else:
        data = cv2.imencode(".jpg", image, [cv2.IMWRITE_JPEG_QUALITY, JPEG_QUALITY])[1].tobytes()
        bits, codec = 8, pikepdf.Name.DCTDecode
    return pikepdf.Stream(pdf, data, Type=pikepdf.Name.XObject, Subtype=pikepdf.Name.Image, Width=width,
                          Height=height, ColorSpace=pikepdf.Name.DeviceGray, BitsPerComponent=bits, Filter=codec)


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
            objects = pikepdf.Dictionary(Im0=_image_stream(pdf, image))
            content = f"q {size[0]:.4f} 0 0 {size[1]:.4f} 0 0 cm /Im0 Do Q"
            if legacy_layer:  # the layer page has the image's size (Tesseract was told the dpi): no scaling
                layer = _legacy_layer(image, dpi, Path(scratch))
                objects.Fm0 = pdf.copy_foreign(layer.pages[0].as_form_xobject())
                content += " q /Fm0 Do Q"
                layer.close()
            page.Resources = pikepdf.Dictionary(XObject=objects)
            page.Contents = pikepdf.Stream(pdf, content.encode())
        pdf.save(path, deterministic_id=True)
