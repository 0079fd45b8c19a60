"""Issue #15 point 9: the Book tab shows each license's best day (batch --best-day's
columns), sorts by what waiting saves, filters "only licenses that save at least …",
opens a license in the Quote tab at its best day, and exports the calendar."""

from __future__ import annotations

import csv
import io
from datetime import datetime
from decimal import Decimal
from pathlib import Path

import pytest
from icalendar import Calendar
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog
from pytestqt.qtbot import QtBot

from lic_desktop.cli import main as cli_main
from lic_desktop.gui.book_tab import BookTab
from lic_desktop.gui.main_window import MainWindow
from lic_desktop.present.book_table import KEYS

HEADER = "catalog,plan,quantity,cycle,start,paid,pending,to_plan,to_quantity,to_cycle,ip,customer"
ROWS = ["ezeelogin,servers,16,monthly,2022-11-01 09:00,,,,10,,172.23.44.241,Beta",
        "ezeelogin,servers,10,monthly,2022-11-01 09:00,,,,16,,172.23.44.240,Acme",
        "litespeed,1-cpu,,monthly,2022-11-01 09:00,,,2-cpu,,,,Gamma",
        "ezeelogin,servers,12,quarterly,2022-09-20 10:00,,,,20,,10.0.0.1,Epsilon",
        "ezeelogin,servers,3,monthly,2022-11-10 09:00,,,,4,,10.0.0.2,Zeta"]
AT = datetime(2022, 11, 16, 0, 23)


def book(tmp_path: Path) -> Path:
    path = tmp_path / "book.csv"
    path.write_text("\n".join([HEADER, *ROWS]) + "\n", encoding="utf-8")
    return path


def batch_best_days(path: Path, capsys: pytest.CaptureFixture[str]) -> dict[str, dict[str, str]]:
    """`lic-desktop batch --best-day`'s rows by customer: the figures the tab must show."""
    cli_main(["batch", str(path), "--at", f"{AT:%Y-%m-%d %H:%M}", "--best-day"])
    return {row["customer"]: row for row in csv.DictReader(io.StringIO(capsys.readouterr().out))}


def shown(tab: BookTab, key: str) -> list[object]:
    """A column's raw values in the order the table shows them."""
    view, column = tab.table.model(), KEYS.index(key)
    return [view.index(r, column).data(Qt.ItemDataRole.UserRole)
            for r in range(view.rowCount())]


def priced_with_best_days(qtbot: QtBot, window: MainWindow, path: Path) -> BookTab:
    tab = window.book_tab
    window.pages.show("book")
    with qtbot.waitSignal(tab.finished, timeout=10_000):
        tab.load(path, AT)
    assert shown(tab, "saving") == [None] * len(ROWS)  # not asked for yet
    # The box, from the keyboard (Tab reaches it; Space ticks it): the book again. It has
    # no Alt letter: every free one is taken by the menus, the form and the tabs.
    tab.best_box.setFocus()
    with qtbot.waitSignal(tab.finished, timeout=20_000) as done:
        qtbot.keyClick(tab.best_box, Qt.Key.Key_Space)
    assert tab.best_box.isChecked()
    assert done.args[0].best_days
    return tab


def test_best_days_sorted_filtered_and_opened_in_the_quote_tab(
        qtbot: QtBot, window: MainWindow, tmp_path: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    path = book(tmp_path)
    expected = batch_best_days(path, capsys)
    tab = priced_with_best_days(qtbot, window, path)
    header = tab.table.horizontalHeader()
    for key in ("saving", "best_day", "why"):  # shown once a book has best days
        assert not header.isSectionHidden(KEYS.index(key))
    # Sorted by what waiting saves, most first; every figure is batch --best-day's.
    customers = shown(tab, "customer")
    savings = [Decimal(expected[str(c)]["saving"]) for c in customers]
    assert savings == sorted(savings, reverse=True)
    assert Decimal(expected["Acme"]["saving"]) == Decimal("6.48")  # the seed upgrade
    assert savings[0] >= Decimal("6.48")
    for c, saving, best, why in zip(customers, shown(tab, "saving"), shown(tab, "best_day"),
                                    shown(tab, "why"), strict=True):
        row = expected[str(c)]
        assert (str(saving.amount), f"{best:%Y-%m-%d %H:%M}", why) == \
            (row["saving"], row["best_day"], row["why"])  # type: ignore[union-attr]
    assert "Licenses that save by waiting for their best day: " in tab.summary.text()

    # Only those saving at least 1.00, typed as a user types it (Tab from the box).
    tab.best_box.setFocus()
    qtbot.keyClick(tab.best_box, Qt.Key.Key_Tab)
    assert tab.least.hasFocus()
    qtbot.keyClicks(tab.least, "1")
    assert sorted(map(str, shown(tab, "customer"))) == sorted(
        c for c, row in expected.items() if Decimal(row["saving"]) >= 1)
    qtbot.keyClicks(tab.least, "x")  # "1x": not an amount: said, and every row shown
    assert "is not an amount" in tab.least.toolTip()
    assert len(shown(tab, "customer")) == len(ROWS)
    qtbot.keyClick(tab.least, Qt.Key.Key_Backspace)
    qtbot.keyClick(tab.least, Qt.Key.Key_Backspace)
    assert len(shown(tab, "customer")) == len(ROWS)

    # Enter on Acme: its license in the Quote tab, at its best day.
    tab.table.setFocus()
    acme = shown(tab, "customer").index("Acme")
    tab.table.setCurrentIndex(tab.table.model().index(acme, KEYS.index("customer")))
    qtbot.keyClick(tab.table, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.tabs.currentWidget() is window.quote_tab)
    inputs = window.editor.inputs
    assert inputs.at == datetime.strptime(expected["Acme"]["best_day"], "%Y-%m-%d %H:%M")
    assert (inputs.quantity, inputs.to_quantity, inputs.customer) == (10, 16, "Acme")
    # The Quote tab then charges what the book said is due on that day.
    assert str(window.editor.state.quote.order.due_now.amount) == \
        expected["Acme"]["due_now_at_best"]  # type: ignore[union-attr]


def test_export_calendar_writes_batch_ics_events(
        qtbot: QtBot, window: MainWindow, tmp_path: Path,
        capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    path = book(tmp_path)
    cli_ics = tmp_path / "cli.ics"
    cli_main(["batch", str(path), "--at", f"{AT:%Y-%m-%d %H:%M}", "--ics", str(cli_ics)])
    capsys.readouterr()
    tab = priced_with_best_days(qtbot, window, path)
    assert tab.calendar_button.isEnabled()
    target = tmp_path / "tab.ics"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    with qtbot.waitSignal(tab.finished, timeout=20_000) as done:
        qtbot.mouseClick(tab.calendar_button, Qt.MouseButton.LeftButton)
    assert done.args[0].calendar == target
    assert str(target) in tab.summary.text()

    def events(ics: Path) -> dict[str, tuple[str, datetime]]:
        cal = Calendar.from_ical(ics.read_bytes())
        return {str(e["UID"]): (str(e["SUMMARY"]), e["DTSTART"].dt) for e in cal.walk("VEVENT")}

    assert events(target) == events(cli_ics)
    assert len(events(target)) >= 2  # Acme and at least one more save by waiting
