"""Scenario files in the window: a bad value opens marked on its field, a file that is no
scenario is refused with what to do, recent files work from any folder (issue #11.3-4)."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox, QPushButton
from pytestqt.qtbot import QtBot

from lic_desktop.cli import main as cli_main
from lic_desktop.gui import app as gui_app
from lic_desktop.gui.main_window import MainWindow
from tests.conftest import SCENARIOS

SEED = (SCENARIOS / "seed-upgrade.toml").read_text(encoding="utf-8")


def seed_with(tmp_path: Path, key: str, line: str, name: str = "bad.toml") -> Path:
    """The article's upgrade scenario with one line replaced (or added)."""
    lines = [x for x in SEED.splitlines() if not x.startswith(f"{key} =")]
    path = tmp_path / name
    path.write_text("\n".join([*lines, line]) + "\n", encoding="utf-8")
    return path


@pytest.fixture
def warnings(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The texts of every warning dialog the window shows."""
    shown: list[str] = []

    def warn(_parent: object, _title: str, text: str, *_a: object) -> QMessageBox.StandardButton:
        shown.append(text)
        return QMessageBox.StandardButton.Ok

    monkeypatch.setattr(QMessageBox, "warning", warn)
    return shown


def file_open(window: MainWindow, monkeypatch: pytest.MonkeyPatch, path: Path) -> None:
    """File → Open… with the dialog answered `path`."""
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(path), ""))
    menu(window, "&File", "&Open…").trigger()


def menu(window: MainWindow, top: str, item: str):  # type: ignore[no-untyped-def]
    for entry in window.menuBar().actions():
        if entry.text() == top:
            for action in entry.menu().actions():
                if action.text() == item:
                    return action
    raise AssertionError(f"no {top} → {item}")


def test_open_of_a_file_with_a_bad_amount_shows_it_marked(
        window: MainWindow, monkeypatch: pytest.MonkeyPatch, warnings: list[str],
        tmp_path: Path) -> None:
    path = seed_with(tmp_path, "paid", 'paid = "19.9x"')
    file_open(window, monkeypatch, path)
    assert warnings == []
    form = window.form
    assert form.paid.text() == "19.9x"
    assert form.errors["paid"].isVisible()
    assert "19.9x" in form.errors["paid"].text()
    assert form.paid.property("invalid")
    assert window.editor.state.stale
    assert window.banner.isVisible()
    assert window.banner.text().startswith("Stale")
    # Every other value is the file's.
    assert form.quantity.value() == 10
    assert form.to_quantity.value() == 16
    assert form.ip.text() == "172.23.44.240"
    assert form.start.text() == "2022-11-01 09:00"
    assert window.windowTitle().startswith("bad.toml")
    assert not window.isWindowModified()
    assert window.recent.paths()[0] == path


@pytest.mark.parametrize(("key", "line", "field"), [
    ("start", 'start = "2022-11-31 09:00"', "start"),  # no such day
    ("at", 'at = "16.11.2022"', "at"),
    ("plan", 'plan = "serverz"', "plan"),
    ("quantity", 'quantity = "ten"', "quantity"),
    ("ip", 'ip = "172.23.44"', "ip"),
    ("cycle", 'cycle = "weekly"', "cycle"),
    ("auto_renew", 'auto_renew = "yes"', "auto_renew"),
    ("at", 'at = "2022-10-01 09:00"', "at"),  # before the period start: the engine says so
])
def test_each_kind_of_bad_value_opens_marked_on_its_field(
        window: MainWindow, monkeypatch: pytest.MonkeyPatch, warnings: list[str],
        tmp_path: Path, key: str, line: str, field: str) -> None:
    file_open(window, monkeypatch, seed_with(tmp_path, key, line))
    assert warnings == []
    assert set(window.editor.state.errors) == {field}
    assert window.form.errors[field].isVisible()
    assert window.editor.state.stale
    assert window.form.to_quantity.value() == 16  # the rest of the file is kept


@pytest.mark.parametrize(("field", "line", "text"), [
    ("start", 'start = "2022-11-31 09:00"', "2022-11-31 09:00"),
    ("at", 'at = "16.11.2022"', "16.11.2022"),
])
def test_a_bad_date_from_a_file_shows_as_written_in_its_field(
        window: MainWindow, monkeypatch: pytest.MonkeyPatch, warnings: list[str],
        tmp_path: Path, field: str, line: str, text: str) -> None:
    file_open(window, monkeypatch, seed_with(tmp_path, field, line))
    assert window.form.fields[field].text() == text  # the file's text, to correct in place
    assert window.form.errors[field].isVisible()


def test_typing_the_marked_field_right_quotes_the_file(
        qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch,
        warnings: list[str], tmp_path: Path) -> None:
    file_open(window, monkeypatch, seed_with(tmp_path, "paid", 'paid = "19.9x"'))
    window.form.paid.selectAll()
    qtbot.keyClicks(window.form.paid, "19.90")
    assert not window.editor.state.stale
    assert not window.form.errors["paid"].isVisible()
    assert window.headline.text().startswith("Due now $21.23")  # the article's figure


def test_saving_while_a_field_cannot_be_read_is_refused_naming_it(
        window: MainWindow, monkeypatch: pytest.MonkeyPatch, warnings: list[str],
        tmp_path: Path) -> None:
    path = seed_with(tmp_path, "paid", 'paid = "19.9x"')
    before = path.read_text(encoding="utf-8")
    file_open(window, monkeypatch, path)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(path), ""))
    assert not window.save()
    assert len(warnings) == 1
    assert "Amount paid: '19.9x'" in warnings[0]
    assert path.read_text(encoding="utf-8") == before


@pytest.mark.parametrize(("name", "content", "says"), [
    ("junk.toml", 'hello = [', "is not valid TOML"),
    ("list.json", '[1, 2]', "must hold one object of scenario keys"),
    ("typo.toml", SEED + 'quantiy = 3\n', "quantiy: unknown scenario key"),
    ("gone.toml", SEED.replace('catalog = "ezeelogin"', 'catalog = "ezeelogn"'),
     "'ezeelogn' is neither an embedded catalog"),
    ("none.toml", SEED.replace('catalog = "ezeelogin"\n', ''), "catalog: is required"),
    ("binary.toml", None, "cannot read"),
])
def test_a_file_that_is_no_scenario_is_refused_with_the_fix(
        window: MainWindow, monkeypatch: pytest.MonkeyPatch, warnings: list[str],
        tmp_path: Path, name: str, content: str | None, says: str) -> None:
    path = tmp_path / name
    if content is None:
        path.write_bytes(b"\xff\xfe\x00 not text")
    else:
        path.write_text(content, encoding="utf-8")
    before = window.editor.inputs
    file_open(window, monkeypatch, path)
    assert len(warnings) == 1
    text = warnings[0]
    assert str(path) in text
    assert says in text
    fixes = ("To open it, set catalog in the file to the name of an embedded catalog",
             "To open it, correct it in a text editor", "Check that the file exists")
    assert any(fix in text for fix in fixes)
    assert window.editor.inputs == before
    assert path not in window.recent.paths()


def test_scenario_option_opens_a_file_with_a_bad_value(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = seed_with(tmp_path, "paid", 'paid = "19.9x"')
    png = tmp_path / "w.png"
    assert cli_main(["--scenario", str(path), "--screenshot", str(png)]) == 0
    assert not QImage(str(png)).isNull()
    assert capsys.readouterr().err == ""


def test_the_quote_command_still_rejects_the_file_whole(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = seed_with(tmp_path, "paid", 'paid = "19.9x"')
    assert cli_main(["quote", "--scenario", str(path)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("lic-desktop: --paid: '19.9x' is not an amount")


def test_scenario_option_with_no_scenario_says_so_in_one_line(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "junk.toml"
    path.write_text("hello = [\n", encoding="utf-8")
    png = tmp_path / "w.png"
    assert cli_main(["--scenario", str(path), "--screenshot", str(png)]) == 2
    assert not QImage(str(png)).isNull()  # the window on its defaults
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert err.count("\n") == 1
    assert err.startswith(f"lic-desktop: --scenario: {path} is not a scenario")
    assert "is not valid TOML" in err


def test_the_window_opens_on_its_defaults_over_a_file_that_is_no_scenario(
        qtbot: QtBot, settings: QSettings, monkeypatch: pytest.MonkeyPatch,
        warnings: list[str], tmp_path: Path) -> None:
    path = tmp_path / "junk.json"
    path.write_text("{", encoding="utf-8")
    monkeypatch.setattr(gui_app, "user_settings", lambda: settings)
    monkeypatch.setattr(QApplication, "exec", lambda self: 0)
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    assert gui_app.run_gui(str(path), None) == 0
    windows = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow)
               and w.isVisible()]
    assert len(windows) == 1
    window = windows[0]
    qtbot.addWidget(window)
    assert len(warnings) == 1
    assert "is not valid JSON" in warnings[0]
    assert window.editor.path is None
    assert not window.editor.state.stale  # the defaults quote


def test_recent_files_open_from_another_folder(
        window: MainWindow, monkeypatch: pytest.MonkeyPatch, warnings: list[str],
        tmp_path: Path) -> None:
    first, second = tmp_path / "first", tmp_path / "second"
    first.mkdir()
    second.mkdir()
    (first / "s.toml").write_text(SEED, encoding="utf-8")
    monkeypatch.chdir(first)
    assert window.open_path(Path("s.toml"))
    window.new_scenario()
    monkeypatch.chdir(second)
    window.recent_menu.aboutToShow.emit()
    entry = next(a for a in window.recent_menu.actions() if a.text().endswith("s.toml"))
    entry.trigger()
    assert warnings == []
    assert window.editor.path is not None
    assert window.editor.path.resolve() == first / "s.toml"
    assert window.form.to_quantity.value() == 16
    assert window.recent.paths() == [first / "s.toml"]


def test_relative_recent_entries_stored_before_are_dropped_if_gone(
        window: MainWindow, settings: QSettings, monkeypatch: pytest.MonkeyPatch,
        tmp_path: Path) -> None:
    (tmp_path / "here.toml").write_text(SEED, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    settings.setValue("recent_files", ["gone.toml", "here.toml", str(SCENARIOS / "x.toml")])
    assert window.recent.paths() == [tmp_path / "here.toml", SCENARIOS / "x.toml"]


def test_retyping_the_catalog_price_disables_catalog_price(
        qtbot: QtBot, window: MainWindow) -> None:
    window.open_path(SCENARIOS / "seed-upgrade.toml")  # 10 servers: $19.90 a month
    paid, button = window.form.paid, window.form.paid_reset
    assert not button.isEnabled()
    for typed, follows in (("19.9", True), ("19.91", False), ("19,90", True),
                           ("19.90", True), ("19.9x", False)):
        paid.selectAll()
        qtbot.keyClicks(paid, typed)
        assert paid.text() == typed  # never rewritten under the cursor
        assert button.isEnabled() is not follows, typed
        assert (paid.toolTip() == "The catalog price") is follows, typed
    paid.selectAll()
    qtbot.keyClicks(paid, "19.9")
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)  # disabled: nothing happens
    assert paid.text() == "19.9"


def test_an_old_scenario_changed_now_says_the_license_has_renewed(
        qtbot: QtBot, window: MainWindow) -> None:
    window.open_path(SCENARIOS / "seed-upgrade.toml")  # a period from Nov 1 to Dec 1, 2022
    assert "after this period ended" not in window.banner.text()
    now = next(b for b in window.form.findChildren(QPushButton) if b.text() == "N&ow")
    qtbot.mouseClick(now, Qt.MouseButton.LeftButton)
    assert window.banner.isVisible()
    assert "after this period ended (Dec 1, 2022): the license has renewed since; check " \
        "the period start." in window.banner.text().replace("\xa0", " ")
    assert not window.editor.state.stale


@pytest.mark.parametrize(("make", "says"), [
    (lambda tmp: Path("/dev/zero"), "it is not a regular file"),  # would read for ever
    (lambda tmp: tmp, "it is not a regular file"),  # a folder
    (lambda tmp: _write(tmp / "huge.toml", "# " + "x" * (2 << 20) + "\n"),
     "larger than a scenario can be"),
    (lambda tmp: _write(tmp / "deep.toml", "a = " + "[" * 5000 + "]" * 5000 + "\n"),
     "nests its values too deeply"),  # RecursionError in the TOML reader
])
def test_a_hostile_file_is_refused_at_once_in_one_message(
        window: MainWindow, monkeypatch: pytest.MonkeyPatch, warnings: list[str],
        tmp_path: Path, make: Callable[[Path], Path], says: str) -> None:
    before = window.editor.inputs
    file_open(window, monkeypatch, make(tmp_path))
    assert len(warnings) == 1
    assert says in warnings[0]
    assert window.editor.inputs == before  # the window keeps what it had


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_a_quantity_the_plan_is_not_sold_in_opens_marked_not_as_an_internal_error(
        window: MainWindow, monkeypatch: pytest.MonkeyPatch, warnings: list[str],
        tmp_path: Path) -> None:
    # 10**26 servers: the CLI says "servers must be at most 1,000,000"; the window
    # crashed on pricing it (decimal.InvalidOperation).
    file_open(window, monkeypatch,
              seed_with(tmp_path, "quantity", "quantity = 100000000000000000000000000"))
    assert warnings == []
    assert "at most 1,000,000" in window.editor.state.errors["quantity"]
    assert window.form.errors["quantity"].isVisible()
    assert window.editor.state.stale
