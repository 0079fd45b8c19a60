"""#13's leftover: after Store → Connect… the Licenses tab names the client as the
Connect dialog's search does ("Acme Hosting — Jane Doe"), with its id, not "client 1"
alone. The name is the store's text: shown as plain text, never as markup. Driven by
keys, as a user connects: type the store, the client's company, Alt+F, Enter."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from pytestqt.qtbot import QtBot

from lic_desktop.gui.main_window import MainWindow
from lic_desktop.gui.store_dialog import ConnectDialog
from lic_desktop.store.demo import DemoStore
from tests.gui.test_connect_client_search import in_dialog, press, sign_in, store, type_client
from tests.store.conftest import memory_keyring

__all__ = ["memory_keyring", "store"]  # fixtures: the store tests', the search tests' demo


def connect_by_keys(qtbot: QtBot, window: MainWindow, store: DemoStore, search: str) -> str:
    """Store → Connect…, the client found by `search` (Alt+F) and OK by Enter; the
    tab's message once the licenses are in."""
    seen: list[object] = []

    def drive(dialog: ConnectDialog) -> None:
        sign_in(qtbot, dialog, store)
        type_client(qtbot, dialog, search)
        press(qtbot, dialog, Qt.Key.Key_F, Qt.KeyboardModifier.AltModifier)  # "&Find"
        qtbot.waitUntil(lambda: dialog.client.text().isdigit(), timeout=10_000)
        seen.append("found")
        press(qtbot, dialog, Qt.Key.Key_Return)  # OK: the one match was picked

    QTimer.singleShot(0, in_dialog(qtbot, drive, seen))
    with qtbot.waitSignal(window.store_tab.finished, timeout=15_000, raising=False) as done:
        window.connect_store()  # what Store → Connect… calls
    assert seen == ["found"], seen
    assert done.args[0] is True, done.args
    return window.store_tab.message.text()


def test_the_licenses_tab_names_the_client_by_company_and_person(
        qtbot: QtBot, window: MainWindow, store: DemoStore) -> None:
    acme = store.clients[1]
    changeable = sum(1 for s in store.services.values()
                     if s.clientid == 1 and s.status in ("Active", "Suspended"))
    assert changeable == 2
    message = connect_by_keys(qtbot, window, store, "acme")
    assert window.store_tab.client_id == 1
    who = f"{acme.companyname} — {acme.firstname} {acme.lastname}"  # "Acme Hosting — Jane Doe"
    assert message.startswith(f"2 licenses of {who} (client 1). Double-click one to "
                              "quote it.")
    # In another language the sentence is translated; the name stays as the store has it.
    window.set_language("de_DE")
    german = window.store_tab.message.text()
    assert not german.startswith("2 licenses")
    assert f"{who} (Kunde 1)" in german
    window.set_language("fr_FR")
    assert f"du client {who} (n° 1)" in window.store_tab.message.text()
    window.set_language("en_US")
    assert window.store_tab.message.text() == message


def test_a_store_name_with_markup_shows_as_its_characters(
        qtbot: QtBot, window: MainWindow, store: DemoStore) -> None:
    store.clients[2].companyname = "<b>Müller</b> <a href='x'>IT</a>"
    message = connect_by_keys(qtbot, window, store, "bernd")
    label = window.store_tab.message
    assert label.textFormat() == Qt.TextFormat.PlainText
    assert message.startswith("1 license of <b>Müller</b> <a href='x'>IT</a> — Bernd Müller "
                              "(client 2). Double-click it to quote it.")
