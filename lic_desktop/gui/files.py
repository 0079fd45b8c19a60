"""Scenario files on disk: read whole, written atomically (atomic_write), recent-file list."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings

from lic_desktop import atomic_write
from lic_desktop.core.periods import InputError
from lic_desktop.core.scenario import Scenario, parse_scenario_text, scenario_text
from lic_desktop.user_files import UnreadableFileError, read_text, scenario_too_large

MAX_RECENT = 8


def read_scenario(path: Path) -> Scenario:
    """A scenario file read strictly: any bad value raises InputError (the recovery file)."""
    return parse_scenario_text(read_file_text(path), path.name)


def read_file_text(path: Path) -> str:
    """A scenario file's text; InputError("file") if it cannot be read as UTF-8 text, or
    at once if it is no regular file of a sane size (/dev/zero, a FIFO, a disk image)."""
    try:
        return read_text(path, scenario_too_large())
    except UnreadableFileError as exc:
        raise InputError("file", str(exc)) from None


def write_scenario(path: Path, scenario: Scenario) -> None:
    write_text(path, scenario_text(scenario, path.name))


def write_text(path: Path, text: str) -> None:
    """Replace the file whole (atomic_write): never half-written, its mode and a symlink
    kept; a failure raises atomic_write.WriteError (an OSError) naming the file."""
    atomic_write.write_text(path, text)


class RecentFiles:
    """The files opened or saved last, newest first, as absolute paths: the list must work
    whichever folder the app is started from next time."""

    def __init__(self, settings: QSettings) -> None:
        self.settings = settings

    def paths(self) -> list[Path]:
        value: object = self.settings.value("recent_files", [])
        # QSettings hands back a lone string for a one-item list in some formats.
        items: list[object] = [value] if isinstance(value, str) else \
            list(value) if isinstance(value, list | tuple) else []
        paths = [Path(p) for p in items if isinstance(p, str) and p]
        # A relative entry kept by an older version means another folder now: one that
        # does not exist from here is dropped, one that does is made absolute.
        return list(dict.fromkeys(p if p.is_absolute() else p.resolve() for p in paths
                                  if p.is_absolute() or p.exists()))

    def add(self, path: Path) -> None:
        path = path.expanduser().resolve()
        paths = [path, *(p for p in self.paths() if p != path)][:MAX_RECENT]
        self.settings.setValue("recent_files", [str(p) for p in paths])

    def remove(self, path: Path) -> None:
        self.settings.setValue("recent_files", [str(p) for p in self.paths() if p != path])
