"""Apply diacritic restoration and OCR post-correction to a whole page, keeping word boxes in step.

Takes an OCR'd `Page`; gives the same page with restored text, and its tables' cells restored too. The
restorer works line by line and keeps one output token per input token, so each restored token goes back
onto the word (and box) it came from; a line whose token count changed keeps its restored text and its
words' original text.
"""
from __future__ import annotations

from dataclasses import replace

from kehoach.normalizers.restore import engine_of, load_restorer
from kehoach.records import Page, Word


def restore_page(page: Page) -> Page:
    restorer = load_restorer()
    engine = engine_of(page.text)  # judged on the page: one short line says little about the OCR that read it
    by_line: dict[int, list[Word]] = {}
    for word in page.words:
        by_line.setdefault(word.line, []).append(word)
    numbers = sorted(by_line)
    restored_lines = restorer.restore_lines([" ".join(word.text for word in by_line[n]) for n in numbers], engine)
    words: list[Word] = []
    lines: list[str] = []
    for number, restored in zip(numbers, restored_lines):
        original = by_line[number]
        tokens = restored.split(" ")
        if len(tokens) == len(original):
            words.extend(replace(word, text=token) for word, token in zip(original, tokens))
        else:
            words.extend(original)
        lines.append(restored)
    tables = [replace(table, cells=[replace(cell, text=restorer.restore_text(cell.text, engine)) for cell in table.cells])
              for table in page.tables]
    return replace(page, words=words, text="\n".join(lines), tables=tables)
