"""The Quote tab: the portal's panes, Order details beside the two "Current billing"
panes (before the change above, after it below)."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from lic_desktop.gui.pane_view import PaneView
from lic_desktop.present.editor import FormState
from lic_desktop.present.panes import AFTER_CHANGE, CURRENT_BILLING, ORDER_DETAILS


class QuoteTab(QWidget):
    def __init__(self) -> None:
        super().__init__()
        self.panes = (PaneView(CURRENT_BILLING, "current_billing"),
                      PaneView(ORDER_DETAILS, "order_details"),
                      PaneView(AFTER_CHANGE, "after_change"))
        before, order, after = self.panes
        row = QHBoxLayout(self)
        # Order details has the longest values (the order ID, the key commands).
        for stack, stretch in (((before, after), 4), ((order,), 5)):
            pile = QVBoxLayout()
            for pane in stack:
                pile.addWidget(pane)
            pile.addStretch(1)
            row.addLayout(pile, stretch)

    def retranslate(self) -> None:
        for pane in self.panes:
            pane.retranslate()

    def show_state(self, state: FormState) -> None:
        for i, view in enumerate(self.panes):
            view.set_rows(state.panes[i].rows if state.panes else ())
            view.setEnabled(not state.stale)
