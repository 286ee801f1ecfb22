"""Stored candidate lists: the candidates of the tokens OCR writes most, computed once when the models are built.

Takes nothing at run time but the file vocab/data/candidates.npz (built by vocab/build_candidates.py); gives,
for a token and engine it covers, exactly the candidates the search of kehoach.normalizers.candidates would
find (words and channel scores, bit for bit), without the search: a dictionary look-up instead of an
edit-distance search and some fifty channel alignments per token. It covers every word the models know, every
skeleton of one (what an English model writes for a word whose marks it lost) and, for `eng`, each word as an
English model likeliest reads it (`huyén` for `huyện`); other tokens (`ctia`, `s6`) are searched. The file
carries a fingerprint of what its lists depend on (the two model files, the syllable inventory, the search's
constants); a stale file is not used, and tests/test_candidates.py fails until it is rebuilt.
"""
from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass
from importlib.resources import files

import numpy as np

DATA_FILE = "candidates.npz"
ITSELF = np.iinfo(np.uint16).max  # a candidate that is the token itself (a word no vocabulary knows)
MODEL_FILES = ("channel.json.gz", "syllable_lm.json.gz")


def fingerprint(inventory: frozenset[str], settings: tuple) -> str:
    """What the stored lists depend on: the model files, the syllable inventory and the search's settings."""
    digest = hashlib.sha256()
    for name in MODEL_FILES:
        digest.update((files("kehoach.vocab") / "data" / name).read_bytes())
    digest.update("\n".join(sorted(inventory)).encode("utf-8"))
    digest.update(repr(settings).encode("utf-8"))
    return digest.hexdigest()


@dataclass(frozen=True)
class StoredLists:
    """One engine's lists: token → rows [offsets[i], offsets[i+1]) of (word index, channel score)."""

    rows: dict[str, int]
    offsets: np.ndarray  # int32
    word_ids: np.ndarray  # uint16, index into CandidateTable.words, or ITSELF
    channel: np.ndarray  # float64: log P(token | word), as the search computes it


@dataclass(frozen=True)
class CandidateTable:
    fingerprint: str
    words: list[str]
    engines: dict[str, StoredLists]

    def lookup(self, token: str, engine: str) -> list[tuple[str, float]] | None:
        """(word, channel score) of each stored candidate in order, or None if the token is not covered."""
        stored = self.engines.get(engine)
        row = stored.rows.get(token) if stored else None
        if row is None:
            return None
        start, end = stored.offsets[row], stored.offsets[row + 1]
        return [(token if index == ITSELF else self.words[index], score) for index, score in
                zip(stored.word_ids[start:end].tolist(), stored.channel[start:end].tolist())]

    def to_bytes(self) -> bytes:
        arrays = {"fingerprint": np.array(self.fingerprint), "words": np.array("\n".join(self.words))}
        for engine, stored in self.engines.items():
            arrays[f"{engine}_tokens"] = np.array("\n".join(sorted(stored.rows, key=stored.rows.__getitem__)))
            arrays[f"{engine}_offsets"] = stored.offsets
            arrays[f"{engine}_word_ids"] = stored.word_ids
            arrays[f"{engine}_channel"] = stored.channel
        buffer = io.BytesIO()
        np.savez_compressed(buffer, **arrays)
        return buffer.getvalue()

    @classmethod
    def from_bytes(cls, payload: bytes) -> CandidateTable:
        with np.load(io.BytesIO(payload), allow_pickle=False) as data:
            engines = {}
            for engine in sorted({name.split("_")[0] for name in data.files if name.endswith("_tokens")}):
                tokens = str(data[f"{engine}_tokens"]).split("\n")
                engines[engine] = StoredLists(dict(zip(tokens, range(len(tokens)))), data[f"{engine}_offsets"],
                                              data[f"{engine}_word_ids"], data[f"{engine}_channel"])
            return cls(str(data["fingerprint"]), str(data["words"]).split("\n"), engines)

    @classmethod
    def built(cls, fingerprint: str, known: frozenset[str],
              lists: dict[str, dict[str, list[tuple[str, float]]]]) -> CandidateTable:
        """From engine → token → [(word, channel score)]. A candidate no vocabulary knows is the token itself
        (the search adds no other), stored as ITSELF."""
        words = sorted({word for by_token in lists.values() for found in by_token.values() for word, _ in found
                        if word in known})
        if len(words) >= ITSELF:
            raise ValueError(f"{len(words)} words do not fit 16-bit indices")
        index = {word: i for i, word in enumerate(words)}
        engines = {}
        for engine, by_token in lists.items():
            tokens = sorted(by_token)
            offsets = np.cumsum([0] + [len(by_token[t]) for t in tokens]).astype(np.int32)
            word_ids = np.array([index.get(word, ITSELF) for t in tokens for word, _ in by_token[t]], dtype=np.uint16)
            channel = np.array([score for t in tokens for _, score in by_token[t]], dtype=np.float64)
            engines[engine] = StoredLists(dict(zip(tokens, range(len(tokens)))), offsets, word_ids, channel)
        return cls(fingerprint, words, engines)


def load_table() -> CandidateTable | None:
    """The stored table, or None when the file is missing (before the first build)."""
    path = files("kehoach.vocab") / "data" / DATA_FILE
    return CandidateTable.from_bytes(path.read_bytes()) if path.is_file() else None
