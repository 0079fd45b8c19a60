"""The Book tab: a reseller's license book priced at the change moment, in a table."""

from __future__ import annotations

import os
from datetime import datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import QModelIndex, Qt, QThreadPool, Signal
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from lic_desktop import l10n
from lic_desktop.gui.book_job import BookJob, BookResult
from lic_desktop.gui.rows_model import RowsModel
from lic_desktop.gui.tables import read_only_table
from lic_desktop.gui.translatable import Translatable
from lic_desktop.l10n import N_, Formatter, _
from lic_desktop.present.batch import summary_lines

MAX_SHOWN = 100_000  # rows kept for the table; the totals cover the whole book


# The table's headers: OUTPUT_COLUMNS as a person reads them (the CSV keeps its names).
BOOK_HEADERS = (
    N_("Line"), N_("Catalog"), N_("Customer"), N_("IP"), N_("Plan"), N_("Quantity"),
    N_("Cycle"), N_("New plan"), N_("New quantity"), N_("New cycle"), N_("Currency"),
    N_("Change"), N_("Type"), N_("Grand total"), N_("Deduction"), N_("First bill amount"),
    N_("Account credit"), N_("Due now"), N_("Unpaid invoice"), N_("Total due"),
    N_("Effective date"), N_("New expiry"), N_("Blocked"), N_("Reason"))


class BookModel(RowsModel):
    headers = BOOK_HEADERS

    def __init__(self) -> None:
        super().__init__()
        self._rows: list[list[Any]] = []

    def clear(self) -> None:
        self.set_rows([])

    def append(self, rows: list[list[Any]]) -> int:
        """Add rows up to MAX_SHOWN; how many were added."""
        room = MAX_SHOWN - len(self._rows)
        rows = rows[:max(room, 0)]
        if rows:
            first = len(self._rows)
            self.beginInsertRows(QModelIndex(), first, first + len(rows) - 1)
            self._rows.extend(rows)
            self.endInsertRows()
        return len(rows)

    def cell(self, row: list[Any], column: int, role: int) -> object:
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.UserRole):
            return str(row[column])
        return None


class BookTab(QWidget, Translatable):
    finished = Signal(object)  # the BookResult, for tests and the status bar

    def __init__(self, formatter: Formatter | None = None) -> None:
        super().__init__()
        self.fmt = formatter or Formatter()
        self.job: BookJob | None = None
        self.at: datetime | None = None
        self.open_button = QPushButton()
        self.tr_text(self.open_button.setText, N_("Open license boo&k…"))
        self.open_button.clicked.connect(self._on_open)
        self.cancel_button = QPushButton()
        self.tr_text(self.cancel_button.setText, N_("Cancel"))
        self.cancel_button.clicked.connect(self.cancel)
        self.cancel_button.setEnabled(False)
        self.save_button = QPushButton()
        self.tr_text(self.save_button.setText, N_("Save priced book…"))
        self.save_button.clicked.connect(self._on_save)
        self.save_button.setEnabled(False)
        self.book: tuple[Path, datetime] | None = None  # the book last priced, and when
        self.progress = QProgressBar()
        self.progress.setRange(0, 1000)
        self.progress.setTextVisible(False)
        self.progress.hide()
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.tr_live("summary", self.summary.setText, lambda: _(
            "Price a whole license book (CSV: catalog, plan, cycle, start, …) at the change "
            "moment of the form."))
        self.model = BookModel()
        self.table = read_only_table(self, "book_table", N_("Priced license book"),
                                     self.model)
        self.table.verticalHeader().hide()
        self.problems = QPlainTextEdit()
        self.problems.setReadOnly(True)
        self.problems.setMaximumHeight(90)
        self.problems.hide()
        top = QHBoxLayout()
        top.addWidget(self.open_button)
        top.addWidget(self.progress, 1)
        top.addWidget(self.cancel_button)
        top.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.problems)

    def _on_open(self) -> None:
        name, _kind = QFileDialog.getOpenFileName(self, _("Open license book"), "",
                                                  _("CSV files (*.csv);;All files (*)"))
        if name and self.at is not None:
            self.load(Path(name), self.at)

    def _on_save(self) -> None:
        if self.book is None:
            return
        name, _kind = QFileDialog.getSaveFileName(
            self, _("Save priced book"), str(self.book[0].with_name(
                f"{self.book[0].stem}-priced.csv")), _("CSV files (*.csv);;All files (*)"))
        if not name:
            return
        target = Path(name)
        if not os.access(target.parent, os.W_OK) or target.is_dir() \
                or (target.exists() and not os.access(target, os.W_OK)):
            # Checked before the table is cleared for the new run: the priced book stays.
            QMessageBox.warning(self, _("Save priced book"),
                                _("{path} cannot be written: pick another file or folder.")
                                .format(path=target))
            return
        self.load(*self.book, save_to=target)

    def load(self, path: Path, at: datetime, save_to: Path | None = None) -> None:
        """Price `path` at `at` in the background; the table fills as rows arrive. With
        `save_to`, every priced row (not only those the table keeps) is written there,
        as `lic-desktop batch --out` writes it."""
        self.cancel()
        self.model.clear()
        self.tr_live("problems", self.problems.setPlainText, str)  # none yet
        self.problems.hide()
        self.tr_live("summary", self.summary.setText, lambda: _(
            "Pricing {name} at {moment}…").format(name=path.name, moment=f"{at:%Y-%m-%d %H:%M}"))
        self.progress.setValue(0)
        self.progress.show()
        self.open_button.setEnabled(False)
        self.save_button.setEnabled(False)
        self.cancel_button.setEnabled(True)
        self.book = None
        job = BookJob(path, at, self.fmt, save_to)
        job.signals.rows.connect(self.model.append)
        job.signals.progress.connect(self.progress.setValue)
        job.signals.finished.connect(self._on_finished)
        self.job = job
        QThreadPool.globalInstance().start(job)

    def cancel(self) -> None:
        if self.job is not None:
            self.job.cancel()

    def _result_text(self, result: BookResult) -> str:
        if result.failure:
            return _("Not priced: {reason}").format(reason=result.failure)
        digits = {c: l10n.currency_digits(c) for c in result.totals.total_due}
        lines = summary_lines(result.totals, len(result.errors), digits, self.fmt)
        if result.cancelled:
            lines.insert(0, _("Cancelled: the totals cover the rows priced so far."))
        if self.model.rowCount() >= MAX_SHOWN:
            lines.append(_("The table shows the first {count} rows; Save priced book "
                           "writes them all.").format(count=self.fmt.integer(MAX_SHOWN)))
        if result.saved is not None:
            lines.append(_("Every priced row was saved to {path}.").format(path=result.saved))
        return "\n".join(lines)

    def _on_finished(self, result: BookResult) -> None:
        if self.job is not None and (self.job.save_to is not None
                                     or not (result.failure or result.cancelled)):
            self.book = self.job.book  # priced whole (or only its saving failed): saveable
        self.save_button.setEnabled(self.book is not None)
        self.job = None
        self.progress.hide()
        self.open_button.setEnabled(True)
        self.cancel_button.setEnabled(False)
        self.tr_live("summary", self.summary.setText, lambda: self._result_text(result))
        if result.errors:
            self.tr_live("problems", self.problems.setPlainText,
                         lambda: "\n".join(str(e) for e in result.errors))
            self.problems.show()
        self.finished.emit(result)
