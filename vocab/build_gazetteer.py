"""Build the gazetteer data files under vocab/data/ from installed packages (no download).

    python -m kehoach.vocab.build_gazetteer

Gives two gzip CSV files, loaded by kehoach.vocab.gazetteer:
  gazetteer.csv.gz   every unit of both structures, one row each:
                     structure 2023  the 63-province structure (province, district, commune; GSO codes, parent
                                     codes, official names with type prefixes): `vietnam-provinces` 0.6.0, the
                                     General Statistics Office list of 2025-01-04, names verbatim
                     structure 2025  the 34-province structure of 1 July 2025 (province, commune; no districts):
                                     `vietnamadminunits` 1.0.4, table `admin_units` of its dataset.db
                     province_2025   for each 2023 province, the 2025 province it became: `vietnamadminunits`'
                                     converter_2025.json (DICT_PROVINCE)
                     former_names    for a 2023 district or commune, the names of the units merged into it
                                     (`Xã Vĩnh Tân` for `Thị trấn Cửa Tùng`), as diacritic-free keys:
                                     `vietnamadminunits`' districtAlias / wardAlias, matched on GSO code
  succession_2025.csv.gz  for each 2023 commune, the 2025 commune(s) it went into; `main` marks the one the
                     package takes for a commune divided between several: converter_2025.json
                     (DICT_PROVINCE_WARD_NO_DIVIDED and DICT_PROVINCE_WARD_DIVIDED), keys turned into GSO codes
                     through dataset.db
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

DATA = Path(__file__).resolve().parent / "data"
COLUMNS = ["structure", "level", "code", "name", "parent_code", "province_code", "province_2025", "former_names"]
TYPE_KEYS = ("thanhpho", "thitran", "thixa", "huyen", "quan", "phuong", "xa", "tinh")
# Renamed after the package data were collected, so no package gives the old name: Thừa Thiên Huế became the
# centrally-run Thành phố Huế on 2025-01-01 (Nghị quyết 1314/NQ-UBTVQH15); plans of 2023–2024 print the old one.
FORMER_PROVINCE_NAMES = {"46": ["thuathienhue"]}


def package_db() -> sqlite3.Connection:
    return sqlite3.connect(str(files("vietnamadminunits") / "data" / "dataset.db"))


def former_names(connection: sqlite3.Connection) -> dict[str, list[str]]:
    """GSO code of a 2023 district or commune → bare keys of the units it absorbed (`vinhtan`)."""
    found: dict[str, list[str]] = {code: list(keys) for code, keys in FORMER_PROVINCE_NAMES.items()}
    query = ("SELECT DISTINCT districtCode, districtAlias FROM admin_units_legacy WHERE districtAlias IS NOT NULL "
             "UNION SELECT wardCode, wardAlias FROM admin_units_legacy WHERE wardAlias IS NOT NULL")
    for code, aliases in connection.execute(query):
        bare = {key.removeprefix(next((t for t in TYPE_KEYS if key.startswith(t)), "")) for key in json.loads(aliases)}
        found[code] = sorted(key for key in bare if len(key) > 2 and not key.isdigit())  # drops `p6`, `tx`
    return found


def rows_2023(new_province_of: dict[str, str], formers: dict[str, list[str]]) -> list[dict]:
    provinces = json.loads(vietnam_provinces.NESTED_DIVISIONS_JSON_PATH.read_text(encoding="utf-8"))

    def row(level: str, code: str, name: str, parent: str, province: str, province_2025: str = "") -> dict:
        return {"structure": "2023", "level": level, "code": code, "name": name, "parent_code": parent,
                "province_code": province, "province_2025": province_2025,
                "former_names": "|".join(formers.get(code, []))}

    rows = []
    for province in provinces:
        code = f"{province['code']:02d}"
        rows.append(row("province", code, province["name"], "", code, new_province_of.get(squeeze(province["name"]), "")))
        for district in province["districts"]:
            dcode = f"{district['code']:03d}"
            rows.append(row("district", dcode, district["name"], code, code))
            rows += [row("commune", f"{ward['code']:05d}", ward["name"], dcode, code) for ward in district["wards"]]
    return rows


def rows_2025(connection: sqlite3.Connection) -> list[dict]:
    units = connection.execute("SELECT province, provinceCode, ward, wardCode FROM admin_units "
                               "ORDER BY provinceCode, wardCode").fetchall()
    rows, seen = [], set()
    for province, pcode, ward, wcode in units:
        if pcode not in seen:
            seen.add(pcode)
            rows.append({"structure": "2025", "level": "province", "code": pcode, "name": province, "parent_code": "",
                         "province_code": pcode, "province_2025": "", "former_names": ""})
        rows.append({"structure": "2025", "level": "commune", "code": wcode, "name": ward, "parent_code": pcode,
                     "province_code": pcode, "province_2025": "", "former_names": ""})
    return rows


def new_provinces(rows_2025_: list[dict], converter: dict) -> dict[str, str]:
    """Skeleton of a 2023 province name → name of the 2025 province it became."""
    names = {squeeze(row["name"]): row["name"] for row in rows_2025_ if row["level"] == "province"}
    return {old: names[new] for new, olds in converter["DICT_PROVINCE"].items() for old in olds if new in names}


def succession(connection: sqlite3.Connection, converter: dict) -> list[dict]:
    old_code = {f"{p}_{d}_{w}": code for p, d, w, code in connection.execute(
        "SELECT provinceKey, districtKey, wardKey, wardCode FROM admin_units_legacy WHERE wardCode IS NOT NULL")}
    new_code = {(p, w): code for p, w, code in connection.execute("SELECT provinceKey, wardKey, wardCode FROM admin_units")}
    rows = []
    for province, wards in converter["DICT_PROVINCE_WARD_NO_DIVIDED"].items():
        for ward, olds in wards.items():
            rows += [{"old_code": old_code[old], "new_code": new_code[(province, ward)], "main": 1}
                     for old in olds if old in old_code]  # island districts without communes have no code
    for province, olds in converter["DICT_PROVINCE_WARD_DIVIDED"].items():
        for old, parts in olds.items():
            rows += [{"old_code": old_code[old], "new_code": new_code[(province, part["newWardKey"])],
                      "main": int(part["isDefaultNewWard"])} for part in parts]
    return sorted(rows, key=lambda r: (r["old_code"], -r["main"], r["new_code"]))


def write_gzip_csv(path: Path, columns: list[str], rows: list[dict]) -> None:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    path.write_bytes(gzip.compress(buffer.getvalue().encode("utf-8"), mtime=0))  # mtime 0: same input, same bytes


def main() -> None:
    connection = package_db()
    converter = json.loads((files("vietnamadminunits") / "data" / "converter_2025.json").read_text(encoding="utf-8"))
    units_2025 = rows_2025(connection)
    rows = rows_2023(new_provinces(units_2025, converter), former_names(connection)) + units_2025
    successors = succession(connection, converter)
    connection.close()
    DATA.mkdir(parents=True, exist_ok=True)
    write_gzip_csv(DATA / "gazetteer.csv.gz", COLUMNS, rows)
    write_gzip_csv(DATA / "succession_2025.csv.gz", ["old_code", "new_code", "main"], successors)
    counts: dict[tuple[str, str], int] = {}
    for row in rows:
        counts[(row["structure"], row["level"])] = counts.get((row["structure"], row["level"]), 0) + 1
    for name in ("gazetteer.csv.gz", "succession_2025.csv.gz"):
        print(DATA / name, f"{(DATA / name).stat().st_size / 1e3:.0f} kB")
    print(counts, f"{len(successors)} succession rows")


if __name__ == "__main__":
    main()
