"""The Licenses tab and the licenses that cannot be changed (#13 point 4): Terminated,
Cancelled and Fraud ones hidden by default and counted in the message, shown greyed by
the checkbox (its Alt letter), and Enter on one says why instead of filling the form."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from pytestqt.qtbot import QtBot

from lic_desktop.catalogs import load_all_embedded
from lic_desktop.gui.form import mnemonic
from lic_desktop.gui.main_window import MainWindow
from lic_desktop.present.store_view import LicenseColumn
from lic_desktop.store.demo import DemoStore
from tests.gui.test_store_tab import connect, demo, pick, row_of

__all__ = ["demo"]  # the fixture


@pytest.fixture
def store() -> DemoStore:
    return DemoStore(load_all_embedded(), today=date.today(), identifier="demo-id",
                     secret="s3cr3t-value")


def statuses(window: MainWindow) -> list[str]:
    view = window.store_tab.table.model()
    return sorted(view.index(r, LicenseColumn.STATUS).data() for r in range(view.rowCount()))


def test_terminated_licenses_are_apart_greyed_and_refused(
        qtbot: QtBot, window: MainWindow, demo: str, store: DemoStore) -> None:
    closed = {s.dedicatedip: s for s in store.services.values()
              if s.clientid == 1 and s.status not in ("Active", "Suspended")}
    assert sorted(s.status for s in closed.values()) == ["Cancelled", "Fraud", "Terminated"]
    message = connect(qtbot, window, demo, client=1)
    tab = window.store_tab
    assert statuses(window) == ["Active", "Active"]  # hidden by default
    assert message.startswith("2 licenses of Acme Hosting — Jane Doe (client 1)")
    assert message.endswith("(3 licenses that cannot be changed are hidden: 1 Terminated, "
                            "1 Cancelled, 1 Fraud)")

    # The checkbox by its Alt letter, as a user toggles it.
    window.pages.show("store")
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    key = mnemonic(tab.closed_box.text())
    assert key is not None
    qtbot.keyClick(tab.table, Qt.Key(ord(key.upper())), Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(tab.closed_box.isChecked)
    assert statuses(window) == ["Active", "Active", "Cancelled", "Fraud", "Terminated"]
    assert tab.message.text().startswith("2 licenses of Acme Hosting — Jane Doe (client 1)")
    assert "(3 licenses that cannot be changed are greyed: " in tab.message.text()
    view = tab.table.model()
    grey = tab.palette().color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text)
    for ip, service in closed.items():
        index = view.index(row_of(window, ip), LicenseColumn.PRODUCT)
        assert index.data(Qt.ItemDataRole.ForegroundRole) == grey
        assert f"is {service.status} in the store" in index.data(Qt.ItemDataRole.ToolTipRole)
    live = view.index(row_of(window, "203.0.113.10"), LicenseColumn.PRODUCT)
    assert live.data(Qt.ItemDataRole.ForegroundRole) is None

    # Enter on the terminated one: one line saying why, the form untouched.
    terminated = next(ip for ip, s in closed.items() if s.status == "Terminated")
    picked: list[object] = []
    tab.picked.connect(picked.append)
    before = window.editor.inputs
    pick(qtbot, window, terminated)
    sid = closed[terminated].id
    assert tab.message.text() == (f"License {sid} is Terminated in the store: only Active "
                                  "and Suspended licenses can be changed")
    assert picked == []
    assert window.tabs.currentWidget().isAncestorOf(tab)  # still the Licenses tab
    assert window.editor.inputs == before

    # And hidden again with the key.
    qtbot.keyClick(tab.table, Qt.Key(ord(key.upper())), Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: not tab.closed_box.isChecked())
    assert statuses(window) == ["Active", "Active"]


def test_a_pending_order_says_it_is_not_accepted_yet(
        qtbot: QtBot, window: MainWindow, demo: str, store: DemoStore) -> None:
    pending = next(s for s in store.services.values() if s.status == "Pending")
    message = connect(qtbot, window, demo, client=pending.clientid)
    assert message.endswith("(1 license that cannot be changed is hidden: 1 Pending)")
    tab = window.store_tab
    tab.closed_box.setFocus()
    qtbot.keyClick(tab.closed_box, Qt.Key.Key_Space)
    assert tab.closed_box.isChecked()
    pick(qtbot, window, pending.dedicatedip)
    assert tab.message.text() == (f"License {pending.id} is Pending in the store: its order "
                                  "is not accepted yet, and only Active and Suspended "
                                  "licenses can be changed")
