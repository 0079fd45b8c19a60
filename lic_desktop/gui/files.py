"""Scenario files on disk: read whole, written atomically (QSaveFile), recent-file list."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QIODevice, QSaveFile, QSettings

from lic_desktop.core.periods import InputError
from lic_desktop.core.scenario import Scenario, parse_scenario_text, scenario_text

MAX_RECENT = 8


def read_scenario(path: Path) -> Scenario:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError("scenario", f"cannot read {path}: {exc}") from None
    return parse_scenario_text(text, path.name)


def write_scenario(path: Path, scenario: Scenario) -> None:
    write_text(path, scenario_text(scenario, path.name))


def write_text(path: Path, text: str) -> None:
    """Write to a temporary file and rename it over the target: never half-written."""
    data = text.encode("utf-8")
    out = QSaveFile(str(path))
    if not out.open(QIODevice.OpenModeFlag.WriteOnly):
        raise OSError(f"cannot write {path}: {out.errorString()}")
    if out.write(QByteArray(data)) != len(data) or not out.commit():
        error = out.errorString()
        out.cancelWriting()
        raise OSError(f"cannot write {path}: {error}")


class RecentFiles:
    def __init__(self, settings: QSettings) -> None:
        self.settings = settings

    def paths(self) -> list[Path]:
        value: object = self.settings.value("recent_files", [])
        # QSettings hands back a lone string for a one-item list in some formats.
        items: list[object] = [value] if isinstance(value, str) else \
            list(value) if isinstance(value, list | tuple) else []
        return [Path(p) for p in items if isinstance(p, str) and p]

    def add(self, path: Path) -> None:
        paths = [path, *(p for p in self.paths() if p != path)][:MAX_RECENT]
        self.settings.setValue("recent_files", [str(p) for p in paths])

    def remove(self, path: Path) -> None:
        self.settings.setValue("recent_files", [str(p) for p in self.paths() if p != path])
