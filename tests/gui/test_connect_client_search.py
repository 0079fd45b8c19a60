"""Store → Connect… finds the client by the start of an e-mail, a name or a company
(#13 point 3, WHMCS's GetClients search), driven by keys: type, Enter or Alt+F, walk the
matches with Down, Enter picks one, OK connects to it. No match and a store error are a
line in the dialog, which stays open; a typed number is still the client id."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QDialogButtonBox,
    QLabel,
    QWidget,
)
from pytestqt.qtbot import QtBot

from lic_desktop.catalogs import load_all_embedded
from lic_desktop.gui.form import mnemonic
from lic_desktop.gui.main_window import MainWindow
from lic_desktop.gui.store_dialog import ConnectDialog
from lic_desktop.store.demo import DemoStore
from tests.faults.fault_store import IDENTIFIER, SECRET, FaultStore
from tests.gui.conftest import connectable
from tests.store.conftest import TODAY, MemoryKeyring, memory_keyring

__all__ = ["memory_keyring"]  # the store tests' fixture


@pytest.fixture
def store(monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
          memory_keyring: MemoryKeyring) -> Iterator[DemoStore]:
    with connectable(DemoStore(load_all_embedded(), today=TODAY), monkeypatch,
                     tmp_path) as demo:
        yield demo


def focused(dialog: QWidget) -> QWidget:
    return QApplication.focusWidget() or dialog


def press(qtbot: QtBot, dialog: QWidget, key: Qt.Key,
          modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
    """A key as the user presses it: to whatever has the focus."""
    qtbot.keyClick(focused(dialog), key, modifier)


def sign_in(qtbot: QtBot, dialog: ConnectDialog, store: DemoStore, secret: str = "") -> None:
    dialog.activateWindow()  # label shortcuts (Alt+letter) work in the active window
    qtbot.waitUntil(dialog.isActiveWindow, timeout=5_000)
    qtbot.keyClicks(dialog.url, store.url)  # type: ignore[attr-defined]
    qtbot.keyClicks(dialog.identifier, store.identifier)
    qtbot.keyClicks(dialog.secret, secret or store.secret)


def type_client(qtbot: QtBot, dialog: ConnectDialog, text: str) -> None:
    """Alt+L ("C&lient:") to the field, which selects what it held; then the text."""
    press(qtbot, dialog, Qt.Key.Key_L, Qt.KeyboardModifier.AltModifier)
    assert focused(dialog) is dialog.client
    qtbot.keyClicks(dialog.client, text)
    assert dialog.client.text() == text


def rows(dialog: ConnectDialog) -> list[str]:
    return [dialog.matches.item(n).text() for n in range(dialog.matches.count())]


def in_dialog(qtbot: QtBot, drive: Callable[[ConnectDialog], None], seen: list[object]
              ) -> Callable[[], None]:
    """Drive the modal dialog once it is open; it is never left open."""
    def run() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, ConnectDialog):
            seen.append(dialog)
            return
        try:
            drive(dialog)
        except BaseException as exc:
            seen.append(exc)
            dialog.done(0)
    return run


def test_keys_find_the_client_walk_the_matches_and_connect_to_the_picked_one(
        qtbot: QtBot, window: MainWindow, settings: QSettings, store: DemoStore) -> None:
    seen: list[object] = []
    target = store.clients[12]  # Jane Roe, Roe Hosting: a closed client with no licenses

    def drive(dialog: ConnectDialog) -> None:
        sign_in(qtbot, dialog, store)
        type_client(qtbot, dialog, "jane")
        press(qtbot, dialog, Qt.Key.Key_Return)  # Enter in the field finds, not OK
        qtbot.waitUntil(lambda: dialog.matches.count() > 0, timeout=10_000)
        assert dialog.isVisible()
        shown = rows(dialog)
        assert len(shown) == 3  # Jane Doe, Jane Roe, Janet Smith
        assert any(f"<{store.clients[1].email}>" in row for row in shown)
        press(qtbot, dialog, Qt.Key.Key_Down)  # from the field into the list
        assert focused(dialog) is dialog.matches
        for _ in shown:
            current = dialog.matches.currentItem()
            if current is not None and target.email in current.text():
                break
            press(qtbot, dialog, Qt.Key.Key_Down)
        assert "Closed" in dialog.matches.currentItem().text()
        press(qtbot, dialog, Qt.Key.Key_Return)  # picks
        assert dialog.client.text() == str(target.id)
        assert target.companyname in dialog.client_note.text()
        ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
        assert focused(dialog) is ok
        seen.append("picked")
        press(qtbot, dialog, Qt.Key.Key_Return)  # OK

    QTimer.singleShot(0, in_dialog(qtbot, drive, seen))
    with qtbot.waitSignal(window.store_tab.finished, timeout=15_000, raising=False) as done:
        window.connect_store()  # what Store → Connect… calls
    assert seen == ["picked"]
    assert done.args[0] is True, done.args
    assert window.store_tab.client_id == target.id
    assert f"{target.companyname} — {target.fullname} (client {target.id}) has no " \
        "licenses" in done.args[1]
    assert int(str(settings.value("store/client_id"))) == target.id


def test_alt_f_finds_one_client_and_ok_connects_to_it(
        qtbot: QtBot, window: MainWindow, store: DemoStore) -> None:
    seen: list[object] = []

    def drive(dialog: ConnectDialog) -> None:
        sign_in(qtbot, dialog, store)
        type_client(qtbot, dialog, "acme")
        press(qtbot, dialog, Qt.Key.Key_F, Qt.KeyboardModifier.AltModifier)  # "&Find"
        qtbot.waitUntil(lambda: dialog.client.text() == "1", timeout=10_000)
        seen.append(rows(dialog))
        press(qtbot, dialog, Qt.Key.Key_Return)  # OK: the one match was picked

    QTimer.singleShot(0, in_dialog(qtbot, drive, seen))
    with qtbot.waitSignal(window.store_tab.finished, timeout=15_000, raising=False) as done:
        window.connect_store()
    assert len(seen) == 1, seen
    shown = seen[0]
    assert isinstance(shown, list), shown
    assert len(shown) == 1
    assert store.clients[1].companyname in shown[0]
    assert done.args[0] is True, done.args
    assert window.store_tab.client_id == 1
    # Its licenses that can be changed (the Terminated, Cancelled, Fraud ones are hidden).
    assert window.store_tab.model.rowCount() == sum(
        1 for s in store.services.values()
        if s.clientid == 1 and s.status in ("Active", "Suspended"))


def test_no_match_and_a_store_error_are_a_line_in_the_open_dialog(
        qtbot: QtBot, store: DemoStore) -> None:
    dialog = ConnectDialog("", "", 1)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    sign_in(qtbot, dialog, store)
    type_client(qtbot, dialog, "zzz")
    press(qtbot, dialog, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "zzz" in dialog.client_note.text(), timeout=10_000)
    assert dialog.isVisible()
    assert dialog.result() == 0
    assert not dialog.matches.isVisible()
    press(qtbot, dialog, Qt.Key.Key_Return)  # OK on a search that names nobody
    qtbot.waitUntil(lambda: dialog.job is None, timeout=10_000)
    assert dialog.isVisible()

    dialog.secret.selectAll()
    qtbot.keyClicks(dialog.secret, "wrong-secret")
    press(qtbot, dialog, Qt.Key.Key_L, Qt.KeyboardModifier.AltModifier)
    press(qtbot, dialog, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "Authentication Failed" in dialog.client_note.text(),
                    timeout=10_000)
    assert "\n" not in dialog.client_note.text()
    assert dialog.isVisible()


def test_a_typed_number_is_still_the_client_id(qtbot: QtBot, store: DemoStore) -> None:
    dialog = ConnectDialog("", "", 1)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    sign_in(qtbot, dialog, store)
    type_client(qtbot, dialog, "2")
    with qtbot.waitSignal(dialog.accepted, timeout=5_000):
        press(qtbot, dialog, Qt.Key.Key_Return)
    assert dialog.chosen_id() == 2


def test_every_alt_letter_of_the_dialog_is_its_own(qtbot: QtBot, window: MainWindow) -> None:
    """Alt+letter reaches one control each: "C&lient:" and "&Find" clash with none,
    "&OK" and "&Cancel" (gui.qt_words) included. English: the new words' German and
    French come with the translators' catalogs."""
    dialog = ConnectDialog("", "", 1)
    qtbot.addWidget(dialog)
    texts = [w.text() for w in dialog.findChildren(QLabel) + dialog.findChildren(
        QAbstractButton) if w.isVisibleTo(dialog) or w is dialog.find_button]
    letters = [mnemonic(t) for t in texts if mnemonic(t)]
    assert sorted(letters) == sorted(set(letters)), texts
    assert {"l", "f", "o", "c"} <= set(letters)


def test_a_silent_store_leaves_the_dialog_working_and_esc_stops_the_search(
        qtbot: QtBot) -> None:
    """The search runs off the GUI thread: while the store says nothing the dialog shows
    it is busy and takes keys; Esc stops the search (the dialog stays), Esc again closes."""
    server = FaultStore("silent")
    dialog = ConnectDialog(server.url(), IDENTIFIER, 1, SECRET)
    qtbot.addWidget(dialog)
    try:
        dialog.show()
        qtbot.waitExposed(dialog)
        dialog.activateWindow()
        qtbot.waitUntil(dialog.isActiveWindow, timeout=5_000)
        type_client(qtbot, dialog, "acme")
        press(qtbot, dialog, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: server.requests == ["GetClients"], timeout=5_000)
        assert dialog.busy.isVisible()  # the store has not answered; the window paints
        assert dialog.find_button.text() != "&Find"
        press(qtbot, dialog, Qt.Key.Key_Escape)
        assert dialog.isVisible()
        assert not dialog.busy.isVisible()
        assert dialog.find_button.text() == "&Find"
        assert dialog.client_note.text() == "Search stopped."
        with qtbot.waitSignal(dialog.rejected, timeout=5_000):
            press(qtbot, dialog, Qt.Key.Key_Escape)
    finally:
        server.stop()  # the stopped search's call ends; its late answer is dropped
        qtbot.waitUntil(lambda: not dialog._running, timeout=30_000)
