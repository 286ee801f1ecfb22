"""Progress display for a batch: pages done / total, rate and ETA on standard error, and the final summary."""
from __future__ import annotations

import sys
import time
from dataclasses import dataclass, field

from kehoach.messages import named, say
from kehoach.records import Document


@dataclass
class Progress:
    """A flow parameter: it holds no stream, since the Dask runner has Prefect serialise the flow's parameters
    for its workers and a file object cannot be."""

    total_pages: int = 0
    done_pages: int = 0
    started: float = field(default_factory=time.monotonic)
    ended: float = 0.0  # when the last output was written: the flow engine's shutting down is not reading
    counts: dict[str, int] = field(default_factory=lambda: {"ok": 0, "partial": 0, "failed": 0, "skipped": 0})
    lang: str = "en"  # of the lines (kehoach.messages)

    def add_pages(self, count: int) -> None:
        if not self.total_pages:
            self.started = time.monotonic()  # the rate counts reading, not the flow engine's start-up
        self.total_pages += count

    def page_done(self) -> None:
        self.done_pages += 1
        elapsed = time.monotonic() - self.started
        rate = self.done_pages / elapsed if elapsed > 0 else 0.0
        remaining = (self.total_pages - self.done_pages) / rate if rate > 0 else 0.0
        self._say(say("progress_pages", self.lang, done=self.done_pages, total=self.total_pages, rate=rate * 60,
                      remaining=remaining))

    def document_done(self, doc: Document) -> None:
        self.counts[doc.status] += 1
        detail = f": {doc.error}" if doc.error else ""
        self._say(say("document_done", self.lang, status=named("status", doc.status, self.lang),
                      file=doc.source_file, pages=len(doc.pages), seconds=doc.seconds, detail=detail))

    def document_skipped(self, source_file: str) -> None:
        self.counts["skipped"] += 1
        self._say(say("document_skipped", self.lang, file=source_file))

    def outputs_written(self) -> None:
        self.ended = time.monotonic()

    def summary(self) -> str:
        seconds = (self.ended or time.monotonic()) - self.started
        c = self.counts
        return say("run_summary", self.lang, total=sum(c.values()), ok=c["ok"], partial=c["partial"],
                   failed=c["failed"], skipped=c["skipped"], pages=self.done_pages, seconds=seconds)

    def _say(self, line: str) -> None:
        print(line, file=sys.stderr, flush=True)
