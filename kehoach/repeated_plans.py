"""A check across the documents of a run: the same plan in two input files.

Takes the document records of an output folder; gives an issue row (issues.csv) for each document whose plan
(the same number, issuer's province and year of issue) is also another file of the run: a plan scanned twice,
or a scan beside its born-digital copy. Their targets stay in targets.csv, one set per file; summing them would
count the plan twice, which `latest_targets` and the workbook's pivot avoid by keeping one value per area,
indicator and year (kehoach.analyst_outputs).
"""
from __future__ import annotations

from collections import defaultdict
from pathlib import Path

from kehoach.text_folding import fold, squeeze

CODE = "duplicate_plan"


def plan_key(record: dict) -> tuple[str, str, str] | None:
    """(number, place, year) with case, diacritics and spaces folded; None for a document without a number."""
    number = squeeze(record.get("plan_number") or "")
    if not number or record.get("status") == "failed":
        return None
    place = fold(record.get("province") or record.get("issuer") or "")
    return number, place, (record.get("issue_date") or "")[:4]


def repeated_plan_issues(records: list[dict]) -> list[dict]:
    """issues.csv rows: on each document of a repeated plan, the other files that hold it."""
    groups: dict[tuple[str, str, str], list[dict]] = defaultdict(list)
    for record in records:
        if key := plan_key(record):
            groups[key].append(record)
    issues = []
    for same in groups.values():
        for record in same if len(same) > 1 else []:
            others = ", ".join(f"{Path(other['source_file']).name} ({other['doc_id']})"
                               for other in same if other is not record)
            issues.append({"doc_id": record["doc_id"], "severity": "warning", "code": CODE, "page": None,
                           "message": f"Plan {record['plan_number']} is also in {others}: the same plan read "
                                      f"more than once; do not add up their targets (latest_targets keeps one)."})
    return issues
