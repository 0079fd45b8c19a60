"""The window's writers go through the one atomic-write helper (issue #12, point 8): a
scenario, a priced book and a PDF keep the old file on a full disk and say so, keep a
symlink and the file's mode, and sweep what a killed earlier writer left beside them."""

from __future__ import annotations

import errno
import os
import shutil
import stat
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog, QMessageBox
from pytestqt.qtbot import QtBot

from lic_desktop.atomic_write import TEMP_MARK
from lic_desktop.cli import main as cli_main
from lic_desktop.gui.main_window import MainWindow
from tests.conftest import SCENARIOS

HEADER = "catalog,plan,quantity,cycle,start,paid,pending,to_plan,to_quantity,to_cycle,ip,customer"
ROW = "ezeelogin,servers,10,monthly,2022-11-01 09:00,,,,16,,172.23.44.240,Acme"
AT = datetime(2022, 11, 16, 0, 23)
OLD = "yesterday's file\n"


@pytest.fixture
def warnings(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    shown: list[str] = []

    def warn(_parent: object, _title: str, text: str, *_a: object) -> QMessageBox.StandardButton:
        shown.append(text)
        return QMessageBox.StandardButton.Ok

    monkeypatch.setattr(QMessageBox, "warning", warn)
    return shown


@pytest.fixture
def full_disk(monkeypatch: pytest.MonkeyPatch) -> None:
    def full(fd: int, data: bytes) -> int:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "write", full)


def dead_writers_temp(target: Path) -> Path:
    """What a SIGKILL of an earlier writer left beside `target`."""
    done = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True, timeout=30)
    temp = target.parent / f".{target.name}{TEMP_MARK}{int(done.stdout)}-abc123"
    temp.write_text("half of a killed save")
    return temp


def ours(folder: Path, name: str) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith(f".{name}."))


def save_as(window: MainWindow, monkeypatch: pytest.MonkeyPatch, path: Path) -> None:
    """File → Save As… with the dialog answered `path`."""
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(path), ""))
    for entry in window.menuBar().actions():
        for action in entry.menu().actions() if entry.menu() else []:
            if action.text() == "Save &As…":
                action.trigger()
                return
    raise AssertionError("no File → Save As…")


def test_save_keeps_link_and_mode_and_sweeps_a_killed_saves_litter(
        window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "real").mkdir()
    real = tmp_path / "real" / "deal.toml"
    shutil.copy(SCENARIOS / "seed-upgrade.toml", real)
    real.chmod(0o640)
    link = tmp_path / "deal.toml"
    link.symlink_to(real)
    stale = dead_writers_temp(real)
    window.open_path(link)
    save_as(window, monkeypatch, link)
    assert link.is_symlink()
    assert stat.S_IMODE(real.stat().st_mode) == 0o640
    assert not stale.exists()
    assert ours(real.parent, real.name) == []


def test_a_full_disk_on_save_says_so_and_keeps_the_old_file(
        window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        warnings: list[str], full_disk: None) -> None:
    target = tmp_path / "deal.toml"
    target.write_text(OLD)
    window.open_path(SCENARIOS / "seed-upgrade.toml")
    save_as(window, monkeypatch, target)
    assert len(warnings) == 1
    assert f"the disk is full: {target} was not written; the old file is intact" \
        in warnings[0]
    assert target.read_text() == OLD
    assert ours(tmp_path, target.name) == []


def test_a_full_disk_on_pdf_export_says_so_and_keeps_the_old_file(
        window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        warnings: list[str], full_disk: None) -> None:
    target = tmp_path / "quote.pdf"
    target.write_text(OLD)
    stale = dead_writers_temp(target)
    window.open_path(SCENARIOS / "seed-upgrade.toml")
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    window.pdf_action.trigger()
    assert warnings == \
        [f"The disk is full: {target} was not written; the old file is intact."]
    assert target.read_text() == OLD
    assert not stale.exists()
    assert ours(tmp_path, target.name) == []


def test_a_full_disk_on_the_priced_book_says_so_and_keeps_the_old_file(
        qtbot: QtBot, window: MainWindow, tmp_path: Path, full_disk: None) -> None:
    book = tmp_path / "book.csv"
    book.write_text("\n".join([HEADER, *[ROW] * 3000]) + "\n", encoding="utf-8")
    target = tmp_path / "priced.csv"
    target.write_text(OLD)
    stale = dead_writers_temp(target)
    tab = window.book_tab
    with qtbot.waitSignal(tab.finished, timeout=30_000) as done:
        tab.load(book, AT, save_to=target)
    assert done.args[0].saved is None
    assert f"the disk is full: {target} was not written; the old file is intact" \
        in tab.summary.text()
    assert target.read_text() == OLD
    assert not stale.exists()
    assert ours(tmp_path, target.name) == []


def test_a_cancelled_priced_book_leaves_no_temp_file(
        qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    book = tmp_path / "book.csv"
    book.write_text("\n".join([HEADER, *[ROW] * 20_000]) + "\n", encoding="utf-8")
    target = tmp_path / "priced.csv"
    target.write_text(OLD)
    target.chmod(0o644)
    tab = window.book_tab
    with qtbot.waitSignal(tab.finished, timeout=30_000) as done:
        tab.load(book, AT, save_to=target)
        tab.cancel()
    assert done.args[0].cancelled
    assert target.read_text() == OLD
    assert ours(tmp_path, target.name) == []
    with qtbot.waitSignal(tab.finished, timeout=30_000) as done:
        tab.load(book, AT, save_to=target)
    assert done.args[0].saved == target
    assert stat.S_IMODE(target.stat().st_mode) == 0o644


def test_a_screenshot_goes_through_the_helper_too(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    png = tmp_path / "shot.png"
    stale = dead_writers_temp(png)
    assert cli_main(["--scenario", str(SCENARIOS / "seed-upgrade.toml"),
                     "--screenshot", str(png)]) == 0
    assert png.read_bytes().startswith(b"\x89PNG")
    assert not stale.exists()
    missing = tmp_path / "missing" / "shot.png"
    assert cli_main(["--scenario", str(SCENARIOS / "seed-upgrade.toml"),
                     "--screenshot", str(missing)]) == 2
    assert capsys.readouterr().err.splitlines()[-1] == (
        f"lic-desktop: --screenshot: cannot write {missing}: the folder "
        f"{missing.parent} does not exist")
