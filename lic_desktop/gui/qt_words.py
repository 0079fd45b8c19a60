"""Qt's own words in the UI's language, and ours for its dialog buttons.

Qt ships its words as qtbase_de.qm, qtbase_fr.qm: the file dialogs ("File name"), the
text fields' context menus ("Undo"). Without them a German window opened an English file
dialog beside German buttons. The buttons of QMessageBox.question() & co. get the app's
own words instead, each with an Alt letter; a translator installed later is asked first,
so ours goes on top of Qt's at every language switch.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QTranslator

from lic_desktop.l10n import N_, _

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


_installed: list[QTranslator] = []  # Qt's for the language, then ours: kept alive


def use_qt_words(language: str) -> bool:
    """Install Qt's translations for `language` ("de_DE") with our dialog buttons over
    them; False when Qt has none for it (English)."""
    app = QCoreApplication.instance()
    if app is None:
        return False
    for old in _installed:
        app.removeTranslator(old)
        old.deleteLater()
    _installed.clear()
    qt = QTranslator(app)
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    found = qt.load(f"qtbase_{language}", folder) and app.installTranslator(qt)
    if found:
        _installed.append(qt)
    ours = ButtonTexts(app)
    if app.installTranslator(ours):
        _installed.append(ours)
    return found
