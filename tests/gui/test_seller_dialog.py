"""Preferences → Seller details… (issue 14, point 1): typed with the keyboard only, kept
in the settings, used by File → Export PDF and by Copy Quote's HTML for an e-mail."""

from __future__ import annotations

import re
import shutil
import subprocess
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtGui import QColor, QGuiApplication, QImage
from PySide6.QtWidgets import QAbstractButton, QApplication, QFileDialog, QLabel, QWidget
from pytestqt.qtbot import QtBot

from lic_desktop import l10n, user_dirs
from lic_desktop.gui.form import mnemonic
from lic_desktop.gui.main_window import MainWindow
from lic_desktop.gui.seller_dialog import SellerDialog
from tests.conftest import SCENARIOS

ALT = Qt.KeyboardModifier.AltModifier


def menu_action(window: MainWindow, *titles: str):  # type: ignore[no-untyped-def]
    actions = window.menuBar().actions()
    for title in titles:
        found = next(a for a in actions if a.text().replace("&", "") == title)
        actions = found.menu().actions() if found.menu() else [found]
    return found


def type_seller(qtbot: QtBot, dialog: SellerDialog) -> None:
    """Fill the dialog by Alt letters, Tab and typing, as a user without a mouse."""
    def focused() -> QWidget:
        widget = QApplication.focusWidget()
        assert widget is not None
        return widget

    qtbot.keyClick(dialog, Qt.Key.Key_N, ALT)  # Company &name
    qtbot.keyClicks(focused(), "Northwind Hosting GmbH")
    qtbot.keyClick(focused(), Qt.Key.Key_Tab)  # Address: Enter starts a new line
    qtbot.keyClicks(focused(), "Hauptstraße 1")
    qtbot.keyClick(focused(), Qt.Key.Key_Return)
    qtbot.keyClicks(focused(), "10115 Berlin")
    qtbot.keyClick(focused(), Qt.Key.Key_Tab)
    qtbot.keyClicks(focused(), "sales@northwind.example")
    qtbot.keyClick(dialog, Qt.Key.Key_V, ALT)  # &VAT/company number
    qtbot.keyClicks(focused(), "DE123456789")
    qtbot.keyClick(dialog, Qt.Key.Key_F, ALT)  # Valid &for: 10 days
    qtbot.keyClick(focused(), Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(focused(), "10")
    qtbot.keyClick(dialog, Qt.Key.Key_T, ALT)  # &Terms
    qtbot.keyClicks(focused(), "Prices exclude VAT.")
    qtbot.keyClick(dialog, Qt.Key.Key_Z, ALT)  # Paper si&ze: A4 (the third choice)
    qtbot.keyClick(focused(), Qt.Key.Key_Down)
    qtbot.keyClick(dialog, Qt.Key.Key_H, ALT)  # C&hoose… the logo (a click, animated)
    qtbot.waitUntil(lambda: dialog.logo.text() != "")
    qtbot.keyClick(dialog, Qt.Key.Key_F, ALT)  # back to a field where Enter means OK
    qtbot.keyClick(focused(), Qt.Key.Key_Return)


@pytest.fixture
def logo(tmp_path: Path) -> Path:
    image = QImage(90, 30, QImage.Format.Format_RGB32)
    image.fill(QColor("#1050d0"))
    path = tmp_path / "mine.png"
    assert image.save(str(path))
    return path


def test_the_dialog_is_typed_by_keys_and_the_export_uses_it(
        qtbot: QtBot, window: MainWindow, settings: QSettings, logo: Path, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    done: list[bool] = []
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(logo), ""))

    def drive() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, SellerDialog)
        try:
            dialog.activateWindow()
            qtbot.waitUntil(dialog.isActiveWindow)
            type_seller(qtbot, dialog)
            done.append(dialog.isVisible())
        finally:  # a failed step must not leave the test waiting on the dialog
            if dialog.isVisible():
                dialog.reject()

    QTimer.singleShot(0, drive)
    menu_action(window, "Edit", "Seller details…").trigger()
    assert done == [False]  # Enter accepted and closed it
    assert settings.value("seller/name") == "Northwind Hosting GmbH"
    assert settings.value("seller/address") == "Hauptstraße 1\n10115 Berlin"
    assert settings.value("seller/validity_days") in ("10", 10)
    assert settings.value("export/paper") == "a4"
    kept = Path(str(settings.value("seller/logo")))
    assert kept.parent == user_dirs.data_dir()  # a copy in the app's data folder
    assert kept.read_bytes() == logo.read_bytes()

    window.open_path(SCENARIOS / "seed-upgrade.toml")
    target = tmp_path / "quote.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    window.pdf_action.trigger()
    if shutil.which("pdftotext") is None:
        pytest.skip("poppler-utils is not installed")
    text = subprocess.run(["pdftotext", "-layout", str(target), "-"], check=True,
                          capture_output=True, text=True).stdout
    assert "Northwind Hosting GmbH" in text
    assert "VAT/company number: DE123456789" in text
    assert "Prices exclude VAT." in text
    issued = re.search(r"Issue date\s+(\w{3} \d{1,2}, \d{4})", text)
    until = re.search(r"Valid until\s+(\w{3} \d{1,2}, \d{4})", text)
    assert issued
    assert until
    assert datetime.strptime(until.group(1), "%b %d, %Y") == \
        datetime.strptime(issued.group(1), "%b %d, %Y") + timedelta(days=10)
    info = subprocess.run(["pdfinfo", str(target)], check=True, capture_output=True,
                          text=True).stdout
    assert re.search(r"Page size:\s+595 x 842 pts \(A4\)", info)  # chosen, not en_US's
    assert re.search(r"Author:\s+Northwind Hosting GmbH", info)
    images = subprocess.run(["pdfimages", "-list", str(target)], check=True,
                            capture_output=True, text=True).stdout.splitlines()
    assert len(images) > 2  # the logo

    # Copy Quote: the same document for an e-mail, inline styles only, in the same order.
    window.copy_action.trigger()
    html = QGuiApplication.clipboard().mimeData().html()
    QGuiApplication.clipboard().clear()
    assert "<style" not in html
    assert "class=" not in html
    assert "src='data:image/png;base64," in html
    order = ["Northwind Hosting GmbH", "License change quote", "Quote number", "Valid until",
             "Total due", "Current billing", "Order details", "Prices exclude VAT.",
             "Rules applied"]
    flat = " ".join(text.split())
    in_pdf = [flat.index(t) for t in order]
    body = html[html.index("<body"):]
    in_html = [body.index(t) for t in order]
    assert in_pdf == sorted(in_pdf)
    assert in_html == sorted(in_html)


def test_escape_keeps_the_old_details(qtbot: QtBot, settings: QSettings) -> None:
    settings.setValue("seller/name", "Old Name")
    dialog = SellerDialog(settings)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    qtbot.keyClick(dialog, Qt.Key.Key_N, ALT)
    assert QApplication.focusWidget() is dialog.lines["name"]
    qtbot.keyClicks(dialog.lines["name"], " and more")
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible()
    assert settings.value("seller/name") == "Old Name"


@pytest.mark.parametrize("language", ["en_US", "de_DE", "fr_FR"])
def test_no_two_fields_share_an_alt_key(qtbot: QtBot, settings: QSettings,
                                        language: str) -> None:
    l10n.set_language(language)
    dialog = SellerDialog(settings)
    qtbot.addWidget(dialog)
    texts = [w.text() for w in dialog.findChildren(QLabel)]
    texts += [w.text() for w in dialog.findChildren(QAbstractButton)]
    keys = [k for k in map(mnemonic, texts) if k]
    assert len(keys) >= 11
    assert sorted(keys) == sorted(set(keys))
