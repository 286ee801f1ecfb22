"""Reading order: words with boxes → numbered lines → page text.

Takes `Word`s from a text layer (which carries no line structure) and groups them into lines by vertical
overlap, left to right; composes a page's text from words that already carry line numbers (OCR or grouped).
"""
from __future__ import annotations

from dataclasses import replace

from kehoach.records import Word


def assign_lines(words: list[Word], min_overlap: float = 0.5) -> list[Word]:
    """Give each word the index of its line: words overlapping vertically by `min_overlap` of the smaller
    height share a line. Lines are numbered top to bottom; words within a line sorted left to right."""
    lines: list[list[Word]] = []
    spans: list[tuple[float, float]] = []
    for word in sorted(words, key=lambda w: (w.bbox.top, w.bbox.x0)):
        height = max(word.bbox.bottom - word.bbox.top, 1e-6)
        for index in range(len(lines) - 1, max(-1, len(lines) - 4), -1):
            top, bottom = spans[index]
            overlap = min(bottom, word.bbox.bottom) - max(top, word.bbox.top)
            if overlap >= min_overlap * min(height, bottom - top):
                lines[index].append(word)
                spans[index] = (min(top, word.bbox.top), max(bottom, word.bbox.bottom))
                break
        else:
            lines.append([word])
            spans.append((word.bbox.top, word.bbox.bottom))
    ordered = sorted(range(len(lines)), key=lambda i: spans[i][0])
    return [
        replace(word, line=line_number)
        for line_number, index in enumerate(ordered)
        for word in sorted(lines[index], key=lambda w: w.bbox.x0)
    ]


def compose_text(words: list[Word]) -> str:
    """Join words into lines (by their `line`) and lines into text, keeping the words' order within a line."""
    lines: dict[int, list[str]] = {}
    for word in words:
        lines.setdefault(word.line, []).append(word.text)
    return "\n".join(" ".join(lines[number]) for number in sorted(lines))


def words_by_line(words: list[Word]) -> list[list[Word]]:
    """The words grouped by their `line`, each group in the words' order."""
    by_line: dict[int, list[Word]] = {}
    for word in words:
        by_line.setdefault(word.line, []).append(word)
    return list(by_line.values())


def insert_blocks(words: list[Word], blocks: list[tuple[float, list[Word]]]) -> list[Word]:
    """The page's words (lines numbered in reading order) with blocks read apart (a table's words, each block's
    lines in its own order) put where they stand: each block before the first line that starts below the
    block's top (`top` in points). Lines renumbered in the new order."""
    ordered = sorted(words_by_line(words), key=lambda line: line[0].line)
    for top, block in sorted(blocks, key=lambda item: item[0]):
        at = next((index for index, line in enumerate(ordered) if min(w.bbox.top for w in line) >= top), len(ordered))
        ordered[at:at] = words_by_line(block)
    return [replace(word, line=number) for number, line in enumerate(ordered) for word in line]
