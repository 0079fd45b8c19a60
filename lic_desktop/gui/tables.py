"""The app's read-only tables: named for tests and screen readers, never edited in place."""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, QAbstractProxyModel
from PySide6.QtWidgets import QAbstractItemView, QTableView

from lic_desktop.gui.translatable import Translatable


def read_only_table(owner: Translatable, name: str, accessible_name: str,
                    model: QAbstractItemModel, pick_rows: bool = False) -> QTableView:
    """A table showing `model`; `accessible_name` (a msgid) follows the language through
    `owner`. With `pick_rows`, a click selects one whole row."""
    table = QTableView()
    table.setObjectName(name)
    owner.tr_text(table.setAccessibleName, accessible_name)
    table.setModel(model)
    keep_with(table, model)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setTabKeyNavigation(False)  # one Tab stop: Tab leaves the table, arrows move in it
    if pick_rows:
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    return table


def keep_with(view: QAbstractItemView, model: QAbstractItemModel) -> None:
    """Give a model made without a parent (and a proxy's source) to its view, so Qt
    deletes them with the view rather than whenever Python's collector frees its tab's
    wrapper: a model's life follows the widget tree, as Qt expects."""
    if model.parent() is None:
        model.setParent(view)
    if isinstance(model, QAbstractProxyModel):
        source = model.sourceModel()
        if source is not None and source.parent() is None:
            source.setParent(model)
