"""The window's size at first start, and Qt's standard dialog buttons with Alt letters.

A laptop's 1366×768 screen less a panel and the title bar leaves about 1366×700: the
first start takes the preferred size where it fits and the screen's available area, less
room for the frame, where it does not. The window itself can shrink to 1024×600 (see
tests/gui/test_layout.py); the form and the panes scroll there if they must.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QRect, QSize, QTranslator
from PySide6.QtWidgets import QWidget

from lic_desktop.l10n import N_, _

PREFERRED = QSize(1280, 820)
FRAME = QSize(16, 48)  # a title bar and borders, which the window's own size leaves out


def first_size(available: QSize) -> QSize:
    """The window's size (without its frame) at first start on a screen whose available
    area is `available`."""
    return PREFERRED.boundedTo(available - FRAME)


def place_first(window: QWidget) -> None:
    """Size the window for its screen and centre it there."""
    screen = window.screen()
    area = screen.availableGeometry() if screen is not None else QRect(0, 0, 1280, 820)
    size = first_size(area.size()).expandedTo(window.minimumSizeHint())
    window.resize(size)
    window.move(area.x() + max((area.width() - size.width() - FRAME.width()) // 2, 0),
                area.y() + max((area.height() - size.height() - FRAME.height()) // 2, 0))


# Qt words the buttons of QMessageBox.question() & co. in its "QPlatformTheme" context;
# with no Qt translations loaded they read "Save", "Discard", "Cancel": English, and no
# Alt letter. These are the app's own words for them, with a letter each (distinct in
# every dialog that shows them together).
BUTTON_TEXTS = {"Save": N_("&Save"), "Discard": N_("&Discard"), "Cancel": N_("&Cancel"),
                "&Yes": N_("&Yes"), "&No": N_("&No"), "OK": N_("&OK"),
                "Close": N_("&Close")}


class ButtonTexts(QTranslator):
    """Answers Qt's requests for its standard button texts in the current UI language."""

    def translate(self, context: str, source: str, disambiguation: str | None = None,  # noqa: ARG002
                  n: int = -1) -> str | None:  # noqa: ARG002
        """Ours, or None (Qt's null string: "not translated here"; an empty string would
        translate every other Qt text to nothing)."""
        if context == "QPlatformTheme" and source in BUTTON_TEXTS:
            return _(BUTTON_TEXTS[source])
        return None

    def isEmpty(self) -> bool:
        return False


_installed: list[ButtonTexts] = []  # kept alive while installed


def install_button_texts() -> None:
    """Once per application: QMessageBox buttons get the app's words and Alt letters."""
    app = QCoreApplication.instance()
    if app is None or _installed:
        return
    translator = ButtonTexts(app)
    if app.installTranslator(translator):
        _installed.append(translator)


def keep_button_texts_first() -> None:
    """Ask our dialog-button texts before any translator installed since (Qt's own)."""
    app = QCoreApplication.instance()
    if app is None:
        return
    for translator in _installed:
        app.removeTranslator(translator)
        app.installTranslator(translator)
