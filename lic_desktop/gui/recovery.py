"""Nothing lost on a crash: the unsaved inputs are kept in a recovery file while the
window is open, and offered back at the next start."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, QTimer

from lic_desktop.core.periods import InputError
from lic_desktop.core.scenario import Scenario
from lic_desktop.gui.files import read_scenario, write_scenario

DELAY_MS = 1000  # write after typing pauses, not on every keystroke


class Recovery:
    def __init__(self, settings: QSettings) -> None:
        self.path = Path(settings.fileName()).with_name("recovery.toml")
        self._pending: Scenario | None = None
        # Only a file this session wrote (or has offered back) is ours to delete: another
        # session's recovery must wait for the user's answer.
        self.owns_file = False
        self._timer = QTimer()
        self._timer.setSingleShot(True)
        self._timer.setInterval(DELAY_MS)
        self._timer.timeout.connect(self.flush)

    def keep(self, scenario: Scenario | None) -> None:
        """Remember these inputs soon; None (nothing unsaved) drops the recovery file."""
        self._pending = scenario
        if scenario is None:
            self._timer.stop()
            if self.owns_file:
                self.discard()
        else:
            self._timer.start()

    def flush(self) -> None:
        if self._pending is None:
            return
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            write_scenario(self.path, self._pending)
            self.owns_file = True
        except OSError:
            pass  # recovery is best effort; the user's own files are never touched

    def discard(self) -> None:
        """Drop the recovery file: the inputs are saved, restored or declined."""
        self._timer.stop()
        self._pending = None
        self.path.unlink(missing_ok=True)
        self.owns_file = False

    def saved(self) -> Scenario | None:
        """The inputs a previous session left unsaved, if any could be read."""
        if not self.path.exists():
            return None
        try:
            scenario = read_scenario(self.path)
        except InputError:
            self.discard()
            return None
        self.owns_file = True
        return scenario
