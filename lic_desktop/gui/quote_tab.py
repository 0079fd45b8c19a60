"""The Quote tab: the portal's panes, Order details beside the two "Current billing"
panes (before the change above, after it below). On a tall screen the rows spread out
to use the height; on a small one the panes scroll."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QScrollArea, QVBoxLayout, QWidget

from lic_desktop.gui.pane_view import PaneView
from lic_desktop.l10n import _
from lic_desktop.present.editor import FormState
from lic_desktop.present.panes import AFTER_CHANGE, CURRENT_BILLING, ORDER_DETAILS, Pane

MAX_ROW_EXTRA = 12  # pixels added to each row at most: airy, never sparse


class QuoteTab(QWidget):
    def __init__(self) -> None:
        super().__init__()
        self.panes = (PaneView(CURRENT_BILLING, "current_billing"),
                      PaneView(ORDER_DETAILS, "order_details"),
                      PaneView(AFTER_CHANGE, "after_change"))
        before, order, after = self.panes
        self.columns: tuple[tuple[PaneView, ...], ...] = ((before, after), (order,))
        inner = QWidget()
        self.row = QHBoxLayout(inner)
        self.piles = (QVBoxLayout(), QVBoxLayout())
        for pile, stack in zip(self.piles, self.columns, strict=True):
            for pane in stack:
                pile.addWidget(pane)
            pile.addStretch(1)
            self.row.addLayout(pile)
        self.one_column = False
        self._set_columns(one=False)
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
            # Before any valid quote (a file opened with a bad value) the panes say so,
            # not "(no change)".
            view.show_pane(state.panes[i] if state.panes else Pane(
                view.title(), (), placeholder=_("No quote yet: correct the marked field.")))
            view.setEnabled(not state.stale)
        self.arrange()
        self.spread()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.arrange()
        self.spread()

    def arrange(self) -> None:
        """Two columns where both show every word whole; else one, Order details between
        the two "Current billing" panes (as the text output reads), and it scrolls."""
        before, order, after = self.panes
        margins = self.row.contentsMargins()
        need = max(before.least_width(), after.least_width()) + order.least_width() \
            + self.row.spacing() + margins.left() + margins.right()
        one = self.scroll_area.viewport().width() < need
        if one != self.one_column:
            self._set_columns(one=one)
        # Side by side, each column at least as wide as it needs (inside the scroll area,
        # so this never holds the window wider: a narrower one gets one column).
        left = 0 if one else max(before.least_width(), after.least_width())
        for pane, least in ((before, left), (after, left),
                            (order, 0 if one else order.least_width())):
            if pane.minimumWidth() != least:
                pane.setMinimumWidth(least)

    def _set_columns(self, *, one: bool) -> None:
        before, order, after = self.panes
        self.one_column = one
        left, right = self.piles
        (right if one else left).removeWidget(order)
        if one:
            left.insertWidget(1, order)
        else:
            right.insertWidget(0, order)
        # Order details has the longest values (the order ID, the key commands); arrange()
        # sets the two columns' shares.
        self.row.setStretch(0, 1 if one else 4)
        self.row.setStretch(1, 0 if one else 5)
        self.columns = ((before, order, after),) if one else ((before, after), (order,))

    def spread(self) -> None:
        """Give every row the same few extra pixels, as many as the fuller column has
        room for (up to MAX_ROW_EXTRA): the panes use the screen, not half of it."""
        margins = self.row.contentsMargins()
        room = self.scroll_area.viewport().height() - margins.top() - margins.bottom()
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
