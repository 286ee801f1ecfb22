"""The README's first screen: `docs/review.png`, the samples' review page as headless Chromium draws it.

    python -m benchmarks.review_screenshot [--run DIR] [--out docs/review.png]

Takes a `kehoach run samples/` output folder (`--run`; without it the samples are run into a temporary folder
first, 2-4 minutes), writes its review site (`kehoach review`) and photographs the Gia Lai legacy scan's annex page
(page 3: the table's cells shaded by confidence, its targets framed, the one read least surely outlined, each value
beside its crop) in the system Chromium through Playwright, as the tests drive it. The PNG is reduced to 256 grey
and colour levels, so it stays under 300 kB in the repository.
"""
from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from PIL import Image

from kehoach.review_site import write_review_site

ROOT = Path(__file__).resolve().parent.parent
DOCUMENT = "gialai_2024_legacy.pdf"
PAGE = 3
VIEWPORT = {"width": 1280, "height": 800}


def samples_run(out: Path) -> None:
    subprocess.run([sys.executable, "-m", "kehoach.cli", "run", str(ROOT / "samples"), "--out", str(out)], check=True)


def screenshot(run: Path, out: Path) -> None:
    from playwright.sync_api import sync_playwright

    site = write_review_site(run)
    doc_id = next(path.stem for path in (run / "docs").glob("*.json")
                  if json.loads(path.read_text(encoding="utf-8"))["source_file"].endswith(DOCUMENT))
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium)
        page = browser.new_page(viewport=VIEWPORT)
        page.goto(f"{(site.index.parent / f'{doc_id}.html').as_uri()}#p{PAGE}", wait_until="load")
        shot = page.screenshot()
        browser.close()
    out.parent.mkdir(parents=True, exist_ok=True)
    raw = out.with_suffix(".raw.png")
    raw.write_bytes(shot)
    with Image.open(raw) as image:
        image.convert("RGB").quantize(colors=256, method=Image.Quantize.MEDIANCUT).save(out, optimize=True)
    raw.unlink()
    print(f"{out}: {out.stat().st_size / 1024:.0f} kB")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--run", type=Path, help="a `kehoach run samples/` output folder (default: run them now)")
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "review.png")
    args = parser.parse_args()
    if args.run:
        screenshot(args.run, args.out)
        return
    with tempfile.TemporaryDirectory(prefix="kehoach-samples-") as work:
        samples_run(Path(work))
        screenshot(Path(work), args.out)


if __name__ == "__main__":
    main()
