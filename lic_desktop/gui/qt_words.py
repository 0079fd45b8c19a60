"""Qt's own words in the UI's language: the file dialogs ("Look in", "File name"), the
calendar, the context menus of text fields ("Undo", "Select All").

Qt ships them as qtbase_de.qm, qtbase_fr.qm; without them a German window opened an
English file dialog beside German buttons. Our own dialog-button texts (gui.window_fit,
with their Alt letters) stay on top of Qt's: a translator installed later is asked first.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QTranslator

from lic_desktop.gui import window_fit

_loaded: list[QTranslator] = []  # the one installed now, kept alive


def use_qt_words(language: str) -> bool:
    """Install Qt's translations for `language` ("de_DE"); False when Qt has none (en)."""
    app = QCoreApplication.instance()
    if app is None:
        return False
    for old in _loaded:
        app.removeTranslator(old)
    _loaded.clear()
    translator = QTranslator(app)
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    found = translator.load(f"qtbase_{language}", folder) and app.installTranslator(translator)
    if found:
        _loaded.append(translator)
    window_fit.keep_button_texts_first()
    return found
