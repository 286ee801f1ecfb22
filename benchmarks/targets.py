"""Benchmark: target recall and precision of `kehoach run` on every sample against its ground truth.

    python -m benchmarks.targets [--samples samples] [--out DIR]

A found target matches a true one when source, indicator, year, value (to 0.01) and area agree. Areas are
compared as analysts use them: the official unit (the truth's printed name looked up in the gazetteer under
the truth's province and district; the found target's `area_name`), else the printed name without marks. Head counts and bases
are checked on the matched table rows. Runs `kehoach run` into DIR (reusing what is there).
"""
from __future__ import annotations

from collections import Counter

import pandas as pd

from benchmarks.sample_run import arguments, run_samples, save_results, truths_with_doc_ids
from kehoach.normalizers.areas import total_row
from kehoach.text_folding import squeeze
from kehoach.vocab.gazetteer import load_gazetteer


def key(area: str, indicator: str, year, value, source: str) -> tuple:
    value = round(float(value), 2) if pd.notna(value) else None
    return (source, indicator, int(year) if pd.notna(year) else None, value, squeeze(str(area or "")))


def truth_area(target: dict, document: dict) -> str:
    """The official unit a true target is about: the document's own area for prose and total rows."""
    gazetteer = load_gazetteer()
    own = document["district"] or document["province"]
    raw = target["area_name_raw"]
    if not raw or total_row(raw):
        return own
    province = gazetteer.find_in_text(document["province"], "2023", "province")
    district = gazetteer.find_in_text(document["district"], "2023", "district") if document["district"] else []
    area = gazetteer.resolve(raw, "2023", province[0].code if province else "", district[0].code if district else "",
                             level="commune" if district else "district")
    return area.name if area else raw


def found_area(row) -> str:
    return row.area_name if isinstance(row.area_name, str) else row.area_name_raw if isinstance(row.area_name_raw, str) else ""


def score(truth: list[dict], found: pd.DataFrame, document: dict) -> dict:
    truth_keys = [key(truth_area(t, document), t["indicator"], t["year"], t["value"], t["source"]) for t in truth]
    expected = Counter(truth_keys)
    got = Counter(key(found_area(r), r.indicator, r.year, r.value, r.source) for r in found.itertuples())
    hits = sum((expected & got).values())
    truth_by_key = dict(zip(truth_keys, truth))
    exact_counts = checked = 0
    for r in found.itertuples():
        t = truth_by_key.get(key(found_area(r), r.indicator, r.year, r.value, r.source))
        if t and (t["participants"] is not None or t["base_value"] is not None):
            checked += 1
            exact_counts += (pd.isna(r.participants) if t["participants"] is None else r.participants == t["participants"]) \
                and (pd.isna(r.base_value) if t["base_value"] is None else r.base_value == t["base_value"])
    return {"truth": sum(expected.values()), "found": sum(got.values()), "matched": hits,
            "recall": round(hits / max(1, sum(expected.values())), 4),
            "precision": round(hits / max(1, sum(got.values())), 4),
            "counts_exact": f"{exact_counts}/{checked}",
            "resolved_areas": round(found["area_code"].notna().mean(), 4) if len(found) else 1.0,
            "missing": [k for k in (expected - got)][:5], "extra": [k for k in (got - expected)][:5]}


def main() -> None:
    args = arguments(__doc__.splitlines()[0])
    out = run_samples(args.samples, args.out)
    targets = pd.read_csv(out / "targets.csv")
    results = {}
    for truth, doc_id in truths_with_doc_ids(args.samples, out):
        r = results[truth["file"]] = score(truth["targets"], targets[targets.doc_id == doc_id], truth)
        print(f"{truth['file']:34} targets {r['matched']:4}/{r['truth']:4} true, {r['found']:4} found: recall "
              f"{r['recall']:.3f} precision {r['precision']:.3f}; counts/bases exact {r['counts_exact']}; "
              f"areas resolved {r['resolved_areas']:.3f}")
        for name in ("missing", "extra"):
            if r[name]:
                print(f"    {name}: {r[name]}")
    save_results("targets", results)


if __name__ == "__main__":
    main()
