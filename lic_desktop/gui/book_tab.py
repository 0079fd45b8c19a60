"""The Book tab: a reseller's license book priced at the change moment, in a table."""

from __future__ import annotations

import os
from datetime import datetime
from decimal import Decimal
from pathlib import Path

from PySide6.QtCore import QModelIndex, QSettings, Qt, QThreadPool, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from lic_desktop.core.numbers import parse_amount
from lic_desktop.core.periods import InputError
from lic_desktop.core.scenario import Scenario
from lic_desktop.gui.book_job import BookJob, BookResult, problems_text
from lic_desktop.gui.book_model import MAX_SHOWN, BookModel
from lic_desktop.gui.column_chooser import ColumnChooser
from lic_desktop.gui.sort_proxy import NO_COLUMN, ValueSortProxy
from lic_desktop.gui.tables import read_only_table
from lic_desktop.gui.translatable import Translatable
from lic_desktop.l10n import N_, Formatter, _
from lic_desktop.present.batch import summary_lines, waiting_lines
from lic_desktop.present.book_table import (
    BEST_KEYS,
    COLUMNS,
    DEFAULT_VISIBLE,
    KEYS,
    SAVING_COLUMN,
    BookRow,
    reopen_of,
    visible_keys,
)

COLUMNS_KEY = "book/columns"  # the settings key of the columns shown
SIZED_BY = 200  # rows whose texts set the columns' first widths
WIDEST = 24  # characters a column is made wide enough for at most


class BookTab(QWidget, Translatable):
    finished = Signal(object)  # the BookResult, for tests and the status bar
    picked = Signal(object)  # a Scenario: the license at its best day, for the Quote tab

    def __init__(self, formatter: Formatter | None = None,
                 settings: QSettings | None = None) -> None:
        super().__init__()
        self.model = BookModel(formatter or Formatter())
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
        self.columns_button = QPushButton()
        self.tr_text(self.columns_button.setText, N_("Ad&just columns…"))
        self.columns_button.clicked.connect(self._on_columns)
        self._make_best_controls()
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
        self.proxy = ValueSortProxy()
        self.proxy.setSourceModel(self.model)
        self.table = self._make_table()
        self.chooser = ColumnChooser(self.table, COLUMNS, DEFAULT_VISIBLE, visible_keys,
                                     settings=settings, key=COLUMNS_KEY)
        self.chooser.shown.connect(self.fit_columns)
        self.fit_columns()  # the headers, before any book
        self._sized = False  # the columns fit the first rows' texts
        self.model.rowsInserted.connect(self._on_rows_inserted)
        self.table.activated.connect(self._on_activated)  # Enter, or a double-click
        self.table.doubleClicked.connect(self._on_activated)
        self.problems = QPlainTextEdit()
        self.problems.setReadOnly(True)
        self.problems.setMaximumHeight(90)
        self.problems.hide()
        self._lay_out()

    def _make_best_controls(self) -> None:
        """Each license's best day (a box), a filter on what waiting saves, and the
        calendar of those days."""
        self.best_box = QCheckBox()
        self.tr_text(self.best_box.setText, N_("Best day for each license"))
        self.tr_text(self.best_box.setToolTip, N_(
            "Plan each license from the change moment through its due date, as the "
            "Planner does: slower on a long book"))
        self.best_box.toggled.connect(self._on_best_toggled)
        self.calendar_button = QPushButton()
        self.tr_text(self.calendar_button.setText, N_("Export calendar…"))
        self.calendar_button.clicked.connect(self._on_export_calendar)
        self.calendar_button.setEnabled(False)
        self.least_label = QLabel()
        self.tr_text(self.least_label.setText, N_("Saving at least:"))
        self.least = QLineEdit()
        self.least.setPlaceholderText(self.fmt.number(Decimal(0), 2))
        self.tr_text(self.least.setAccessibleName, N_("Only licenses saving at least"))
        self.least.setMaximumWidth(self.least.fontMetrics().averageCharWidth() * 12)
        self.least_label.setBuddy(self.least)
        self.least.textChanged.connect(self._on_least_changed)

    def _lay_out(self) -> None:
        top = QHBoxLayout()
        top.addWidget(self.open_button)
        top.addWidget(self.progress, 1)
        top.addWidget(self.cancel_button)
        top.addWidget(self.save_button)
        best = QHBoxLayout()
        best.addWidget(self.best_box)
        best.addStretch(1)
        best.addWidget(self.least_label)
        best.addWidget(self.least)
        # Beside the summary, not the buttons: the tab stays as narrow as it was.
        middle = QHBoxLayout()
        middle.addWidget(self.summary, 1)
        buttons = QVBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.calendar_button)
        buttons.addWidget(self.columns_button)
        middle.addLayout(buttons)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(best)
        layout.addLayout(middle)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.problems)

    def _make_table(self) -> QTableView:
        table = read_only_table(self, "book_table", N_("Priced license book"), self.proxy)
        table.setTabKeyNavigation(False)  # Tab leaves the table; the arrows move in it
        table.setWordWrap(False)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        rows = table.verticalHeader()
        rows.hide()
        # One height for every row: nothing measures 100,000 rows.
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(table.fontMetrics().height() + 8)
        header = table.horizontalHeader()
        header.setStretchLastSection(True)
        header.setSectionsClickable(True)
        header.setSortIndicatorShown(True)
        header.setSortIndicatorClearable(True)  # a third click: back to the book's order
        header.setSortIndicator(NO_COLUMN, Qt.SortOrder.AscendingOrder)
        header.setResizeContentsPrecision(SIZED_BY)
        table.setSortingEnabled(True)
        return table

    @property
    def fmt(self) -> Formatter:
        return self.model.fmt

    @fmt.setter
    def fmt(self, formatter: Formatter) -> None:
        """The locale of the table's cells and of the summary (a language switch)."""
        self.model.set_formatter(formatter)

    def _on_rows_inserted(self) -> None:
        if not self._sized:  # the first rows to arrive: the columns fit them
            self._sized = True
            self.fit_columns()

    def fit_columns(self) -> None:
        """Every column shown as wide as its header and the first rows' texts, a long
        customer or reason cut at WIDEST characters (its tooltip has it whole): the
        reseller's columns fit beside the form; a header is never cut."""
        table, header = self.table, self.table.horizontalHeader()
        widest = table.fontMetrics().averageCharWidth() * WIDEST
        for section in range(header.count()):
            if not header.isSectionHidden(section):
                content = min(table.sizeHintForColumn(section), widest)
                header.resizeSection(section, max(content, header.sectionSizeHint(section)))

    def retranslate(self) -> None:
        super().retranslate()
        self.fit_columns()  # the headers' new words
        self.least.setPlaceholderText(self.fmt.number(Decimal(0), 2))  # "0.00", "0,00"

    def _on_columns(self) -> None:
        button = self.columns_button
        self.chooser.popup(button.mapToGlobal(button.rect().bottomLeft()))

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

    def load(self, path: Path, at: datetime, save_to: Path | None = None,
             calendar_to: Path | None = None) -> None:
        """Price `path` at `at` in the background; the table fills as rows arrive. With
        `save_to`, every priced row (not only those the table keeps) is written there,
        as `lic-desktop batch --out` writes it; with `calendar_to`, the best days'
        calendar, as `batch --ics` writes it. Best days when the box is ticked."""
        self.cancel()
        self.model.clear()
        self._sized = False
        self.tr_live("problems", self.problems.setPlainText, str)  # none yet
        self.problems.hide()
        self.tr_live("summary", self.summary.setText, lambda: _(
            "Pricing {name} at {moment}…").format(name=path.name, moment=f"{at:%Y-%m-%d %H:%M}"))
        self.progress.setValue(0)
        self.progress.show()
        self.open_button.setEnabled(False)
        self.save_button.setEnabled(False)
        self.calendar_button.setEnabled(False)
        self.cancel_button.setEnabled(True)
        self.book = None
        job = BookJob(path, at, self.fmt, save_to, best_days=self.best_box.isChecked(),
                      calendar_to=calendar_to)
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
        lines = summary_lines(result.totals, result.bad_rows, self.fmt,
                              result.bad_lines)
        if result.best_days:
            lines += waiting_lines(result.totals, self.fmt)
        if result.cancelled:
            lines.insert(0, _("Cancelled: the totals cover the rows priced so far."))
        if self.model.kept >= MAX_SHOWN:
            lines.append(_("The table shows the first {count} rows; Save priced book "
                           "writes them all.").format(count=self.fmt.integer(MAX_SHOWN)))
        if result.saved is not None:
            lines.append(_("Every priced row was saved to {path}.").format(path=result.saved))
        if result.calendar is not None:
            lines.append(_("The calendar of best days was saved to {path}.").format(
                path=result.calendar))
        return "\n".join(lines)

    def _on_finished(self, result: BookResult) -> None:
        if self.job is not None and (self.job.save_to is not None
                                     or not (result.failure or result.cancelled)):
            self.book = self.job.book  # priced whole (or only its saving failed): saveable
        self.save_button.setEnabled(self.book is not None)
        self.calendar_button.setEnabled(self.book is not None and result.best_days)
        if result.best_days and not (result.failure or result.cancelled):
            # What a reseller looks for first: who saves most by waiting.
            self.chooser.show_also(BEST_KEYS)
            self._best_beside_the_change()
            self.table.sortByColumn(SAVING_COLUMN, Qt.SortOrder.DescendingOrder)
        self.job = None
        self.progress.hide()
        self.open_button.setEnabled(True)
        self.cancel_button.setEnabled(False)
        self.tr_live("summary", self.summary.setText, lambda: self._result_text(result))
        if result.errors:
            self.tr_live("problems", self.problems.setPlainText,
                         lambda: problems_text(result, self.fmt))
            self.problems.show()
        self.finished.emit(result)

    # --- best days -----------------------------------------------------------------------

    def _on_best_toggled(self, on: bool) -> None:
        """The book priced again, with (or without) each license's best day."""
        del on
        if self.book is not None and self.job is None:
            self.load(*self.book)

    def _best_beside_the_change(self) -> None:
        """The saving, the best day and why right after the change, where the eye is:
        the columns move on screen only (the model and the CSV keep their order)."""
        header = self.table.horizontalHeader()
        after = header.visualIndex(KEYS.index("change"))
        for offset, key in enumerate(BEST_KEYS, start=1):
            header.moveSection(header.visualIndex(KEYS.index(key)), after + offset)

    def _on_least_changed(self, text: str) -> None:
        """Only the licenses that save at least the amount typed (the UI's decimal mark
        or a point); anything else is said beside the field and shows every row."""
        try:
            least = parse_amount("least", text, comma=True) if text.strip() else None
        except InputError as exc:
            self.least.setToolTip(_("Only licenses saving at least: {problem}").format(
                problem=exc.message))
            self.least.setProperty("invalid", True)
            least = None
        else:
            self.least.setToolTip("")
            self.least.setProperty("invalid", False)
        self.least.style().polish(self.least)
        self.model.show_saving_at_least(least)

    def _on_export_calendar(self) -> None:
        if self.book is None:
            return
        name, _kind = QFileDialog.getSaveFileName(
            self, _("Export calendar"), str(self.book[0].with_name(
                f"{self.book[0].stem}-best-days.ics")),
            _("Calendar files (*.ics);;All files (*)"))
        if name:
            self.load(*self.book, calendar_to=Path(name))

    def _on_activated(self, index: QModelIndex) -> None:
        """Enter or a double-click: the license in the Quote tab, at its best day."""
        row = self.model.row(self.proxy.mapToSource(index).row())
        scenario = scenario_of(row)
        if scenario is None:
            self.tr_live("summary", self.summary.setText, lambda: _(
                "Tick \"Best day for each license\" to open a license at its best day."))
            return
        self.picked.emit(scenario)


def scenario_of(row: BookRow) -> Scenario | None:
    """A priced row's license as the form's inputs, at its best day (None: priced
    without best days)."""
    reopen = reopen_of(row)
    if reopen is None:
        return None
    value = dict(zip(KEYS, row, strict=False))
    pending = value["pending"]
    return Scenario(
        catalog=str(value["catalog"]), plan=str(value["plan"]), cycle=str(value["cycle"]),
        start=reopen.start, at=reopen.at, quantity=int(value["quantity"]),
        paid=None if reopen.paid is None else reopen.paid.amount,
        pending=pending.amount if pending else None, to_plan=str(value["to_plan"]),
        to_quantity=int(value["to_quantity"]), to_cycle=str(value["to_cycle"]),
        ip=str(value["ip"]), anchor=reopen.anchor, customer=str(value["customer"]))
