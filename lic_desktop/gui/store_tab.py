"""The Licenses tab: the client's licenses from the store, like the portal's table.
Picking one fills the form; Check store price asks the store for its own figure."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import suppress
from datetime import datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QModelIndex,
    QSettings,
    Qt,
    QThreadPool,
    Signal,
)
from PySide6.QtGui import QFont, QPalette
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from lic_desktop import l10n
from lic_desktop.catalogs import embedded_catalogs, load_all_embedded, store_bases
from lic_desktop.core.catalog import Catalog, CatalogError
from lic_desktop.core.quote import Quote
from lic_desktop.core.scenario import Scenario
from lic_desktop.gui.rows_model import RowsModel
from lic_desktop.gui.sort_proxy import ValueSortProxy
from lic_desktop.gui.store_dialog import ConnectDialog
from lic_desktop.gui.store_job import StoreJob, Work
from lic_desktop.gui.tables import read_only_table
from lic_desktop.gui.translatable import Translatable
from lic_desktop.l10n import N_, Formatter, _
from lic_desktop.present.store_check import comparison
from lic_desktop.present.store_status import closed_counts, closed_note, shown_rows, why_not
from lic_desktop.present.store_view import (
    LICENSE_HEADERS,
    NUMERIC_COLUMNS,
    LicenseColumn,
    LicenseRow,
    currency_line,
    licenses_message,
    status_text,
)
from lic_desktop.store.client import Credentials, StoreClient, StoreError
from lic_desktop.store.convert import product_id, whmcs_cycle
from lic_desktop.store.safe_text import host_label
from lic_desktop.store.secrets import read_access_key, read_secret, save_secret
from lic_desktop.store.session import Snapshot, StoreSession
from lic_desktop.store.upgrade_answer import UpgradeAnswer
from lic_desktop.user_dirs import store_cache_dir


class LicenseModel(RowsModel):
    """The licenses as the UI's language words them; UserRole is each cell's raw value
    (a number, date or amount), which the sort proxy compares."""

    headers = LICENSE_HEADERS

    def reword(self, rows: list[LicenseRow]) -> None:
        """The same licenses worded again (a language switch): the view keeps its
        selection and sort."""
        if len(rows) != self.rowCount():
            self.set_rows(rows)
            return
        self._rows = rows
        if rows:
            self.dataChanged.emit(self.index(0, 0),
                                  self.index(len(rows) - 1, self.columnCount() - 1))

    def cell(self, row: LicenseRow, column: int, role: int) -> object:
        if role == Qt.ItemDataRole.DisplayRole:
            return row.texts[column]
        if role == Qt.ItemDataRole.UserRole:
            return row.values[column]
        if role == Qt.ItemDataRole.TextAlignmentRole:
            side = (Qt.AlignmentFlag.AlignRight if column in NUMERIC_COLUMNS
                    else Qt.AlignmentFlag.AlignLeft)
            return int(side | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole:
            return row.why or row.blocking or (
                _("An unpaid invoice blocks changes to this license") if row.blocked else None)
        return _look(row, role)


def _look(row: LicenseRow, role: int) -> object:
    """Bold: an unpaid invoice blocks it; greyed as a disabled control is: it cannot be
    changed (not Active or Suspended in the store)."""
    if role == Qt.ItemDataRole.FontRole and row.blocked:
        font = QFont()
        font.setBold(True)
        return font
    if role == Qt.ItemDataRole.ForegroundRole and row.why:
        return QPalette().color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text)
    return None


class StoreTab(QWidget, Translatable):
    # The form's catalog (a name or a path), set by the window: a user's file of its own
    # is matched to the store's products in place of the embedded catalog of its name.
    catalog_ref: Callable[[], str] | None = None
    picked = Signal(object)  # a Scenario to load into the form
    status_changed = Signal(str)
    finished = Signal(bool, str)  # success, message (for the status bar and tests)

    def __init__(self, settings: QSettings, current_quote: Callable[[], Quote | None]) -> None:
        super().__init__()
        self.settings, self.current_quote = settings, current_quote
        self.fmt = Formatter()
        self.session: StoreSession | None = None
        self.snapshot: Snapshot | None = None
        self.job: StoreJob | None = None
        self._jobs = 0
        self.message = QLabel()
        self.tell(lambda: _("Not connected: Store → Connect… (try 'lic-desktop "
                            "store-demo')."))
        self.message.setWordWrap(True)
        self.message.setTextFormat(Qt.TextFormat.PlainText)  # a store's "<b>" stays text
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.busy = QProgressBar()
        self.busy.setMaximumWidth(160)
        self.busy.hide()
        self.cancel_button = QPushButton()
        self.tr_text(self.cancel_button.setText, N_("Cancel"))
        self.cancel_button.clicked.connect(self.cancel)
        self.cancel_button.hide()
        self.check_button = QPushButton()
        self.tr_text(self.check_button.setText, N_("Chec&k store price"))
        self.check_button.clicked.connect(self.check_price)
        self.check_button.setEnabled(False)
        # Licenses that cannot be changed (Terminated, Cancelled, ...): hidden unless asked.
        self.closed_box = QCheckBox()
        self.closed_box.setObjectName("show_closed")
        self.tr_text(self.closed_box.setText, N_("Show licenses that cannot be changed (&X)"))
        self.closed_box.toggled.connect(self._on_closed_toggled)
        self.model = LicenseModel()
        self.proxy = ValueSortProxy()
        self.proxy.setSourceModel(self.model)
        self.table = read_only_table(self, "licenses_table", N_("Store licenses"), self.proxy,
                                     pick_rows=True)
        self.table.verticalHeader().hide()
        self.table.setTabKeyNavigation(False)  # Tab leaves the table; arrows move in it
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(LicenseColumn.NUMBER, Qt.SortOrder.AscendingOrder)
        self.table.horizontalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents)
        self.table.activated.connect(self._on_activated)
        self.table.doubleClicked.connect(self._on_activated)
        top = QHBoxLayout()
        top.addWidget(self.message, 1)
        top.addWidget(self.busy)
        top.addWidget(self.cancel_button)
        top.addWidget(self.check_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.closed_box)
        layout.addWidget(self.table, 1)

    # --- connecting -----------------------------------------------------------------

    def ask_and_connect(self, parent: QWidget) -> bool:
        """Store → Connect…: ask, then connect; False when the user cancelled or the
        address is refused."""
        url = str(self.settings.value("store/url", "") or "")
        identifier = str(self.settings.value("store/identifier", "") or "")
        client_id = int(str(self.settings.value("store/client_id", 1) or 1))
        dialog = ConnectDialog(url, identifier, client_id, read_secret(url, identifier) or "",
                               read_access_key(url, identifier) or "")
        dialog.setParent(parent, dialog.windowFlags())
        chosen = dialog.chosen_id() if dialog.exec() == ConnectDialog.DialogCode.Accepted \
            else None
        if chosen is None:  # OK accepts only a client id (typed, or found and picked)
            return False
        return self.connect_with(dialog.url.text(), dialog.identifier.text(),
                                 dialog.secret.text(), chosen,
                                 remember=dialog.remember.isChecked(),
                                 access_key=dialog.access_key.text())

    def connect_with(self, url: str, identifier: str, secret: str, client_id: int,
                     *, remember: bool = False, access_key: str = "") -> bool:
        """Connect and fetch; only the address, identifier and client go to QSettings."""
        self.settings.setValue("store/url", url)
        self.settings.setValue("store/identifier", identifier)
        self.settings.setValue("store/client_id", client_id)
        if remember:
            problem = save_secret(url, identifier, secret, access_key)
            if problem:
                self.tell(lambda: _("The secret was not remembered: {problem}.").format(
                    problem=problem))
        try:
            self.connect_store(Credentials(url, identifier, secret, access_key), client_id)
        except StoreError as exc:
            box = QMessageBox(QMessageBox.Icon.Warning, _("Connect to the store"), str(exc),
                              QMessageBox.StandardButton.Ok, self)
            box.setTextFormat(Qt.TextFormat.PlainText)
            box.exec()
            return False
        return True

    def connect_store(self, credentials: Credentials, client_id: int) -> None:
        """Fetch the client's licenses in the background; the window stays responsive."""
        self.cancel()
        client = StoreClient(credentials)
        self.session = StoreSession(client, self._bases(), store_cache_dir(),
                                    l10n.currency_digits)
        self.client_id = client_id
        session = self.session
        self._start(lambda cancelled, progress: session.fetch(client_id, cancelled, progress),
                    self._on_fetched)

    def _bases(self) -> list[Catalog]:
        """The catalogs the store's products are matched to: the embedded ones, and the
        form's catalog when it is a file of the user's (File → Open Catalog…), in place
        of the embedded one of its name (its store_pids then count). Not the store's
        priced copy the form quotes after a pick, nor a file the form cannot read (the
        form says why)."""
        ref = self.catalog_ref() if self.catalog_ref is not None else ""
        if not ref or ref in embedded_catalogs():
            return load_all_embedded()
        with suppress(OSError, ValueError):
            if Path(ref).resolve().is_relative_to(store_cache_dir().resolve()):
                return load_all_embedded()
        try:
            return store_bases([ref])
        except CatalogError:
            return load_all_embedded()

    def refresh(self) -> None:
        if self.session is not None:
            session, client_id = self.session, self.client_id
            self._start(lambda cancelled, progress: session.fetch(client_id, cancelled,
                                                                  progress),
                        self._on_fetched)

    def _start(self, work: Work, done: Callable[[Any], None]) -> None:
        self._jobs += 1
        job = StoreJob(self._jobs, work)
        job.signals.done.connect(lambda n, result: self._on_done(n, result, done))
        job.signals.failed.connect(self._on_failed)
        job.signals.progress.connect(self._on_progress)
        self.job = job
        self._set_busy(True)
        QThreadPool.globalInstance().start(job)

    def cancel(self) -> None:
        """Stop waiting at once; a late answer from the cancelled call is dropped."""
        if self.job is not None:
            self.job.cancelled = True
            self.job = None
            self._set_busy(False)
            self.tell(lambda: _("Cancelled."))
            self.finished.emit(False, "cancelled")

    def _on_progress(self, number: int, done: int, total: int) -> None:
        """A long list being read page by page: the indicator shows how far."""
        if self.job is not None and number == self.job.number and total > 0:
            self.busy.setRange(0, total)
            self.busy.setValue(done)

    def _set_busy(self, busy: bool) -> None:
        self.busy.setRange(0, 0)  # an indicator until a list says how long it is
        self.busy.setVisible(busy)
        self.cancel_button.setVisible(busy)
        self.check_button.setEnabled(not busy and self.snapshot is not None)
        self.status_changed.emit(self.status())

    def status(self) -> str:
        """Online, cached or offline, and how old the prices are (for the status bar)."""
        return status_text(self._host(), self.snapshot, self.job is not None, datetime.now())

    def priced_here(self, source: str) -> bool:
        """Whether the catalog file `source` holds this store's prices: the status line
        then says already where and when they were fetched."""
        if self.snapshot is None or not source:
            return False
        path = Path(source).resolve()
        return any(path == p.resolve() for p in self.snapshot.catalogs.values())

    def _host(self) -> str | None:
        """host:port of the store, never a user name or password from its address."""
        return host_label(self.session.client.url) if self.session else None

    def _on_done(self, number: int, result: Any, done: Callable[[Any], None]) -> None:
        if self.job is None or number != self.job.number:
            return  # cancelled or superseded
        self.job = None
        done(result)
        self._set_busy(False)

    def _on_failed(self, number: int, message: str) -> None:
        if self.job is None or number != self.job.number:
            return
        self.job = None
        self.tell(lambda: _("The store could not be read: {reason}").format(reason=message))
        self._set_busy(False)
        self.finished.emit(False, message)

    def _rows(self) -> list[LicenseRow]:
        bases = self.session.bases if self.session is not None else []
        return shown_rows(self.snapshot, bases, self.fmt, self.closed_box.isChecked())

    def retranslate(self) -> None:
        super().retranslate()
        self.model.reword(self._rows())

    def _on_fetched(self, snapshot: Snapshot) -> None:
        self.snapshot = snapshot
        self.model.set_rows(self._rows())
        client = self.client_id

        self.tell(lambda: "\n".join(self._fetched_lines(snapshot, client)))
        self.finished.emit(True, self._fetched_lines(snapshot, client)[0])

    def _fetched_lines(self, snapshot: Snapshot, client: int) -> list[str]:
        """How many licenses can be changed, how many others are hidden or greyed, and
        what the store could not give."""
        closed = closed_counts(lic.status for _name, lic, _unpaid in snapshot.licenses)
        count = len(snapshot.licenses) - sum(closed.values())
        note = closed_note(closed, self.closed_box.isChecked(), self.fmt)
        return [licenses_message(count, client, snapshot.cached, self.fmt,
                                 snapshot.client_name)
                + (" " + note if note else ""), *filter(None, [currency_line(snapshot)]),
                *snapshot.errors, *snapshot.notes]

    def _on_closed_toggled(self, shown: bool) -> None:
        """The licenses that cannot be changed shown (greyed) or hidden again."""
        del shown
        self.model.set_rows(self._rows())
        if self.snapshot is not None and self.job is None:
            snapshot, client = self.snapshot, self.client_id
            self.tell(lambda: "\n".join(self._fetched_lines(snapshot, client)))

    # --- using a license --------------------------------------------------------------

    def license_at(self, index: QModelIndex) -> LicenseRow | None:
        """The license of a row of the table as it is sorted (None: no row)."""
        source = self.proxy.mapToSource(index)
        return self.model.row(source.row()) if source.isValid() else None

    def _on_activated(self, index: QModelIndex) -> None:
        row = self.license_at(index)
        if self.snapshot is not None and row is not None:
            if self._refused(row):
                return
            self.picked.emit(self.snapshot.scenario(row.index, datetime.now()))

    def _refused(self, row: LicenseRow) -> bool:
        """A license that cannot be changed: the tab says why in one line, nothing more."""
        if self.snapshot is None or not row.why:
            return False
        lic = self.snapshot.licenses[row.index][1]
        self.tell(lambda: why_not(lic.service_id, lic.status))
        self.finished.emit(False, why_not(lic.service_id, lic.status))
        return True

    def scenario_at(self, row: int, at: datetime) -> Scenario | None:
        return None if self.snapshot is None else self.snapshot.scenario(row, at)

    def check_price(self) -> None:
        """Ask the store for its own price of the form's change, beside ours."""
        quote, snapshot, session = self.current_quote(), self.snapshot, self.session
        selected = self.license_at(self.table.currentIndex())
        if quote is None or snapshot is None or session is None or selected is None:
            self.tell(lambda: _("Pick a license (and the change in the form) first."))
            return
        if self._refused(selected):
            return
        lic = snapshot.licenses[selected.index][1]
        catalog = quote.catalog
        cycle = quote.request.cycle

        # Store products are named after the vendor's catalog ("LiteSpeed Web Server
        # 1-CPU"), not after the store-priced copy the form quotes ("… (store prices)").
        base = next((b for b in session.bases if b.name == catalog.name), catalog)

        def work(cancelled: Callable[[], bool],
                 progress: Callable[[str, int, int], None]) -> UpgradeAnswer:
            del cancelled, progress
            pid = product_id(base, session.client.call("GetProducts"), quote.request.plan,
                             owned=catalog.cycles[cycle].perpetual)
            return session.store_price(
                lic, catalog, new_pid=pid, new_cycle=whmcs_cycle(catalog, cycle),
                new_quantity=quote.request.quantity)

        self._start(work, lambda found: self._on_price(quote, found))

    def _on_price(self, quote: Quote, answer: UpgradeAnswer) -> None:
        # Worded here, not in the worker, so a language switch can word it again.
        self.tell(lambda: "\n".join(comparison(quote, answer, self.fmt)))
        self.finished.emit(True, comparison(quote, answer, self.fmt)[-1])

    def tell(self, describe: Callable[[], str]) -> None:
        """The tab's message, in the current language now and after a switch."""
        self.tr_live("message", self.message.setText, describe)
