"""Walking the window's Tab ring again and again must not crash it.

The ring once asked every widget in the focus chain for its focusProxy(); under PySide
6.11 that handed back stale wrappers and the window died at its next paint (a segfault
at the teardown of the keyboard tests, about one full run in three). A crash would take
the test run down with it, so the walk runs in a child process."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

WALK = textwrap.dedent("""
    import gc, sys
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication
    from lic_desktop.gui import focus_ring
    from lic_desktop.gui.main_window import MainWindow

    app = QApplication([])
    window = MainWindow(QSettings(sys.argv[1], QSettings.Format.IniFormat),
                        catalog="ezeelogin")
    window.show()
    app.processEvents()
    for number in range(window.tabs.count()):
        window.tabs.setCurrentIndex(number)
        app.processEvents()
        for _ in range(200):  # 200 Tab presses' worth of walks
            focus_ring.stops(window, window.tabs)
        gc.collect()
        app.processEvents()
        window.grab()  # paints every widget of the page
    print("walked", window.tabs.count())
""")


def test_walking_the_tab_ring_on_every_page_leaves_the_window_whole(tmp_path: Path) -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run([sys.executable, "-c", WALK, str(tmp_path / "settings.ini")],
                          env=env, capture_output=True, text=True, timeout=300, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip() == "walked 5"
