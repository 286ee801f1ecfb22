"""Build the stored candidate lists (vocab/data/candidates.npz) from the models already built.

    python -m kehoach.vocab.build_candidates

Runs the candidate search of kehoach.normalizers.candidates for every token the table covers (every word the
models know, its skeleton, its likeliest reading by each engine) and stores the result with a fingerprint of
the channel and language-model files, the syllable inventory and the search's settings. Rebuild it after
build_channel or build_syllable_lm, or after changing the search: a stale table is not used. About a minute
on one core.
"""
from __future__ import annotations

from pathlib import Path

from kehoach.normalizers.candidate_table import DATA_FILE, CandidateTable
from kehoach.normalizers.candidates import candidate_index, current_fingerprint

HERE = Path(__file__).resolve().parent
ENGINES = ("eng", "vie")


def main() -> None:
    index = candidate_index()
    lists = {engine: {token: [(c.word, c.channel) for c in index.search(token, engine)]
                      for token in sorted(index.covered_tokens(engine))} for engine in ENGINES}
    payload = CandidateTable.built(current_fingerprint(), index.known, lists).to_bytes()
    out = HERE / "data" / DATA_FILE
    out.write_bytes(payload)
    counts = ", ".join(f"{engine} {len(by_token)} tokens, {sum(map(len, by_token.values()))} candidates"
                       for engine, by_token in lists.items())
    print(f"{counts} → vocab/data/{DATA_FILE} ({len(payload) / 1e6:.1f} MB)")


if __name__ == "__main__":
    main()
