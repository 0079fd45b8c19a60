"""Ctrl+Z / Ctrl+Shift+Z in any field of the form are the window's one-step-per-field
history, as the README promises, not the widget's own keystroke undo (#11.2)."""

from __future__ import annotations

from datetime import datetime

import pytest
from PySide6.QtCore import QEvent, QObject, QSettings, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from lic_desktop.gui.main_window import MainWindow
from lic_desktop.gui.undo_keys import HistoryKeys
from tests.conftest import SCENARIOS
from tests.gui.test_typed_dates import focus, retype

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


def press(qtbot: QtBot, widget: QWidget, key: Qt.Key,
          modifiers: Qt.KeyboardModifier = CTRL) -> None:
    qtbot.keyClick(widget, key, modifiers)


def undo(qtbot: QtBot, widget: QWidget) -> None:
    press(qtbot, widget, Qt.Key.Key_Z)


def redo(qtbot: QtBot, widget: QWidget) -> None:
    press(qtbot, widget, Qt.Key.Key_Z, CTRL | SHIFT)


@pytest.fixture
def seed(qtbot: QtBot, window: MainWindow) -> MainWindow:
    assert window.open_path(SCENARIOS / "seed-upgrade.toml")
    window.activateWindow()  # the Edit menu's shortcuts belong to the active window
    qtbot.waitUntil(window.isActiveWindow)
    return window


def test_ctrl_z_in_the_amount_paid_is_the_apps_undo(qtbot: QtBot, seed: MainWindow) -> None:
    form = seed.form
    qtbot.keyClicks(form.secondary_ip, "10.0.0.2")
    focus(qtbot, seed, form.paid)
    retype(qtbot, form.paid, "25")
    assert seed.editor.inputs.paid == "25"
    undo(qtbot, form.paid)
    assert seed.editor.inputs.paid is None  # back to the catalog price, in one step
    assert form.paid.text() == "19.90"
    assert seed.editor.inputs.secondary_ip == "10.0.0.2"
    undo(qtbot, form.paid)  # the field before: the secondary IP typed, in one step
    assert seed.editor.inputs.secondary_ip == ""
    assert form.secondary_ip.text() == ""
    undo(qtbot, form.paid)  # nothing left: nothing changes, not even the widget's text
    assert form.paid.text() == "19.90"
    assert form.secondary_ip.text() == ""
    redo(qtbot, form.paid)
    assert seed.editor.inputs.secondary_ip == "10.0.0.2"
    assert form.secondary_ip.text() == "10.0.0.2"
    redo(qtbot, form.paid)
    assert seed.editor.inputs.paid == "25"
    assert form.paid.text() == "25"


def test_ctrl_z_in_a_date_field_undoes_the_whole_moment(qtbot: QtBot,
                                                        seed: MainWindow) -> None:
    field = seed.form.at
    focus(qtbot, seed, field)
    retype(qtbot, field, "2022-11-20 10:00")
    assert seed.editor.inputs.at == datetime(2022, 11, 20, 10, 0)
    undo(qtbot, field)
    assert seed.editor.inputs.at == datetime(2022, 11, 16, 0, 23)
    assert field.text() == "2022-11-16 00:23"
    assert not seed.editor.state.stale
    redo(qtbot, field)
    assert seed.editor.inputs.at == datetime(2022, 11, 20, 10, 0)
    assert field.text() == "2022-11-20 10:00"


def test_ctrl_z_in_a_spin_box_is_the_apps_undo(qtbot: QtBot, seed: MainWindow) -> None:
    spin = seed.form.to_quantity
    retype(qtbot, seed.form.customer, "Acme")
    retype(qtbot, spin, "20")
    assert seed.editor.inputs.to_quantity == 20
    undo(qtbot, spin)
    assert seed.editor.inputs.to_quantity == 16
    assert spin.value() == 16
    undo(qtbot, spin)  # the field before
    assert seed.form.customer.text() == ""
    redo(qtbot, spin)
    redo(qtbot, spin)
    assert spin.value() == 20
    assert seed.form.customer.text() == "Acme"


def test_ctrl_z_in_a_combo_is_the_apps_undo(qtbot: QtBot, seed: MainWindow) -> None:
    combo = seed.form.to_cycle
    before = seed.editor.inputs.to_cycle
    focus(qtbot, seed, combo)
    qtbot.keyClick(combo, Qt.Key.Key_Down)
    assert seed.editor.inputs.to_cycle != before
    undo(qtbot, combo)
    assert seed.editor.inputs.to_cycle == before
    assert combo.currentData() == before


def test_every_platform_key_for_undo_and_redo_is_the_apps(qtbot: QtBot,
                                                          seed: MainWindow) -> None:
    """Whatever the platform binds (offscreen, Redo is Ctrl+Y as well as Ctrl+Shift+Z)."""
    form = seed.form
    undos = QKeySequence.keyBindings(QKeySequence.StandardKey.Undo)
    redos = QKeySequence.keyBindings(QKeySequence.StandardKey.Redo)
    for i in range(max(len(undos), len(redos))):
        before = (form.secondary_ip.text(), form.ip.text())
        retype(qtbot, form.secondary_ip, f"10.0.1.{i}")
        retype(qtbot, form.ip, f"10.0.2.{i}")
        typed = (form.secondary_ip.text(), form.ip.text())
        for keys, want in ((undos[i % len(undos)], before), (redos[i % len(redos)], typed)):
            combination = keys[0]
            for _step in range(2):  # the ip typed, then the secondary IP
                press(qtbot, form.ip, combination.key(), combination.keyboardModifiers())
            assert (form.secondary_ip.text(), form.ip.text()) == want, keys.toString()
            assert (seed.editor.inputs.secondary_ip, seed.editor.inputs.ip) == want


def test_an_editable_combos_line_edit_leaves_undo_to_the_app(qtbot: QtBot,
                                                             seed: MainWindow) -> None:
    """No combo of the form is editable today; one that is gets the same keys."""
    retype(qtbot, seed.form.to_quantity, "20")
    combo = seed.form.to_plan
    combo.setEditable(True)
    line = combo.lineEdit()
    assert line is not None
    focus(qtbot, seed, combo)  # the combo has focus and hands the keys to its line edit
    qtbot.keyClicks(combo, "x")
    assert line.text().endswith("x")
    undo(qtbot, combo)
    assert seed.editor.inputs.to_quantity == 16  # the app's step, not the combo's "x"


class CountingKeys(HistoryKeys):
    """The window's key filter, counting the events it is shown."""

    def __init__(self, window: QWidget, scope: QWidget) -> None:
        self.calls = 0
        super().__init__(window, scope)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        self.calls += 1
        return super().eventFilter(watched, event)


def test_a_closed_window_leaves_no_key_filter_behind(
        qtbot: QtBot, settings: QSettings, monkeypatch: pytest.MonkeyPatch) -> None:
    # Each window filters every event of the application; closed windows' filters piled
    # up (a closed window is deleted only later) and slowed every event of the next ones.
    monkeypatch.setattr(QMessageBox, "question",
                        lambda *a, **k: QMessageBox.StandardButton.Discard)
    monkeypatch.setattr("lic_desktop.gui.main_window.HistoryKeys", CountingKeys)
    first = MainWindow(settings, catalog="ezeelogin")
    qtbot.addWidget(first)
    first.show()
    old = first.history_keys
    assert isinstance(old, CountingKeys)
    first.close()
    before = old.calls
    second = MainWindow(settings, catalog="ezeelogin")
    qtbot.addWidget(second)
    second.show()
    qtbot.keyClicks(second.form.customer, "Acme")
    assert isinstance(second.history_keys, CountingKeys)
    assert second.history_keys.calls > 0  # the open window's filter sees the keys
    assert old.calls == before  # the closed one's sees nothing any more
