"""The window and a hostile store (issue #12, store point 3): what the store says is shown
without its control characters, the password in the address never, and a store that
drips its answer ends in the tab's message within the call's deadline."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from lic_desktop.catalogs import load_all_embedded
from lic_desktop.gui.main_window import MainWindow
from lic_desktop.gui.store_dialog import ConnectDialog
from lic_desktop.present.store_view import LicenseColumn
from lic_desktop.store import client as client_module
from tests.faults.fault_store import IDENTIFIER, SECRET, FaultStore, json_answer
from tests.faults.test_store_faults import BAD_ADDRESSES, FAST
from tests.gui.conftest import collect_on_the_gui_thread_only, settings, window

__all__ = ["collect_on_the_gui_thread_only", "settings", "window"]  # the GUI fixtures


@pytest.fixture
def hostile(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[FaultStore]:
    monkeypatch.setattr("lic_desktop.gui.store_tab.store_cache_dir", lambda: tmp_path / "c")
    monkeypatch.setattr(client_module, "DEFAULT_LIMITS", FAST)

    def spoil(action: str, data: dict[str, Any]) -> None:
        if action == "GetClientsProducts":
            for service in data["products"]["product"]:
                service["status"] = "Active\x1b[31m\r\n<b>FAKE</b>\x00"
                service["dedicatedip"] = "\x1b[2J" + service["dedicatedip"]

    store = FaultStore("ok")
    store.answer = json_answer(store.store, spoil)
    yield store
    store.stop()


def test_the_window_shows_a_hostile_store_cleanly(qtbot: QtBot, window: MainWindow,
                                                  hostile: FaultStore) -> None:
    tab = window.store_tab
    url = hostile.url(userinfo="shop:hunter2@")
    with qtbot.waitSignal(tab.finished, timeout=10_000) as done:
        assert tab.connect_with(url, IDENTIFIER, SECRET, 1)
    assert done.args[0] is True
    # A status that is not WHMCS's "Active" cannot be changed: shown only when asked.
    tab.closed_box.setFocus()
    qtbot.keyClick(tab.closed_box, Qt.Key.Key_Space)
    model = tab.model
    cells = [str(model.index(r, c).data() or "") for r in range(model.rowCount())
             for c in range(model.columnCount())]
    assert model.rowCount() == sum(1 for s in hostile.store.services.values()
                                   if s.clientid == 1)
    assert all(cell.isprintable() for cell in cells), cells
    assert {model.index(r, LicenseColumn.IP).data() for r in range(2)} == \
        {"172.23.44.240", "203.0.113.10"}
    status = window.store_status.text()
    assert status.startswith(f"Online: 127.0.0.1:{hostile.port} ")
    assert "hunter2" not in status
    assert "shop" not in status

    hostile.mode = "drip"  # the same store now drips a byte every 0.05 s
    with qtbot.waitSignal(tab.finished, timeout=10_000) as done:
        tab.refresh()
    assert done.args[0] is True  # offline: the cached copy
    message = tab.message.text()
    assert f"the store at http://shop:***@127.0.0.1:{hostile.port} did not answer within " \
           f"{FAST.deadline_seconds:g} s" in message
    assert "hunter2" not in message
    assert window.store_status.text().startswith("Offline: cached store data from ")


def test_the_window_checks_an_owned_license_with_the_store(
        qtbot: QtBot, window: MainWindow, hostile: FaultStore) -> None:
    """Client 2's owned 2-CPU license to the owned 4-CPU (the demo banner's sample): the
    store is asked for the owned product, and the difference of the two owned prices
    (SPEC.md) is what both say."""
    hostile.answer = json_answer(hostile.store)  # a well-behaved store this time
    tab = window.store_tab
    with qtbot.waitSignal(tab.finished, timeout=10_000):
        assert tab.connect_with(hostile.url(), IDENTIFIER, SECRET, 2)
    window.pages.show("store")
    tab.table.setFocus()
    qtbot.keyClick(tab.table, Qt.Key.Key_Home, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(tab.table, Qt.Key.Key_Return)
    window.editor.set_field("to_plan", "4-cpu")
    with qtbot.waitSignal(tab.finished, timeout=10_000) as done:
        tab.check_price()
    assert done.args[0] is True
    litespeed = next(c for c in load_all_embedded() if c.name == "litespeed")
    owned = next(key for key, c in litespeed.cycles.items() if c.perpetual)
    difference = (litespeed.plans["4-cpu"].prices[owned]
                  - litespeed.plans["2-cpu"].prices[owned])
    lines = tab.message.text().splitlines()
    assert lines[1:] == [f"store:       ${difference:,.2f} USD (LiteSpeed Web Server 2-CPU "
                         "(owned) → LiteSpeed Web Server 4-CPU (owned))",
                         "The store agrees to the cent."]


@pytest.mark.parametrize(("url", "said"), BAD_ADDRESSES)
def test_the_connect_dialog_says_what_is_wrong_with_the_address(
        qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
        url: str, said: str) -> None:
    """Store → Connect…, the address pasted, Enter: one warning naming the address (its
    password hidden) and the fix; no background job is started."""
    monkeypatch.setattr("lic_desktop.gui.store_tab.store_cache_dir", lambda: tmp_path / "c")
    seen: list[str] = []
    returned: list[bool] = []

    def read_the_warning() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            if not returned:  # not shown yet (and the dialog's Connect still running)
                QTimer.singleShot(10, read_the_warning)
            return
        seen.append(box.text())
        box.accept()

    def fill_the_dialog() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, ConnectDialog)
        QApplication.clipboard().setText(url)
        dialog.url.setFocus()
        qtbot.keyClick(dialog.url, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
        qtbot.keyClick(dialog.url, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
        assert dialog.url.text() == url
        qtbot.keyClicks(dialog.identifier, IDENTIFIER)
        qtbot.keyClicks(dialog.secret, SECRET)
        QTimer.singleShot(0, read_the_warning)
        qtbot.keyClick(dialog.secret, Qt.Key.Key_Return)

    QTimer.singleShot(0, fill_the_dialog)
    window.connect_store()  # what Store → Connect… calls
    returned.append(True)
    assert len(seen) == 1, seen
    assert said in seen[0]
    assert "pw" not in seen[0].replace("***", "")
    assert "\n" not in seen[0]
    assert seen[0].isprintable()
    assert window.store_tab.job is None
