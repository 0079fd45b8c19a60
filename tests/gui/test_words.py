"""Words in every language, as the window shows them (issue 11, points 10 and 11): the
quantity's labels, a catalog's own translations, the order's Type, example amounts in
error texts, the planner chart's axis and table, driven through the real widgets."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QDate, QDateTime, QLocale, QSettings, Qt, QTime
from PySide6.QtWidgets import QMenu, QMessageBox
from pytestqt.qtbot import QtBot

from lic_desktop.gui.main_window import MainWindow
from lic_desktop.gui.planner_model import PlanColumn
from tests.conftest import SCENARIOS


@pytest.fixture(autouse=True)
def _discard_on_close(monkeypatch: pytest.MonkeyPatch) -> None:
    # A failed test leaves its window unsaved: closing it must not wait on a question.
    monkeypatch.setattr(QMessageBox, "question",
                        lambda *a, **k: QMessageBox.StandardButton.Discard)


def plain(text: str) -> str:
    """A label as it reads on screen: no mnemonic mark."""
    return text.replace("&", "")


def open_window(qtbot: QtBot, settings: QSettings, language: str,
                catalog: str = "ezeelogin") -> MainWindow:
    win = MainWindow(settings, catalog=catalog, language=language)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    return win


def close(win: MainWindow) -> None:
    win.editor.mark_saved(win.editor.path or SCENARIOS / "x.toml")  # nothing to ask
    win.close()


def order_rows(win: MainWindow) -> dict[str, str]:
    model = win.panes[1].model
    return {model.index(r, 0).data(Qt.ItemDataRole.UserRole): model.index(r, 1).data()
            for r in range(model.rowCount())}


def show_planner(qtbot: QtBot, win: MainWindow) -> None:
    """Click the Planner tab, as a user does, and wait until it shows its plan."""
    bar = win.tabs.tabBar()
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(1).center())
    qtbot.waitUntil(lambda: win.pages.is_current("planner")
                    and win.planner_tab.isVisible() and win.planner_tab.model.rowCount() > 0)


def choose_language(win: MainWindow, name: str) -> None:
    """View → Language → `name`, as the menu offers it."""
    view = next(a.menu() for a in win.menuBar().actions() if isinstance(a.menu(), QMenu)
                and any(isinstance(b.menu(), QMenu) and b.menu().actions()
                        and any(c.text() == name for c in b.menu().actions())
                        for b in a.menu().actions()))
    languages = next(b.menu() for b in view.actions() if isinstance(b.menu(), QMenu)
                     and any(c.text() == name for c in b.menu().actions()))
    next(c for c in languages.actions() if c.text() == name).trigger()


def test_a_german_window_reads_german(qtbot: QtBot, settings: QSettings) -> None:
    # Issue 11: "Neue servers", "Monthly (no discount)", Type "update", the English note.
    win = open_window(qtbot, settings, "de_DE")
    win.open_path(SCENARIOS / "seed-upgrade.toml")
    assert plain(win.form.labels["quantity"].text()) == "Server:"
    assert plain(win.form.labels["to_quantity"].text()) == "Neue Server:"
    assert win.form.cycle.currentText() == "Monatlich (kein Rabatt)"
    assert win.form.to_cycle.currentText() == "Monatlich (kein Rabatt)"
    assert win.form.catalog.currentText() == "Ezeelogin SSH-Jump-Server"
    assert win.catalog_note.text().startswith("1,99 USD pro Server und Monat")
    order = order_rows(win)
    assert order["type"] == "Aktualisierung"
    model = win.panes[1].model
    labels = [model.index(r, 0).data() for r in range(model.rowCount())]
    assert "Server" in labels
    assert "Servers" not in labels
    close(win)


def test_the_language_menu_relabels_the_quantity(qtbot: QtBot, settings: QSettings) -> None:
    win = open_window(qtbot, settings, "en_US")
    win.open_path(SCENARIOS / "seed-upgrade.toml")
    assert win.form.labels["quantity"].text() == "&Servers:"
    assert win.form.labels["to_quantity"].text() == "New ser&vers:"
    assert order_rows(win)["type"] == "update"  # the portal's word in en_US
    choose_language(win, "Français")
    assert plain(win.form.labels["quantity"].text()) == "Serveurs :"
    assert plain(win.form.labels["to_quantity"].text()).startswith("Nouveaux serveurs")
    assert win.form.cycle.currentText() == "Mensuel (sans remise)"
    assert order_rows(win)["type"] == "mise à jour"
    choose_language(win, "Deutsch")
    assert plain(win.form.labels["to_quantity"].text()) == "Neue Server:"
    # Each label keeps an Alt letter of its own.
    marks = [win.form.labels[name].text().lower().split("&")[1][0]
             for name in ("quantity", "to_quantity")]
    assert marks[0] != marks[1]
    close(win)


def test_a_catalog_files_own_german_labels_are_shown(qtbot: QtBot, settings: QSettings,
                                                     tmp_path: Path) -> None:
    path = tmp_path / "seats.toml"
    path.write_text('''[catalog]
name = "seats"
title = "Seat licenses"
title_de = "Arbeitsplatzlizenzen"
currency = "EUR"
policy = "reset"
quantity_label = "Seats"
quantity_label_de = "Arbeitsplätze"
new_quantity_label = "New seats"
new_quantity_label_de = "Neue Arbeitsplätze"

[cycles.monthly]
months = 1
label = "Monthly"
label_de = "Monatlich"

[plans.seats]
label = "Seats"
label_de = "Arbeitsplätze"
unit_price = "3.00"
''', encoding="utf-8")
    win = open_window(qtbot, settings, "de_DE", catalog=str(path))
    assert win.form.catalog.currentText() == "Arbeitsplatzlizenzen"
    assert win.form.plan.currentText() == "Arbeitsplätze"
    assert win.form.cycle.currentText() == "Monatlich"
    assert plain(win.form.labels["quantity"].text()) == "Arbeitsplätze:"
    assert plain(win.form.labels["to_quantity"].text()).startswith("Neue Arbeitsplätze")
    # Typing a new count changes the order pane's row, labelled with the catalog's word.
    win.form.to_quantity.setFocus()
    win.form.to_quantity.selectAll()
    qtbot.keyClicks(win.form.to_quantity, "3")
    model = win.panes[1].model
    quantity = next(r for r in range(model.rowCount())
                    if model.index(r, 0).data(Qt.ItemDataRole.UserRole) == "quantity")
    assert model.index(quantity, 0).data() == "Arbeitsplätze"
    assert model.index(quantity, 1).data() == "3"
    choose_language(win, "English (US)")
    assert win.form.plan.currentText() == "Seats"  # the file's own words in en_US
    assert plain(win.form.labels["to_quantity"].text()).startswith("New seats")
    close(win)


@pytest.mark.parametrize(("language", "example"), [("de_DE", "19,90"), ("fr_FR", "19,90"),
                                                   ("en_US", "19.90")])
def test_a_mistyped_amount_shows_the_languages_example(qtbot: QtBot, settings: QSettings,
                                                       language: str, example: str) -> None:
    win = open_window(qtbot, settings, language)
    win.form.paid.setFocus()
    qtbot.keyClick(win.form.paid, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(win.form.paid, "19,9x")
    error = win.form.errors["paid"]
    qtbot.waitUntil(error.isVisible)
    assert example in error.text()
    assert "19,9x" in error.text()
    close(win)


@pytest.mark.parametrize(("language", "shown"), [("de_DE", ("16. Nov.", "16.11.")),
                                                 ("fr_FR", ("16 nov.",)),
                                                 ("en_US", ("Nov 16",))])
def test_the_chart_axis_writes_days_as_the_language_does(qtbot: QtBot, settings: QSettings,
                                                         language: str,
                                                         shown: tuple[str, ...]) -> None:
    # Issue 11: the German axis read "Nov. 16".
    win = open_window(qtbot, settings, language)
    win.open_path(SCENARIOS / "seed-upgrade.toml")
    show_planner(qtbot, win)
    chart = win.planner_tab.chart
    day = QDateTime(QDate(2022, 11, 16), QTime(0, 23))
    assert chart.chart().locale().toString(day, chart.x_axis.format()) in shown
    assert QLocale(language).name() == chart.chart().locale().name()
    close(win)


def test_chart_and_table_name_the_cost_alike(qtbot: QtBot, settings: QSettings) -> None:
    win = open_window(qtbot, settings, "en_US")
    win.open_path(SCENARIOS / "seed-upgrade.toml")
    show_planner(qtbot, win)
    tab = win.planner_tab
    header = tab.model.headerData(PlanColumn.COST, Qt.Orientation.Horizontal,
                                  Qt.ItemDataRole.DisplayRole)
    assert header == "Cost through\nhorizon"  # on two lines: the column fits its amounts
    assert tab.model.headerData(PlanColumn.COST, Qt.Orientation.Horizontal,
                                Qt.ItemDataRole.ToolTipRole) == "Cost through horizon"
    assert tab.chart.cost.name() == "Cost through horizon"
    plan = tab.presenter.state.plan
    assert plan is not None
    # The marks' tooltips use the legend's words too (they were English in every language).
    best = tab.model.index(plan.best, PlanColumn.COST).data(Qt.ItemDataRole.ToolTipRole)
    assert best in ("Best day", "Best day · Due date")
    close(win)


def test_the_planner_tables_last_column_fits_its_content(qtbot: QtBot,
                                                         settings: QSettings) -> None:
    # Issue 11: the last column stretched over the table's whole spare width.
    win = open_window(qtbot, settings, "en_US")
    win.resize(1280, 820)
    win.open_path(SCENARIOS / "seed-upgrade.toml")
    show_planner(qtbot, win)
    table = win.planner_tab.table
    header = table.horizontalHeader()
    last = header.count() - 1

    def laid_out() -> bool:  # the window at its size, the columns sized to the rows
        return table.viewport().width() > 800 and all(
            header.sectionSize(c) >= table.sizeHintForColumn(c) for c in range(last))

    qtbot.waitUntil(laid_out)
    content = max(table.sizeHintForColumn(last), header.sectionSizeHint(last))
    assert header.sectionSize(last) <= content + 16
    assert header.sectionSize(last) >= content  # and nothing cut off
    close(win)


@pytest.mark.parametrize(("language", "shown"), [("de_DE", "19,90"), ("fr_FR", "19,90"),
                                                 ("en_US", "19.90")])
def test_the_catalog_price_in_the_amount_field_uses_the_languages_decimal_mark(
        qtbot: QtBot, settings: QSettings, language: str, shown: str) -> None:
    win = open_window(qtbot, settings, language)
    win.open_path(SCENARIOS / "seed-upgrade.toml")  # paid at the catalog price, 10 × 1.99
    win.editor.use_catalog_price()
    assert win.form.paid.text() == shown
    # Typed back with one more keystroke and deleted again, it is still the catalog price.
    win.form.paid.setFocus()
    qtbot.keyClick(win.form.paid, Qt.Key.Key_End)
    qtbot.keyClicks(win.form.paid, "1")
    assert not win.form.paid_reset.isHidden()
    assert win.form.paid_reset.isEnabled()
    qtbot.keyClick(win.form.paid, Qt.Key.Key_Backspace)
    assert not win.editor.state.stale
    assert not win.form.paid_reset.isEnabled()  # "19,90" reads as the catalog's 19.90
    close(win)
