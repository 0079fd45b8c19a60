"""Store work off the GUI thread; a cancelled job's late answer is simply dropped."""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, Signal

from lic_desktop.core.catalog import CatalogError
from lic_desktop.core.periods import InputError
from lic_desktop.store.client import StoreError


class JobSignals(QObject):
    done = Signal(int, object)  # job number, result
    failed = Signal(int, str)  # job number, message
    progress = Signal(int, int, int)  # job number, records read, records in all


Work = Callable[[Callable[[], bool], Callable[[str, int, int], None]], Any]


class StoreJob(QRunnable):
    """`work(cancelled, progress)`: `progress(action, read, total)` may be called from
    the worker thread; it reaches the GUI thread as the `progress` signal."""

    def __init__(self, number: int, work: Work) -> None:
        super().__init__()
        self.number, self.work = number, work
        self.signals = JobSignals()
        self.cancelled = False

    def run(self) -> None:
        try:
            result = self.work(lambda: self.cancelled, self._progress)
        except (StoreError, InputError, CatalogError, OSError) as exc:
            self._tell(self.signals.failed, str(exc))
            return
        self._tell(self.signals.done, result)

    def _progress(self, action: str, done: int, total: int) -> None:
        del action
        with contextlib.suppress(RuntimeError):
            self.signals.progress.emit(self.number, done, total)

    def _tell(self, signal: Any, value: object) -> None:
        # RuntimeError: the window closed while the store was slow; nobody is waiting.
        with contextlib.suppress(RuntimeError):
            signal.emit(self.number, value)
