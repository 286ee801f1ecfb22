"""The analyst's view: targets of a run folder side by side by area and year.

Takes a `kehoach run` output folder; gives a text table (one row per province, area and indicator, one
column per year) built from its targets.csv.
"""
from __future__ import annotations

from pathlib import Path

import pandas as pd

from kehoach.errors import UsageError


def load_targets(out_dir: Path) -> pd.DataFrame:
    path = out_dir / "targets.csv"
    if not path.exists():
        raise UsageError(f"{out_dir} has no targets.csv: point at a `kehoach run` output folder.")
    return pd.read_csv(path, dtype={"area_code": str})


def compare_targets(out_dir: Path, indicator: str = "") -> str:
    targets = load_targets(out_dir)
    if indicator:
        targets = targets[targets["indicator"] == indicator]
    if targets.empty:
        return "No targets" + (f" for indicator {indicator}." if indicator else ".")
    targets = targets.assign(area=targets["area_name"].fillna(targets["area_name_raw"]),
                             province=targets["province"].fillna(""),
                             year=targets["year"].astype("Int64").astype(str))
    table = targets.pivot_table(index=["province", "area", "indicator"], columns="year", values="value",
                                aggfunc="first")
    return table.to_string(float_format=lambda value: f"{value:.2f}", na_rep="")
