"""A sort proxy that orders a table by the raw values under UserRole, never display text.

"$100.00 USD" sorts after "$21.23 USD" (text sorting puts it first), dates by date,
counts by number. Empty cells (None, "") stay at the end in either direction, in the
source's order. Qt's QSortFilterProxyModel asks a Python lessThan (or data()) for every
comparison, which on a 100,000-row book is seconds; this one reads each raw value once
per sort and lets Python's sort order the rows.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Sequence
from enum import Enum
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QAbstractProxyModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)

from lic_desktop.core.money import Money

Index = QModelIndex | QPersistentModelIndex
NO_COLUMN = -1


def sort_key(value: Any) -> Any:
    """What a raw value sorts by, or None for an empty cell. Money groups by currency,
    then by amount; text ignores case."""
    if value is None or value == "":
        return None
    if isinstance(value, Money):
        return (value.currency, value.amount)
    if isinstance(value, Enum):
        return str(value.value)
    if isinstance(value, str):
        return value.casefold()
    if isinstance(value, bool):
        return int(value)
    return value  # numbers, Decimals, dates and datetimes compare as they are


class _Reversed:
    """A sort key in reverse: bisection in a list sorted in descending order."""

    __slots__ = ("key",)

    def __init__(self, key: Any) -> None:
        self.key = key

    def __lt__(self, other: _Reversed) -> bool:
        return bool(other.key < self.key)


class ValueSortProxy(QAbstractProxyModel):
    """Rows of a flat table model, sorted by the raw value of one column (view.sortByColumn
    calls `sort`); column -1 keeps the source's order. Rows appended to the source while
    sorted (a book arriving in chunks) take their sorted places.

    A source may offer `raw_values(column, rows)`, the UserRole values of those rows in
    one call: a sort then reads 100,000 values in milliseconds rather than a second."""

    def __init__(self) -> None:
        super().__init__()
        self._order: list[int] = []  # proxy row -> source row
        self._where: list[int] | None = None  # source row -> proxy row, built on demand
        self._keys: list[Any] = []  # the sorted column's keys, by source row
        self._column = NO_COLUMN
        self._descending = False
        self._filled = 0  # the rows first in _order with a value to sort by
        self._resetting = False

    # --- the source ---------------------------------------------------------------------

    def setSourceModel(self, source: QAbstractItemModel) -> None:
        old = self.sourceModel()
        if old is not None:
            old.disconnect(self)
        self.beginResetModel()
        super().setSourceModel(source)
        if source is not None:
            source.modelAboutToBeReset.connect(self._on_source_about_to_reset)
            source.modelReset.connect(self._on_source_reset)
            source.layoutAboutToBeChanged.connect(self._on_source_about_to_reset)
            source.layoutChanged.connect(self._on_source_reset)
            source.rowsAboutToBeInserted.connect(self._on_rows_about_to_be_inserted)
            source.rowsInserted.connect(self._on_rows_inserted)
            source.rowsAboutToBeRemoved.connect(self._on_source_about_to_reset)
            source.rowsRemoved.connect(self._on_source_reset)
            source.columnsAboutToBeInserted.connect(self._on_source_about_to_reset)
            source.columnsInserted.connect(self._on_source_reset)
            source.columnsAboutToBeRemoved.connect(self._on_source_about_to_reset)
            source.columnsRemoved.connect(self._on_source_reset)
            source.dataChanged.connect(self._on_data_changed)
            source.headerDataChanged.connect(self.headerDataChanged)
        self._rebuild()
        self.endResetModel()

    def _source_rows(self) -> int:
        source = self.sourceModel()
        return 0 if source is None else source.rowCount()

    def _on_source_about_to_reset(self, *_args: object) -> None:
        if not self._resetting:
            self._resetting = True
            self.beginResetModel()

    def _on_source_reset(self, *_args: object) -> None:
        if self._resetting:
            self._rebuild()
            self._resetting = False
            self.endResetModel()

    def _on_rows_about_to_be_inserted(self, parent: Index, first: int, last: int) -> None:
        if parent.isValid():
            return
        if first != len(self._order):  # not an append: start again
            self._on_source_about_to_reset()
            return
        self.beginInsertRows(QModelIndex(), first, last)

    def _on_rows_inserted(self, parent: Index, first: int, last: int) -> None:
        if parent.isValid():
            return
        if self._resetting:
            self._on_source_reset()
            return
        new = range(first, last + 1)
        self._order.extend(new)
        self._where = None
        if self._column == NO_COLUMN:
            self._filled = len(self._order)
            self.endInsertRows()
            return
        self._keys.extend(self._column_keys(self._column, new))
        self.endInsertRows()
        self._sort_rows(self._merged(first))  # the new rows, at the end, take their places

    def _on_data_changed(self, top: Index, bottom: Index, roles: Sequence[int] = ()) -> None:
        if not self._order:
            return
        if self._column != NO_COLUMN and top.column() <= self._column <= bottom.column() \
                and (not roles or Qt.ItemDataRole.UserRole in roles):
            self._keys = self._column_keys(self._column, range(len(self._order)))
            self._sort_rows(self._sorted())  # the values changed: sort again
        first, last = top.row(), bottom.row()
        # A block of source rows is spread over the proxy: then say all rows changed.
        rows = (self._proxy_row(first),) * 2 if first == last else (0, len(self._order) - 1)
        self.dataChanged.emit(self.index(rows[0], top.column()),
                              self.index(rows[1], bottom.column()), roles)

    def _rebuild(self) -> None:
        rows = range(self._source_rows())
        self._where = None
        self._keys = [] if self._column == NO_COLUMN else self._column_keys(self._column, rows)
        self._order = self._sorted()

    def _column_keys(self, column: int, rows: range) -> list[Any]:
        source = self.sourceModel()
        raw_values = getattr(source, "raw_values", None)
        if raw_values is not None:  # the source's values in one call, as UserRole has them
            return list(map(sort_key, raw_values(column, rows)))
        role = Qt.ItemDataRole.UserRole
        return [sort_key(source.index(r, column).data(role)) for r in rows]

    # --- sorting ------------------------------------------------------------------------

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        source = self.sourceModel()
        if source is None or not -1 <= column < source.columnCount():
            return
        descending = order == Qt.SortOrder.DescendingOrder
        if (column, descending) == (self._column, self._descending):
            return  # sorted so already: the keys follow every change of the source
        self._column = column
        self._descending = descending
        self._keys = [] if column == NO_COLUMN \
            else self._column_keys(column, range(len(self._order)))
        self._sort_rows(self._sorted())

    def _sorted(self) -> list[int]:
        """Every row in order: those with a value by it (ties in the source's order, in
        either direction), then the empty ones in the source's order."""
        rows = range(self._source_rows())
        if self._column == NO_COLUMN:
            self._filled = len(rows)
            return list(rows)
        keys = self._keys
        filled = [r for r in rows if keys[r] is not None]
        filled.sort(key=keys.__getitem__, reverse=self._descending)
        self._filled = len(filled)
        return filled + [r for r in rows if keys[r] is None]

    def _merged(self, first: int) -> list[int]:
        """The order with the source rows from `first` on, just appended at its end, in
        their places: each new row's place found by bisection, so a chunk of a long book
        costs one copy of the order rather than a sort of it."""
        keys, order, filled_count = self._keys, self._order, self._filled
        new = range(first, len(order))
        arrived = [r for r in new if keys[r] is not None]
        arrived.sort(key=keys.__getitem__, reverse=self._descending)
        key: Callable[[int], Any] = keys.__getitem__
        if self._descending:
            key = lambda r: _Reversed(keys[r])  # noqa: E731 - bisect's key
        merged: list[int] = []
        low = 0
        for row in arrived:  # after its equals: ties keep the source's order
            place = bisect.bisect_right(order, key(row), low, filled_count, key=key)
            merged += order[low:place]
            merged.append(row)
            low = place
        merged += order[low:filled_count]
        self._filled = len(merged)
        return merged + order[filled_count:first] + [r for r in new if keys[r] is None]

    def _sort_rows(self, order: list[int]) -> None:
        """Show the rows in `order`; selections and the current cell follow their rows."""
        self.layoutAboutToBeChanged.emit()
        before = self.persistentIndexList()
        sources = [(self._order[i.row()], i.column()) for i in before]
        self._order = order
        self._where = None
        # A view keeps a few persistent indexes; finding each beats mapping every row.
        find = order.index if len(sources) < 32 else self._proxy_row
        self.changePersistentIndexList(
            before, [self.index(find(row), column) for row, column in sources])
        self.layoutChanged.emit()

    # --- mapping ------------------------------------------------------------------------

    def _proxy_row(self, source_row: int) -> int:
        if self._where is None:
            where = [0] * len(self._order)
            for proxy_row, row in enumerate(self._order):
                where[row] = proxy_row
            self._where = where
        return self._where[source_row]

    def mapToSource(self, proxy: Index) -> QModelIndex:
        source = self.sourceModel()
        if source is None or not proxy.isValid() or not 0 <= proxy.row() < len(self._order):
            return QModelIndex()
        return source.index(self._order[proxy.row()], proxy.column())

    def mapFromSource(self, index: Index) -> QModelIndex:
        if not index.isValid() or not 0 <= index.row() < len(self._order):
            return QModelIndex()
        return self.index(self._proxy_row(index.row()), index.column())

    def index(self, row: int, column: int, parent: Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        if parent.isValid() or not 0 <= row < len(self._order) \
                or not 0 <= column < self.columnCount():
            return QModelIndex()
        return self.createIndex(row, column)

    def parent(self, _child: Index = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        return QModelIndex()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt
        return 0 if parent.isValid() else len(self._order)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt
        source = self.sourceModel()
        return 0 if parent.isValid() or source is None else source.columnCount()

    def hasChildren(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008 - Qt
        return not parent.isValid() and bool(self._order)

    def sibling(self, row: int, column: int, _index: Index) -> QModelIndex:
        return self.index(row, column)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        source = self.sourceModel()
        roles = getattr(source, "roles", None)  # the roles a RowsModel answers
        if roles is not None and role not in roles:
            return None
        if source is None or not index.isValid() or not 0 <= index.row() < len(self._order):
            return None
        return source.data(source.index(self._order[index.row()], index.column()), role)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> object:
        source = self.sourceModel()
        if source is None:
            return None
        if orientation == Qt.Orientation.Vertical:
            if not 0 <= section < len(self._order):
                return None
            section = self._order[section]
        return source.headerData(section, orientation, role)
