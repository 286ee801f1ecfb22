"""Restoration costs time in proportion to its input, whatever the input: an overlong token (OCR noise glued
into one 'word') passes through untouched at once, and the words around it are still restored."""
from __future__ import annotations

import time

from kehoach.normalizers.decoder import Fixed
from kehoach.normalizers.restore import LONGEST_TOKEN, load_restorer
from kehoach.normalizers.syllable_lm import OTHER


def test_an_overlong_token_passes_through_untouched_in_time_and_its_neighbours_are_restored():
    restorer = load_restorer()
    noise = "nghtcmdlbsrkp" * 1500  # 19 500 letters: hours of candidate search before the guard
    started = time.perf_counter()
    restored = restorer.restore_line(f"ke hoach {noise} bao hiem xa hoi", "eng")
    assert time.perf_counter() - started < 5
    assert restored.split()[2] == noise
    assert restored.split()[:2] == ["kế", "hoạch"] and restored.endswith("bảo hiểm xã hội")


def test_only_tokens_over_the_length_limit_are_kept_from_the_decoder():
    restorer = load_restorer()
    within, over = "ab" * (LONGEST_TOKEN // 2), "ab" * (LONGEST_TOKEN // 2 + 1)
    assert not isinstance(restorer.token(within, "eng").slot, Fixed)  # its candidates are searched
    assert restorer.token(over, "eng").slot == Fixed(OTHER)  # an unknown token to the language model
