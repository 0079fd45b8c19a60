"""Guard against PySide6 6.12.0's refcount bug: Qt reading None from a Python model's
data() dropped a reference to None each time, and on Python 3.11 the app crashed
("none_dealloc") after enough repaints."""

from __future__ import annotations

import sys

from PySide6.QtCore import QSortFilterProxyModel, Qt

from lic_desktop.gui.pane_view import PaneModel
from lic_desktop.present.panes import Row


def test_reading_none_through_qt_keeps_the_reference_count(qapp: object) -> None:
    model = PaneModel()
    model.set_rows((Row("Amount", "$1.00 USD", "amount"),))
    proxy = QSortFilterProxyModel()
    proxy.setSourceModel(model)
    index = proxy.index(0, 0)
    before = sys.getrefcount(None)
    for _ in range(2000):
        index.data(Qt.ItemDataRole.DecorationRole)  # C++ calls data(), which gives None
    assert sys.getrefcount(None) - before > -100
