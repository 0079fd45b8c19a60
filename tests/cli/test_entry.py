"""The program's entry point: a Ctrl+C while the command line is still being imported."""

from __future__ import annotations

import importlib.abc
import sys

import pytest

from lic_desktop import entry


class InterruptedImport(importlib.abc.MetaPathFinder):
    """Ctrl+C arriving while `lic_desktop.cli` loads."""

    def find_spec(self, name: str, *_args: object) -> None:
        if name == "lic_desktop.cli":
            raise KeyboardInterrupt


def test_ctrl_c_while_the_command_line_loads_is_one_line_and_130(
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.delitem(sys.modules, "lic_desktop.cli", raising=False)
    monkeypatch.setattr(sys, "meta_path", [InterruptedImport(), *sys.meta_path])
    assert entry.main() == 130
    assert capsys.readouterr().err == "lic-desktop: interrupted\n"


def test_the_entry_point_runs_the_command_line(
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(sys, "argv", ["lic-desktop", "catalogs"])
    assert entry.main() == 0
    assert "ezeelogin" in capsys.readouterr().out
