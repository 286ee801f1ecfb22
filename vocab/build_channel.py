"""Build the OCR channel models (vocab/data/channel.json.gz) from parallel text made here.

    python -m kehoach.vocab.build_channel

The training text of the language model written in this repository (vocab/corpus/*.txt and the Vĩnh Linh
clean seed) is rendered, scanned with three scanner profiles (a 300-dpi grey office scan with JPEG
compression; a 200-dpi bitonal fax-mode scan; the same of a worn original) and read with Tesseract `eng` and
`vie`; the printed and the read words are aligned one to one (kehoach.synth.parallel.word_pairs) and each
engine's confusions counted. The profiles differ from the samples' and no held-out text is read. Two processes, OMP_THREAD_LIMIT=1:
about 13 minutes on two cores.
"""
from __future__ import annotations

import gzip
import json
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from kehoach.normalizers.ocr_channel import DATA_FILE, ChannelModel
from kehoach.synth.parallel import read_back, word_pairs, words
from kehoach.synth.scanner import ScanProfile
from kehoach.vocab.build_syllable_lm import CORPUS, SEED

HERE = Path(__file__).resolve().parent
PROFILES = {
    "grey": ScanProfile(dpi=300, skew_degrees=0.6, blur_sigma=0.8, noise_sigma=9, jpeg_quality=55),
    "bitonal": ScanProfile(dpi=200, skew_degrees=0.9, blur_sigma=1.0, noise_sigma=12, illumination=0.2,
                           bitonal=True, speckle=0.003),
    # A worn original through a fax-mode scanner: heavier blur, noise and speckle, so the channel also sees the
    # tone marks a poor bitonal scan swaps (`phạp` for `pháp`, `cao` for `cáo`), not only the ones it drops.
    "bitonal, worn": ScanProfile(dpi=200, skew_degrees=-0.5, blur_sigma=1.2, noise_sigma=16, illumination=0.3,
                                 bitonal=True, speckle=0.005),
}
ENGINES = ("eng", "vie")


def texts() -> list[Path]:
    return sorted(CORPUS.glob("*.txt")) + [SEED]


def pairs_of(job: tuple[Path, str, str, int]) -> tuple[str, list[tuple[str, str]]]:
    path, profile, engine, seed = job
    pairs: list[tuple[str, str]] = []
    for page in read_back(path.read_text(encoding="utf-8"), PROFILES[profile], engine, seed):
        printed, read = words(page.printed), words(page.read)
        pairs += [(printed[i].lower(), read[j].lower()) for i, j in word_pairs(printed, read)]
    return engine, pairs


def main() -> None:
    jobs = [(path, profile, engine, seed) for seed, path in enumerate(texts())
            for profile in PROFILES for engine in ENGINES]
    by_engine: dict[str, list[tuple[str, str]]] = {engine: [] for engine in ENGINES}
    with ProcessPoolExecutor(max_workers=2) as pool:
        for engine, pairs in pool.map(pairs_of, jobs):
            by_engine[engine] += pairs
    models = {engine: ChannelModel.trained(pairs).to_json() for engine, pairs in by_engine.items()}
    out = HERE / "data" / DATA_FILE
    out.write_bytes(gzip.compress(json.dumps(models, ensure_ascii=False, sort_keys=True).encode("utf-8"), mtime=0))
    for engine, pairs in by_engine.items():
        changed = sum(printed != read for printed, read in pairs)
        print(f"{engine}: {len(pairs)} word pairs, {changed} misread")
    print(f"→ {out.relative_to(HERE.parent)} ({out.stat().st_size / 1e3:.0f} kB)")


if __name__ == "__main__":
    main()
