"""The Book tab's model: raw values in, each cell formatted only when a view asks for it."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import QModelIndex, Qt

from lic_desktop.gui.rows_model import RowsModel
from lic_desktop.l10n import Formatter, _
from lic_desktop.present.book_table import (
    COLUMNS,
    RIGHT_ALIGNED,
    SAVING_COLUMN,
    BookRow,
    Kind,
    cell_text,
    header_text,
)

MAX_SHOWN = 100_000  # rows kept for the table; the totals cover the whole book

RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
# Each column's alignment, worked out once: a view asks for it of every cell it paints.
ALIGNMENTS = tuple(RIGHT if c.kind in RIGHT_ALIGNED else LEFT for c in COLUMNS)
KINDS = tuple(c.kind for c in COLUMNS)
DISPLAY, USER, ALIGN, TIP = (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.UserRole,
                             Qt.ItemDataRole.TextAlignmentRole, Qt.ItemDataRole.ToolTipRole)


class BookModel(RowsModel):
    """A priced book's rows (present.book_table.book_row): DisplayRole formats a cell in
    the UI's locale, UserRole gives its raw value (Money, date, int, …) for sorting."""

    headers = tuple(c.header for c in COLUMNS)
    roles = frozenset({DISPLAY, USER, ALIGN, TIP})

    def __init__(self, formatter: Formatter) -> None:
        super().__init__()
        self._all: list[BookRow] = []  # every row kept (up to MAX_SHOWN)
        self._rows: list[BookRow] = []  # those shown: the ones the filter lets through
        self.least: Decimal | None = None  # show only rows saving at least this much
        self.fmt = formatter

    def set_formatter(self, formatter: Formatter) -> None:
        """Show every cell in `formatter`'s locale (after a language switch)."""
        self.fmt = formatter
        if self._rows:
            self.dataChanged.emit(self.index(0, 0),
                                  self.index(len(self._rows) - 1, len(self.headers) - 1),
                                  [DISPLAY, TIP])

    def clear(self) -> None:
        self._all = []
        self.set_rows([])

    @property
    def kept(self) -> int:
        """The rows kept, shown or filtered out."""
        return len(self._all)

    def _shown(self, row: BookRow) -> bool:
        if self.least is None:
            return True
        saving = row[SAVING_COLUMN]
        return saving is not None and saving.amount >= self.least

    def show_saving_at_least(self, least: Decimal | None) -> None:
        """Show only the licenses that save at least `least` by waiting (None: all)."""
        if least == self.least:
            return
        self.least = least
        self.set_rows([row for row in self._all if self._shown(row)])

    def append(self, rows: list[BookRow]) -> int:
        """Add rows up to MAX_SHOWN; how many were kept."""
        room = MAX_SHOWN - len(self._all)
        rows = rows[:max(room, 0)]
        self._all.extend(rows)
        shown = [row for row in rows if self._shown(row)]
        if shown:
            first = len(self._rows)
            self.beginInsertRows(QModelIndex(), first, first + len(shown) - 1)
            self._rows.extend(shown)
            self.endInsertRows()
        return len(rows)

    def raw_values(self, column: int, rows: range) -> list[object]:
        """The UserRole values of `rows` in `column`, for the sort proxy."""
        return [row[column] for row in self._rows[rows.start:rows.stop]]

    def cell(self, row: BookRow, column: int, role: int) -> object:
        if role == DISPLAY:
            return cell_text(KINDS[column], row[column], self.fmt)
        if role == USER:
            return row[column]
        if role == ALIGN:
            return ALIGNMENTS[column]
        if role == TIP and KINDS[column] is Kind.TEXT and row[column]:
            return str(row[column])  # a long reason or customer, cut off in its column
        if role == TIP and KINDS[column] is Kind.WHY and row[column]:
            return cell_text(Kind.WHY, row[column], self.fmt)  # cut off in a narrow column
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(ALIGNMENTS):
            return None
        if role == ALIGN:
            return ALIGNMENTS[section]  # a money header over its right-aligned amounts
        if role == DISPLAY:
            return header_text(_(self.headers[section]))
        return None
