"""The catalogue of what kehoach says to a person, in English and Vietnamese (tiếng Việt).

Takes a message key, a language and the message's parameters; gives the sentence. Every text the command line
prints, the progress lines and the HTML report's headings come from `TEXTS`, so a language is added or a
wording changed in one place. Issue messages are translated by their `code` (`kehoach.issue_texts`).

The language is a setting (`Settings.lang`, `--lang vi|en`); its default comes from the locale as POSIX orders
it (LC_ALL, then LC_MESSAGES, then LANG): Vietnamese when that starts with `vi`, English otherwise.
"""
from __future__ import annotations

import os
from collections.abc import Mapping

LANGUAGES = ("vi", "en")

TEXTS: dict[str, dict[str, str]] = {
    # the command line
    "run_start": {"en": "kehoach: {count} PDF files → {out}/",
                  "vi": "kehoach: {count} tệp PDF → {out}/"},
    "report_written": {"en": "kehoach: report written to {path}",
                       "vi": "kehoach: đã ghi báo cáo vào {path}"},
    "no_targets": {"en": "No targets in this run folder.",
                   "vi": "Thư mục kết quả này không có chỉ tiêu nào."},
    "no_targets_for": {"en": "No targets for indicator {indicator} in this run folder.",
                       "vi": "Thư mục kết quả này không có chỉ tiêu nào cho chỉ số {indicator}."},
    "unknown_indicator": {"en": "Unknown indicator {indicator!r}. Valid indicators: {valid}.",
                          "vi": "Không có chỉ số {indicator!r}. Các chỉ số hợp lệ: {valid}."},
    "sources_legend": {"en": "Sources:", "vi": "Nguồn:"},
    "page_short": {"en": "p.", "vi": "tr."},
    # progress lines (`kehoach.progress`)
    "progress_pages": {"en": "pages {done}/{total}  {rate:.1f} pages/min  ETA {remaining:.0f} s",
                       "vi": "trang {done}/{total}  {rate:.1f} trang/phút  còn khoảng {remaining:.0f} giây"},
    "document_done": {"en": "{status:7} {file} ({pages} pages, {seconds:.1f} s){detail}",
                      "vi": "{status:7} {file} ({pages} trang, {seconds:.1f} giây){detail}"},
    "document_skipped": {"en": "skipped {file} (already in the output folder)",
                         "vi": "bỏ qua {file} (đã có trong thư mục kết quả)"},
    "run_summary": {"en": "{total} documents: {ok} ok, {partial} partial, {failed} failed, {skipped} skipped "
                          "(unchanged); {pages} pages read in {seconds:.1f} s",
                    "vi": "{total} văn bản: {ok} đọc xong, {partial} đọc một phần, {failed} lỗi, {skipped} bỏ qua "
                          "(không đổi); đã đọc {pages} trang trong {seconds:.1f} giây"},
}


def default_language(environ: Mapping[str, str] = os.environ) -> str:
    """`vi` when the locale that names the messages' language is Vietnamese, else `en`."""
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        if value := environ.get(name, ""):
            return "vi" if value.lower().startswith("vi") else "en"
    return "en"


def say(key: str, lang: str, **params: object) -> str:
    """The message `key` in `lang` (English for a language the catalogue lacks), its parameters filled in."""
    texts = TEXTS[key]
    return texts.get(lang, texts["en"]).format(**params)
