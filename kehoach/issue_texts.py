"""Issue messages in the reader's language, by the issue's `code`.

Takes an issue's code, its English message as the extractors wrote it and a language; gives the message to show
in issues.csv and the report. The records keep the English text (the store is one language, and the code is the
stable id a program matches on); the text is translated when the tables are written, so the many modules that
raise issues stay as they are.

Each code has patterns of its English message whose named parts (numbers, names, quoted text from the page) go
into the Vietnamese sentence, tried in order, and a Vietnamese sentence of its own for a message none of them
matches (a wording changed since): a reader of Vietnamese never gets an English sentence, only, at worst, a
less detailed one. A code without an entry keeps its English message.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

Parts = dict[str, str]


@dataclass(frozen=True)
class IssueText:
    """How one code reads in Vietnamese: (pattern of the English message, the sentence from its parts), and a
    sentence for a message no pattern matches."""

    patterns: tuple[tuple[re.Pattern[str], Callable[[Parts], str]], ...]
    fallback: str


def _pattern(text: str) -> re.Pattern[str]:
    return re.compile(text, re.DOTALL)


# `bhtn_rate 2023 for Tổng cộng (Huyện Vĩnh Linh)` (normalizers/cross_checks.py `described`)
DESCRIBED = r"(?P<indicator>\w+) (?P<year>\S+) for (?P<area>.+?)"
AREA_OF_DOCUMENT = {"the document": "văn bản", "'(the document itself)'": "chính văn bản"}
BASE_NAMES = {"participants": "số người tham gia", "labour force": "lực lượng lao động", "population": "dân số",
              "base": "cơ sở"}
FILE_KINDS = {"it is a ZIP or Office file": "đây là tệp ZIP hoặc Office", "it is a PNG image": "đây là ảnh PNG",
              "it is a JPEG image": "đây là ảnh JPEG", "it is a TIFF image": "đây là ảnh TIFF",
              "it is a web page": "đây là trang web"}  # extractors/pdf_input.py `_guess_kind`
LANGUAGE_NAMES = {"English": "tiếng Anh", "French": "tiếng Pháp", "another language": "một ngôn ngữ khác"}


def described(parts: Parts) -> str:
    area = AREA_OF_DOCUMENT.get(parts["area"], parts["area"])
    return f"{parts['indicator']} năm {parts['year']} của {area}"


def figures(text: str) -> str:
    """`23,12% and 12.038 participants` → `23,12% và 12.038 người tham gia`."""
    return re.sub(r" and (\S+) participants", r" và \1 người tham gia", text)


def _annex_disagreement(parts: Parts) -> str:
    text = (f"{parts['indicator']} năm {parts['year']}: văn bản ở trang {parts['page']} nêu {figures(parts['stated'])}"
            f", còn dòng tổng {parts['row']} của bảng ở trang {parts['table_page']} ghi {figures(parts['total'])}")
    if parts.get("participants"):
        text += f" (theo bảng: {parts['participants']} / {parts['base']} = {parts['exact']})"
    if parts.get("other"):
        text += (f"; số liệu của bảng trùng với {parts['other']} mà văn bản nêu: tiêu đề bảng có thể gọi tên chỉ "
                 "tiêu chưa đúng")
    return text + "."


TEXTS: dict[str, IssueText] = {
    "no_text": IssueText((), "Không trang nào của văn bản cho ra chữ."),
    "page_failed": IssueText((
        (_pattern(r"Tesseract did not finish the page within the (?P<seconds>\S+)-second page time limit: .*"),
         lambda p: f"Tesseract không đọc xong trang trong giới hạn {p['seconds']} giây: hãy kiểm tra trang (bản quét "
                   "hỏng, bản đồ dày đặc) hoặc tăng --page-timeout."),
        (_pattern(r"Page (?P<page>\d+) draws images of (?P<pixels>\d+) Mpx, over the (?P<limit>\d+) Mpx limit: .*"),
         lambda p: f"Trang {p['page']} vẽ các ảnh tổng cộng {p['pixels']} Mpx, vượt giới hạn {p['limit']} Mpx: giải mã "
                   "chúng sẽ làm cạn bộ nhớ (tệp hỏng hoặc cố ý tạo ra, hay bản quét độ phân giải quá cao); hãy quét "
                   "lại trang ở 300 dpi."),
        (_pattern(r"Page (?P<page>\d+) draws (?P<size>\d+) MB or more of content, over the (?P<limit>\d+) MB limit: .*"),
         lambda p: f"Trang {p['page']} có từ {p['size']} MB nội dung vẽ trở lên, vượt giới hạn {p['limit']} MB: vẽ nó "
                   "sẽ giữ bộ dựng trang hàng phút (tệp hỏng hoặc cố ý tạo ra); hãy in lại trang ra PDF hoặc quét nó."),
        (_pattern(r"Page (?P<page>\d+) is (?P<size>\S+) inches \((?P<pixels>\d+) Mpx at (?P<dpi>\d+) dpi\), over the "
                  r"(?P<limit>\d+) Mpx limit: .*"),
         lambda p: f"Trang {p['page']} khổ {p['size']} inch ({p['pixels']} Mpx ở {p['dpi']} dpi), vượt giới hạn "
                   f"{p['limit']} Mpx: sẽ làm cạn bộ nhớ; hãy kiểm tra khổ giấy của bản quét."),
    ), "Không đọc được trang này; xem cột error của documents.csv để biết lý do."),
    "signature_broken": IssueText((
        (_pattern(r"The file was changed after (?P<signer>.+) signed it \((?P<date>[^)]*)\): .*"),
         lambda p: f"Tệp đã bị sửa sau khi {'một người ký' if p['signer'] == 'a signer' else p['signer']} ký "
                   f"({p['date']}): các byte chữ ký đó bảo đảm không còn khớp; hãy xin bên gửi bản gốc đã ký."),
    ), "Tệp đã bị sửa sau khi được ký số: hãy xin bên gửi bản gốc đã ký."),
    "record_quarantined": IssueText((
        (_pattern(r"docs/(?P<name>\S+) could not be used \((?P<problem>.*)\): moved to docs/(?P<aside>\S+)/, and the "
                  r"document is read again\."),
         lambda p: f"Không dùng được docs/{p['name']} (bản ghi hỏng hoặc không phải của kehoach): đã chuyển vào "
                   f"docs/{p['aside']}/, và văn bản được đọc lại."),
    ), "Một bản ghi trong docs/ không dùng được: đã chuyển sang chỗ khác, và văn bản được đọc lại."),
    # Not an issue: the reason a document could not be read at all (documents.csv `error`, the terminal).
    "document_failed": IssueText((
        (_pattern(r"The file is empty \(0 bytes\): .*"),
         lambda p: "Tệp rỗng (0 byte): hãy chép lại từ nguồn hoặc quét lại văn bản."),
        (_pattern(r"The file is (?P<size>\S+) GB, over the (?P<limit>\S+) GB limit: .*"),
         lambda p: f"Tệp nặng {p['size']} GB, vượt giới hạn {p['limit']} GB: hãy tách tệp hoặc nâng giới hạn."),
        (_pattern(r"The file is not a PDF \((?P<kind>[^)]*)\): .*"),
         lambda p: f"Tệp không phải PDF ({FILE_KINDS.get(p['kind'], 'không bắt đầu bằng dấu hiệu %PDF-')}): hãy xuất "
                   "hoặc quét văn bản ra PDF rồi chạy lại."),
        (_pattern(r"The PDF is cut off .*"),
         lambda p: "Tệp PDF bị cắt cụt (thiếu dấu kết thúc %%EOF): việc chép hoặc tải về bị ngắt; hãy chép lại tệp "
                   "từ nguồn."),
        (_pattern(r"The PDF is encrypted with a password: .*"),
         lambda p: "Tệp PDF bị khóa bằng mật khẩu: hãy xin bên gửi bản không khóa, hoặc gỡ mật khẩu (vd. `qpdf "
                   "--decrypt --password=… in.pdf out.pdf`) rồi chạy lại."),
        (_pattern(r"The PDF has no pages: .*"),
         lambda p: "Tệp PDF không có trang nào: hãy xuất lại hoặc quét lại văn bản."),
        (_pattern(r"The PDF is damaged and cannot be opened \((?P<reason>.*)\): obtain a fresh copy\."),
         lambda p: f"Tệp PDF bị hỏng, không mở được ({p['reason']}): hãy lấy một bản mới."),
        (_pattern(r"The PDF cannot be read safely: its page tree lists (?P<pages>\d+) pages, (?P<repeats>\d+) .*"),
         lambda p: f"Không thể đọc tệp PDF an toàn: cây trang liệt kê {p['pages']} trang, {p['repeats']} trong số đó "
                   "lặp lại một trang khác hoặc tạo vòng lặp (tệp hỏng hoặc cố ý tạo ra): hãy xuất lại hoặc quét lại."),
        (_pattern(r"The PDF has (?P<count>\d+) pages, over the (?P<limit>\d+)-page limit: .*"),
         lambda p: f"Tệp PDF có {p['count']} trang, vượt giới hạn {p['limit']} trang: hãy tách tệp, hoặc nâng "
                   "--max-pages."),
        (_pattern(r"The symbolic link points at (?P<target>.+), which does not exist: .*"),
         lambda p: f"Liên kết tượng trưng trỏ tới {p['target']}, nơi không có gì: hãy sửa hoặc xóa liên kết."),
        (_pattern(r"No such file: .*"), lambda p: "Không có tệp này: hãy kiểm tra đường dẫn, hoặc chép lại tệp."),
        (_pattern(r"The symbolic link leads round in a loop .*"),
         lambda p: "Liên kết tượng trưng vòng lặp, không bao giờ tới một tệp: hãy sửa hoặc xóa liên kết."),
        (_pattern(r"The name is a FIFO .*"),
         lambda p: "Tên này là một FIFO (ống có tên), không phải tệp: không đọc gì từ nó."),
        (_pattern(r"The name is a device or socket, .*"),
         lambda p: "Tên này là thiết bị hoặc socket, không phải tệp: không đọc gì từ nó."),
        (_pattern(r"The file cannot be read \((?P<reason>[^)]*)\): .*"),
         lambda p: f"Không đọc được tệp ({p['reason']}): hãy kiểm tra quyền truy cập, hoặc chép lại tệp."),
    ), "Không đọc được văn bản này; chạy lại với --lang en để xem lý do chi tiết."),
    "plan_number_unreadable": IssueText((
        (_pattern(r"Document number left empty: the number written into `(?P<code>[^`]*)` reads `(?P<read>[^`]*)` "
                  r"with confidence (?P<confidence>[\d.]+), too low to use; read it on the page\."),
         lambda p: f"Để trống số văn bản: số điền vào `{p['code']}` đọc được là `{p['read']}` với độ tin cậy "
                   f"{p['confidence']}, quá thấp để dùng; hãy đọc trên trang."),
        (_pattern(r"Document number left empty: the header shows `(?P<shown>[^`]*)`(?P<illegible> \(the number is "
                  r"not legible\))?\."),
         lambda p: f"Để trống số văn bản: phần đầu văn bản ghi `{p['shown']}`"
                   + (" (không đọc rõ số)" if p["illegible"] else "") + "."),
    ), "Để trống số văn bản: không tìm thấy dòng `Số: …/…`."),
    "issue_date_unreadable": IssueText((
        (_pattern(r"Issue date left empty: the date line reads `(?P<read>[^`]*)`\."),
         lambda p: f"Để trống ngày ban hành: dòng ngày tháng đọc được là `{p['read']}`."),
    ), "Để trống ngày ban hành: không tìm thấy dòng ngày tháng."),
    "doc_type_unknown": IssueText((), "Không nhận ra loại văn bản."),
    "area_unresolved": IssueText((
        (_pattern(r"Area (?P<area>.+) matches no unit of the (?P<structure>\S+) gazetteer in the document's "
                  r"province: kept as printed\."),
         lambda p: f"Địa bàn {AREA_OF_DOCUMENT.get(p['area'], p['area'])} không khớp đơn vị hành chính nào (danh "
                   f"mục {p['structure']}) trong tỉnh của văn bản: giữ nguyên như bản in."),
    ), "Địa bàn không khớp đơn vị hành chính nào trong tỉnh của văn bản: giữ nguyên như bản in."),
    "not_vietnamese": IssueText((
        (_pattern(r"The text is not Vietnamese \(it looks like (?P<language>[^)]+)\): (?P<share>\d+%) of its "
                  r"(?P<words>\d+) words are Vietnamese syllables .*?; commonest other words: (?P<commonest>.*?)\. "
                  r"Check that the file belongs in this batch.*"),
         lambda p: f"Văn bản không phải tiếng Việt (có vẻ là {LANGUAGE_NAMES.get(p['language'], p['language'])}): "
                   f"{p['share']} trong {p['words']} từ là âm tiết tiếng Việt (văn bản tiếng Việt: trên 90%); các "
                   f"từ khác gặp nhiều nhất: {p['commonest']}. Hãy kiểm tra tệp có thuộc lô này không; chỉ tiêu và "
                   "nhiệm vụ của nó không đọc được tin cậy."),
    ), "Văn bản không phải tiếng Việt: chỉ tiêu và nhiệm vụ của nó không đọc được tin cậy."),
    "rate_out_of_range": IssueText((
        (_pattern(DESCRIBED + r": (?P<value>\S+)% is not a rate; value left empty \(check the printed number\)\."),
         lambda p: f"{described(p)}: {p['value']}% không phải là một tỷ lệ; để trống giá trị (hãy kiểm tra số in)."),
    ), "Tỷ lệ nằm ngoài khoảng 0–100%: để trống giá trị (hãy kiểm tra số in)."),
    "rate_not_participants_over_base": IssueText((
        (_pattern(DESCRIBED + r": printed (?P<printed>\S+), but participants / base = (?P<participants>\S+) / "
                  r"(?P<base>\S+) = (?P<exact>\S+), which rounds to (?P<rounded>\S+)\."),
         lambda p: f"{described(p)}: bản in ghi {p['printed']}, nhưng số người tham gia / cơ sở = "
                   f"{p['participants']} / {p['base']} = {p['exact']}, làm tròn thành {p['rounded']}."),
    ), "Tỷ lệ in ra khác với số người tham gia chia cho cơ sở tính."),
    "total_not_sum": IssueText((
        (_pattern(DESCRIBED + r": the total row's (?P<label>.+?) is (?P<stated>\S+), but its (?P<rows>\d+) rows add "
                  r"up to (?P<sum>\S+) \((?P<difference>\S+)\)\."),
         lambda p: f"{described(p)}: {BASE_NAMES.get(p['label'], p['label'])} ở dòng tổng là {p['stated']}, nhưng "
                   f"{p['rows']} dòng của bảng cộng lại được {p['sum']} ({p['difference']})."),
    ), "Dòng tổng khác tổng các dòng của bảng."),
    "total_rate_not_aggregate": IssueText((
        (_pattern(DESCRIBED + r": the total row's rate is (?P<shown>\S+), but its (?P<rows>\d+) rows give "
                  r"(?P<participants>\S+) participants over (?P<base>\S+) = (?P<exact>\S+)\."),
         lambda p: f"{described(p)}: tỷ lệ ở dòng tổng là {p['shown']}, nhưng {p['rows']} dòng của bảng cho "
                   f"{p['participants']} người tham gia trên {p['base']} = {p['exact']}."),
    ), "Tỷ lệ ở dòng tổng khác tỷ lệ tính từ các dòng của bảng."),
    "total_rate_outside_rows": IssueText((
        (_pattern(DESCRIBED + r": the total row's rate (?P<shown>\S+) lies outside its (?P<rows>\d+) rows' rates "
                  r"\((?P<lowest>\S+) to (?P<highest>\S+)\); no weighting of them can give it\."),
         lambda p: f"{described(p)}: tỷ lệ {p['shown']} ở dòng tổng nằm ngoài khoảng tỷ lệ của {p['rows']} dòng "
                   f"({p['lowest']} đến {p['highest']}); không cách lấy trọng số nào cho ra được."),
    ), "Tỷ lệ ở dòng tổng nằm ngoài khoảng tỷ lệ của các dòng."),
    "prose_disagrees_with_annex": IssueText((
        (_pattern(r"(?P<indicator>\w+) (?P<year>\S+): the text on page (?P<page>\d+) says (?P<stated>.+?) where "
                  r"the total row (?P<row>.+?) of the table on page (?P<table_page>\d+) gives (?P<total>.+?)"
                  r"(?: \(the table's (?P<participants>\S+) / (?P<base>\S+) = (?P<exact>\S+)\))?"
                  r"(?:; the table's figures are the text's (?P<other>\w+ \S+): its title .*)?\."),
         _annex_disagreement),
    ), "Chỉ tiêu nêu trong văn bản khác dòng tổng của bảng phụ lục."),
    "annex_cites_other_plan": IssueText((
        (_pattern(r"The table on page (?P<page>\d+) \((?P<heading>.*)\) says (?P<citation>.*), but this document is "
                  r"(?P<plan>.*)\."),
         lambda p: f"Bảng ở trang {p['page']} ({p['heading']}) ghi {p['citation']}, nhưng văn bản này là "
                   f"{p['plan']}."),
    ), "Bảng phụ lục dẫn số của một văn bản khác."),
    "low_ocr_confidence": IssueText((
        (_pattern(r"Page (?P<page>\d+) was read by OCR with a mean word confidence of (?P<confidence>[\d.]+) \(under "
                  r"(?P<threshold>[\d.]+)\); (?P<targets>\d+) targets were read from it: check its text and numbers "
                  r"against the scan\."),
         lambda p: f"Trang {p['page']} được nhận dạng (OCR) với độ tin cậy trung bình {p['confidence']} (dưới "
                   f"{p['threshold']}); đã đọc {p['targets']} chỉ tiêu từ trang này: hãy đối chiếu chữ và số với "
                   "bản quét."),
    ), "Trang được nhận dạng (OCR) với độ tin cậy thấp: hãy đối chiếu chữ và số với bản quét."),
    "low_cell_confidence": IssueText((
        (_pattern(DESCRIBED + r": (?P<value>\S+) on page (?P<page>\d+) was read with a cell confidence of "
                  r"(?P<confidence>[\d.]+), under (?P<bar>[\d.]+) \((?P<share>[\d.]+) of the document's median\): "
                  r"check it against the scan\."),
         lambda p: f"{described(p)}: giá trị {p['value']} ở trang {p['page']} được đọc với độ tin cậy của ô "
                   f"{p['confidence']}, dưới {p['bar']} ({p['share']} trung vị của văn bản): hãy đối chiếu với bản "
                   "quét."),
    ), "Một giá trị trong bảng được đọc với độ tin cậy của ô thấp: hãy đối chiếu với bản quét."),
    "cell_read_two_ways": IssueText((
        (_pattern(DESCRIBED + r": the cell was read as (?P<value>\S+) on page (?P<page>\d+), and the page's words there "
                  r"read (?P<other>\S+): one of the two is a misread; check it against the scan\."),
         lambda p: f"{described(p)}: ô được đọc là {p['value']} ở trang {p['page']}, còn chữ trên trang ở chỗ đó đọc là "
                   f"{p['other']}: một trong hai là đọc sai; hãy đối chiếu với bản quét."),
    ), "Một ô của bảng được đọc ra hai số khác nhau: hãy đối chiếu với bản quét."),
    "timeline_unparsed": IssueText((
        (_pattern(r"Timeline kept as printed, no date read from it: (?P<timeline>.*) \(task (?P<task>.*)\)\."),
         lambda p: f"Giữ nguyên thời gian thực hiện như bản in, không đọc được ngày: {p['timeline']} (nhiệm vụ "
                   f"{p['task']})."),
    ), "Giữ nguyên thời gian thực hiện như bản in, không đọc được ngày."),
    "bhxh_read_as_compulsory": IssueText((
        (_pattern(r"The table's 'BHXH' targets are read as compulsory social insurance \(BHXH bắt buộc\): its total "
                  r"(?P<value>\S+)% for (?P<year>\S+) is the figure the text gives for BHXH bắt buộc\."),
         lambda p: f"Chỉ tiêu 'BHXH' của bảng được hiểu là BHXH bắt buộc: dòng tổng {p['value']}% năm {p['year']} "
                   "là con số văn bản nêu cho BHXH bắt buộc."),
    ), "Chỉ tiêu 'BHXH' của bảng được hiểu là BHXH bắt buộc."),
    "target_year_unknown": IssueText((), "Không xác định được năm của chỉ tiêu."),
    "duplicate_plan": IssueText((
        (_pattern(r"Plan (?P<plan>.+?) is also in (?P<others>.+): the same plan read more than once; do not add up "
                  r"their targets \(latest_targets keeps one\)\."),
         lambda p: f"Văn bản {p['plan']} cũng có trong {p['others']}: cùng một văn bản được đọc nhiều lần; đừng "
                   "cộng dồn chỉ tiêu của chúng (latest_targets chỉ giữ một)."),
    ), "Cùng một văn bản được đọc nhiều lần: đừng cộng dồn chỉ tiêu của chúng (latest_targets chỉ giữ một)."),
}


def issue_message(code: str, message: str, lang: str) -> str:
    """The message of an issue with `code` in `lang`: English as written, Vietnamese from `TEXTS`."""
    text = TEXTS.get(code)
    if lang != "vi" or text is None:
        return message
    for pattern, sentence in text.patterns:
        if match := pattern.fullmatch(message):
            return sentence({key: value or "" for key, value in match.groupdict().items()})
    return text.fallback
