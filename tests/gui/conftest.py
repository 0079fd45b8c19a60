from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from lic_desktop.gui.gc_in_gui_thread import collect_on_gui_thread
from lic_desktop.gui.main_window import MainWindow
from lic_desktop.store.demo import DemoStore, serve


@pytest.fixture(autouse=True)
def collect_on_the_gui_thread_only(qapp: QApplication) -> Iterator[None]:
    """As the app does (gui.gc_in_gui_thread): no collection on a store or server
    thread, which can free a widget off the GUI thread and crash; each test's cycles
    are collected here, on the GUI thread."""
    collect_on_gui_thread(qapp)
    yield
    gc.collect()


@pytest.fixture
def settings(tmp_path: Path) -> QSettings:
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def window(qtbot: QtBot, settings: QSettings, monkeypatch: pytest.MonkeyPatch) -> MainWindow:
    # Closing with unsaved changes asks; the tests answer "Discard" unless they say otherwise.
    monkeypatch.setattr(QMessageBox, "question",
                        lambda *a, **k: QMessageBox.StandardButton.Discard)
    win = MainWindow(settings, catalog="ezeelogin")
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    return win


@contextmanager
def connectable(store: DemoStore, monkeypatch: pytest.MonkeyPatch,
                tmp_path: Path) -> Iterator[DemoStore]:
    """`store` served on 127.0.0.1 (its address as `store.url`) for Store → Connect…,
    the window's store cache in `tmp_path` and no secret or key from the environment:
    only what the dialog is given."""
    monkeypatch.setattr("lic_desktop.gui.store_tab.store_cache_dir", lambda: tmp_path / "c")
    monkeypatch.delenv("LIC_STORE_SECRET", raising=False)
    monkeypatch.delenv("LIC_STORE_ACCESS_KEY", raising=False)
    server = serve(store)
    store.url = f"http://127.0.0.1:{server.server_address[1]}"  # type: ignore[attr-defined]
    try:
        yield store
    finally:
        server.shutdown()
        server.server_close()
