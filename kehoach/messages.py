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
    "no_pdfs": {"en": "No PDF files found in: {inputs}", "vi": "Không tìm thấy tệp PDF nào trong: {inputs}"},
    "not_a_run_folder": {"en": "{folder} has no targets.csv: point at a `kehoach run` output folder.",
                         "vi": "{folder} không có targets.csv: hãy chỉ tới một thư mục kết quả của `kehoach run`."},
    "report_written": {"en": "kehoach: report written to {path}",
                       "vi": "kehoach: đã ghi báo cáo vào {path}"},
    "no_targets": {"en": "No targets in this run folder.",
                   "vi": "Thư mục kết quả này không có chỉ tiêu nào."},
    "no_targets_for": {"en": "No targets for indicator {indicator} in this run folder.",
                       "vi": "Thư mục kết quả này không có chỉ tiêu nào cho chỉ số {indicator}."},
    "unknown_indicator": {"en": "Unknown indicator {indicator!r}. Valid indicators: {valid}.",
                          "vi": "Không có chỉ số {indicator!r}. Các chỉ số hợp lệ: {valid}."},
    "sources_legend": {"en": "Sources:", "vi": "Nguồn:"},
    "column_province": {"en": "province", "vi": "tỉnh"},
    "column_area": {"en": "area", "vi": "địa bàn"},
    "column_indicator": {"en": "indicator", "vi": "chỉ số"},
    "column_unit": {"en": "unit", "vi": "đơn vị"},
    "page_short": {"en": "p.", "vi": "tr."},
    # the HTML report (`kehoach.report_html`)
    "indicator_bhxh_rate": {"en": "Social insurance (BHXH), all participants",
                            "vi": "Bảo hiểm xã hội (BHXH), chung"},
    "indicator_bhxh_compulsory_rate": {"en": "Compulsory social insurance (BHXH bắt buộc)",
                                       "vi": "Bảo hiểm xã hội bắt buộc (BHXH bắt buộc)"},
    "indicator_bhxh_voluntary_rate": {"en": "Voluntary social insurance (BHXH tự nguyện)",
                                      "vi": "Bảo hiểm xã hội tự nguyện (BHXH tự nguyện)"},
    "indicator_bhtn_rate": {"en": "Unemployment insurance (BHTN)", "vi": "Bảo hiểm thất nghiệp (BHTN)"},
    "indicator_bhyt_rate": {"en": "Health insurance coverage (BHYT)", "vi": "Tỷ lệ bao phủ bảo hiểm y tế (BHYT)"},
    "level_province": {"en": "provinces", "vi": "cấp tỉnh"},
    "level_district": {"en": "districts", "vi": "cấp huyện"},
    "level_commune": {"en": "communes", "vi": "cấp xã"},
    "kind_table": {"en": "table", "vi": "bảng"},
    "kind_narrative": {"en": "prose", "vi": "lời văn"},
    "severity_error": {"en": "error", "vi": "lỗi"},
    "severity_warning": {"en": "warning", "vi": "cảnh báo"},
    "severity_info": {"en": "info", "vi": "thông tin"},
    "status_ok": {"en": "ok", "vi": "đọc xong"},
    "status_partial": {"en": "partial", "vi": "đọc một phần"},
    "status_failed": {"en": "failed", "vi": "lỗi"},
    "province_unknown": {"en": "Province not known", "vi": "Chưa rõ tỉnh"},
    "page_long": {"en": "page", "vi": "trang"},
    "issues_on_page": {"en": "issues on this page", "vi": "vấn đề trên trang này"},
    "ranked_caption": {"en": "{scope} ranked on {indicator}, {year}",
                       "vi": "{scope} xếp hạng theo {indicator}, năm {year}"},
    "trend_caption": {"en": "{scope}, {indicator} over the years ({origin})",
                      "vi": "{scope}, {indicator} qua các năm ({origin})"},
    "trend_from": {"en": "from {document}, {kind}", "vi": "theo {document}, {kind}"},
    "trend_per_line": {"en": "one line per document's table or prose",
                       "vi": "mỗi đường là bảng hoặc lời văn của một văn bản"},
    "percent_heading": {"en": "percent", "vi": "phần trăm"},
    "only_province": {"en": "Only the province's own target: nothing to rank or draw.",
                      "vi": "Chỉ có chỉ tiêu của chính tỉnh: không có gì để xếp hạng hay vẽ."},
    "side_by_side": {"en": "Side by side", "vi": "Đối chiếu"},
    "side_by_side_note": {"en": "Each value links to the document and page it was read from; values in red disagree "
                                "between documents or between a document's prose and its tables. A value and its ◳ "
                                "open its page in the review site, drawn over the page's image (`kehoach review DIR` "
                                "makes it).",
                          "vi": "Mỗi giá trị dẫn tới văn bản và trang đọc được nó; giá trị màu đỏ là chỗ các văn bản, "
                                "hoặc lời văn và bảng của một văn bản, không khớp nhau. Bấm vào giá trị hoặc ◳ để mở "
                                "trang của nó trong trang rà soát, vẽ trên ảnh trang (`kehoach review DIR` tạo ra)."},
    "column_level": {"en": "level", "vi": "cấp"},
    "no_issues": {"en": "No issues.", "vi": "Không có vấn đề nào."},
    "column_severity": {"en": "severity", "vi": "mức độ"},
    "column_code": {"en": "code", "vi": "mã"},
    "column_page": {"en": "page", "vi": "trang"},
    "column_message": {"en": "message", "vi": "nội dung"},
    "fact_file": {"en": "file", "vi": "tệp"},
    "fact_status": {"en": "status", "vi": "trạng thái"},
    "fact_type": {"en": "type", "vi": "loại"},
    "fact_number": {"en": "number", "vi": "số"},
    "fact_issued": {"en": "issued", "vi": "ngày ban hành"},
    "fact_issuer": {"en": "issuer", "vi": "cơ quan ban hành"},
    "fact_error": {"en": "error", "vi": "lỗi"},
    "no_documents": {"en": "documents.csv lists no documents.", "vi": "documents.csv không có văn bản nào."},
    "documents_heading": {"en": "Documents and their issues", "vi": "Các văn bản và vấn đề của chúng"},
    "documents_nav": {"en": "documents and issues", "vi": "văn bản và vấn đề"},
    "report_title": {"en": "kehoach: targets of {run}", "vi": "kehoach: chỉ tiêu của {run}"},
    "report_counts": {"en": "{documents} documents, {values} distinct target values, {issues} issues",
                      "vi": "{documents} văn bản, {values} giá trị chỉ tiêu khác nhau, {issues} vấn đề"},
    "report_only": {"en": ", indicator {indicator} only", "vi": ", chỉ riêng chỉ số {indicator}"},
    "report_legend": {"en": ". Red bars and values: an area the run gives more than one value for (a misread, or a "
                            "plan's prose and annex disagreeing); the documents and pages follow the name. ⚠: a "
                            "value on a page validation flagged.",
                      "vi": ". Cột và giá trị màu đỏ: địa bàn có hơn một giá trị (đọc sai, hoặc lời văn và phụ lục "
                            "của kế hoạch không khớp); văn bản và trang ghi sau tên. ⚠: giá trị ở trang có vấn đề "
                            "khi kiểm tra."},
    # the review site (`kehoach review`, kehoach.review_html)
    "review_title": {"en": "kehoach review", "vi": "kehoach rà soát"},
    "review_order": {"en": "Documents in the order a person should look at them: failed, then partial, then those "
                           "with the most errors, warnings and values read two ways, then the one whose least sure "
                           "value is least sure.",
                     "vi": "Các văn bản theo thứ tự cần người xem trước: lỗi, đọc một phần, nhiều lỗi, cảnh báo và "
                           "giá trị đọc ra hai cách nhất, rồi văn bản có giá trị kém chắc chắn nhất."},
    "review_back": {"en": "all documents", "vi": "tất cả văn bản"},
    "review_legend": {"en": "On each page: table cells shaded from red (read with little confidence) to green (sure); "
                            "targets in a heavy frame, outlined in red where an issue names them or the page's words "
                            "read another number in their cell; tasks in blue. "
                            "Click a box to reach its value, a value to reach its box.",
                      "vi": "Trên mỗi trang: ô của bảng tô từ đỏ (đọc với độ tin cậy thấp) đến xanh lá (chắc chắn); "
                            "chỉ tiêu có khung đậm, viền đỏ nếu có vấn đề nêu tên nó hoặc chữ trên trang đọc ra số "
                            "khác trong ô của nó; nhiệm vụ màu xanh lam. "
                            "Bấm vào một khung để tới giá trị của nó, vào một giá trị để tới khung của nó."},
    "review_issues": {"en": "Issues", "vi": "Vấn đề"},
    "review_other_reading": {"en": "the page's words read {text}", "vi": "chữ trên trang đọc là {text}"},
    "column_other_readings": {"en": "values read two ways", "vi": "giá trị đọc ra hai cách"},
    "review_pages": {"en": "Pages (red: an error or warning is about it)",
                     "vi": "Các trang (màu đỏ: có lỗi hoặc cảnh báo về trang)"},
    "review_targets": {"en": "Targets on this page", "vi": "Chỉ tiêu trên trang này"},
    "review_tasks": {"en": "Tasks on this page", "vi": "Nhiệm vụ trên trang này"},
    "review_not_placed": {"en": "not found on the page", "vi": "không tìm thấy trên trang"},
    "review_no_image": {"en": "No image: the source PDF is no longer where the run read it, or cannot be drawn.",
                        "vi": "Không có ảnh: tệp PDF gốc không còn ở chỗ lúc đọc, hoặc không vẽ được."},
    "review_page_heading": {"en": "Page {page} · {source} · confidence {confidence:.2f}",
                            "vi": "Trang {page} · {source} · độ tin cậy {confidence:.2f}"},
    "review_written": {"en": "kehoach: review site written to {path} ({documents} documents; {made} page images "
                             "made, {kept} already there)",
                       "vi": "kehoach: đã ghi trang rà soát vào {path} ({documents} văn bản; vẽ {made} ảnh trang, "
                             "{kept} ảnh đã có sẵn)"},
    "review_not_a_run_folder": {"en": "{folder} has no docs/ folder: point at a `kehoach run` output folder.",
                                "vi": "{folder} không có thư mục docs/: hãy chỉ tới một thư mục kết quả của "
                                      "`kehoach run`."},
    "review_link": {"en": "see it on its page (kehoach review)", "vi": "xem trên trang gốc (kehoach review)"},
    "source_ocr": {"en": "OCR", "vi": "nhận dạng OCR"},
    "source_text_layer": {"en": "text layer", "vi": "lớp chữ"},
    "column_value": {"en": "value", "vi": "giá trị"},
    "column_crop": {"en": "on the page", "vi": "trên trang"},
    "column_what": {"en": "what", "vi": "nội dung"},
    "column_confidence": {"en": "confidence", "vi": "độ tin cậy"},
    "column_file": {"en": "file", "vi": "tệp"},
    "column_status": {"en": "status", "vi": "trạng thái"},
    "column_issues": {"en": "errors and warnings", "vi": "lỗi và cảnh báo"},
    "column_lowest_confidence": {"en": "least sure value", "vi": "giá trị kém chắc nhất"},
    "column_targets": {"en": "targets", "vi": "chỉ tiêu"},
    "column_tasks": {"en": "tasks", "vi": "nhiệm vụ"},
    "column_number": {"en": "number", "vi": "số"},
    "column_error": {"en": "error", "vi": "lỗi"},
    "column_task": {"en": "task", "vi": "nhiệm vụ"},
    "column_lead": {"en": "lead agency", "vi": "đơn vị chủ trì"},
    # progress lines (`kehoach.progress`)
    "progress_pages": {"en": "pages {done}/{total}  {rate:.1f} pages/min  ETA {remaining:.0f} s",
                       "vi": "trang {done}/{total}  {rate:.1f} trang/phút  còn khoảng {remaining:.0f} giây"},
    "document_done": {"en": "{status:7} {file} ({pages} pages, {seconds:.1f} s){detail}",
                      "vi": "{status:12} {file} ({pages} trang, {seconds:.1f} giây){detail}"},
    "document_skipped": {"en": "skipped {file} (already in the output folder)",
                         "vi": "bỏ qua {file} (đã có trong thư mục kết quả)"},
    "run_summary": {"en": "{total} documents: {ok} ok, {partial} partial, {failed} failed, {skipped} skipped "
                          "(unchanged); {pages} pages read in {seconds:.1f} s",
                    "vi": "{total} văn bản: {ok} đọc xong, {partial} đọc một phần, {failed} lỗi, {skipped} bỏ qua "
                          "(không đổi); đã đọc {pages} trang trong {seconds:.1f} giây"},
    # searchable archive copies (`kehoach.searchable_pdf`, `kehoach run --pdf`)
    "pdf_written": {"en": "kehoach: searchable PDFs: {written} written, {current} already there → {folder}/",
                    "vi": "kehoach: PDF tìm kiếm được: đã ghi {written}, đã có sẵn {current} → {folder}/"},
    "pdf_not_written": {"en": "no searchable PDF of {source}: {reason}",
                        "vi": "không tạo được PDF tìm kiếm được cho {source}: {reason}"},
}


def default_language(environ: Mapping[str, str] = os.environ) -> str:
    """`vi` when the locale that names the messages' language is Vietnamese, else `en`."""
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        if value := environ.get(name, ""):
            return "vi" if value.lower().startswith("vi") else "en"
    return "en"


def named(kind: str, value: str, lang: str) -> str:
    """A value of the records (`bhyt_rate`, `district`, `warning`) as the reader calls it; itself when the
    catalogue has no name for it."""
    texts = TEXTS.get(f"{kind}_{value}")
    return texts.get(lang, texts["en"]) if texts else value


def say(key: str, lang: str, **params: object) -> str:
    """The message `key` in `lang` (English for a language the catalogue lacks), its parameters filled in."""
    texts = TEXTS[key]
    return texts.get(lang, texts["en"]).format(**params)
