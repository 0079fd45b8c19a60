"""The Compare tab in the window."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont

from lic_desktop.gui.main_window import MainWindow
from tests.conftest import SCENARIOS


def test_pin_two_quotes_and_see_the_difference_in_bold(window: MainWindow,
                                                       qtmodeltester: object) -> None:
    window.open_path(SCENARIOS / "seed-upgrade.toml")
    window.pin_action.trigger()
    window.editor.set_field("to_quantity", 6)
    window.pin_action.trigger()
    assert window.pages.is_current("compare")
    model = window.compare_tab.model
    qtmodeltester.check(model)  # type: ignore[attr-defined]
    assert model.columnCount() == 2
    labels = [model.headerData(r, Qt.Orientation.Vertical) for r in range(model.rowCount())]
    row = labels.index("Charged now")
    assert model.index(row, 0).data() == "$21.23 USD"
    assert model.index(row, 1).data() == "$1.33 USD"
    font = model.index(row, 1).data(Qt.ItemDataRole.FontRole)
    assert isinstance(font, QFont)
    assert font.bold()
    assert model.index(row, 0).data(Qt.ItemDataRole.FontRole) is None
    window.compare_tab.table.setCurrentIndex(model.index(0, 0))
    window.compare_tab.remove_button.click()
    assert model.columnCount() == 1
    assert model.index(row, 0).data() == "$1.33 USD"


def test_a_stale_quote_cannot_be_pinned(window: MainWindow) -> None:
    window.open_path(SCENARIOS / "seed-upgrade.toml")
    window.editor.set_field("paid", "x")
    assert not window.pin_action.isEnabled()
    window.pin_quote()
    assert window.compare.pinned == []
