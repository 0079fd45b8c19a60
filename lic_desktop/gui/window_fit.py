"""The window's size at first start.

A laptop's 1366×768 screen less a panel and the title bar leaves about 1366×700: the
first start takes the preferred size where it fits and the screen's available area, less
room for the frame, where it does not. The window itself can shrink to 1024×600 (see
tests/gui/test_layout.py); the form and the panes scroll there if they must.
"""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize
from PySide6.QtWidgets import QWidget

PREFERRED = QSize(1280, 820)
FRAME = QSize(16, 48)  # a title bar and borders, which the window's own size leaves out


def first_size(available: QSize) -> QSize:
    """The window's size (without its frame) at first start on a screen whose available
    area is `available`."""
    return PREFERRED.boundedTo(available - FRAME)


def place_first(window: QWidget) -> None:
    """Size the window for its screen and centre it there."""
    screen = window.screen()
    area = screen.availableGeometry() if screen is not None else QRect(0, 0, 1280, 820)
    size = first_size(area.size()).expandedTo(window.minimumSizeHint())
    window.resize(size)
    window.move(area.x() + max((area.width() - size.width() - FRAME.width()) // 2, 0),
                area.y() + max((area.height() - size.height() - FRAME.height()) // 2, 0))
