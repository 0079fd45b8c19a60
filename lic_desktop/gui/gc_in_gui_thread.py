"""Python's cyclic garbage collector, run only on the GUI thread.

Left automatic, a collection runs in whichever thread happens to allocate when the
counts pass their thresholds: a store job on the thread pool, or a test's HTTP server.
When that collection frees the last reference to a Qt object made on the GUI thread,
Qt destroys it from the wrong thread and the process dies (a segmentation fault seen
in the store-tab tests). So automatic collection is switched off and the same
generational thresholds are checked on a GUI-thread timer instead (calibre does this
too). Reference counting still frees everything that is not in a cycle at once.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer

INTERVAL_MS = 500


class GuiThreadCollector(QObject):
    def __init__(self, parent: QObject, interval_ms: int = INTERVAL_MS) -> None:
        super().__init__(parent)
        self.thresholds = gc.get_threshold()
        gc.disable()
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self._on_timeout)
        self.timer.start()

    def _on_timeout(self) -> None:
        self.collect_due()

    def collect_due(self) -> int:
        """Collect the generations whose counts passed their thresholds, as the automatic
        collector would; the number of objects found unreachable."""
        young, middle, old = gc.get_count()
        found = 0
        if young > self.thresholds[0]:
            found += gc.collect(0)
            if middle > self.thresholds[1]:
                found += gc.collect(1)
                if old > self.thresholds[2]:
                    found += gc.collect(2)
        return found


def collect_on_gui_thread(app: QObject) -> GuiThreadCollector:
    """Install the collector on the application once; the same one after that."""
    found = app.findChild(GuiThreadCollector)
    return found if isinstance(found, GuiThreadCollector) else GuiThreadCollector(app)
