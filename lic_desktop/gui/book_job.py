"""Pricing a license book off the GUI thread: rows arrive in chunks, Cancel stops it."""

from __future__ import annotations

import csv
import os
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any, BinaryIO

from PySide6.QtCore import QObject, QRunnable, Signal

from lic_desktop import atomic_write
from lic_desktop.catalogs import load_catalog
from lic_desktop.core.batch import BookPricer
from lic_desktop.core.book_csv import BatchFileError, BookText, RowError
from lic_desktop.core.book_totals import Priced, Totals
from lic_desktop.core.periods import InputError
from lic_desktop.l10n import Formatter, _
from lic_desktop.present.batch import output_columns, output_row, reasons_text
from lic_desktop.present.book_calendar import CalendarWriter
from lic_desktop.present.book_table import BookRow, book_row
from lic_desktop.user_files import UnreadableFileError, open_regular

CHUNK = 500  # rows handed to the table at a time


@dataclass
class BookResult:
    totals: Totals = field(default_factory=Totals)
    errors: list[RowError] = field(default_factory=list)  # the first ERRORS_KEPT
    bad_rows: int = 0  # all of them
    bad_lines: int = 0  # the lines they took up (a quote left open swallows many)
    cancelled: bool = False
    failure: str = ""  # the whole file could not be read
    saved: Path | None = None  # where every priced row was written, when asked to
    calendar: Path | None = None  # where the best days' calendar was written, when asked
    best_days: bool = False  # priced with each license's best day


def problems_text(result: BookResult, fmt: Formatter) -> str:
    """The bad rows, one a line: the first ERRORS_KEPT, then how many more there are."""
    lines = [str(error) for error in result.errors]
    more = result.bad_rows - len(result.errors)
    if more > 0:
        lines.append(_("… and {count} more bad rows (lic-desktop batch lists every one)")
                     .format(count=fmt.integer(more)))
    return "\n".join(lines)


class BookSignals(QObject):
    rows = Signal(list)  # a chunk of the table's rows (present.book_table.book_row)
    progress = Signal(int)  # per mille of the file read
    finished = Signal(object)  # a BookResult


class BookJob(QRunnable):
    def __init__(self, path: Path, at: datetime, formatter: Formatter,
                 save_to: Path | None = None, *, best_days: bool = False,
                 calendar_to: Path | None = None) -> None:
        super().__init__()
        self.path, self.at, self.fmt, self.save_to = path, at, formatter, save_to
        # A calendar is of best days: asking for one prices them.
        self.best_days, self.calendar_to = best_days or calendar_to is not None, calendar_to
        self.signals = BookSignals()
        self.cancelled = False
        self.book: tuple[Path, datetime] = (path, at)

    def cancel(self) -> None:
        self.cancelled = True

    def run(self) -> None:
        result = BookResult()
        try:
            self._price(result)
        except (InputError, BatchFileError) as exc:
            result.failure = str(exc)
        except OSError as exc:
            result.failure = _("{path} cannot be read ({reason})").format(
                path=self.path, reason=exc.strerror or exc)
        except UnreadableFileError as exc:  # /dev/zero, a FIFO, a folder: refused unread
            result.failure = _("{path} cannot be read ({reason})").format(
                path=self.path, reason=exc.reason)
        except SaveError as exc:
            result.failure = str(exc)
        self.signals.finished.emit(result)

    def _price(self, result: BookResult) -> None:
        raw = open_regular(self.path)
        size = max(os.fstat(raw.fileno()).st_size, 1)

        def count(error: RowError) -> None:
            result.bad_rows += 1  # the errors themselves: only the first ERRORS_KEPT
            result.bad_lines += error.lines

        pricer = BookPricer(self.at, load_catalog, on_error=count, best_days=self.best_days)
        result.totals, result.errors = pricer.totals, pricer.errors
        result.best_days = self.best_days
        out = BookFile(self.save_to, output_columns(self.best_days)) \
            if self.save_to is not None else None
        calendar = CalendarFile(self.calendar_to) if self.calendar_to is not None else None
        try:
            self._price_into(result, pricer, raw, size, out=out, calendar=calendar)
        finally:
            for pending in (out, calendar):
                if pending is not None:
                    pending.abort()  # cancelled or failed: the old file stays as it was
        self.signals.progress.emit(1000)

    def _price_into(self, result: BookResult, pricer: BookPricer, raw: BinaryIO,
                    size: int, *, out: BookFile | None, calendar: CalendarFile | None) -> None:
        chunk: list[BookRow] = []
        lines: list[list[Any]] = []  # the rows of the priced CSV, when saving
        # The binary file's position is the progress: bytes read so far.
        # A byte that is not UTF-8 spoils its own row only.
        with raw, BookText(raw) as handle:
            seekable = raw.seekable()
            for line, catalog, priced in pricer.quotes(handle):
                if self.cancelled:
                    result.cancelled = True
                    break
                reasons = reasons_text(priced, self.fmt)
                chunk.append(book_row(line, catalog, priced, reasons))
                if out is not None:
                    lines.append(output_row(line, catalog, priced, self.fmt, reasons))
                if calendar is not None:
                    calendar.add(catalog, priced, self.fmt)
                if len(chunk) >= CHUNK:
                    self._hand_over(chunk, lines, out)
                    if seekable:  # a pipe has no position: the bar waits for the end
                        self.signals.progress.emit(raw.tell() * 1000 // size)
                    chunk, lines = [], []
        self._hand_over(chunk, lines, out)
        if out is not None:
            # A cancelled book leaves the file as it was: never half a book.
            result.saved = None if result.cancelled else out.commit()
        if calendar is not None:
            result.calendar = None if result.cancelled else calendar.commit()

    def _hand_over(self, chunk: list[BookRow], lines: list[list[Any]],
                   out: BookFile | None) -> None:
        if chunk:
            self.signals.rows.emit(chunk)
        if out is not None and lines:
            out.write(lines)


class SaveError(Exception):
    """The priced book could not be written; the message names the file."""


class BookFile:
    """The priced book as `lic-desktop batch --out` writes it, through atomic_write: the
    target is replaced only once every row is written (commit); abort() (a cancelled or
    failed book) leaves it as it was, and no temporary file beside it."""

    def __init__(self, path: Path, columns: tuple[str, ...]) -> None:
        self.path = path
        try:
            self.file = atomic_write.AtomicFile(path, text=True)
        except atomic_write.WriteError as exc:
            raise SaveError(str(exc)) from None
        self.write([list(columns)])

    def write(self, rows: list[list[Any]]) -> None:
        try:
            csv.writer(self.file.stream, lineterminator="\n").writerows(rows)
        except atomic_write.WriteError as exc:
            self.file.abort()
            raise SaveError(str(exc)) from None

    def commit(self) -> Path:
        try:
            self.file.commit()
        except atomic_write.WriteError as exc:
            raise SaveError(str(exc)) from None
        return self.path

    def abort(self) -> None:
        self.file.abort()  # nothing to do once committed


class CalendarFile:
    """The best days' calendar as `lic-desktop batch --ics` writes it (present.
    book_calendar's CalendarWriter) into an atomic file: replaced only on commit()."""

    def __init__(self, path: Path) -> None:
        self.path = path
        try:
            self.file = atomic_write.AtomicFile(path)
            self.writer = CalendarWriter(self.file.stream)
        except atomic_write.WriteError as exc:
            raise SaveError(str(exc)) from None

    def add(self, catalog: str, priced: Priced, fmt: Formatter) -> None:
        try:
            self.writer.add(catalog, priced, fmt)
        except atomic_write.WriteError as exc:
            self.file.abort()
            raise SaveError(str(exc)) from None

    def commit(self) -> Path:
        try:
            self.writer.end()
            self.file.commit()
        except atomic_write.WriteError as exc:
            raise SaveError(str(exc)) from None
        return self.path

    def abort(self) -> None:
        self.file.abort()
