"""Store → Connect… with an API access key typed in (#13 point 2): a store that answers
only its allowed IPs lists the client's licenses, and Remember keeps the key in the
keyring beside the secret, never in the settings."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from lic_desktop.catalogs import load_all_embedded
from lic_desktop.gui.main_window import MainWindow
from lic_desktop.gui.store_dialog import ConnectDialog
from lic_desktop.store import secrets
from lic_desktop.store.demo import DemoStore
from tests.gui.conftest import connectable
from tests.store.conftest import MemoryKeyring, memory_keyring
from tests.store.test_access_key import KEY

__all__ = ["memory_keyring"]  # the store tests' fixture


@pytest.fixture
def restricted(monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
               memory_keyring: MemoryKeyring) -> Iterator[DemoStore]:
    with connectable(DemoStore(load_all_embedded(), access_key=KEY), monkeypatch,
                     tmp_path) as store:
        yield store


def test_the_typed_access_key_lets_the_window_list_the_licenses_and_is_remembered(
        qtbot: QtBot, window: MainWindow, settings: QSettings,
        restricted: DemoStore) -> None:
    url = restricted.url  # type: ignore[attr-defined]

    seen: list[object] = []

    def fill_the_dialog() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, ConnectDialog):
            seen.append(dialog)
            return
        try:
            dialog.activateWindow()  # label shortcuts (Alt+letter) work in the active window
            qtbot.waitUntil(dialog.isActiveWindow, timeout=5_000)
            qtbot.keyClicks(dialog.url, url)
            qtbot.keyClicks(dialog.identifier, restricted.identifier)
            qtbot.keyClicks(dialog.secret, restricted.secret)
            qtbot.keyClick(QApplication.focusWidget() or dialog, Qt.Key.Key_K,
                           Qt.KeyboardModifier.AltModifier)
            seen.append(dialog.focusWidget() is dialog.access_key)  # "API access &key:"
            qtbot.keyClicks(dialog.access_key, KEY)
            qtbot.keyClick(QApplication.focusWidget() or dialog, Qt.Key.Key_R,
                           Qt.KeyboardModifier.AltModifier)
            # "&Remember ...": a button's Alt letter clicks it after a short press.
            qtbot.waitUntil(dialog.remember.isChecked, timeout=5_000)
            seen.append(dialog.remember.isChecked())
        finally:
            qtbot.keyClick(dialog.access_key, Qt.Key.Key_Return)  # never left open

    QTimer.singleShot(0, fill_the_dialog)
    with qtbot.waitSignal(window.store_tab.finished, timeout=15_000) as done:
        window.connect_store()  # what Store → Connect… calls
    assert seen == [True, True]
    assert done.args[0] is True, done.args
    assert window.store_tab.model.rowCount() == 2
    assert secrets.read_access_key(url, restricted.identifier) == KEY
    settings.sync()
    assert KEY not in Path(settings.fileName()).read_text(encoding="utf-8")
