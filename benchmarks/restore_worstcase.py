"""Worst-case restoration time: does `Restorer.restore_lines` stay linear in its input?

Two series, each doubling its input and printing the time and its ratio to the previous size (a ratio near 2
is linear, near 4 quadratic, near 8 cubic):
- text without marks (what an English-model OCR leaves) of 1 KB to 1 MB, on one line with no sentence end
  (the whole input is one sentence for the decoder: its worst case);
- one token of 10 to 100 000 letters (a run of OCR'd noise glued into a word).
The restorer is loaded first and its caches emptied before each measure, as in a fresh process.

    python -m benchmarks.restore_worstcase [--max-bytes N] [--max-letters N]
"""
from __future__ import annotations

import argparse
import random
import time

from kehoach.normalizers.restore import load_restorer

WORDS = ("ke hoach phat trien nguoi tham gia bao hiem xa hoi tu nguyen tren dia ban huyen nam phan dau ty le bao "
         "phu bao hiem y te dat dan so uy ban nhan dan cac xa thi tran phoi hop voi co quan to chuc thuc hien "
         "tuyen truyen van dong lao dong").split()


def prose(size: int, seed: int = 1) -> str:
    """`size` bytes of unmarked Vietnamese words in random order, and numbers, without a full stop."""
    rng = random.Random(seed)
    words: list[str] = []
    length = 0
    while length < size:
        word = rng.choice(WORDS) if rng.random() > 0.05 else f"{rng.randint(1, 99)},{rng.randint(0, 99):02d}%"
        words.append(word)
        length += len(word) + 1
    return " ".join(words)[:size]


def noise_token(letters: int, seed: int = 2) -> str:
    rng = random.Random(seed)
    return "".join(rng.choice("aeiouynghtcmdlbsrkp") for _ in range(letters))


def timed(text: str) -> float:
    restorer = load_restorer()
    restorer.forget()
    started = time.perf_counter()
    restorer.restore_lines([text], "eng")
    return time.perf_counter() - started


def series(label: str, sizes: list[int], make) -> None:
    print(f"{label:>12} {'seconds':>9} {'ratio':>6}")
    previous = 0.0
    for size in sizes:
        seconds = timed(make(size))
        ratio = f"{seconds / previous:6.2f}" if previous else ""
        print(f"{size:>12,} {seconds:9.3f} {ratio:>6}")
        previous = seconds


def doublings(start: int, stop: int) -> list[int]:
    sizes = [start]
    while sizes[-1] * 2 <= stop:
        sizes.append(sizes[-1] * 2)
    return sizes + ([stop] if sizes[-1] < stop else [])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--max-bytes", type=int, default=1 << 20)
    parser.add_argument("--max-letters", type=int, default=100_000)
    args = parser.parse_args()
    load_restorer().restore_lines(["khoi dong"], "eng")  # the models loaded before any measure
    series("bytes", doublings(1 << 10, args.max_bytes), prose)
    series("letters", doublings(10, args.max_letters), noise_token)


if __name__ == "__main__":
    main()
