"""The `kehoach` command: `run`, `restore`, `compare` (see CONTRACT.md for what each promises) and `review`.

Builds one `Settings` from the command line and hands it down (`run` is `kehoach.api.run`); exit codes
(`kehoach.errors`): 0 every document read, 1 some failed, 2 bad usage or the output folder in use by another run,
3 the outputs could not be written (the previous ones intact), 130 interrupted (SIGINT), 143 terminated
(SIGTERM). `--lang vi|en` picks the language of what `run`, `compare` and `review` say (kehoach.messages); `--version`
prints the package's.
"""
from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from kehoach import __version__
from kehoach.config import Limits, OcrSettings, Settings
from kehoach.errors import Interrupted, OutputError, UsageError
from kehoach.messages import LANGUAGES, default_language, say


def settings_from(args: argparse.Namespace) -> Settings:
    from kehoach.api import with_options

    return with_options(Settings(), workers=args.workers, runner=args.runner, dask_address=args.dask_address,
                        dpi=args.dpi, max_pages=args.max_pages, page_timeout=args.page_timeout, lang=args.lang,
                        pdf=args.pdf)


def command_run(args: argparse.Namespace) -> int:
    from kehoach.api import run

    summary = run(args.inputs, args.out, settings_from(args))
    print(summary.text)
    return summary.exit_code


def restore_input(name: str | None) -> str:
    """The text `restore` is to read, from the file named or standard input, decoded as strict UTF-8: text in
    another encoding is refused with a sentence rather than restored as replacement characters."""
    label = name or "standard input"
    try:
        if name:
            with open(name, "rb") as handle:
                data = handle.read()
        else:
            data = sys.stdin.buffer.read()
    except FileNotFoundError:
        raise UsageError(f"No such file: {name}") from None
    except IsADirectoryError:
        raise UsageError(f"{name} is a folder: name a text file, or pipe the text in.") from None
    except OSError as exc:
        raise UsageError(f"{label} cannot be read ({exc.strerror}).") from None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise UsageError(
            f"{label} is not UTF-8 text (byte 0x{data[exc.start]:02x} at offset {exc.start}): convert it first, "
            "e.g. `iconv -f WINDOWS-1258 -t UTF-8` for Windows Vietnamese text.") from None


def command_restore(args: argparse.Namespace) -> int:
    from kehoach.normalizers.restore import engine_of, load_restorer

    text = restore_input(args.file)
    restorer = load_restorer()
    engine = engine_of(text)  # judged on the whole text: a short line says little about which OCR wrote it
    lines = text.splitlines()
    if not args.explain:
        for line in restorer.restore_lines(lines, engine):
            print(line)
        return 0
    for line in lines:
        for choice in restorer.explain(line, engine):
            alternatives = ", ".join(f"{form} {score:.2f}" for form, score in choice.alternatives)
            print(f"{choice.token}\t{choice.chosen}\t{choice.confidence:.2f}\t{alternatives}")
        print()
    return 0


def command_compare(args: argparse.Namespace) -> int:
    from kehoach.comparison import compare_targets

    print(compare_targets(Path(args.dir), args.indicator, args.format, args.lang))
    if args.html:
        from kehoach.report_html import write_report

        write_report(Path(args.dir), Path(args.html), args.indicator, args.lang)
        print(say("report_written", args.lang, path=args.html), file=sys.stderr)
    return 0


def command_review(args: argparse.Namespace) -> int:
    from kehoach.review_site import write_review_site

    site = write_review_site(Path(args.dir), args.lang)
    print(say("review_written", args.lang, path=site.index, documents=site.documents, made=site.images_made,
              kept=site.images_kept), file=sys.stderr)
    if args.open:
        import webbrowser

        webbrowser.open(site.index.resolve().as_uri())
    return 0


def language_option() -> argparse.ArgumentParser:
    """`--lang` of `run`, `compare` and `review`: the language of their messages, issue texts and pages."""
    option = argparse.ArgumentParser(add_help=False)
    option.add_argument("--lang", choices=LANGUAGES, default=default_language(),
                        help="language of messages, issues.csv and the report (default from the locale: "
                             "vi when LANG starts with vi, else en)")
    return option


def parser() -> argparse.ArgumentParser:
    root = argparse.ArgumentParser(prog="kehoach", description="Read Vietnamese government plans from PDFs.")
    root.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    lang = language_option()
    commands = root.add_subparsers(dest="command", required=True)
    run = commands.add_parser("run", help="read PDFs into the output folder", parents=[lang])
    run.add_argument("inputs", nargs="+", metavar="INPUT", help="PDF files and/or folders (searched recursively)")
    run.add_argument("--out", default="outputs", help="output folder (default: outputs/)")
    run.add_argument("--workers", type=int, default=0, help="pages read side by side (default: all cores)")
    run.add_argument("--runner", choices=["threads", "dask"], default=Settings.runner,
                     help=f"threads in this process, or a Dask cluster of worker processes (default {Settings.runner})")
    run.add_argument("--dask-address", default="", metavar="tcp://HOST:PORT",
                     help="send pages to this running Dask scheduler (implies --runner dask)")
    run.add_argument("--dpi", type=int, default=0, help=f"render resolution for OCR (default {OcrSettings.dpi})")
    run.add_argument("--max-pages", type=int, default=0, help=f"page limit per document (default {Limits.max_pages})")
    run.add_argument("--page-timeout", type=float, default=0, metavar="SECONDS",
                     help=f"time limit of each Tesseract call on a page (default {OcrSettings.page_timeout_s:g})")
    run.add_argument("--pdf", action="store_true",
                     help="also write a searchable copy of each input to OUT/pdf/<doc_id>.pdf: its pages untouched, "
                          "the restored text as an invisible layer over the scanned ones")
    run.set_defaults(handler=command_run)
    restore = commands.add_parser("restore", help="restore diacritics in UTF-8 text (file or stdin)")
    restore.add_argument("file", nargs="?", help="text file (default: standard input)")
    restore.add_argument("--explain", action="store_true", help="per token: chosen form, alternatives, confidence")
    restore.set_defaults(handler=command_restore)
    compare = commands.add_parser("compare", help="targets of a run folder side by side by area and year",
                                  parents=[lang])
    compare.add_argument("dir", help="a `kehoach run` output folder")
    compare.add_argument("--indicator", default="", help="only this indicator (e.g. bhyt_rate)")
    compare.add_argument("--html", default="", metavar="FILE",
                         help="also write a self-contained HTML report with charts to FILE")
    compare.add_argument("--format", choices=["text", "csv", "markdown"], default="text",
                         help="text: a table for the terminal (default); csv: one row per value and source; "
                              "markdown: the terminal's table for a report or an issue")
    compare.set_defaults(handler=command_compare)
    review = commands.add_parser("review", help="a static review site of a run folder: every value on its page image",
                                 parents=[lang])
    review.add_argument("dir", help="a `kehoach run` output folder; the site is written to DIR/review/")
    review.add_argument("--open", action="store_true", help="open the site's index in the web browser")
    review.set_defaults(handler=command_review)
    return root


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        code = args.handler(args)
        sys.stdout.flush()  # here, where a closed pipe is caught, not at exit
        return code
    except (UsageError, OutputError, Interrupted) as exc:
        print(f"kehoach: {exc}", file=sys.stderr)
        return exc.exit_code
    except BrokenPipeError:
        # the reader stopped reading (`kehoach compare … | head`): not a failure; nothing more is written to it
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0


if __name__ == "__main__":
    sys.exit(main())
