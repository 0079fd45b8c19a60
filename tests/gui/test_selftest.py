"""`--self-test` in a source checkout: the same checks the frozen bundle runs in CI."""

from __future__ import annotations

import sys

import pytest
from PySide6.QtWidgets import QApplication

from lic_desktop.cli.commands import COMMANDS, import_all
from lic_desktop.gui.selftest import run_self_test


def test_every_check_passes_and_every_command_module_loads(
        qapp: QApplication, capsys: pytest.CaptureFixture[str]) -> None:
    assert run_self_test(qapp, import_all) == 0
    out = capsys.readouterr().out
    assert "FAIL" not in out
    assert f"ok   commands: {', '.join(COMMANDS)}" in out
    assert all(f"lic_desktop.cli.{target.split(':')[0]}" in sys.modules
               for target in COMMANDS.values())


def test_a_command_whose_module_is_missing_fails_the_self_test(
        qapp: QApplication, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(COMMANDS, "ghost", "ghost:run_ghost")
    assert run_self_test(qapp, import_all) == 1
    assert "FAIL commands: ModuleNotFoundError" in capsys.readouterr().out
