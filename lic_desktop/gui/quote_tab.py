"""The Quote tab: the portal's panes, Order details beside the two "Current billing"
panes (before the change above, after it below). On a tall screen the rows spread out
to use the height; on a small one the panes scroll."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QScrollArea, QVBoxLayout, QWidget

from lic_desktop.gui.pane_view import PaneView
from lic_desktop.present.editor import FormState
from lic_desktop.present.panes import AFTER_CHANGE, CURRENT_BILLING, ORDER_DETAILS

MAX_ROW_EXTRA = 12  # pixels added to each row at most: airy, never sparse


class QuoteTab(QWidget):
    def __init__(self) -> None:
        super().__init__()
        self.panes = (PaneView(CURRENT_BILLING, "current_billing"),
                      PaneView(ORDER_DETAILS, "order_details"),
                      PaneView(AFTER_CHANGE, "after_change"))
        before, order, after = self.panes
        self.columns = ((before, after), (order,))
        inner = QWidget()
        row = QHBoxLayout(inner)
        # Order details has the longest values (the order ID, the key commands).
        for stack, stretch in zip(self.columns, (4, 5), strict=True):
            pile = QVBoxLayout()
            for pane in stack:
                pile.addWidget(pane)
            pile.addStretch(1)
            row.addLayout(pile, stretch)
        self.scroll_area = QScrollArea()
        self.scroll_area.setObjectName("quote_scroll")
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll_area.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the panes are the Tab stops
        self.scroll_area.setWidget(inner)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.scroll_area)

    def retranslate(self) -> None:
        for pane in self.panes:
            pane.retranslate()

    def show_state(self, state: FormState) -> None:
        for i, view in enumerate(self.panes):
            view.show_pane(state.panes[i] if state.panes else None)
            view.setEnabled(not state.stale)
        self.spread()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.spread()

    def spread(self) -> None:
        """Give every row the same few extra pixels, as many as the fuller column has
        room for (up to MAX_ROW_EXTRA): the panes use the screen, not half of it."""
        room = self.scroll_area.viewport().height() - 2 * 12  # the columns' margins
        extra = MAX_ROW_EXTRA
        for column in self.columns:
            shown = [p for p in column if p.isVisibleTo(self)]
            rows = sum(p.model.rowCount() for p in shown if not p.table.isHidden())
            compact = sum(p.sizeHint().height() - p.row_extra * p.model.rowCount()
                          for p in shown)
            if rows:
                extra = min(extra, (room - compact - 6 * len(shown)) // rows)
        for pane in self.panes:
            pane.set_row_extra(max(extra, 0))
