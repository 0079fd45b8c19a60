"""A second reviewer's findings on the merged issue-11 work, driven through the real
window with keystrokes: Ctrl+Z in the planner's date field, errors re-worded on a
language switch, a bad plan from a file going with its catalog, the stale banner
naming the quantity as the form does."""
from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QPoint, QRect, Qt
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from lic_desktop.gui.main_window import MainWindow
from tests.conftest import SCENARIOS
from tests.gui.test_scenario_files import file_open, seed_with, warnings  # noqa: F401
from tests.gui.test_typed_dates import focus, retype

CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def seed(qtbot: QtBot, window: MainWindow) -> MainWindow:
    assert window.open_path(SCENARIOS / "seed-upgrade.toml")
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    return window


def test_ctrl_z_in_the_planners_date_field_is_the_apps_undo(qtbot: QtBot,
                                                            seed: MainWindow) -> None:
    form = seed.form
    qtbot.keyClicks(form.secondary_ip, "10.0.0.2")
    assert seed.editor.inputs.secondary_ip == "10.0.0.2"
    seed.pages.show("planner")
    until = seed.planner_tab.until
    qtbot.waitUntil(until.isVisible)
    before = until.text()
    focus(qtbot, seed, until)
    qtbot.keyClick(until, Qt.Key.Key_End)
    qtbot.keyClick(until, Qt.Key.Key_Backspace)
    qtbot.keyClick(until, Qt.Key.Key_Z, CTRL)
    # The README: Ctrl+Z is the app's one-step-per-field history wherever focus is.
    assert seed.editor.inputs.secondary_ip == "", (before, until.text())


def test_a_bad_quantity_from_a_file_cannot_be_fixed_by_typing_the_value_shown(
        qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch,
        warnings: list[str], tmp_path: Path) -> None:  # noqa: F811
    file_open(window, monkeypatch, seed_with(tmp_path, "quantity", 'quantity = 0'))
    spin = window.form.quantity
    assert window.editor.state.stale, window.editor.state.errors
    shown = spin.value()
    focus(qtbot, window, spin)
    qtbot.keyClick(spin.lineEdit(), Qt.Key.Key_A, CTRL)
    qtbot.keyClicks(spin.lineEdit(), str(shown))
    qtbot.keyClick(spin.lineEdit(), Qt.Key.Key_Return)
    assert not window.editor.state.stale, (shown, window.editor.state.errors)


def test_a_bad_cycle_from_a_file_is_shown_as_a_valid_choice(
        qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch,
        warnings: list[str], tmp_path: Path) -> None:  # noqa: F811
    file_open(window, monkeypatch, seed_with(tmp_path, "cycle", 'cycle = "weekly"'))
    combo = window.form.fields["cycle"]
    # The user confirms the value shown, by keyboard: open the list and press Enter.
    focus(qtbot, window, combo)
    qtbot.keyClick(combo, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(combo.view().isVisible)
    qtbot.keyClick(combo.view(), Qt.Key.Key_Return)
    assert not window.editor.state.stale, window.editor.state.errors


def test_an_unreadable_date_says_what_is_wrong_in_the_new_language(
        qtbot: QtBot, seed: MainWindow) -> None:
    retype(qtbot, seed.form.at, "2022-11-31 10:00")
    english = seed.form.errors["at"].text()
    seed.set_language("de_DE")
    german = seed.form.errors["at"].text()
    assert german != english
    assert "days" not in german


def test_a_bad_plan_from_a_file_goes_with_its_catalog(
        qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch,
        warnings: list[str], tmp_path: Path) -> None:  # noqa: F811
    text = (SCENARIOS / "litespeed-leased-upgrade.toml").read_text(encoding="utf-8")
    text = "\n".join(x for x in text.splitlines() if not x.startswith("plan ="))
    path = tmp_path / "bad-plan.toml"
    path.write_text(text + '\nplan = "16-cpu"\n', encoding="utf-8")
    file_open(window, monkeypatch, path)
    assert "plan" in window.editor.state.errors
    combo = window.form.fields["catalog"]
    focus(qtbot, window, combo)
    index = combo.findData("ezeelogin")
    while combo.currentIndex() != index:  # by keyboard, to the other product
        qtbot.keyClick(combo, Qt.Key.Key_Up if combo.currentIndex() > index else Qt.Key.Key_Down)
    assert window.editor.inputs.catalog == "ezeelogin"
    assert not window.editor.state.stale, window.editor.state.errors


def test_shift_tab_from_the_tab_bar_shows_the_pane_it_lands_on(
        qtbot: QtBot, seed: MainWindow) -> None:
    seed.resize(1024, 600)
    QApplication.processEvents()
    tab = seed.quote_tab
    bar = seed.tabs.tabBar()
    focus(qtbot, seed, bar)
    qtbot.keyClick(bar, Qt.Key.Key_Backtab)
    landed = QApplication.focusWidget()
    viewport = tab.scroll_area.viewport()
    top_left = landed.mapTo(viewport, QPoint(0, 0))
    where = QRect(top_left, landed.size())
    assert viewport.rect().intersects(where), (viewport.rect(), where)


def test_the_stale_banner_names_the_quantity_as_the_form_does(
        qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch,
        warnings: list[str], tmp_path: Path) -> None:  # noqa: F811
    catalog = (SCENARIOS.parent / "catalogs" / "ezeelogin.toml").read_text(encoding="utf-8")
    catalog = catalog.replace('quantity_label = "Servers"', 'quantity_label = "Seats"').replace(
        'new_quantity_label = "New servers"', 'new_quantity_label = "New seats"')
    (tmp_path / "seats.toml").write_text(catalog, encoding="utf-8")
    text = (SCENARIOS / "seed-upgrade.toml").read_text(encoding="utf-8")
    text = "\n".join(x for x in text.splitlines()
                     if not x.startswith(("catalog =", "quantity =")))
    path = tmp_path / "s.toml"
    path.write_text(text + f'\ncatalog = "{tmp_path / "seats.toml"}"\nquantity = 0\n',
                    encoding="utf-8")
    file_open(window, monkeypatch, path)
    assert window.form.labels["quantity"].text().replace("&", "") == "Seats:"
    assert "Seats: " in window.banner.text()
    assert "Servers" not in window.banner.text()


def test_a_moment_with_seconds_from_a_file_shows_its_seconds(
        window: MainWindow, monkeypatch: pytest.MonkeyPatch, warnings: list[str],  # noqa: F811
        tmp_path: Path) -> None:
    # Shown as "00:23" it would be quoted as 00:23:45: retyping what is seen would move it.
    file_open(window, monkeypatch, seed_with(tmp_path, "at", 'at = "2022-11-16 00:23:45"'))
    assert window.form.at.text() == "2022-11-16 00:23:45"
    assert window.editor.state.errors == {}


@pytest.mark.parametrize("language", ["de_DE", "fr_FR"])
def test_after_a_language_switch_at_1024_the_form_is_not_cut_when_an_error_shows(
        qtbot: QtBot, seed: MainWindow, language: str) -> None:
    seed.resize(1024, 600)
    seed.set_language(language)
    retype(qtbot, seed.form.paid, "19,9x")  # an error line: the form grows a scroll bar
    qtbot.waitUntil(seed.form.errors["paid"].isVisible)
    viewport = seed.form_scroll.viewport()
    qtbot.waitUntil(lambda: viewport.width() >= seed.form.minimumSizeHint().width())
    for name, widget in seed.form.fields.items():
        if widget.isVisible():
            right = widget.mapTo(viewport, QPoint(widget.width(), 0)).x()
            assert right <= viewport.width(), (name, right, viewport.width())
    for button in (seed.form.paid_reset, seed.form.due_button):
        right = button.mapTo(viewport, QPoint(button.width(), 0)).x()
        assert right <= viewport.width(), (button.text(), right, viewport.width())


def test_qt_own_dialog_words_follow_the_language_and_ours_stay_on_top(
        seed: MainWindow) -> None:
    # Qt's file dialog ("Look in:", "File name:") read English beside German buttons.
    seed.set_language("de_DE")
    assert QCoreApplication.translate("QFileDialog", "File &name:") == "Datei&name:"
    assert QCoreApplication.translate("QLineEdit", "&Undo") == "&Rückgängig"
    # Our own dialog buttons, with their Alt letters, are still asked first.
    box = QMessageBox(QMessageBox.Icon.Question, "", "",
                      QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard)
    texts = {box.button(b).text() for b in (QMessageBox.StandardButton.Save,
                                            QMessageBox.StandardButton.Discard)}
    assert texts == {"&Speichern", "&Verwerfen"}
    seed.set_language("en_US")
    assert QCoreApplication.translate("QFileDialog", "File &name:") == "File &name:"


def test_the_planner_chart_is_no_invisible_tab_stop(qtbot: QtBot, seed: MainWindow) -> None:
    # Between "Export CSV…" and the table, a Tab stop that shows nothing and takes no key.
    seed.pages.show("planner")
    qtbot.waitUntil(seed.planner_tab.chart.isVisible)
    from lic_desktop.gui import focus_ring  # noqa: PLC0415 - the ring the window uses

    ring = focus_ring.stops(seed, seed.tabs)
    assert seed.planner_tab.chart not in ring
    assert seed.planner_tab.table in ring  # the keyboard's way to pick a day


def test_a_file_opened_with_a_bad_value_puts_the_cursor_there_and_says_no_quote_yet(
        qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch,
        warnings: list[str], tmp_path: Path) -> None:  # noqa: F811
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    file_open(window, monkeypatch, seed_with(tmp_path, "paid", 'paid = "19.9x"'))
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.form.paid)
    for pane in window.panes:  # not "(no change)": there is no quote at all yet
        assert pane.empty.isVisibleTo(window)
        assert pane.empty.text() == "No quote yet: correct the marked field."
