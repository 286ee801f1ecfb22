"""Build vocab/data/gazetteer.csv.gz: Vietnam's administrative units in both structures, with GSO codes.

    python -m kehoach.vocab.build_gazetteer

Facts come from installed packages (no download):
  structure 2023  the 63-province structure with districts and communes: `vietnam-provinces` 0.6.0
                  (data retrieved 2025-01-04; numeric General Statistics Office codes)
  structure 2025  the 34-province structure of 1 July 2025 (provinces and communes, no districts):
                  `vietnamadminunits` 1.0.4, table `admin_units` of its dataset.db
  province_2025   for each 2023 province, the 2025 province it became: `vietnamadminunits`'
                  converter_2025.json (DICT_PROVINCE)
"""
from __future__ import annotations

import csv
import gzip
import io
import json
import sqlite3
from importlib.resources import files
from pathlib import Path

import vietnam_provinces

from kehoach.text_folding import squeeze

OUT = Path(__file__).resolve().parent / "data" / "gazetteer.csv.gz"
COLUMNS = ["structure", "level", "code", "name", "parent_code", "province_code", "province_2025"]


def rows_2023(new_province_of: dict[str, str]) -> list[dict]:
    provinces = json.loads(vietnam_provinces.NESTED_DIVISIONS_JSON_PATH.read_text(encoding="utf-8"))
    rows = []
    for province in provinces:
        code = f"{province['code']:02d}"
        rows.append({"structure": "2023", "level": "province", "code": code, "name": province["name"],
                     "parent_code": "", "province_code": code, "province_2025": new_province_of.get(squeeze(province["name"]), "")})
        for district in province["districts"]:
            dcode = f"{district['code']:03d}"
            rows.append({"structure": "2023", "level": "district", "code": dcode, "name": district["name"],
                         "parent_code": code, "province_code": code, "province_2025": ""})
            rows += [{"structure": "2023", "level": "commune", "code": f"{ward['code']:05d}", "name": ward["name"],
                      "parent_code": dcode, "province_code": code, "province_2025": ""} for ward in district["wards"]]
    return rows


def rows_2025() -> tuple[list[dict], dict[str, str]]:
    data = files("vietnamadminunits") / "data"
    connection = sqlite3.connect(str(data / "dataset.db"))
    units = connection.execute("SELECT province, provinceCode, ward, wardCode FROM admin_units ORDER BY provinceCode, wardCode").fetchall()
    connection.close()
    rows, seen = [], set()
    for province, pcode, ward, wcode in units:
        if pcode not in seen:
            seen.add(pcode)
            rows.append({"structure": "2025", "level": "province", "code": pcode, "name": province, "parent_code": "",
                         "province_code": pcode, "province_2025": ""})
        rows.append({"structure": "2025", "level": "commune", "code": wcode, "name": ward, "parent_code": pcode,
                     "province_code": pcode, "province_2025": ""})
    names = {squeeze(row["name"]): row["name"] for row in rows if row["level"] == "province"}
    converter = json.loads((data / "converter_2025.json").read_text(encoding="utf-8"))["DICT_PROVINCE"]
    new_province_of = {old: names[new] for new, olds in converter.items() for old in olds if new in names}
    return rows, new_province_of


def main() -> None:
    new_rows, new_province_of = rows_2025()
    rows = rows_2023(new_province_of) + new_rows
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_bytes(gzip.compress(buffer.getvalue().encode("utf-8"), mtime=0))
    counts: dict[tuple[str, str], int] = {}
    for row in rows:
        counts[(row["structure"], row["level"])] = counts.get((row["structure"], row["level"]), 0) + 1
    print(OUT, f"{OUT.stat().st_size / 1e3:.0f} kB", counts)


if __name__ == "__main__":
    main()
