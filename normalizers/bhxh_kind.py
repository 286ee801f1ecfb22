"""Which social insurance an unqualified "BHXH" table sets: all of it, or the compulsory kind (BHXH bắt buộc).

Takes a document's targets (table and prose, each table target knowing its table and whether its row is the
total row); gives them back with a table's `bhxh_rate` read as `bhxh_compulsory_rate` where the document's own
text says so, and an `info` issue naming the evidence. The evidence is the prose: the table's total row gives,
for some year, exactly the figure the text states for "BHXH bắt buộc" that year, and not the figure it states
for BHXH as a whole. A separate "tự nguyện" table alone is no evidence: plans print a table of all BHXH beside
one of its voluntary part as often as a compulsory one beside it.
"""
from __future__ import annotations

from dataclasses import replace

from kehoach.records import Issue, Target

SAME = 0.005  # values printed alike


def _states(prose: list[Target], indicator: str, total: Target) -> bool:
    return any(t.indicator == indicator and t.year == total.year and t.value is not None
               and abs(t.value - total.value) < SAME for t in prose)


def compulsory_tables(targets: list[Target]) -> dict[int, Target]:
    """Tables whose unqualified BHXH total is the text's compulsory figure: table index → that total."""
    prose = [t for t in targets if t.source == "narrative"]
    found: dict[int, Target] = {}
    for total in targets:
        if (total.source == "table" and total.total_row and total.indicator == "bhxh_rate" and total.value is not None
                and total.table is not None and _states(prose, "bhxh_compulsory_rate", total)
                and not _states(prose, "bhxh_rate", total)):
            found.setdefault(total.table, total)
    return found


def qualify_bhxh(targets: list[Target]) -> tuple[list[Target], list[Issue]]:
    tables = compulsory_tables(targets)
    qualified = [replace(t, indicator="bhxh_compulsory_rate")
                 if t.source == "table" and t.table in tables and t.indicator == "bhxh_rate" else t for t in targets]
    issues = [Issue("info", "bhxh_read_as_compulsory",
                    f"The table's 'BHXH' targets are read as compulsory social insurance (BHXH bắt buộc): its total "
                    f"{total.value:g}% for {total.year} is the figure the text gives for BHXH bắt buộc.", total.page)
              for total in tables.values()]
    return qualified, issues
