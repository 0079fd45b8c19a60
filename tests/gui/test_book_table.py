"""The Book tab's table as a reseller reads it (issue 11, point 12): the columns read
first, money in the UI's locale and right-aligned, sorted by value, the rest behind a
column chooser that is remembered. Driven through the tab's own buttons and keys."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import QAbstractItemModel, QPoint, QSettings, Qt
from PySide6.QtGui import QContextMenuEvent
from PySide6.QtWidgets import QApplication, QMenu
from pytestqt.qtbot import QtBot

from lic_desktop.core.money import Money
from lic_desktop.gui.book_tab import BookTab
from lic_desktop.gui.main_window import MainWindow
from tests.conftest import SCENARIOS

HEADER = "catalog,plan,quantity,cycle,start,paid,pending,to_plan,to_quantity,to_cycle,ip,customer"
# The seed article's upgrade (10 -> 16 servers: $21.23 USD due now) and downgrade
# (10 -> 6), and a litespeed upgrade with no IP, due now less than $10 and more than $1.
ROWS = ["ezeelogin,servers,10,monthly,2022-11-01 09:00,,,,16,,172.23.44.240,Acme",
        "ezeelogin,servers,10,monthly,2022-11-01 09:00,,,,6,,172.23.44.241,Acme",
        "litespeed,1-cpu,,monthly,2022-11-01 09:00,,,2-cpu,,,,Beta"]
READ_FIRST = ["Customer", "IP", "Change", "Due now", "Total due", "New expiry", "Blocked",
              "Reason"]


def open_book(qtbot: QtBot, window: MainWindow, path: Path,
              monkeypatch: pytest.MonkeyPatch, by_key: bool = True) -> BookTab:
    """The seed scenario's change moment (2022-11-16 00:23), then Ctrl+4 and Alt+K ("Open
    license boo&k…"; a click in other languages), the file dialog answering `path`."""
    window.open_path(SCENARIOS / "seed-upgrade.toml")
    monkeypatch.setattr("lic_desktop.gui.book_tab.QFileDialog.getOpenFileName",
                        lambda *a, **k: (str(path), ""))
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window, Qt.Key.Key_4, Qt.KeyboardModifier.ControlModifier)
    tab = window.book_tab
    qtbot.waitUntil(tab.isVisible)
    with qtbot.waitSignal(tab.finished, timeout=10_000):
        if by_key:
            qtbot.keyClick(window, Qt.Key.Key_K, Qt.KeyboardModifier.AltModifier)
        else:
            qtbot.mouseClick(tab.open_button, Qt.MouseButton.LeftButton)
    return tab


@pytest.fixture
def book(tmp_path: Path) -> Path:
    path = tmp_path / "book.csv"
    path.write_text("\n".join([HEADER, *ROWS]) + "\n", encoding="utf-8")
    return path


def shown_headers(tab: BookTab) -> list[str]:
    header = tab.table.horizontalHeader()
    sections = sorted((header.visualIndex(i), i) for i in range(header.count())
                      if not header.isSectionHidden(i))
    model = tab.table.model()
    return [title(model, i) for _v, i in sections]


def title(model: QAbstractItemModel, section: int) -> str:
    """A header as one line (a long one shows on two)."""
    return str(model.headerData(section, Qt.Orientation.Horizontal)).replace("\n", " ")


def column(tab: BookTab, name: str) -> int:
    model = tab.table.model()
    return next(c for c in range(model.columnCount()) if title(model, c) == name)


def texts(tab: BookTab, title: str) -> list[str]:
    c = column(tab, title)
    model = tab.table.model()
    return [str(model.index(r, c).data()) for r in range(model.rowCount())]


def click_header(qtbot: QtBot, tab: BookTab, title: str) -> None:
    header = tab.table.horizontalHeader()
    section = column(tab, title)
    x = header.sectionViewportPosition(section) + header.sectionSize(section) // 2
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton,
                     pos=QPoint(x, header.height() // 2))


def test_the_columns_a_reseller_reads_first_in_the_locale(
        qtbot: QtBot, window: MainWindow, book: Path, monkeypatch: pytest.MonkeyPatch,
        qtmodeltester: object) -> None:
    tab = open_book(qtbot, window, book, monkeypatch)
    assert shown_headers(tab) == READ_FIRST
    due = column(tab, "Due now")
    assert texts(tab, "Due now")[0] == "$21.23 USD"  # the seed article's upgrade
    assert texts(tab, "Customer") == ["Acme", "Acme", "Beta"]
    right = Qt.AlignmentFlag.AlignRight
    assert tab.table.model().index(0, due).data(Qt.ItemDataRole.TextAlignmentRole) & right
    assert tab.table.model().headerData(due, Qt.Orientation.Horizontal,
                                Qt.ItemDataRole.TextAlignmentRole) & right
    customer = column(tab, "Customer")
    model = tab.table.model()
    assert not model.index(0, customer).data(Qt.ItemDataRole.TextAlignmentRole) & right
    assert model.index(0, due).data(Qt.ItemDataRole.UserRole) == Money(Decimal("21.23"), "USD")
    tab.table.setFocus()
    qtbot.waitUntil(tab.table.hasFocus)
    qtbot.keyClick(tab.table, Qt.Key.Key_Tab)  # Tab leaves the table, not its next cell
    assert not tab.table.hasFocus()
    window.set_language("de_DE")  # the same rows, in German
    assert shown_headers(tab)[:4] == ["Kunde", "IP", "Änderung", "Jetzt fällig"]
    assert texts(tab, "Jetzt fällig")[0] == "21,23\xa0$"  # babel's de_DE: "31,84 $"
    qtmodeltester.check(tab.model)  # type: ignore[attr-defined]
    qtmodeltester.check(tab.table.model())  # type: ignore[attr-defined]


def test_a_book_opened_in_german_reads_german(qtbot: QtBot, window: MainWindow, book: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    window.set_language("de_DE")
    tab = open_book(qtbot, window, book, monkeypatch, by_key=False)
    assert texts(tab, "Jetzt fällig")[0] == "21,23\xa0$"
    assert texts(tab, "Neues Ablaufdatum")[0] == "16.12.2022"


def test_clicking_due_now_sorts_by_amount_not_text(
        qtbot: QtBot, window: MainWindow, book: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    tab = open_book(qtbot, window, book, monkeypatch)
    click_header(qtbot, tab, "Due now")
    shown = texts(tab, "Due now")
    assert shown[-1] == "$21.23 USD"  # after $1.33 and $5.33, which text sorting puts last
    assert shown != sorted(shown)
    model = tab.table.model()
    due = column(tab, "Due now")
    amounts = [model.index(r, due).data(Qt.ItemDataRole.UserRole).amount
               for r in range(model.rowCount())]
    assert amounts == sorted(amounts)
    click_header(qtbot, tab, "Due now")  # again: largest first
    assert texts(tab, "Due now")[0] == "$21.23 USD"
    # Empty cells stay at the end whichever way: Beta has no IP.
    click_header(qtbot, tab, "IP")
    assert texts(tab, "IP") == ["172.23.44.240", "172.23.44.241", ""]
    click_header(qtbot, tab, "IP")
    assert texts(tab, "IP") == ["172.23.44.241", "172.23.44.240", ""]


def choose(qtbot: QtBot, menu: QMenu, title: str) -> None:
    qtbot.waitUntil(menu.isVisible)
    action = next(a for a in menu.actions() if a.text() == title)
    qtbot.mouseClick(menu, Qt.MouseButton.LeftButton,
                     pos=menu.actionGeometry(action).center())
    qtbot.waitUntil(lambda: not menu.isVisible())


def test_the_column_chooser_shows_a_hidden_column_and_is_remembered(
        qtbot: QtBot, window: MainWindow, book: Path, monkeypatch: pytest.MonkeyPatch,
        settings: QSettings) -> None:
    tab = open_book(qtbot, window, book, monkeypatch)
    assert "Line" not in shown_headers(tab)
    qtbot.keyClick(window, Qt.Key.Key_J, Qt.KeyboardModifier.AltModifier)  # Ad&just columns…
    menu = tab.chooser.menu
    choose(qtbot, menu, "Line")
    assert shown_headers(tab) == [*READ_FIRST, "Line"]
    assert texts(tab, "Line") == ["2", "3", "4"]  # the book's own line numbers
    # The header's right-click menu hides one.
    header = tab.table.horizontalHeader()
    ip = column(tab, "IP")
    at = QPoint(header.sectionViewportPosition(ip) + 5, header.height() // 2)
    QApplication.sendEvent(header.viewport(), QContextMenuEvent(
        QContextMenuEvent.Reason.Mouse, at, header.viewport().mapToGlobal(at)))
    choose(qtbot, menu, "IP")
    chosen = [h for h in [*READ_FIRST, "Line"] if h != "IP"]
    assert shown_headers(tab) == chosen
    window.close()
    again = MainWindow(settings)
    qtbot.addWidget(again)
    again.show()
    assert shown_headers(again.book_tab) == chosen


@pytest.mark.parametrize("first", ["en_US", "fr_FR"])
def test_french_headers_are_not_cut(qtbot: QtBot, window: MainWindow, book: Path,
                                    monkeypatch: pytest.MonkeyPatch, first: str) -> None:
    """Opened in French, or opened in English and then switched to French."""
    window.set_language(first)
    tab = open_book(qtbot, window, book, monkeypatch, by_key=False)
    window.set_language("fr_FR")
    header = tab.table.horizontalHeader()
    shown = [i for i in range(header.count()) if not header.isSectionHidden(i)]
    model = tab.table.model()
    for i in shown[:-1]:  # the last one stretches to the table's edge
        assert header.sectionSize(i) >= header.sectionSizeHint(i), title(model, i)
    assert title(model, shown[3]) == "À payer maintenant"
