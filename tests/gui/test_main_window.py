"""The window driven through its widgets, as a user would."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QGuiApplication, QImage
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QFileDialog,
    QLabel,
    QMessageBox,
    QWidget,
)
from pytestqt.qtbot import QtBot

from lic_desktop.cli import main as cli_main
from lic_desktop.gui.app import SCREENSHOT_SIZE, run_gui
from lic_desktop.gui.form import mnemonic
from lic_desktop.gui.main_window import MainWindow
from lic_desktop.gui.pane_view import PaneView
from tests.conftest import FIXTURES, SCENARIOS


def lines(pane: PaneView) -> list[str]:
    model = pane.model
    return [f"{model.index(r, 0).data()}\t{model.index(r, 1).data()}"
            for r in range(model.rowCount())]


def article(name: str) -> list[str]:
    return (FIXTURES / f"article_{name}.txt").read_text(encoding="utf-8").splitlines()[1:]


def enter_seed(qtbot: QtBot, win: MainWindow) -> None:
    form = win.form
    form.quantity.setValue(10)
    for field, text in ((form.start, "2022-11-01 09:00"), (form.at, "2022-11-16 00:23")):
        qtbot.keyClick(field, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
        qtbot.keyClicks(field, text)
    form.to_quantity.clear()
    qtbot.keyClicks(form.to_quantity, "16")
    qtbot.keyClicks(form.ip, "172.23.44.240")


def without_id(rows: list[str]) -> list[str]:
    return [x for x in rows if not x.startswith(("ID\t", "Created\t"))]


def test_seed_upgrade_typed_in_reads_as_the_article(qtbot: QtBot, window: MainWindow) -> None:
    enter_seed(qtbot, window)
    before, order, after = window.panes
    assert without_id(lines(order)) == without_id(article("upgrade_order_details"))
    assert lines(after) == article("upgrade_current_billing")
    assert "Amount remaining\t19.90 * (16 / 30) = $10.61 USD" in lines(before)
    assert window.headline.text().replace("\xa0", " ").startswith("Due now $21.23 USD")


def test_six_servers_and_the_due_date(qtbot: QtBot, window: MainWindow) -> None:
    enter_seed(qtbot, window)
    window.form.to_quantity.setValue(6)
    assert "First bill amount\t$1.33 USD" in lines(window.panes[1])
    qtbot.mouseClick(window.form.due_button, Qt.MouseButton.LeftButton)
    assert window.form.at.text() == "2022-12-01 09:00"
    order = lines(window.panes[1])
    assert "Deduction\t$0.00 USD" in order
    assert "First bill amount\t$11.94 USD" in order


def test_invalid_value_shows_message_and_stale_marker(qtbot: QtBot,
                                                      window: MainWindow) -> None:
    enter_seed(qtbot, window)
    good = lines(window.panes[1])
    window.form.paid.selectAll()
    qtbot.keyClicks(window.form.paid, "19.9x")
    error = window.form.errors["paid"]
    assert error.isVisible()
    assert "19.9x" in error.text()
    assert window.form.paid.property("invalid") is True
    assert window.banner.isVisible()
    assert window.banner.text().startswith("Stale:")
    assert "Amount paid" in window.banner.text()
    assert all(not pane.isEnabled() for pane in window.panes)
    assert lines(window.panes[1]) == good  # the last valid quote, greyed, not a new number
    qtbot.keyClick(window.form.paid, Qt.Key.Key_Backspace)
    assert not error.isVisible()
    assert all(pane.isEnabled() for pane in window.panes)
    assert not window.banner.isVisible()


def test_blocked_quote_says_why(qtbot: QtBot, window: MainWindow) -> None:
    enter_seed(qtbot, window)
    qtbot.keyClicks(window.form.pending, "19.90")
    assert window.banner.isVisible()
    assert "unpaid invoice of $19.90 USD" in window.banner.text()
    assert "Total due\t$41.13 USD" in lines(window.panes[1])


def test_save_and_reopen_gives_identical_panes(qtbot: QtBot, window: MainWindow,
                                               settings: QSettings, tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    enter_seed(qtbot, window)
    qtbot.keyClicks(window.form.secondary_ip, "10.0.0.2")
    target = tmp_path / "quote.toml"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    assert window.isWindowModified()
    window.save_as()
    assert target.exists()
    assert not window.isWindowModified()
    assert window.windowTitle().startswith("quote.toml")
    other = MainWindow(settings, catalog="litespeed")
    qtbot.addWidget(other)
    assert other.open_path(target)
    for mine, theirs in zip(window.panes, other.panes, strict=True):
        assert lines(mine) == lines(theirs)
    assert str(target) in [str(p) for p in other.recent.paths()]


def test_undo_restores_the_previous_value(qtbot: QtBot, window: MainWindow) -> None:
    enter_seed(qtbot, window)
    window.form.to_quantity.setValue(20)
    qtbot.keyClicks(window.form.secondary_ip, "10.0.0.2")
    window.undo_action.trigger()
    assert window.form.secondary_ip.text() == ""
    window.undo_action.trigger()
    assert window.form.to_quantity.value() == 16
    assert "Servers\t16" in lines(window.panes[1])
    window.redo_action.trigger()
    assert window.form.to_quantity.value() == 20


def test_an_owned_license_offers_only_upgrades(qtbot: QtBot, window: MainWindow) -> None:
    window.open_path(SCENARIOS / "litespeed-owned-upgrade.toml")
    combo = window.form.to_plan
    model = combo.model()
    disabled = [combo.itemText(i) for i in range(combo.count())
                if not model.flags(model.index(i, 0)) & Qt.ItemFlag.ItemIsEnabled]
    assert disabled == ["VPS"]  # short in the narrow combo; the reason in full on hover
    vps = combo.findData("vps")
    assert combo.itemData(vps, Qt.ItemDataRole.ToolTipRole) == \
        "owned licenses can only be upgraded"
    assert "Charged now\t$400.00 USD" in lines(window.panes[1])  # 1099 - 699
    assert not window.form.due_button.isEnabled()


def test_every_model_passes_the_model_tester(qtbot: QtBot, window: MainWindow,
                                             qtmodeltester: object) -> None:
    enter_seed(qtbot, window)
    for pane in window.panes:
        qtmodeltester.check(pane.model)  # type: ignore[attr-defined]
        assert pane.model.index(0, 1).data(Qt.ItemDataRole.UserRole) is not None


def test_copy_quote_puts_text_and_html_on_the_clipboard(
        qtbot: QtBot, window: MainWindow, capsys: pytest.CaptureFixture[str]) -> None:
    window.open_path(SCENARIOS / "seed-upgrade.toml")
    qtbot.keyClicks(window.form.secondary_ip, "<b>x</b>")  # invalid: nothing is copied
    QGuiApplication.clipboard().clear()
    window.copy_action.trigger()
    assert QGuiApplication.clipboard().text() == ""
    window.form.secondary_ip.clear()
    qtbot.keyClicks(window.form.secondary_ip, "")
    window.editor.set_field("secondary_ip", "")
    window.copy_action.trigger()
    data = QGuiApplication.clipboard().mimeData()
    text, html = data.text(), data.html()
    del data
    QGuiApplication.clipboard().clear()  # the clipboard must not outlive the application
    # The same text as the command line prints for the same scenario.
    assert cli_main(["quote", "--scenario", str(SCENARIOS / "seed-upgrade.toml")]) == 0
    assert text == capsys.readouterr().out
    assert "First bill amount\t$21.23 USD" in text
    assert ">$21.23 USD</td>" in html


def test_every_input_is_labelled_and_reachable_by_tab(window: MainWindow) -> None:
    form = window.form
    for name, widget in form.fields.items():
        assert widget.accessibleName(), name
        label: QLabel = form.labels[name]
        assert label.buddy() is widget
    start: QWidget = form.fields["catalog"]
    chain: list[QWidget] = [start]
    widget = start.nextInFocusChain()
    while widget is not start and len(chain) < 5000:  # the chain is a ring
        chain.append(widget)
        widget = widget.nextInFocusChain()
    for name, field in form.fields.items():
        assert field in chain, f"{name} cannot be reached by Tab"


@pytest.mark.parametrize("language", ["en_US", "de_DE", "fr_FR"])
@pytest.mark.parametrize("scenario", ["seed-upgrade.toml", "litespeed-owned-upgrade.toml"])
def test_no_two_controls_share_an_alt_key(window: MainWindow, scenario: str,
                                          language: str) -> None:
    window.set_language(language)
    window.open_path(SCENARIOS / scenario)
    labels = [label for label in window.form.labels.values() if label.isVisibleTo(window)]
    for tab in range(window.tabs.count()):  # the form stays beside every tab's buttons
        window.tabs.setCurrentIndex(tab)
        QApplication.processEvents()  # a page just built is shown by the event loop
        texts = [label.text() for label in labels]
        texts += [b.text() for b in window.findChildren(QAbstractButton)
                  if b.isVisibleTo(window)]
        texts += [a.text() for a in window.menuBar().actions()]
        keys = [k for k in map(mnemonic, texts) if k]
        assert len(keys) >= 18
        assert sorted(keys) == sorted(set(keys)), (window.tabs.tabText(tab), sorted(keys))
    assert all(mnemonic(label.text()) for label in labels)


def test_geometry_and_catalog_are_remembered(qtbot: QtBot, settings: QSettings) -> None:
    first = MainWindow(settings, catalog=None)
    qtbot.addWidget(first)
    first.editor.set_field("catalog", "litespeed")
    first.editor.mark_saved(Path("x.toml"))
    first.close()
    again = MainWindow(settings)
    qtbot.addWidget(again)
    assert again.editor.inputs.catalog == "litespeed"


def test_screenshot_is_a_png_of_the_window_size(tmp_path: Path) -> None:
    png = tmp_path / "w.png"
    (tmp_path / "w.ini").write_text("important=1\n")  # someone's own file beside it
    code = run_gui(str(SCENARIOS / "seed-upgrade.toml"), str(png))
    assert code == 0
    image = QImage(str(png))
    assert (image.width(), image.height()) == SCREENSHOT_SIZE
    assert not image.isNull()
    assert QApplication.instance() is not None
    assert sorted(p.name for p in tmp_path.iterdir()) == ["w.ini", "w.png"]
    assert (tmp_path / "w.ini").read_text() == "important=1\n"


def test_change_moment_defaults_to_now(window: MainWindow) -> None:
    shown = datetime.strptime(window.form.at.text(), "%Y-%m-%d %H:%M")
    assert abs((shown - datetime.now()).total_seconds()) <= 120


def test_unsaved_inputs_survive_a_crash(qtbot: QtBot, settings: QSettings,
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    first = MainWindow(settings, catalog="ezeelogin")
    qtbot.addWidget(first)
    first.form.to_quantity.setValue(42)
    first.recovery.flush()  # what the timer does a second after typing stops
    assert first.recovery.path.exists()
    # The process dies here: no closeEvent. The next start offers the inputs back.
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    second = MainWindow(settings)
    qtbot.addWidget(second)
    second.offer_recovery()
    assert second.form.to_quantity.value() == 42
    assert second.isWindowModified()
    monkeypatch.setattr(QMessageBox, "question",
                        lambda *a, **k: QMessageBox.StandardButton.Discard)
    second.close()
    assert not second.recovery.path.exists()


def test_a_scenario_file_the_engine_refuses_opens_with_the_field_marked(
        tmp_path: Path) -> None:
    # The window opens it as File → Open… does (tests/gui/test_scenario_files.py).
    bad = tmp_path / "bad.toml"
    bad.write_text('catalog = "ezeelogin"\nplan = "servers"\ncycle = "monthly"\n'
                   'start = "2022-11-01 09:00"\nat = "2022-10-01 09:00"\n')
    assert run_gui(str(bad), str(tmp_path / "w.png")) == 0
    assert not QImage(str(tmp_path / "w.png")).isNull()


def test_a_catalog_file_given_to_the_window_is_used(qtbot: QtBot, settings: QSettings,
                                                    tmp_path: Path) -> None:
    own = tmp_path / "mine.toml"
    own.write_text((SCENARIOS.parent / "catalogs" / "ezeelogin.toml").read_text()
                   .replace('name = "ezeelogin"', 'name = "mine"')
                   .replace('unit_price = "1.99"', 'unit_price = "2.50"'), encoding="utf-8")
    win = MainWindow(settings, catalog=str(own))
    qtbot.addWidget(win)
    assert win.editor.state.catalog.name == "mine"
    assert win.form.paid.text() == "2.50"

