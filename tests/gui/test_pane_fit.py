"""Pane rows are as tall as their wrapped text, whatever the width or the language."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication

from lic_desktop.gui.main_window import MainWindow
from tests.conftest import SCENARIOS


def short_rows(window: MainWindow) -> list[tuple[str, object, int, int]]:
    QApplication.processEvents()
    found = []
    for pane in window.panes:
        table = pane.table
        for r in range(pane.model.rowCount()):
            if table.rowHeight(r) < table.sizeHintForRow(r):
                found.append((pane.objectName(), r, table.rowHeight(r), table.sizeHintForRow(r)))
        if pane.model.rowCount():
            whole = table.verticalHeader().length() + 2 * table.frameWidth()
            if table.height() < whole:
                found.append((pane.objectName(), "table", table.height(), whole))
    return found


def test_rows_fit_their_text_through_resizes_edits_and_languages(window: MainWindow) -> None:
    window.open_path(SCENARIOS / "seed-upgrade.toml")
    window.resize(1180, 680)  # the minimum: the formula rows wrap
    assert short_rows(window) == []
    window.centralWidget().moveSplitter(1000, 1)  # the panes narrower still
    assert short_rows(window) == []
    window.set_language("fr_FR")  # longer labels, narrower values
    assert short_rows(window) == []
    window.form.to_quantity.setValue(5000)  # longer amounts
    assert short_rows(window) == []
    window.resize(1600, 900)
    assert short_rows(window) == []
    wrapped = [pane.table.rowHeight(r) for pane in window.panes
               for r in range(pane.model.rowCount())]
    assert len(set(wrapped)) == 1  # wide again: no row keeps a wrapped height
