"""An invisible text layer on a PDF page: words placed over their ink, and an old invisible layer taken off.

Takes a page of the source PDF (pikepdf), the words read from it with their boxes (PDF points, origin top-left of
the page as it was read, that is as displayed and turned upright) and an embedded font; gives the page with one
more content stream drawing each word in text render mode 3 (neither filled nor stroked) over its box: its size
the box's height, stretched (`Tz`) to the box's width, so that a viewer's search and selection land on the ink.
The page's own content is not touched, so its images keep their bytes; it is only wrapped in `q`/`Q` so that what
it leaves in the graphics state cannot move the words.

A scanned page that was read again here may carry a text layer of its own, written by a scanner's or an
English-model OCR: Vietnamese without its marks and with letters confused (the `engtext` scans of the corpus, the
`legacy` samples). That layer is taken off (`strip_invisible_text`), or a search would find the page by its
garbage too; only invisible text goes, visible text drawn on the scan (a stamp's number) stays.
"""
from __future__ import annotations

import zlib
from itertools import pairwise

import pikepdf

from kehoach.pdf_font import EmbeddedFont
from kehoach.records import Word

INVISIBLE = 3  # text render mode: neither fill nor stroke (ISO 32000-1, 9.3.6)
SHOW_TEXT = {"Tj", "TJ", "'", '"'}
# Text-state operators, allowed outside a text object too: kept when the text object around them is dropped, so
# that what follows is drawn in the state it was written for.
TEXT_STATE = {"Tc", "Tw", "Tz", "TL", "Tf", "Tr", "Ts"}
PAINTING = {"S", "s", "f", "F", "f*", "B", "B*", "b", "b*", "sh", "Do", "INLINE IMAGE"}
FONT_NAME = "/FKehoach"
# The narrowest space between two words, in ems: words read touching (or overlapping) still get one between them.
MIN_SPACE = 0.25


def rotation_matrix(box: pikepdf.Array, degrees: int) -> list[float]:
    """The `cm` from the page as displayed turned `degrees` clockwise (origin bottom-left, y up) to the page's
    user space, whose visible part is `box` (its crop box)."""
    x0, y0, x1, y1 = (float(v) for v in box)
    return {0: [1, 0, 0, 1, x0, y0], 90: [0, 1, -1, 0, x1, y0], 180: [-1, 0, 0, -1, x1, y1],
            270: [0, -1, 1, 0, x0, y1]}[degrees % 360]


def number(value: float) -> str:
    return f"{value:.3f}".rstrip("0").rstrip(".") or "0"


def placed(text: str, box_x0: float, box_x1: float, bottom: float, size: float, font: EmbeddedFont) -> str:
    """`text` drawn from `box_x0` to `box_x1` on the line whose boxes end at `bottom` (y up), `size` high."""
    natural = font.advance(text) * size
    stretch = 100 * (box_x1 - box_x0) / natural if natural > 0 else 100
    baseline = bottom - font.descent * size  # the glyphs' box (baseline + descent) starts at the word's bottom
    return (f"{FONT_NAME} {number(size)} Tf {number(stretch)} Tz 1 0 0 1 {number(box_x0)} {number(baseline)} Tm "
            f"<{font.encode(text).hex()}> Tj")


def apart(spans: list[tuple[float, float]], space: float) -> list[tuple[float, float]]:
    """The words' spans along a line (left to right) with at least `space` between each two. OCR's boxes of touching
    words can overlap (`Thường` drawn over `vụ`); laid as they are, their letters interleave in extracted text.
    The earlier word ends where the gap before the next begins, if it keeps half its width; otherwise the next one
    moves right, keeping its own."""
    result: list[tuple[float, float]] = []
    for x0, x1 in spans:
        if result and x0 - result[-1][1] < space:
            start, end = result[-1]
            if x0 - space - start >= (end - start) / 2:
                result[-1] = (start, x0 - space)
            else:
                x0, x1 = end + space, end + space + (x1 - x0)
        result.append((x0, x1))
    return result


def text_layer_stream(words: list[Word], height: float, font: EmbeddedFont, matrix: list[float]) -> bytes:
    """The content drawing `words` invisibly, each across its box, all of a line on the line's bottom and as high
    as the line (a hyphen's own box is a sliver: sized by it, a viewer and an extractor take it for no text), with
    a space between each two words of a line, stretched over the gap between them (extractors then keep the words
    apart however close they stand)."""
    ops = ["Q q", " ".join(number(v) for v in matrix) + " cm", "BT", f"{INVISIBLE} Tr"]
    lines: dict[int, list[Word]] = {}
    for word in words:
        if word.text.strip() and word.bbox.x1 > word.bbox.x0 and word.bbox.bottom > word.bbox.top:
            lines.setdefault(word.line, []).append(word)
    for line in lines.values():
        line.sort(key=lambda w: w.bbox.x0)
        bottom = max(w.bbox.bottom for w in line)
        size = bottom - min(w.bbox.top for w in line)
        baseline = height - bottom
        spans = apart([(w.bbox.x0, w.bbox.x1) for w in line], MIN_SPACE * size)
        for (word, (x0, x1)), following in pairwise([*zip(line, spans), None]):
            ops.append(placed(word.text, x0, x1, baseline, size, font))
            if following is not None:
                ops.append(placed(" ", x1, following[1][0], baseline, size, font))
    ops += ["ET", "Q"]
    return "\n".join(ops).encode("ascii")


def compressed(pdf: pikepdf.Pdf, data: bytes) -> pikepdf.Stream:
    stream = pikepdf.Stream(pdf, zlib.compress(data))
    stream.Filter = pikepdf.Name.FlateDecode
    return stream


def add_text_layer(pdf: pikepdf.Pdf, page: pikepdf.Page, words: list[Word], height: float, turned: int,
                   font: EmbeddedFont) -> None:
    """`words` (read from the page displayed, then turned `turned` degrees clockwise upright; `height`: of the page
    so turned) drawn invisibly over the page. The page's content runs first inside `q`, closed by the layer's own
    stream (`Q q ...`)."""
    page.add_resource(font.font, pikepdf.Name.Font, FONT_NAME)
    box = page.obj.get("/CropBox", page.mediabox)
    rotate = int(page.obj.get("/Rotate", 0))
    page.contents_add(compressed(pdf, b"q\n"), prepend=True)
    page.contents_add(compressed(pdf, text_layer_stream(words, height, font, rotation_matrix(box, rotate + turned))))


def strip_text_objects(instructions: list, mode: int = 0) -> tuple[list, bool]:
    """The instructions without the text objects (`BT` ... `ET`) all of whose text is drawn invisibly (`mode`: the
    render mode in force at the start); whether any was dropped. A dropped object's text state stays (the last
    value it sets of each)."""
    kept: list = []
    block: list = []
    in_block = visible = shown = dropped = False
    modes = [mode]
    for instruction in instructions:
        operator = str(instruction.operator)
        if operator == "q":
            modes.append(modes[-1])
        elif operator == "Q" and len(modes) > 1:
            modes.pop()
        elif operator == "Tr":
            modes[-1] = int(instruction.operands[0])
        if operator == "BT":
            in_block, block, visible, shown = True, [instruction], False, False
            continue
        if in_block:
            block.append(instruction)
            if operator in SHOW_TEXT:
                shown = True
                visible = visible or modes[-1] != INVISIBLE
            if operator == "ET":
                in_block = False
                if shown and not visible:
                    kept += {str(i.operator): i for i in block if str(i.operator) in TEXT_STATE}.values()  # the last
                    dropped = True
                else:
                    kept += block
            continue
        kept.append(instruction)
    return kept, dropped


def only_invisible_text(form: pikepdf.Object) -> bool:
    """A form XObject drawing nothing but invisible text (how some scanners and OCR tools add their layer)."""
    kept, dropped = strip_text_objects(pikepdf.parse_content_stream(form))
    return dropped and not any(str(i.operator) in PAINTING | SHOW_TEXT for i in kept)


def strip_invisible_text(pdf: pikepdf.Pdf, page: pikepdf.Page) -> bool:
    """Take off the page's invisible text: its text objects drawn in render mode 3, and the form XObjects it draws
    that hold nothing else. The content is rewritten only when something goes; whether something went."""
    instructions = pikepdf.parse_content_stream(page)
    kept, dropped = strip_text_objects(instructions)
    forms = page.obj.get("/Resources", {}).get("/XObject", {})
    without_forms = []
    for instruction in kept:
        if str(instruction.operator) == "Do":
            form = forms.get(str(instruction.operands[0]))
            if form is not None and form.get("/Subtype") == "/Form" and only_invisible_text(form):
                dropped = True
                continue
        without_forms.append(instruction)
    if dropped:
        page.obj.Contents = compressed(pdf, pikepdf.unparse_content_stream(without_forms))
        keep_used_fonts(page, {str(i.operands[0]) for i in without_forms if str(i.operator) == "Tf"})
    return dropped


def keep_used_fonts(page: pikepdf.Page, used: set[str]) -> None:
    """The page's font resources cut to those its content still names: a font of the old layer (Tesseract's
    GlyphLessFont, a scanner's unembedded Helvetica) left behind would still be checked by a PDF/A validator. The
    page gets resources of its own for it: other pages may share the dictionary."""
    resources = page.obj.get("/Resources")
    if resources is None or "/Font" not in resources or set(resources.Font.keys()) <= used:
        return
    own = pikepdf.Dictionary({key: value for key, value in resources.items()})
    own.Font = pikepdf.Dictionary({key: value for key, value in resources.Font.items() if key in used})
    page.obj.Resources = own
