"""Connected to the demo store: licenses listed, a picked one quoted, the store's price
beside ours, and a store that never answers cancelled without freezing the window."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from pytestqt.qtbot import QtBot

from lic_desktop.catalogs import load_all_embedded
from lic_desktop.gui.main_window import MainWindow
from lic_desktop.store.demo import DemoStore, serve


@pytest.fixture
def demo(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[str]:
    monkeypatch.setattr("lic_desktop.gui.store_tab.cache_folder", lambda: tmp_path / "cache")
    store = DemoStore(load_all_embedded(), today=date.today(), identifier="demo-id",
                      secret="s3cr3t-value")
    server = serve(store)
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def connect(qtbot: QtBot, window: MainWindow, url: str) -> None:
    with qtbot.waitSignal(window.store_tab.finished, timeout=10_000) as done:
        assert window.store_tab.connect_with(url, "demo-id", "s3cr3t-value", 1)
    assert done.args[0] is True


def test_licenses_listed_and_the_secret_kept_out_of_settings(
        qtbot: QtBot, window: MainWindow, demo: str, settings: QSettings) -> None:
    connect(qtbot, window, demo)
    model = window.store_tab.model
    assert model.rowCount() == 2
    ips = {model.index(r, 1).data() for r in range(model.rowCount())}
    assert ips == {"172.23.44.240", "203.0.113.10"}
    assert window.store_status.text().startswith("Online: 127.0.0.1:")
    settings.sync()
    text = Path(settings.fileName()).read_text()
    assert "demo-id" in text
    assert "s3cr3t-value" not in text


def test_a_picked_license_quotes_with_its_unpaid_invoice_blocking(
        qtbot: QtBot, window: MainWindow, demo: str) -> None:
    connect(qtbot, window, demo)
    tab = window.store_tab
    row = next(r for r in range(tab.model.rowCount()) if tab.model.index(r, 1).data()
               == "203.0.113.10")
    tab.table.activated.emit(tab.model.index(row, 0))
    assert window.tabs.currentWidget() is window.quote_tab
    assert window.editor.inputs.plan == "1-cpu"
    window.editor.set_field("to_plan", "2-cpu")
    quote = window.editor.state.quote
    assert quote is not None
    assert quote.blocked
    assert "unpaid invoice of $36.00 USD" in window.banner.text()
    # The after pane was empty (nothing changed yet) and filled while its tab was
    # hidden: once shown it must be as tall as all its rows.
    after = window.panes[2]
    qtbot.wait(50)
    rows = after.model.rowCount()
    assert rows == 7
    assert after.table.height() >= sum(after.table.rowHeight(r) for r in range(rows))


def test_the_store_price_beside_ours(qtbot: QtBot, window: MainWindow, demo: str) -> None:
    connect(qtbot, window, demo)
    tab = window.store_tab
    row = next(r for r in range(tab.model.rowCount()) if tab.model.index(r, 1).data()
               == "203.0.113.10")
    tab.table.activated.emit(tab.model.index(row, 0))
    window.editor.set_field("to_plan", "2-cpu")
    tab.table.setCurrentIndex(tab.model.index(row, 0))
    with qtbot.waitSignal(tab.finished, timeout=10_000) as done:
        tab.check_price()
    assert done.args[0] is True
    text = tab.message.text()
    assert text.startswith("lic-desktop: $")
    assert "\nstore:       $" in text


@pytest.fixture
def silent_port() -> Iterator[int]:
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(8)  # accepted by the kernel, never answered
    yield listener.getsockname()[1]
    listener.close()


def test_cancel_works_and_the_window_stays_responsive(
        qtbot: QtBot, window: MainWindow, silent_port: int) -> None:
    tab = window.store_tab
    tab.connect_with(f"http://127.0.0.1:{silent_port}", "demo-id", "s3cr3t-value", 1)
    assert tab.busy.isVisibleTo(tab)
    assert window.store_status.text().startswith("Connecting to 127.0.0.1:")
    window.editor.set_field("to_quantity", 7)  # the form still works meanwhile
    assert window.editor.inputs.to_quantity == 7
    with qtbot.waitSignal(tab.finished, timeout=1000) as done:
        tab.cancel_button.click()
    assert done.args == [False, "cancelled"]
    assert not tab.busy.isVisibleTo(tab)
    assert tab.message.text() == "Cancelled."
