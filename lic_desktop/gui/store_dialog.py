"""Store → Connect…: the address, the API identifier and secret, the client: its id, or
found by the start of its e-mail, name or company (WHMCS's GetClients search, run off
the GUI thread with the credentials typed here)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, QThreadPool
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
)

from lic_desktop.gui.store_job import StoreJob
from lic_desktop.l10n import Formatter, _
from lic_desktop.present.client_search import chosen_text, client_row, found_text
from lic_desktop.store.client import Credentials, StoreClient
from lic_desktop.store.clients import (
    ClientMatch,
    ClientSearchError,
    exact,
    find_clients,
    typed_id,
)

LIST_ROWS = 6  # rows of matches shown before the list scrolls
DIALOG_CHARS = 84  # the dialog's least width, in average characters
ENTER = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


class ConnectDialog(QDialog):
    def __init__(self, url: str, identifier: str, client_id: int, secret: str = "",
                 access_key: str = "") -> None:
        super().__init__()
        self.setWindowTitle(_("Connect to the store"))
        self.url = QLineEdit(url)
        self.url.setPlaceholderText("https://store.example.com")
        self.identifier = QLineEdit(identifier)
        self.secret = QLineEdit(secret)
        self.secret.setEchoMode(QLineEdit.EchoMode.Password)
        self.access_key = QLineEdit(access_key)
        self.access_key.setEchoMode(QLineEdit.EchoMode.Password)
        self.access_key.setPlaceholderText(_("only if the store allows just some IPs"))
        self._build_client_finder(client_id)
        self.remember = QCheckBox(_("&Remember the secret and key in the system keyring"))
        form = QFormLayout(self)
        for label, widget, name in ((_("Store &address:"), self.url, _("Store address")),
                                    (_("API &identifier:"), self.identifier,
                                     _("API identifier")),
                                    (_("API &secret:"), self.secret, _("API secret")),
                                    (_("API access &key:"), self.access_key,
                                     _("API access key")),
                                    (_("C&lient:"), self.client, _("Client"))):
            widget.setAccessibleName(name)
            caption = QLabel(label)
            caption.setBuddy(widget)
            form.addRow(caption, self.client_row if widget is self.client else widget)
        form.addRow(self.matches)  # the whole width: a match reads company, name, e-mail
        form.addRow(self.client_note)
        form.addRow("", self.remember)
        note = QLabel(_("Read-only: lic-desktop never orders or changes anything in the store. "
                        "The secret and the access key are kept only in the keyring, never in "
                        "settings or files."))
        note.setWordWrap(True)
        form.addRow(note)
        # Wide enough for a match's row; the list elides a longer one (its tooltip has all).
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * DIALOG_CHARS)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        form.addRow(self.buttons)

    # --- the client ---------------------------------------------------------------------

    def _build_client_finder(self, client_id: int) -> None:
        self.fmt = Formatter()
        self.found: list[ClientMatch] = []
        self.chosen: ClientMatch | None = None
        self.job: StoreJob | None = None
        self._jobs = 0
        # Every search until its answer is in, a stopped one too: its last reference is
        # then dropped here, on the GUI thread, never by the pool's worker thread.
        self._running: dict[int, StoreJob] = {}
        self._then_accept = False  # OK was pressed on a search: connect if it names one
        self.client = QLineEdit(str(client_id))
        self.client.setPlaceholderText(_("id, or the start of an e-mail, name or company"))
        self.client.textEdited.connect(self._on_client_edited)
        self.client.installEventFilter(self)
        self.find_button = QPushButton(_("&Find"))
        self.find_button.setAutoDefault(False)  # Enter in the fields stays OK's
        self.find_button.clicked.connect(self._on_find_clicked)
        self.busy = QProgressBar()
        self.busy.setRange(0, 0)
        self.busy.setMaximumWidth(80)
        self.busy.setTextVisible(False)
        self.busy.hide()
        self.client_row = QHBoxLayout()
        self.client_row.addWidget(self.client, 1)
        self.client_row.addWidget(self.busy)
        self.client_row.addWidget(self.find_button)
        self.matches = QListWidget()
        self.matches.setAccessibleName(_("Matching clients"))
        self.matches.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.matches.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.matches.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.matches.itemDoubleClicked.connect(self._on_match_picked)
        self.matches.installEventFilter(self)
        self.matches.hide()
        self.client_note = QLabel()
        self.client_note.setTextFormat(Qt.TextFormat.PlainText)  # a store's "<b>" stays text
        self.client_note.setWordWrap(True)
        self.client_note.hide()

    def chosen_id(self) -> int | None:
        """The client OK connects to: the typed id (a picked client's, once picked)."""
        try:
            return typed_id(self.client.text())
        except ClientSearchError:
            return None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent):
            return super().eventFilter(watched, event)
        key = event.key()
        if watched is self.client:
            if key in ENTER and self.chosen_id() is None:
                self.search_clients()  # a search, not OK: Enter finds
                return True
            if key == Qt.Key.Key_Down and self.matches.isVisible() and self.matches.count():
                self.matches.setFocus(Qt.FocusReason.OtherFocusReason)
                return True
        elif watched is self.matches and key in ENTER:
            item = self.matches.currentItem()
            if item is not None:
                self._on_match_picked(item)
            return True  # picks; a second Enter, on OK, connects
        return super().eventFilter(watched, event)

    def _on_client_edited(self, _text: str) -> None:
        if self.chosen is not None:  # the picked client no longer is what OK connects to
            self.chosen = None
            self._say("")

    def _on_find_clicked(self) -> None:
        if self.job is not None:
            self._stop()
        else:
            self.search_clients()

    def search_clients(self, *, then_accept: bool = False) -> None:
        """Search the store for the typed text, off the GUI thread."""
        search = self.client.text().strip()
        if not search:
            self._say(_("Type the client's id, or the start of their e-mail, name or "
                        "company, then Find."))
            return
        self._stop()
        self._then_accept = then_accept
        credentials = Credentials(self.url.text(), self.identifier.text(),
                                  self.secret.text(), self.access_key.text())

        def work(cancelled: Callable[[], bool],
                 progress: Callable[[str, int, int], None]) -> list[ClientMatch]:
            with StoreClient(credentials) as client:
                return find_clients(client, search, progress=progress, cancelled=cancelled)

        self._jobs += 1
        job = StoreJob(self._jobs, work)
        job.signals.done.connect(lambda n, found: self._on_found(n, found, search))
        job.signals.failed.connect(self._on_search_failed)
        job.signals.progress.connect(self._on_search_progress)
        self.job = self._running[job.number] = job
        self._set_searching(True)
        self._say(_("Searching…"))
        QThreadPool.globalInstance().start(job)

    def _stop(self) -> None:
        """Stop waiting for the search; its late answer is dropped."""
        if self.job is not None:
            self.job.cancelled = True
            self.job = None
            self._set_searching(False)
            self._say(_("Search stopped."))

    def _set_searching(self, searching: bool) -> None:
        self.busy.setRange(0, 0)
        self.busy.setVisible(searching)
        self.find_button.setText(_("Stop") if searching else _("&Find"))

    def _on_search_progress(self, number: int, done: int, total: int) -> None:
        if self.job is not None and number == self.job.number and total > 0:
            self.busy.setRange(0, total)
            self.busy.setValue(done)

    def _on_found(self, number: int, found: list[ClientMatch], search: str) -> None:
        self._running.pop(number, None)
        if self.job is None or number != self.job.number:
            return  # stopped or superseded
        self.job = None
        self._set_searching(False)
        self.found = found
        self.matches.clear()
        for index, match in enumerate(found):
            item = QListWidgetItem(client_row(match))
            item.setData(Qt.ItemDataRole.UserRole, index)
            item.setToolTip(item.text())
            self.matches.addItem(item)
        self._fit_list()
        whole = exact(found, search)
        one = found[0] if len(found) == 1 else whole[0] if len(whole) == 1 else None
        if found:
            self.matches.setCurrentRow(found.index(one) if one is not None else 0)
        if one is not None and (len(found) == 1 or self._then_accept):
            self._pick(one)  # says who OK connects to
            if self._then_accept:
                self.accept()
            return
        self._say(found_text(len(found), search, self.fmt))  # and grows to show the list

    def _fit_list(self) -> None:
        """As tall as its matches, up to LIST_ROWS (then it scrolls); hidden with none."""
        rows = min(self.matches.count(), LIST_ROWS)
        self.matches.setVisible(rows > 0)
        if rows:
            self.matches.setFixedHeight(self.matches.sizeHintForRow(0) * rows
                                        + 2 * self.matches.frameWidth())

    def _on_search_failed(self, number: int, message: str) -> None:
        self._running.pop(number, None)
        if self.job is None or number != self.job.number:
            return
        self.job = None
        self._set_searching(False)
        self._say(_("The store could not be searched: {reason}").format(reason=message))

    def _on_match_picked(self, item: QListWidgetItem) -> None:
        self._pick(self.found[int(item.data(Qt.ItemDataRole.UserRole))])
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setFocus(
            Qt.FocusReason.OtherFocusReason)

    def _pick(self, match: ClientMatch) -> None:
        self.chosen = match
        self.client.setText(str(match.id))  # what OK connects to; no textEdited
        self.client.selectAll()  # typing again starts a new search
        self._say(chosen_text(match))

    def _say(self, text: str) -> None:
        self.client_note.setText(text)
        self.client_note.setVisible(bool(text))
        self._grow()

    def _grow(self) -> None:
        """As tall as the matches and the wrapped lines shown: a window's least size
        leaves out what word wrap adds, so the lines would overlap."""
        layout = self.layout()
        if layout is None or not self.isVisible():
            return
        layout.activate()
        need = (layout.totalHeightForWidth(self.width()) if layout.hasHeightForWidth()
                else layout.totalSizeHint().height())
        if need != self.height():  # also shorter again when the matches are gone
            self.resize(self.width(), need)

    # --- closing ------------------------------------------------------------------------

    def accept(self) -> None:
        """OK: a typed id connects; a typed search is run first, and connects only when
        it names one client (else its matches are shown to pick from)."""
        try:
            number = typed_id(self.client.text())
        except ClientSearchError:
            self._say(_("Client ids start at 1."))
            self.client.setFocus(Qt.FocusReason.OtherFocusReason)
            return
        if number is None:
            self.search_clients(then_accept=True)
            return
        self._stop()
        super().accept()

    def reject(self) -> None:
        """Esc or Cancel: a running search is stopped first; then the dialog closes."""
        if self.job is not None:
            self._stop()
            return
        super().reject()
