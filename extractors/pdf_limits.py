"""What a page will cost to render, read from the PDF's objects before anything draws it.

Takes an open pikepdf document; gives, per page, the pixels of every image the page draws and the bytes of
content it draws, or says why the page tree itself cannot be trusted. PDFium's own listing of a page's images
stops at a fixed depth of nested forms and does not see soft masks, so a crafted file could hide a decompression
bomb one form deeper, or as another image's `/SMask`; and a page can draw millions of path operations from a
small compressed stream. Here every form, pattern and annotation appearance is walked, however deep (each
object once: a form drawing itself is a loop, not infinite work), masks included; content streams are inflated
only as far as the budget, so measuring a bomb costs no more than the budget.
"""
from __future__ import annotations

import zlib
from collections.abc import Iterator
from dataclasses import dataclass

import pikepdf

NAME = pikepdf.Name
MAX_DEPTH = 64  # branches above a page searched for inherited resources


@dataclass(frozen=True)
class PageCost:
    image_pixels: int  # every image the page draws, each counted once, masks included
    content_bytes: int  # content streams inflated, up to just over the budget


def page_tree_problem(pdf: pikepdf.Pdf) -> str:
    """Why the page tree cannot be read page by page: most of the pages it lists are one page listed over and
    over (1 999 entries for one page make a reader plan 1 999 pages), or it loops. qpdf repairs both as it reads
    the tree, copying each repeat into a page of its own, and says so in its warnings: they are counted here. A
    page listed twice among many (a reused blank page) is let through."""
    pages = len(pdf.pages)
    warnings = [warning for warning in pdf.get_warnings() if "pages tree" in warning.lower()]
    repeats = sum("more than once" in warning for warning in warnings)
    if repeats * 2 > pages or any("loop" in warning.lower() for warning in warnings):
        return (f"its page tree lists {pages} pages, {repeats} of them repeats of another or a loop (a damaged or "
                "crafted file): re-export or re-scan the document.")
    return ""


def inherited_resources(page: pikepdf.Dictionary) -> pikepdf.Object | None:
    """A page's resources, or those of the nearest branch above it that has them (PDF lets a page inherit)."""
    node, hops = page, 0
    while isinstance(node, pikepdf.Dictionary) and hops < MAX_DEPTH:
        if NAME.Resources in node:
            return node[NAME.Resources]
        node, hops = node.get(NAME.Parent), hops + 1
    return None


def drawn_streams(page: pikepdf.Dictionary) -> Iterator[pikepdf.Object]:
    """Every stream and resource dictionary a page's rendering may decode: its contents, and through its
    resources (and its annotations' appearances) every form, image, mask and pattern, at any depth, once."""
    seen: set[tuple[int, int]] = set()
    pending: list[pikepdf.Object] = [page.get(NAME.Contents), inherited_resources(page)]
    for annotation in page.get(NAME.Annots) or []:
        if isinstance(annotation, pikepdf.Dictionary):
            pending.append(annotation.get(NAME.AP))
    while pending:
        item = pending.pop()
        if not isinstance(item, pikepdf.Object):
            continue  # a number or a flag: nothing drawn
        if item.is_indirect:
            if item.objgen in seen:
                continue
            seen.add(item.objgen)
        if isinstance(item, pikepdf.Array):
            pending.extend(item)
            continue
        if isinstance(item, pikepdf.Stream):
            yield item
        if isinstance(item, pikepdf.Stream | pikepdf.Dictionary):
            for key in (NAME.Resources, NAME.XObject, NAME.Pattern, NAME.SMask, NAME.Mask, NAME.N, NAME.D,
                        NAME.R):
                if key in item:
                    pending.append(item[key])
            if NAME.Resources not in item and NAME.Subtype not in item and NAME.Type not in item:
                pending.extend(item.values())  # a name → object map (XObject, Pattern, an appearance's states)


def inflated_size(stream: pikepdf.Stream, budget: int) -> int:
    """The stream's decoded length, decoding no further than `budget` + 1 bytes of a Flate stream."""
    filters = stream.get(NAME.Filter)
    if filters == NAME.FlateDecode and NAME.DecodeParms not in stream:
        inflater = zlib.decompressobj()
        try:
            return len(inflater.decompress(stream.read_raw_bytes(), budget + 1))
        except zlib.error:
            return 0  # PDFium will not draw it either
    if filters is None:
        return len(stream.read_raw_bytes())
    try:
        return len(stream.read_bytes())
    except pikepdf.PdfError:
        return 0


def page_cost(page: pikepdf.Dictionary, content_budget: int) -> PageCost:
    pixels = content = 0
    for stream in drawn_streams(page):
        if stream.get(NAME.Subtype) == NAME.Image:
            pixels += int(stream.get(NAME.Width, 0)) * int(stream.get(NAME.Height, 0))
        elif content <= content_budget:
            content += inflated_size(stream, content_budget - content)
    return PageCost(image_pixels=pixels, content_bytes=content)
