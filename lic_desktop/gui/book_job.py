"""Pricing a license book off the GUI thread: rows arrive in chunks, Cancel stops it."""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QRunnable, Signal

from lic_desktop.catalogs import load_catalog
from lic_desktop.core.batch import BatchFileError, BookPricer, RowError, Totals
from lic_desktop.core.periods import InputError
from lic_desktop.l10n import Formatter
from lic_desktop.present.batch import output_row

CHUNK = 500  # rows handed to the table at a time


@dataclass
class BookResult:
    totals: Totals = field(default_factory=Totals)
    errors: list[RowError] = field(default_factory=list)
    cancelled: bool = False
    failure: str = ""  # the whole file could not be read


class BookSignals(QObject):
    rows = Signal(list)  # a chunk of output rows (lists of values)
    progress = Signal(int)  # per mille of the file read
    finished = Signal(object)  # a BookResult


class BookJob(QRunnable):
    def __init__(self, path: Path, at: datetime, formatter: Formatter) -> None:
        super().__init__()
        self.path, self.at, self.fmt = path, at, formatter
        self.signals = BookSignals()
        self.cancelled = False

    def cancel(self) -> None:
        self.cancelled = True

    def run(self) -> None:
        result = BookResult()
        try:
            self._price(result)
        except (InputError, BatchFileError) as exc:
            result.failure = str(exc)
        except UnicodeDecodeError:
            result.failure = f"{self.path.name} is not UTF-8 text"
        except OSError as exc:
            result.failure = f"cannot read {self.path}: {exc.strerror or exc}"
        self.signals.finished.emit(result)

    def _price(self, result: BookResult) -> None:
        size = max(self.path.stat().st_size, 1)
        pricer = BookPricer(self.at, load_catalog)
        result.totals, result.errors = pricer.totals, pricer.errors
        chunk: list[list[Any]] = []
        # The binary file's position is the progress: bytes read so far.
        with self.path.open("rb") as raw, \
                io.TextIOWrapper(raw, encoding="utf-8-sig", newline="") as handle:
            seekable = raw.seekable()
            for line, catalog, priced in pricer.quotes(handle):
                if self.cancelled:
                    result.cancelled = True
                    break
                chunk.append(output_row(line, catalog, priced, self.fmt))
                if len(chunk) >= CHUNK:
                    self.signals.rows.emit(chunk)
                    if seekable:  # a pipe has no position: the bar waits for the end
                        self.signals.progress.emit(raw.tell() * 1000 // size)
                    chunk = []
        if chunk:
            self.signals.rows.emit(chunk)
        self.signals.progress.emit(1000)
