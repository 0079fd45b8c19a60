"""`lic-desktop batch LICENSES.csv --at ... [--out OUT.csv]`: re-price a license book."""

from __future__ import annotations

import argparse
import csv
import os
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path
from typing import TextIO, TypeVar

from lic_desktop import atomic_write
from lic_desktop.catalogs import load_catalog
from lic_desktop.core.batch import BookPricer
from lic_desktop.core.book_csv import BatchFileError, BookText, RowError
from lic_desktop.core.periods import InputError
from lic_desktop.core.scenario import parse_moment
from lic_desktop.l10n import Formatter
from lic_desktop.present.batch import output_columns, output_row, summary_lines, waiting_lines
from lic_desktop.present.book_calendar import CalendarWriter
from lic_desktop.user_files import UnreadableFileError, open_regular

EXIT_BAD_ROWS = 2

T = TypeVar("T")


class Progress:
    """A one-line progress bar on a terminal; silent when stderr is a file or a pipe."""

    def __init__(self, total_bytes: int | None, stream: TextIO | None = None) -> None:
        self.total = None if total_bytes is None else max(total_bytes, 1)  # None: unknown
        self.stream = sys.stderr if stream is None else stream  # as it is now, not at import
        self.shown = self.stream.isatty()
        self.next_draw = 0.0

    def update(self, done_bytes: int, licenses: int, force: bool = False) -> None:
        now = time.monotonic()
        if not self.shown or (now < self.next_draw and not force):
            return
        self.next_draw = now + 0.1
        if self.total is None:
            self.stream.write(f"\r{licenses:,} licenses")
        else:
            share = min(done_bytes / self.total, 1.0)
            bar = "#" * int(share * 30)
            self.stream.write(f"\r[{bar:<30}] {share:4.0%} {licenses:,} licenses")
        self.stream.flush()

    def clear(self) -> None:
        """Wipe the bar so a message takes the line; the next update draws it again."""
        if self.shown:
            self.stream.write("\r\x1b[K")
            self.next_draw = 0.0

    def close(self) -> None:
        if self.shown:
            self.stream.write("\n")


@contextmanager
def _replacing(path: str, open_file: Callable[[str], AbstractContextManager[T]],
               option: str) -> Iterator[T]:
    """`path` opened with an atomic_write opener: replaced only once the block ends
    well (the old file, its mode and a symlink stay as they were on any error, Ctrl+C,
    SIGTERM or SIGHUP); a write failure is the option's one-line error."""
    try:
        with open_file(path) as handle:
            yield handle
    except atomic_write.WriteError as exc:
        raise InputError(option, str(exc)) from None


@contextmanager
def calendar_output(path: str | None) -> Iterator[CalendarWriter | None]:
    """The --ics calendar, its file replaced whole once every event is written; None
    without --ics."""
    if path is None:
        yield None
        return
    with _replacing(path, atomic_write.open_binary, "ics") as handle:
        calendar = CalendarWriter(handle)
        yield calendar
        calendar.end()


@contextmanager
def output(path: str | None) -> Iterator[TextIO]:
    """stdout, or the --out file replaced whole once every row is written."""
    if path is None:
        yield sys.stdout
        return
    with _replacing(path, atomic_write.open_text, "out") as handle:
        yield handle


def read_book(rows: Iterator[T], source: Path, progress: Progress) -> Iterator[T]:
    """The book's rows, its read errors said as the book's own. Only reading is guarded:
    an error writing --out or stdout (a full disk) raises in the caller's loop body,
    never in here, so it is never mistaken for the book being unreadable."""
    try:
        yield from rows
    except BatchFileError as exc:
        progress.close()
        raise InputError("licenses", f"{source}: {exc}") from None
    except OSError as exc:  # the disk under the book failed while it was read
        progress.close()
        raise InputError("licenses", f"{source}: cannot be read "
                         f"({exc.strerror or exc})") from None


def run_batch(args: argparse.Namespace) -> int:
    at = parse_moment("at", args.at)
    source = Path(args.licenses)
    fmt = Formatter(args.locale)
    try:
        # /dev/zero, a FIFO, a folder: refused at once, unread (a book has no size cap).
        raw = open_regular(source)
        size = os.fstat(raw.fileno()).st_size
    except UnreadableFileError as exc:
        # Named by the file itself: "lic-desktop: book.csv: cannot be read (...)".
        raise InputError("licenses", f"{source}: cannot be read ({exc.reason})") from None
    handle = BookText(raw)  # a byte that is not UTF-8 spoils its own row only
    seekable = raw.seekable()
    progress = Progress(size if seekable else None)

    def say(error: RowError) -> None:
        """A bad row said as it is met (a book of a million of them keeps none)."""
        progress.clear()
        print(f"lic-desktop: {source}: {error}", file=sys.stderr)

    best_days = args.best_day or args.ics is not None  # the calendar is of best days
    pricer = BookPricer(at, load_catalog, on_error=say, best_days=best_days)

    def report(_read: int) -> None:
        progress.update(raw.tell() if seekable else 0, pricer.totals.licenses)

    with handle, output(args.out) as out, calendar_output(args.ics) as ics:
        writer = csv.writer(out, lineterminator="\n")
        # Written once the book's own header has been read.
        header = [output_columns(best_days)]
        for line, catalog, priced in read_book(
                pricer.quotes(handle, report if progress.shown else None), source, progress):
            if header:
                writer.writerow(header.pop())
            writer.writerow(output_row(line, catalog, priced, fmt))
            if ics is not None:
                ics.add(catalog, priced, fmt)
        if header:  # a book of no licenses still gets its header line
            writer.writerow(header.pop())
        progress.update(size, pricer.totals.licenses, force=True)
    progress.close()
    summary = summary_lines(pricer.totals, pricer.bad_rows, fmt, pricer.bad_lines)
    if best_days:
        summary += waiting_lines(pricer.totals, fmt)
    for text in summary:
        print(text, file=sys.stderr)
    return EXIT_BAD_ROWS if pricer.bad_rows else 0
