"""kehoach from Python: one plan read in this process, then a batch run into an output folder.

    python docs/api_example.py PLAN.pdf OUT_DIR

Quoted in the README and run by the tests (tests/test_api.py), so it stays true to the API.
"""
import json
import sys

import kehoach


def main(pdf: str, out: str) -> None:
    doc = kehoach.read_pdf(pdf)  # one process, no Prefect: a kehoach.Document
    print(f"kehoach {kehoach.__version__}: {doc.meta.doc_type} {doc.meta.plan_number} of {doc.meta.issue_date}, "
          f"{len(doc.pages)} pages, status {doc.status}")
    for target in doc.targets:
        print(f"  {target.area_name or target.area_name_raw}  {target.indicator} {target.year}: "
              f"{target.value} {target.unit} (page {target.page}, {target.source})")
    for task in doc.tasks[:3]:
        print(f"  task {task.item}: {task.task[:60]} → {task.lead_agency}")
    record = doc.to_dict()  # the docs/<doc_id>.json record, valid against kehoach/document.schema.json
    print(f"  {len(json.dumps(record, ensure_ascii=False))} characters of JSON, {len(record['issues'])} issues")

    summary = kehoach.run([pdf], out, workers=2)  # the batch flow: CSVs, kehoach.xlsx, kehoach.duckdb in `out`
    print(summary.text)
    sys.exit(summary.exit_code)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
