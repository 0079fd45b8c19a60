"""The answer above the tabs: the headline a salesperson reads out (one line, elided with
the full text in its tooltip when the window is narrow) and the banner under it (why a
change is blocked or refused, or what is stale), in full."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QFont, QFontMetrics, QResizeEvent
from PySide6.QtWidgets import QLabel, QSizePolicy, QVBoxLayout, QWidget

from lic_desktop.gui.form import field_label
from lic_desktop.l10n import _
from lic_desktop.present.editor import FormState

HEADLINE_SCALE = 1.45  # the largest text on screen
SMALLEST_HEADLINE_SCALE = 1.0  # still bold, so still the text that stands out
BLOCKED_COLOR = "#8a1c1c"
BLOCKING_STYLE = "background: #fdecea; color: #611a15; border: 1px solid #f5c6cb; padding: 6px;"
STALE_STYLE = "background: #fff4e5; color: #663c00; border: 1px solid #ffd591; padding: 6px;"
NOTE_STYLE = "padding: 6px;"


class ElidedLabel(QLabel):
    """One line of selectable text, cut with "…" to the width it gets; the full text is
    its tooltip then. `text()` is the full text, `shown_text()` what is drawn."""

    def __init__(self) -> None:
        super().__init__()
        self._full = ""
        self._base: QFont | None = None  # set_base_font: shrink to fit before cutting
        self._smallest = 0.0
        self.note = ""  # more for the tooltip (a file's path), shown elided or not
        self.setWordWrap(False)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)

    def setText(self, text: str) -> None:
        self._full = text
        self._elide()

    def text(self) -> str:
        return self._full

    def shown_text(self) -> str:
        return super().text()

    def set_base_font(self, font: QFont, smallest: float) -> None:
        """Draw in `font`; when the text does not fit, in a smaller size down to
        `smallest` points first, and only then cut it. The height stays the base font's."""
        self._base = QFont(font)
        self._smallest = smallest
        self.setFont(font)
        self._elide()

    def sizeHint(self) -> QSize:
        metrics = QFontMetrics(self._base) if self._base is not None else self.fontMetrics()
        margins = self.contentsMargins()
        return QSize(metrics.horizontalAdvance(self._full) + margins.left() + margins.right(),
                     metrics.height() + margins.top() + margins.bottom())

    def minimumSizeHint(self) -> QSize:
        return QSize(0, self.sizeHint().height())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._elide()

    def _elide(self) -> None:
        width = self.contentsRect().width()
        if self._base is not None:
            self._fit_font(width)
        shown = self.fontMetrics().elidedText(self._full, Qt.TextElideMode.ElideRight, width)
        if shown != super().text():
            super().setText(shown)
        tip = [self._full] if shown != self._full else []
        self.setToolTip("\n".join([*tip, self.note] if self.note else tip))

    def _fit_font(self, width: int) -> None:
        assert self._base is not None
        font = QFont(self._base)
        size = font.pointSizeF()
        # Glyphs snap to whole pixels, so widths do not scale with the size: step down.
        while width > 0 and size > self._smallest \
                and QFontMetrics(font).horizontalAdvance(self._full) > width:
            size = max(self._smallest, size - 0.25)
            font.setPointSizeF(size)
        if abs(self.font().pointSizeF() - size) > 0.01:
            self.setFont(font)

    def set_note(self, note: str) -> None:
        self.note = note
        self._elide()


class AnswerBar(QWidget):
    def __init__(self) -> None:
        super().__init__()
        self.headline = ElidedLabel()
        self.headline.setObjectName("headline")
        font = self.headline.font()
        base = font.pointSizeF()
        font.setPointSizeF(base * HEADLINE_SCALE)
        font.setBold(True)
        # A French answer at 1024 px keeps its date: a little smaller before it is cut.
        self.headline.set_base_font(font, base * SMALLEST_HEADLINE_SCALE)
        self.banner = QLabel()
        self.banner.setObjectName("banner")
        self.banner.setWordWrap(True)
        self.banner.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.banner.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.headline)
        layout.addWidget(self.banner)

    def show_state(self, state: FormState, quiet: frozenset[str] = frozenset()) -> None:
        """`quiet`: fields still being typed, whose error waits (InputForm.quiet_fields);
        the quote is greyed meanwhile, but no banner comes and goes at each keystroke."""
        self.headline.setText(state.headline)
        self.headline.setEnabled(not state.stale)
        blocked = state.quote is not None and state.quote.blocked and not state.stale
        self.headline.setStyleSheet(f"color: {BLOCKED_COLOR};" if blocked else "")
        self._show_banner(state, quiet)

    def _show_banner(self, state: FormState, quiet: frozenset[str]) -> None:
        errors = {k: v for k, v in state.errors.items() if k not in quiet}
        if state.stale and not errors:
            self.banner.hide()
            return
        if state.stale:
            problems = "; ".join(f"{field_label(k, state)}: {v}" for k, v in errors.items())
            shown = _("the last valid quote is shown, greyed out") if state.quote \
                else _("no quote yet")
            text = _("Stale: {problems}. Until this is fixed, {shown}.").format(
                problems=problems, shown=shown)
            style = STALE_STYLE
        elif state.notices:
            text = "\n".join(n.text for n in state.notices)
            blocking = any(n.blocking for n in state.notices)
            style = BLOCKING_STYLE if blocking else NOTE_STYLE
        else:
            self.banner.hide()
            return
        self.banner.setText(text)
        self.banner.setStyleSheet(style)
        self.banner.show()
