"""Cross-checks: a document's figures held against each other, reported as issues (issues.csv).

Takes the document's targets (each knowing the table it came from and whether its row is the table's total
row), its readable pages, its tables (with the title printed above each) and its own plan number; gives the
targets back and the issues found, each naming the page and the numbers as printed, so a person can find
them in the PDF. A check reports and never changes a value, except that a rate outside 0–100 % is emptied:
it cannot be what was printed (`7,11` read as `711`), and a misread number is left empty, never guessed.

  code                             severity  what it finds
  rate_out_of_range                error     a rate outside 0–100 % (value emptied)
  rate_not_participants_over_base  warning   a rate that is not participants / base at its printed precision
                                   info      ... only its last printed digit off by one (truncated, not rounded)
  total_not_sum                    warning   a total row's head count or base that is not the sum of its rows'
  total_rate_not_aggregate         warning   a total row without counts whose rate is not Σ participants /
                                             Σ base of its rows
  total_rate_outside_rows          warning   where rows give rates only (the weights are unknown): a total rate
                                             outside the rows' min..max
  prose_disagrees_with_annex       warning   a target in the text that is not the annex's total row, for the
                                             same indicator, year and area
  annex_cites_other_plan           warning   a table titled `Kèm theo Kế hoạch số N` where N is not this plan
  low_ocr_confidence               warning   an OCR'd page whose mean word confidence is below the threshold
  low_cell_confidence              warning   a table's target whose cell was read with a confidence far under the
                                             document's other table targets (a share of their median)

Printed disagreements are warnings, not errors: either number may be the wrong one, and the document itself
is often inconsistent (the Vĩnh Linh plan's body says 13,01 % where its appendix gives 13,10 %).
"""
from __future__ import annotations

import re
import statistics
import unicodedata
from collections import defaultdict
from dataclasses import replace

from kehoach.config import CheckSettings
from kehoach.records import Issue, Page, Table, Target

# `(Ban hành kèm theo Kế hoạch số 12/KH-UBND`, matched on the text without marks (OCR drops some).
CITATION = re.compile(r"\(?\s*(?:ban\s+hanh\s+)?kem\s+theo\s+(?:[a-z]+\s*:?\s*){0,3}?"
                      r"(?P<number>\d+)\s*/\s*(?P<code>[a-z]+(?:\s*-\s*[a-z]+)*)")
PLAN_NUMBER = re.compile(r"(?P<number>\d+)\s*/\s*(?P<code>[a-z]+(?:\s*-\s*[a-z]+)*)")
TITLE_CHARS = 90  # how much of a table's title a message quotes
BASE_LABELS = {"labor_force": "labour force", "population": "population"}


def printed_decimals(target: Target) -> int:
    """The precision a target's value was printed with; where it was not recorded, the fewest decimals that
    write the value (`13.1` → 1), which can only make a check looser, never stricter."""
    if target.decimals is not None:
        return target.decimals
    written = f"{target.value:.10g}"
    return len(written.partition(".")[2])


def half_unit(decimals: int) -> float:
    return 0.5 * 10 ** -decimals


def printed_rate(value: float, decimals: int) -> str:
    """`13,10%`: as the document prints it, so the message can be searched for in the PDF."""
    return f"{value:.{decimals}f}".replace(".", ",") + "%"


def printed_count(count: int) -> str:
    """`52.565`, as the document prints it."""
    return f"{count:,}".replace(",", ".")


def described(target: Target) -> str:
    """`bhtn_rate 2023 for Tổng cộng (Huyện Vĩnh Linh)`: the area as printed; a total row's with its unit."""
    area = target.area_name_raw or target.area_name or "the document"
    if target.total_row and target.area_name and target.area_name != area:
        area = f"{area} ({target.area_name})"
    return f"{target.indicator} {target.year} for {area}"


def check_rate_ranges(targets: list[Target]) -> tuple[list[Target], list[Issue]]:
    """rate_out_of_range: a coverage rate is a share, so outside 0–100 % it is a misread; emptied."""
    checked: list[Target] = []
    issues: list[Issue] = []
    for target in targets:
        if target.unit == "percent" and target.value is not None and not 0 <= target.value <= 100:
            issues.append(Issue("error", "rate_out_of_range",
                                f"{described(target)}: {target.value:g}% is not a rate; value left empty "
                                f"(check the printed number).", target.page))
            target = replace(target, value=None, confidence=0.0)
        checked.append(target)
    return checked, issues


def check_rate_arithmetic(targets: list[Target], settings: CheckSettings) -> list[Issue]:
    """rate_not_participants_over_base: the printed rate against 100 × participants / base, at the rate's
    printed precision. Off by one in the last printed digit (a truncated rate) is info; more is a warning."""
    issues = []
    for target in targets:
        if target.value is None or target.participants is None or not target.base_value:
            continue
        exact = 100 * target.participants / target.base_value
        decimals = printed_decimals(target)
        off = abs(target.value - exact)
        if off <= half_unit(decimals) + settings.rate_slack:
            continue
        severity = "info" if off <= 2 * half_unit(decimals) + settings.rate_slack else "warning"
        issues.append(Issue(severity, "rate_not_participants_over_base",
                            f"{described(target)}: printed {printed_rate(target.value, decimals)}, but "
                            f"participants / base = {printed_count(target.participants)} / "
                            f"{printed_count(target.base_value)} = {printed_rate(exact, decimals + 2)}, which "
                            f"rounds to {printed_rate(exact, decimals)}.", target.page))
    return issues


def check_totals(targets: list[Target], settings: CheckSettings) -> list[Issue]:
    """total_not_sum, total_rate_not_aggregate, total_rate_outside_rows: each table's total row against the
    other rows of the same indicator and year."""
    groups: dict[tuple[int, str, int | None], list[Target]] = defaultdict(list)
    for target in targets:
        if target.source == "table" and target.table is not None:
            groups[(target.table, target.indicator, target.year)].append(target)
    issues = []
    for members in groups.values():
        rows = [target for target in members if not target.total_row]
        if len(rows) < 2:
            continue
        for total in (target for target in members if target.total_row):
            issues += total_counts(total, rows) + total_rate(total, rows, settings)
    return issues


def total_counts(total: Target, rows: list[Target]) -> list[Issue]:
    issues = []
    for field, label in (("participants", "participants"), ("base_value", BASE_LABELS.get(total.base, "base"))):
        stated = getattr(total, field)
        parts = [getattr(row, field) for row in rows]
        if stated is None or None in parts or sum(parts) == stated:
            continue
        issues.append(Issue("warning", "total_not_sum",
                            f"{described(total)}: the total row's {label} is {printed_count(stated)}, but its "
                            f"{len(rows)} rows add up to {printed_count(sum(parts))} ({sum(parts) - stated:+d}).",
                            total.page))
    return issues


def total_rate(total: Target, rows: list[Target], settings: CheckSettings) -> list[Issue]:
    """A total row with its own counts is checked by its counts (above) and its rate against them; without,
    its rate is held against the rows': Σ participants / Σ base where they give both, else their range."""
    if total.value is None or (total.participants is not None and total.base_value):
        return []
    decimals = printed_decimals(total)
    shown = printed_rate(total.value, decimals)
    if all(row.participants is not None and row.base_value for row in rows):
        participants, base = sum(row.participants for row in rows), sum(row.base_value for row in rows)
        exact = 100 * participants / base  # exact, so only the total's own rounding is allowed
        if abs(total.value - exact) <= half_unit(decimals) + settings.rate_slack:
            return []
        return [Issue("warning", "total_rate_not_aggregate",
                      f"{described(total)}: the total row's rate is {shown}, but its {len(rows)} rows give "
                      f"{printed_count(participants)} participants over {printed_count(base)} = "
                      f"{printed_rate(exact, decimals + 2)}.", total.page)]
    values = [row.value for row in rows]
    if None in values:  # a row read without its rate (a head count only) bounds nothing
        return []
    # The rows' rates are rounded too: the coarsest printed precision bounds how far the total may stray.
    allowed = half_unit(min(printed_decimals(target) for target in [total, *rows])) + settings.rate_slack
    if min(values) - allowed <= total.value <= max(values) + allowed:
        return []
    lowest, highest = min(values), max(values)
    return [Issue("warning", "total_rate_outside_rows",
                  f"{described(total)}: the total row's rate {shown} lies outside its {len(rows)} rows' rates "
                  f"({printed_rate(lowest, printed_decimals(rows[values.index(lowest)]))} to "
                  f"{printed_rate(highest, printed_decimals(rows[values.index(highest)]))}); no weighting of "
                  f"them can give it.", total.page)]


def same_area(one: Target, other: Target) -> bool:
    """Both stand for the same unit; a target whose area was not resolved is taken at its word (a total row is
    the table's whole area, a prose target the document's)."""
    return not (one.area_name and other.area_name) or one.area_name == other.area_name


def check_prose_against_annex(targets: list[Target], settings: CheckSettings) -> list[Issue]:
    """prose_disagrees_with_annex: each target stated in the text against the total rows of the tables for the
    same indicator, year and area, at the coarser of the two printed precisions; head counts exactly."""
    stated_targets = [target for target in targets if target.source == "narrative" and target.value is not None]
    totals = [target for target in targets
              if target.source == "table" and target.total_row and target.value is not None]
    issues = []
    for stated in stated_targets:
        for total in totals:
            if (total.indicator, total.year) != (stated.indicator, stated.year) or not same_area(stated, total):
                continue
            if disagree(stated, total, settings):
                issues.append(Issue("warning", "prose_disagrees_with_annex",
                                    f"{stated.indicator} {stated.year}: the text on page {stated.page} says "
                                    f"{figures(stated)} where the total row {total.area_name_raw!r} of the table "
                                    f"on page {total.page} gives {figures(total)}{annex_arithmetic(total)}"
                                    f"{other_indicator_hint(total, stated_targets, settings)}.", stated.page))
    return issues


def disagree(stated: Target, total: Target, settings: CheckSettings) -> bool:
    """The rates differ beyond the coarser printed precision, or both give head counts and they differ."""
    allowed = half_unit(min(printed_decimals(stated), printed_decimals(total))) + settings.rate_slack
    counts = (stated.participants, total.participants)
    return abs(stated.value - total.value) > allowed or (None not in counts and counts[0] != counts[1])


def figures(target: Target) -> str:
    """`13,01%`, or `23,12% and 12.038 participants`."""
    rate = printed_rate(target.value, printed_decimals(target))
    return rate if target.participants is None else f"{rate} and {printed_count(target.participants)} participants"


def annex_arithmetic(total: Target) -> str:
    """Which of the two the annex's own counts bear out, where it gives them."""
    if total.participants is None or not total.base_value:
        return ""
    exact = 100 * total.participants / total.base_value
    return (f" (the table's {printed_count(total.participants)} / {printed_count(total.base_value)} = "
            f"{printed_rate(exact, printed_decimals(total) + 1)})")


def other_indicator_hint(total: Target, stated_targets: list[Target], settings: CheckSettings) -> str:
    """Where the annex's total is what the text gives for another indicator that year, the table's title likely
    names its indicator loosely (`BHXH` for compulsory BHXH): say so."""
    for other in stated_targets:
        if (other.year == total.year and other.indicator != total.indicator and same_area(other, total)
                and not disagree(other, total, settings)):
            return (f"; the table's figures are the text's {other.indicator} {other.year}: its title may name its "
                    f"indicator loosely")
    return ""


def plain(text: str) -> str:
    """Lower case without marks, `đ` as `d`, one character for each of the NFC text's characters, so a match's
    span in it is the span in the printed text."""
    return "".join(unicodedata.normalize("NFD", ch)[0] for ch in unicodedata.normalize("NFC", text).lower()
                   ).replace("đ", "d").replace("ð", "d")


def plan_key(number: str, code: str) -> tuple[str, str]:
    """A plan's number and its kind (`KH` of `127/KH-UBND`). The issuer's part of the code is left out: OCR
    garbles it (`356/KH-BCŒĐ`), and the number with its kind is what tells one plan from another."""
    return number.lstrip("0"), code.split("-")[0].strip()


def check_annex_citations(tables: list[Table], plan_number: str) -> list[Issue]:
    """annex_cites_other_plan: a table titled `(Kèm theo Kế hoạch số N/KH-...)` names the plan it belongs to;
    another number than the document's own means a copied or mistyped annex. A citation of another kind of
    document (`kèm theo Quyết định số N/QĐ-...`, the decision that issues the plan) is not compared."""
    own = PLAN_NUMBER.search(plain(plan_number))
    if own is None:
        return []
    own_key = plan_key(own["number"], own["code"])
    issues = []
    for table in tables:
        title = unicodedata.normalize("NFC", " ".join(table.title.split()))
        for cited in CITATION.finditer(plain(title)):
            key = plan_key(cited["number"], cited["code"])
            if key == own_key or key[1] != own_key[1]:
                continue
            heading = title[:cited.start()].strip() or title
            closing = title.find(")", cited.end())
            citation = title[cited.start():closing if closing > 0 else len(title)].lstrip("( ")
            issues.append(Issue("warning", "annex_cites_other_plan",
                                f"The table on page {table.page} ({heading[:TITLE_CHARS]!r}) says "
                                f"{citation!r}, but this document is {plan_number}.", table.page))
    return issues


def check_page_confidence(pages: list[Page], targets: list[Target], settings: CheckSettings) -> list[Issue]:
    """low_ocr_confidence: an OCR'd page read with little confidence; its text and numbers may be misread."""
    issues = []
    for page in pages:
        if page.text_source != "ocr" or page.error or not page.words or page.confidence >= settings.min_page_confidence:
            continue
        read_there = sum(1 for target in targets if target.page == page.number)
        issues.append(Issue("warning", "low_ocr_confidence",
                            f"Page {page.number} was read by OCR with a mean word confidence of {page.confidence:.2f} "
                            f"(under {settings.min_page_confidence:.2f}); {read_there} targets were read from it: "
                            f"check its text and numbers against the scan.", page.number))
    return issues


def check_cell_confidence(targets: list[Target], settings: CheckSettings) -> list[Issue]:
    """low_cell_confidence: a table target read much less surely than the document's other table targets. The
    bar is relative to the document's median: on a harsh scan most right values are read with low confidence too,
    and only the outliers are worth a person's look."""
    read = [target for target in targets if target.source == "table" and target.value is not None]
    if not read:
        return []
    bar = settings.min_cell_confidence_share * statistics.median(target.confidence for target in read)
    return [Issue("warning", "low_cell_confidence",
                  f"{described(target)}: {printed_rate(target.value, printed_decimals(target))} on page {target.page} "
                  f"was read with a cell confidence of {target.confidence:.2f}, under {bar:.2f} "
                  f"({settings.min_cell_confidence_share:g} of the document's median): check it against the scan.",
                  target.page)
            for target in read if target.confidence < bar]


def cross_check(targets: list[Target], pages: list[Page], tables: list[Table], plan_number: str,
                settings: CheckSettings = CheckSettings()) -> tuple[list[Target], list[Issue]]:
    """Every check on one document: the targets (out-of-range rates emptied) and the issues found."""
    targets, issues = check_rate_ranges(targets)
    issues += check_rate_arithmetic(targets, settings)
    issues += check_totals(targets, settings)
    issues += check_prose_against_annex(targets, settings)
    issues += check_annex_citations(tables, plan_number)
    issues += check_page_confidence(pages, targets, settings)
    issues += check_cell_confidence(targets, settings)
    return targets, issues
