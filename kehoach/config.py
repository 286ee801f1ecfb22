"""One typed configuration object for the whole pipeline, passed in (never read from globals).

Each knob says what it does and why its default is what it is.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import Literal

from kehoach.messages import default_language


@dataclass(frozen=True)
class TriageSettings:
    """How a page's text layer is judged good enough to use instead of OCR."""

    # A text layer needs at least this many words to be judged at all; fewer means "no usable layer".
    min_words: int = 20
    # Share of alphabetic words that are well-formed Vietnamese syllables with the right marks. Born-digital
    # Vietnamese scores > 0.9; English-model OCR of Vietnamese scans scores far lower (diacritics lost).
    min_vietnamese_share: float = 0.75
    # Share of Vietnamese words carrying a diacritic. Real Vietnamese prose: about 0.7-0.8; English-model OCR:
    # under 0.2 because the English model cannot emit most Vietnamese letters.
    min_diacritic_share: float = 0.35
    # Share of the marked words holding a letter only Vietnamese writes (ă ơ ư đ, a dot below or hook above, two
    # marks on one vowel, ĩ ũ ẽ ỹ): the English model writes only Western marks (é, ô, à), so its layer of a
    # Vietnamese scan has none, however many marks it kept. Measured with the page's text layer: 0.00 on every
    # page of the corpus's three English-layer scans and the samples' two legacy scans; 0.57-0.70 on every
    # born-digital page of the corpus and samples and on the real documents' layers. Judged from
    # `min_marked_words` marked words on.
    min_vietnamese_letter_share: float = 0.2
    min_marked_words: int = 5


@dataclass(frozen=True)
class OcrSettings:
    """How page images are rendered, cleaned and read by Tesseract."""

    dpi: int = 300  # render resolution; Tesseract's LSTM models are trained on ~300 dpi text
    lang: str = "vie"
    # Numbers in table cells are read again with the English model: digits need no Vietnamese, and it keeps
    # the decimal comma far more often (benchmarks/targets.py on the samples, see the README).
    number_lang: str = "eng"
    # A numeric cell the first re-read leaves malformed (no decimal comma in a column of decimals, or no number)
    # is read once more with its strokes thinned by this many pixels of white: on a bitonal scan the ink bleeds
    # and a comma touching the next digit makes `6,37` read `637`. Only then: thinning every cell loses as many
    # as it wins (the fax fixture of tests/test_tables.py: 95 → 90 of 96 rates over four seeds).
    number_thinning: int = 3
    psm: int = 4  # assume a single column of text of variable sizes: keeps table rows on one line
    oem: int = 1  # LSTM only
    deskew: bool = True
    denoise: bool = True  # median filter against speckle
    binarize: bool = True  # flatten illumination, then Otsu
    # Denoise and binarise bitonal (fax-mode) scans only. Measured by benchmarks/preprocessing.py on the
    # samples: on the 200-dpi bitonal scan they raise word recall 0.767 → 0.806 over deskew alone; on grey
    # scans they lower it (0.962 → 0.928 on the legacy-layer scan), since Tesseract binarises grey better.
    clean_only_bitonal: bool = True
    # ... except a grey page whose print is this faint (extractors/ink.page_ink's depth: 0 as light as the paper,
    # 1 black), which is read better binarised from its strokes' cores and despeckled than by Tesseract's own
    # threshold: on the corpus's faded, blurred 150-dpi scans (depth 0.22-0.32) page word precision against the
    # born-digital text rose 0.80 → 0.91 and 0.90 → 0.94, in less time; on its grey 200/300-dpi scans
    # (0.43-0.79) and the samples' scans (0.58 and over) Tesseract's own is as good or a little better.
    faint_print: float = 0.4
    max_skew_degrees: float = 5.0
    # Pages scanned sideways or upside down are turned upright (extractors/orientation.py): Tesseract's OSD is
    # asked about a page whose ink runs in columns, or whose words were read below this mean confidence.
    detect_orientation: bool = True
    orientation_check_confidence: float = 0.5
    page_timeout_s: float = 180.0  # a page Tesseract cannot finish in this time fails alone


@dataclass(frozen=True)
class Limits:
    """Bounds that keep one bad file from exhausting the machine."""

    max_page_pixels: int = 120_000_000  # at the render dpi; A0 at 300 dpi is ~140 Mpx
    # An image embedded in a page is decoded whole before it is scaled to the render dpi: a Flate-compressed
    # 30 000 × 30 000 grey image is 0.9 MB on disk and took 1.1 GB of memory in PDFium (a decompression bomb).
    # An A3 page scanned at 600 dpi in colour is 70 Mpx.
    max_image_pixels: int = 150_000_000
    # Content streams a page draws, inflated. Born-digital plan pages hold 20-60 kB (samples, corpus); 1 MB of
    # page-long strokes took PDFium 40 s to render at 200 dpi on a loaded machine, holding its lock.
    max_content_bytes: int = 2_000_000
    max_pages: int = 2000
    max_file_bytes: int = 2_000_000_000


@dataclass(frozen=True)
class CheckSettings:
    """Thresholds of the cross-checks (normalizers/cross_checks.py)."""

    # Percentage points allowed beyond a printed rate's half unit (±0,005 for `13,10`): float noise only; the
    # rounding itself is the printed precision, read from the printed number.
    rate_slack: float = 1e-6
    # OCR'd pages read with a mean word confidence below this are reported. Measured on the samples (`kehoach
    # run samples`): every page of the grey and legacy scans is at 0.879–0.955, the bitonal 200-dpi scan's
    # pages at 0.790–0.940, all with word recall 0.72–1.00 against the printed text (the 0.72s are signature
    # and seal pages, read as badly from clean scans); one page, the bitonal scan's target table, is at 0.638
    # with word recall 0.335. 0.72 is midway in that gap.
    min_page_confidence: float = 0.72
    # A table's target whose cell was read with a confidence under this share of the median of the document's
    # table targets is reported (low_cell_confidence). Relative, because confidence alone cannot tell a misread
    # (most right values of a harsh scan are read at 0.5-0.9): an outlier within its own document is what a person
    # should look at. Documents' medians run 0.94-1.0 (samples, four corpus files); 0.7 of that flags the samples'
    # 7,73 (0.54) and the corpus's harsh Gia Lai 15,9 (0.00) and 12,6 (0.64), all three right, and misses the
    # three misreads of those files (0.82-0.96): the review site's crops are what finds those (issue 23).
    min_cell_confidence_share: float = 0.7


@dataclass(frozen=True)
class ReviewSettings:
    """How `kehoach review` draws a run's pages (kehoach/review_site.py); not part of a run's settings, since it
    changes nothing that is read."""

    # Width in pixels of each page image: a screen's page at 100 % zoom. A4 is then ~133 dpi, sharp enough to read
    # a decimal comma in a cell's crop. Grey JPEG at quality 60: 130-230 kB a page on the samples' scans, 5-30 ms to
    # encode; WebP is a third smaller but 3-8 times slower to encode, and `review` is to cost little beside a run.
    image_width: int = 1100
    jpeg_quality: int = 60
    # A value's crop beside it is drawn at this many pixels a point (1.6: 115 dpi, a little under the image's own, so
    # a row of the list is about a table row's height at 100 %), with this many points of the page around its box
    # so the ruling shows.
    crop_scale: float = 1.6
    crop_margin: float = 3.0


@dataclass(frozen=True)
class Settings:
    """Everything a run needs to know. Build once (from the command line) and pass down."""

    triage: TriageSettings = field(default_factory=TriageSettings)
    ocr: OcrSettings = field(default_factory=OcrSettings)
    limits: Limits = field(default_factory=Limits)
    checks: CheckSettings = field(default_factory=CheckSettings)
    workers: int = field(default_factory=lambda: os.cpu_count() or 1)
    page_retries: int = 1  # retries of a page whose Tesseract run failed (transient: killed, out of memory)
    # Where pages are read. "threads": one process, `workers` threads; Tesseract (through its API) lets go
    # of the interpreter lock while it reads, but rendering (PDFium, under one lock), restoration and the other
    # Python parts of a page share one interpreter.
    # "dask": a Dask cluster of `workers` processes of one thread each, so those run side by side too, at the
    # cost of starting them and of Prefect's per-task set-up in each: on one 2-core machine threads read faster
    # (benchmarks/throughput.py); Dask is for spreading pages over more machines.
    runner: Literal["threads", "dask"] = "threads"
    # A running Dask scheduler (`tcp://host:8786`) to send pages to instead of starting a local cluster; its
    # workers need kehoach installed and the input files at the same paths.
    dask_address: str = ""
    # The language of messages, issue texts in issues.csv and the report: `vi` or `en` (kehoach.messages; the
    # records keep the English text, translated by its code when the tables are written).
    lang: str = field(default_factory=default_language)
    # Write a searchable archive copy of each input, `DIR/pdf/<doc_id>.pdf` (`kehoach.searchable_pdf`): the source
    # with the restored words as an invisible text layer on the pages read by OCR.
    pdf: bool = False
    # The TrueType font of that layer, embedded as a subset: it must hold Vietnamese letters (DejaVu Sans does,
    # from Debian's fonts-dejavu-core, which ./dev installs). Never seen: it gives extracted text its widths.
    pdf_font: str = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"


# Settings that decide how a run is spread over processes, which language it speaks or which copies it writes
# beside the records, not what it reads: a record made with other values of these is still current (they are left
# out of the settings fingerprint, kehoach/writer.py).
EXECUTION_FIELDS = frozenset({"workers", "runner", "dask_address", "lang", "pdf", "pdf_font"})
