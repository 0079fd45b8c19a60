"""The Book tab prices a license book off the GUI thread, like `lic-desktop batch`."""

from __future__ import annotations

import csv
import io
from datetime import date, datetime
from enum import Enum
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from lic_desktop.cli import main as cli_main
from lic_desktop.core.money import Money
from lic_desktop.gui.book_job import BookResult
from lic_desktop.gui.main_window import MainWindow
from lic_desktop.present.batch import OUTPUT_COLUMNS, output_columns
from lic_desktop.present.book_table import COLUMNS, KEYS

HEADER = "catalog,plan,quantity,cycle,start,paid,pending,to_plan,to_quantity,to_cycle,ip,customer"
ROWS = ["ezeelogin,servers,10,monthly,2022-11-01 09:00,,,,16,,172.23.44.240,Acme",
        "litespeed,gold,,monthly,2022-11-01 09:00,,,,,,,",
        "litespeed,1-cpu,,monthly,2022-11-01 09:00,,,2-cpu,,,,Beta"]
AT = datetime(2022, 11, 16, 0, 23)


def csv_text(value: object) -> str:
    """A raw table value as the priced CSV writes it."""
    if isinstance(value, Money):
        return f"{value.amount:.2f}"  # every book here is in USD
    if isinstance(value, bool):
        return "yes" if value else ""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Enum):
        return str(value.value)
    return "" if value is None else str(value)


def test_book_rows_equal_the_batch_command(qtbot: QtBot, window: MainWindow, tmp_path: Path,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "book.csv"
    path.write_text("\n".join([HEADER, *ROWS]) + "\n", encoding="utf-8")
    tab = window.book_tab
    with qtbot.waitSignal(tab.finished, timeout=10_000) as done:
        tab.load(path, AT)
    result: BookResult = done.args[0]
    assert not result.failure
    assert [str(e) for e in result.errors] == [
        "line 3: plan: 'gold' is not a plan of litespeed (plans: vps, 1-cpu, 2-cpu, 4-cpu, "
        "8-cpu)"]
    cli_main(["batch", str(path), "--at", f"{AT:%Y-%m-%d %H:%M}"])
    expected = list(csv.reader(io.StringIO(capsys.readouterr().out)))[1:]
    # The table holds the CSV's values raw (it formats them only to show them).
    at = [KEYS.index(name) for name in OUTPUT_COLUMNS]
    shown = [[csv_text(tab.model.index(r, c).data(Qt.ItemDataRole.UserRole)) for c in at]
             for r in range(tab.model.rowCount())]
    assert shown == expected
    assert "Licenses priced: 2; blocked: 0; bad rows: 1" in tab.summary.text()
    assert not tab.problems.isHidden()


def test_cancel_stops_a_long_book(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    path = tmp_path / "long.csv"
    path.write_text("\n".join([HEADER, *([ROWS[0]] * 20_000)]) + "\n", encoding="utf-8")
    tab = window.book_tab
    with qtbot.waitSignal(tab.finished, timeout=30_000) as done:
        tab.load(path, AT)
        tab.cancel_button.click()
    result: BookResult = done.args[0]
    assert result.cancelled
    assert result.totals.licenses < 20_000
    assert tab.summary.text().startswith("Cancelled")
    assert tab.open_button.isEnabled()


def test_an_empty_book_says_so(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    path = tmp_path / "empty.csv"
    path.write_text("")
    with qtbot.waitSignal(window.book_tab.finished, timeout=10_000):
        window.book_tab.load(path, AT)
    assert window.book_tab.summary.text().startswith("Not priced: the file is empty")


def test_book_model_passes_the_model_tester(qtbot: QtBot, window: MainWindow, tmp_path: Path,
                                           qtmodeltester: object) -> None:
    path = tmp_path / "book.csv"
    path.write_text("\n".join([HEADER, *ROWS]) + "\n", encoding="utf-8")
    tab = window.book_tab
    with qtbot.waitSignal(tab.finished, timeout=10_000):
        tab.load(path, AT)
    qtmodeltester.check(tab.model)  # type: ignore[attr-defined]
    tab.table.sortByColumn(3, Qt.SortOrder.DescendingOrder)
    qtmodeltester.check(tab.proxy)  # type: ignore[attr-defined]


def test_a_priced_book_and_the_store_message_follow_a_language_switch(
        qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    path = tmp_path / "book.csv"
    path.write_text("\n".join([HEADER, *ROWS]) + "\n", encoding="utf-8")
    with qtbot.waitSignal(window.book_tab.finished, timeout=10_000):
        window.book_tab.load(path, AT)
    assert window.book_tab.summary.text().startswith("Licenses priced: 2; blocked: 0; bad rows: 1")
    assert window.book_tab.problems.toPlainText().startswith("line 3: plan:")
    assert window.store_tab.message.text().startswith("Not connected")
    window.set_language("de_DE")
    assert window.book_tab.summary.text().startswith("Berechnete Lizenzen: 2; blockiert: 0")
    assert window.store_tab.message.text().startswith("Nicht verbunden")
    assert not window.book_tab.problems.toPlainText().startswith("line 3")  # "Zeile 3"


def test_every_book_column_has_a_readable_header() -> None:
    assert sorted(KEYS) == sorted(output_columns(best_days=True))  # one a CSV column
    assert "Grand total" in [c.header for c in COLUMNS]


def test_save_writes_every_priced_row_as_the_batch_command_does(
        qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "book.csv"
    path.write_text("\n".join([HEADER, *ROWS]) + "\n", encoding="utf-8")
    tab = window.book_tab
    assert not tab.save_button.isEnabled()  # nothing priced yet
    with qtbot.waitSignal(tab.finished, timeout=10_000):
        tab.load(path, AT)
    assert tab.save_button.isEnabled()
    target = tmp_path / "priced.csv"
    monkeypatch.setattr("lic_desktop.gui.book_tab.QFileDialog.getSaveFileName",
                        lambda *a, **k: (str(target), ""))
    with qtbot.waitSignal(tab.finished, timeout=10_000) as done:
        tab.save_button.click()
    assert done.args[0].saved == target
    assert f"Every priced row was saved to {target}." in tab.summary.text()
    cli_main(["batch", str(path), "--at", f"{AT:%Y-%m-%d %H:%M}"])
    assert target.read_text(encoding="utf-8") == capsys.readouterr().out


def test_a_cancelled_save_leaves_the_old_file_whole(qtbot: QtBot, window: MainWindow,
                                                    tmp_path: Path) -> None:
    path = tmp_path / "long.csv"
    path.write_text("\n".join([HEADER, *([ROWS[0]] * 20_000)]) + "\n", encoding="utf-8")
    target = tmp_path / "priced.csv"
    target.write_text("yesterday's prices\n", encoding="utf-8")
    tab = window.book_tab
    with qtbot.waitSignal(tab.finished, timeout=30_000) as done:
        tab.load(path, AT, save_to=target)
        tab.cancel()
    assert done.args[0].cancelled
    assert done.args[0].saved is None
    assert target.read_text(encoding="utf-8") == "yesterday's prices\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["long.csv", "priced.csv"]


def test_saving_where_nothing_can_be_written_keeps_the_priced_book(
        qtbot: QtBot, window: MainWindow, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "book.csv"
    path.write_text("\n".join([HEADER, *ROWS]) + "\n", encoding="utf-8")
    tab = window.book_tab
    with qtbot.waitSignal(tab.finished, timeout=10_000):
        tab.load(path, AT)
    warned: list[str] = []
    monkeypatch.setattr("lic_desktop.gui.book_tab.QFileDialog.getSaveFileName",
                        lambda *a, **k: (str(tmp_path / "no such folder" / "p.csv"), ""))
    monkeypatch.setattr("lic_desktop.gui.book_tab.QMessageBox.warning",
                        lambda _parent, _title, text: warned.append(text))
    tab.save_button.click()
    assert warned
    assert "cannot be written" in warned[0]
    assert tab.model.rowCount() == 2  # the priced rows are still there
    assert tab.save_button.isEnabled()
