"""Checks on targets that need no other document: values that cannot be what was printed.

Takes targets; gives them with each impossible value emptied, and an issue naming the page and the number.
A coverage rate is a share: outside 0–100 % it is a misread (`7,11` read as `711`), and a misread number is
left empty, never guessed.
"""
from __future__ import annotations

from dataclasses import replace

from kehoach.records import Issue, Target


def check_rates(targets: list[Target]) -> tuple[list[Target], list[Issue]]:
    checked: list[Target] = []
    issues: list[Issue] = []
    for target in targets:
        if target.unit == "percent" and target.value is not None and not 0 <= target.value <= 100:
            issues.append(Issue("error", "rate_out_of_range",
                                f"{target.indicator} {target.year} for {target.area_name_raw or 'the document'}: "
                                f"{target.value:g}% is not a rate; value left empty (check the printed number).",
                                target.page))
            target = replace(target, value=None, confidence=0.0)
        checked.append(target)
    return checked, issues
