"""A TrueType font embedded in a PDF for an invisible text layer of Vietnamese words.

Takes the characters a document's text layer uses and a TrueType file; gives a composite (Type0) PDF font holding
a subset of that file with those characters, and a function encoding text in it. Each distinct character gets a
code of its own (CID 1, 2, ...), mapped to its glyph by `CIDToGIDMap` and back to the character by `ToUnicode`, so
text extracted from the layer is the text written, whatever the font holds: a character the font lacks is still
copied out right (it is drawn with the empty glyph, which an invisible layer never shows). The font is a subset:
DejaVu Sans whole is 740 kB, its Latin and Vietnamese letters 50 kB. The subset numbers its glyphs anew;
`CIDToGIDMap` follows its numbering.
"""
from __future__ import annotations

import io
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pikepdf
from fontTools import subset
from fontTools.ttLib import TTFont

# A subset's PostScript name carries a six-letter tag of capitals (ISO 32000-1, 9.6.4); any fixed one will do.
SUBSET_TAG = "KEHOAC"


@dataclass(frozen=True)
class EmbeddedFont:
    """The font object to put in a page's resources, and what placing a word needs from it."""

    font: pikepdf.Dictionary
    encode: Callable[[str], bytes]  # text → the string operand of `Tj` (two bytes a character)
    advance: Callable[[str], float]  # text → its width at size 1 (PDF text space units)
    descent: float  # below the baseline at size 1, negative: pdfminer puts a glyph's box from here up one em


# The characters every copy's subset holds: Latin with Vietnamese letters and marks, and common punctuation. One
# subset of them serves every document (made once a process: subsetting costs some 0.2 s, as much as laying the words
# of a few pages); a document using a character beyond them gets a subset of its own.
# Latin Extended-B and the spacing modifiers are there for OCR's stray letters (`ƒ`, `ˆ`), which otherwise cost
# a subset for a document (corpus scans: 4 of 19).
COMMON = frozenset(chr(c) for ranges in ((0x20, 0x7F), (0xA0, 0x250), (0x2B0, 0x370), (0x1EA0, 0x1F00),
                                         (0x2010, 0x2050), (0x20AB, 0x20AD)) for c in range(*ranges))


@dataclass(frozen=True)
class FontFile:
    """What embedding needs from a TrueType file, read once a process."""

    data: bytes
    units: int  # font units an em
    glyph_of: dict[int, int]  # code point → glyph id
    advances: list[int]  # by glyph id, font units
    bbox: tuple[int, int, int, int]
    ascent: int
    descent: int  # negative
    name: str  # PostScript name


@cache
def font_file(path: str) -> FontFile:
    data = Path(path).read_bytes()
    font = TTFont(io.BytesIO(data))
    metrics = font["hmtx"]
    head, hhea = font["head"], font["hhea"]
    return FontFile(
        data=data, units=head.unitsPerEm,
        glyph_of={code: font.getGlyphID(name) for code, name in font.getBestCmap().items()},
        advances=[metrics[name][0] for name in font.getGlyphOrder()],
        bbox=(head.xMin, head.yMin, head.xMax, head.yMax), ascent=hhea.ascent, descent=hhea.descent,
        name=font["name"].getDebugName(6).replace(" ", ""))


@dataclass(frozen=True)
class Subset:
    data: bytes
    glyph_of: dict[int, int]  # code point → glyph id in the subset


@cache
def subset_font(path: str, characters: frozenset[str]) -> Subset:
    """The font with only the glyphs of `characters` (and .notdef), renumbered."""
    font = TTFont(io.BytesIO(font_file(path).data))
    options = subset.Options()
    options.hinting = False  # never rasterised: the layer is invisible
    options.notdef_outline = True
    options.layout_features = []
    options.drop_tables += ["FFTM"]  # FontForge's timestamps: nothing to subset, and fontTools warns of it
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=[ord(c) for c in characters])
    subsetter.subset(font)
    out = io.BytesIO()
    font.save(out)
    return Subset(out.getvalue(), {code: font.getGlyphID(name) for code, name in font.getBestCmap().items()})


def to_unicode_cmap(characters: list[str]) -> bytes:
    """The CMap from each character's code (its 1-based place in `characters`) back to the character."""
    entries = [f"<{code:04X}> <{char.encode('utf-16-be').hex().upper()}>" for code, char in enumerate(characters, 1)]
    chunks = [entries[i:i + 100] for i in range(0, len(entries), 100)]  # at most 100 a block (PDF spec)
    body = "".join(f"{len(chunk)} beginbfchar\n" + "\n".join(chunk) + "\nendbfchar\n" for chunk in chunks)
    return ("/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
            "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
            "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
            "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n"
            f"{body}endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n").encode("ascii")


def embed_font(pdf: pikepdf.Pdf, path: str, characters: Iterable[str]) -> EmbeddedFont:
    """The font at `path` (a TrueType file), subset to `characters`, added to `pdf`."""
    used = sorted(set(characters))
    source = font_file(path)
    scale = 1000 / source.units
    widths = [source.advances[source.glyph_of.get(ord(c), 0)] * scale for c in used]
    name = pikepdf.Name(f"/{SUBSET_TAG}+{source.name}")
    held = subset_font(path, COMMON if set(used) <= COMMON else frozenset(used))
    cid_to_gid = b"\0\0" + b"".join(held.glyph_of.get(ord(c), 0).to_bytes(2, "big") for c in used)
    descriptor = pdf.make_indirect(pikepdf.Dictionary(
        Type=pikepdf.Name.FontDescriptor, FontName=name, Flags=4,  # symbolic: its glyphs go beyond Latin-1
        FontBBox=[round(v * scale) for v in source.bbox], ItalicAngle=0, Ascent=round(source.ascent * scale),
        Descent=round(source.descent * scale), CapHeight=round(source.ascent * scale), StemV=80,
        FontFile2=pdf.make_stream(held.data)))
    descendant = pdf.make_indirect(pikepdf.Dictionary(
        Type=pikepdf.Name.Font, Subtype=pikepdf.Name.CIDFontType2, BaseFont=name,
        CIDSystemInfo=pikepdf.Dictionary(Registry=pikepdf.String("Adobe"), Ordering=pikepdf.String("Identity"),
                                         Supplement=0),
        FontDescriptor=descriptor, DW=1000, W=[1, [round(w, 1) for w in widths]],
        CIDToGIDMap=pdf.make_stream(cid_to_gid)))
    font = pdf.make_indirect(pikepdf.Dictionary(
        Type=pikepdf.Name.Font, Subtype=pikepdf.Name.Type0, BaseFont=name, Encoding=pikepdf.Name("/Identity-H"),
        DescendantFonts=[descendant], ToUnicode=pdf.make_stream(to_unicode_cmap(used))))
    codes = {char: code for code, char in enumerate(used, 1)}
    width_of = dict(zip(used, widths))
    return EmbeddedFont(
        font=font,
        encode=lambda text: b"".join(codes[c].to_bytes(2, "big") for c in text),
        advance=lambda text: sum(width_of[c] for c in text) / 1000,
        descent=source.descent / source.units,
    )
