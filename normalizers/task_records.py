"""Normalise tasks: canonical agencies, whole partner agencies, timelines → due dates.

Takes `Task`s with agencies and timeline as printed, and the plan's year; gives the tasks with
`lead_agency` canonical (`BHXH tỉnh` → `Bảo hiểm xã hội tỉnh`; the printed text stays in `lead_agency_raw`),
`partner_agencies` split into whole agencies and canonicalised, the timeline repaired (a quarter in digits
among Roman ones read as Roman, `quarters_as_printed`), `due`/`recurring` from it, and an
`info` issue for each timeline that names no date it could read.
"""
from __future__ import annotations

from dataclasses import replace

from kehoach.normalizers.agencies import canonical_agency, split_agencies
from kehoach.normalizers.timelines import parse_timeline, quarters_as_printed, repair_timeline
from kehoach.records import Issue, Task


def normalize_task(task: Task, plan_year: int | None, printed: str) -> tuple[Task, list[Issue]]:
    """`printed`: the task's timeline repaired (`repair_timeline`, `quarters_as_printed`)."""
    lead = canonical_agency(task.lead_agency_raw).name if task.lead_agency_raw else ""
    partners = [canonical_agency(part).name for raw in task.partner_agencies for part in split_agencies(raw)]
    issues: list[Issue] = []
    due, recurring = "", False
    if printed:
        timeline = parse_timeline(printed, plan_year)
        due, recurring = timeline.due, timeline.recurring
        if not timeline.parsed:
            issues.append(Issue("info", "timeline_unparsed",
                                f"Timeline kept as printed, no date read from it: {printed!r} "
                                f"(task {task.item or task.task[:40]!r}).", task.page))
    return replace(task, lead_agency=lead, partner_agencies=partners, timeline=printed, due=due,
                   recurring=recurring), issues


def normalize_tasks(tasks: list[Task], plan_year: int | None) -> tuple[list[Task], list[Issue]]:
    printed = quarters_as_printed([repair_timeline(task.timeline) for task in tasks])
    done = [normalize_task(task, plan_year, timeline) for task, timeline in zip(tasks, printed)]
    return [task for task, _ in done], [issue for _, issues in done for issue in issues]
