"""The main window's two columns: the form (scrolling up and down, never sideways) and
the answer above the tabs, in a splitter."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QScrollArea, QSplitter, QVBoxLayout, QWidget

FIRST_WIDTH = 1280  # the splitter's first split is made for this width


def form_column(form: QWidget) -> QScrollArea:
    scroll = QScrollArea()
    scroll.setWidgetResizable(True)
    scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # its fields are the Tab stops
    scroll.setWidget(form)
    fit_form_column(scroll, form)
    return scroll


def fit_form_column(scroll: QScrollArea, form: QWidget) -> None:
    """The form's column as wide as its widest row in the current language, with room
    for the vertical scroll bar it gets when an error line makes it taller than the
    window: it never scrolls sideways, so nothing may be cut on its right."""
    width = form.minimumSizeHint().width() + 2 * scroll.frameWidth() \
        + scroll.verticalScrollBar().sizeHint().width() + 4
    if scroll.minimumWidth() != width:
        scroll.setMinimumWidth(width)


def split_window(form_scroll: QScrollArea, answer: QWidget, tabs: QWidget) -> QSplitter:
    """The form on the left; on the right the answer line over the tabs."""
    right = QWidget()
    column = QVBoxLayout(right)
    column.setContentsMargins(6, 0, 0, 0)
    column.addWidget(answer)
    column.addWidget(tabs, 1)
    splitter = QSplitter(Qt.Orientation.Horizontal)
    splitter.addWidget(form_scroll)
    splitter.addWidget(right)
    splitter.setStretchFactor(1, 1)
    splitter.setChildrenCollapsible(False)
    splitter.setSizes([form_scroll.minimumWidth(), FIRST_WIDTH - form_scroll.minimumWidth()])
    return splitter
