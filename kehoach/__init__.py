"""kehoach: Vietnamese government plans (kế hoạch) read from PDFs into structured data.

    import kehoach
    doc = kehoach.read_pdf("plan.pdf")          # one file in this process → kehoach.Document
    summary = kehoach.run(["scans/"], "out/")   # the batch flow → the output folder, kehoach.RunSummary

The API lives in `kehoach.api` and the records in `kehoach.records`; both are imported on first use, so that
`import kehoach` (and the command line, which imports this package first) stays quick.
"""
from __future__ import annotations

from importlib import import_module
from importlib.metadata import version

__version__ = version("kehoach")
__all__ = ["Document", "RunSummary", "Settings", "__version__", "read_pdf", "run"]

_EXPORTS = {"read_pdf": "kehoach.api", "run": "kehoach.api", "RunSummary": "kehoach.api",
            "Document": "kehoach.records", "Settings": "kehoach.config"}


def __getattr__(name: str) -> object:
    if name not in _EXPORTS:
        raise AttributeError(f"module 'kehoach' has no attribute {name!r}")
    return getattr(import_module(_EXPORTS[name]), name)
