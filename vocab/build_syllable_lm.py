"""Build the syllable language model (vocab/data/syllable_lm.json.gz) from clean text in the repo and in
installed packages.

    pip install -e '.[vocab-build]' && python -m kehoach.vocab.build_syllable_lm

Sources, all clean Vietnamese, none of it held out for measuring restoration:
- vocab/corpus/*.txt: plans, letters and decisions written by the kehoach authors;
- the Vĩnh Linh clean seed (samples/sources), a real plan whose sample is born-digital and never restored;
- underthesea's VLSP 2013 POS-tagging test output (about 2,100 sentences of legal and news prose). It places
  tone marks the new way (`uỷ`, `hoá`); its words are rewritten with the traditional placement that the domain's documents
  use most (`Ủy ban`, `hóa`), so that general text does not outvote the domain on spelling;
- every area name of the gazetteer (both structures, with former names) and every agency name and variant.
Held out, never read here: benchmarks/restore_heldout/, the Kon Rẫy clean seed, the Gia Lai sample's text.
"""
from __future__ import annotations

import csv
import gzip
import importlib.util
import json
from collections.abc import Iterable, Iterator
from pathlib import Path

from kehoach.normalizers.agencies import agency_list
from kehoach.normalizers.syllable_lm import DATA_FILE, kneser_ney, sentences_of
from kehoach.normalizers.syllables import inventory, place_tone, split_syllable

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
CORPUS = HERE / "corpus"
SEED = REPO / "samples" / "sources" / "vinhlinh_2023_127-KH-UBND.clean.txt"
VLSP = Path("pipeline/pos_tag/models/pos_crf_vlsp2013_20230303/test_output.txt")
PRECISION = 3  # decimals kept of each log probability


def underthesea_file(relative: Path) -> Path:
    """A data file of the installed underthesea package, found without importing it."""
    spec = importlib.util.find_spec("underthesea")
    if spec is None or not spec.submodule_search_locations:
        raise SystemExit("underthesea is not installed: pip install -e '.[vocab-build]'")
    return Path(next(iter(spec.submodule_search_locations))) / relative


def vlsp_text(path: Path) -> Iterator[str]:
    """The tagged file holds one word per line (`tiếp cận<TAB>B-V<TAB>B-V`), sentences split by blank lines."""
    words: list[str] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            words.append(line.split("\t")[0])
        elif words:
            yield " ".join(words)
            words = []
    if words:
        yield " ".join(words)


def traditional(word: str) -> str:
    parts = split_syllable(word)
    return place_tone(*parts) if parts else word


def name_lines() -> Iterator[str]:
    with gzip.open(HERE / "data" / "gazetteer.csv.gz", "rt", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            yield row["name"]
            yield from (name for name in row["former_names"].split("|") if name)
    for agency in agency_list():
        yield from agency.names


def domain_text() -> Iterable[str]:
    for path in sorted(CORPUS.glob("*.txt")):
        yield path.read_text(encoding="utf-8")
    yield SEED.read_text(encoding="utf-8")
    yield "\n".join(name_lines())


def general_text() -> str:
    return "\n".join(vlsp_text(underthesea_file(VLSP)))


def main() -> None:
    sentences = [sentence for text in domain_text() for sentence in sentences_of(text)]
    sentences += [[traditional(word) for word in sentence] for sentence in sentences_of(general_text())]
    tables = kneser_ney(sentences, len(inventory()))
    rounded = {key: round(value, PRECISION) if isinstance(value, float) else
               {k: round(v, PRECISION) for k, v in value.items()} for key, value in tables.items()}
    out = HERE / "data" / DATA_FILE
    payload = gzip.compress(json.dumps(rounded, ensure_ascii=False, sort_keys=True).encode("utf-8"), mtime=0)
    out.write_bytes(payload)
    tokens = sum(len(s) for s in sentences)
    print(f"{len(sentences)} sentences, {tokens} tokens, {len(tables['unigram'])} words, "
          f"{len(tables['bigram'])} bigrams → {out.relative_to(REPO)} ({len(payload) / 1e6:.1f} MB)")


if __name__ == "__main__":
    main()
