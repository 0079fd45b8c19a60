"""The sort proxy orders rows by their raw UserRole values, also while rows arrive."""

from __future__ import annotations

import random
from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt

from lic_desktop.core.money import Money
from lic_desktop.gui.rows_model import RowsModel
from lic_desktop.gui.sort_proxy import ValueSortProxy


class Values(RowsModel):
    """Rows of raw values; the display text is what text sorting would compare."""

    headers = ("Amount", "Day", "Name")

    def __init__(self) -> None:
        super().__init__()
        self._rows: list[tuple[Any, ...]] = []

    def append(self, rows: list[tuple[Any, ...]]) -> None:
        first = len(self._rows)
        self.beginInsertRows(QModelIndex(), first, first + len(rows) - 1)
        self._rows.extend(rows)
        self.endInsertRows()

    def cell(self, row: tuple[Any, ...], column: int, role: int) -> object:
        value = row[column]
        if role == Qt.ItemDataRole.UserRole:
            return value
        if role == Qt.ItemDataRole.DisplayRole:
            if isinstance(value, Money):
                return f"{value.amount} {value.currency}"
            return "" if value is None else str(value)
        return None


def make_rows(count: int, seed: int) -> list[tuple[Any, ...]]:
    pick = random.Random(seed)
    return [(Money(Decimal(pick.randint(0, 30_000)) / 100, "USD"),
             date(2022, pick.randint(1, 12), pick.randint(1, 28)),
             pick.choice(["", "acme", "Beta", "zeta", None]))
            for _ in range(count)]


def proxy_of(model: Values) -> ValueSortProxy:
    proxy = ValueSortProxy()
    proxy.setSourceModel(model)
    return proxy


def column_values(proxy: ValueSortProxy, column: int) -> list[Any]:
    return [proxy.index(r, column).data(Qt.ItemDataRole.UserRole)
            for r in range(proxy.rowCount())]


def expected(rows: list[tuple[Any, ...]], column: int, descending: bool) -> list[Any]:
    """Values by value (ties and empty cells in the book's order), empty cells last."""
    def key(v: Any) -> Any:
        return v.amount if isinstance(v, Money) else v.casefold() if isinstance(v, str) else v
    filled = [r[column] for r in rows if r[column] not in (None, "")]
    empty = [r[column] for r in rows if r[column] in (None, "")]
    return sorted(filled, key=key, reverse=descending) + empty


def test_money_sorts_by_amount_not_by_text() -> None:
    model = Values()
    model.append([(Money(Decimal("100.00"), "USD"), date(2022, 1, 1), "a"),
                  (Money(Decimal("21.23"), "USD"), date(2022, 1, 2), "b")])
    proxy = proxy_of(model)
    proxy.sort(0, Qt.SortOrder.AscendingOrder)
    assert [proxy.index(r, 0).data() for r in range(2)] == ["21.23 USD", "100.00 USD"]
    assert sorted(["100.00 USD", "21.23 USD"]) == ["100.00 USD", "21.23 USD"]  # text's way


@pytest.mark.parametrize("order", [Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder])
@pytest.mark.parametrize("column", [0, 1, 2])
def test_rows_arriving_while_sorted_take_their_places(column: int, order: Qt.SortOrder,
                                                      qtmodeltester: object) -> None:
    model = Values()
    proxy = proxy_of(model)
    proxy.sort(column, order)
    rows: list[tuple[Any, ...]] = []
    for chunk in range(6):
        new = make_rows(37, seed=chunk)
        rows += new
        model.append(new)
        descending = order == Qt.SortOrder.DescendingOrder
        assert column_values(proxy, column) == expected(rows, column, descending)
    qtmodeltester.check(proxy)  # type: ignore[attr-defined]


def test_a_selected_row_follows_its_row_through_a_sort() -> None:
    model = Values()
    model.append(make_rows(50, seed=7))
    proxy = proxy_of(model)
    picked = QPersistentModelIndex(proxy.index(10, 2))
    value = picked.data(Qt.ItemDataRole.UserRole), picked.sibling(10, 0).data()
    proxy.sort(0, Qt.SortOrder.DescendingOrder)
    assert (picked.data(Qt.ItemDataRole.UserRole),
            proxy.index(picked.row(), 0).data()) == value
    proxy.sort(-1)  # back to the book's order
    assert picked.row() == 10
