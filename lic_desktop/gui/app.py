"""Starting the window: `lic-desktop [gui] [--scenario FILE] [--screenshot PNG]`."""

from __future__ import annotations

import os
import sys
import tempfile
import traceback
from collections.abc import Callable
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QSettings
from PySide6.QtWidgets import QApplication, QMessageBox

from lic_desktop import __version__, atomic_write
from lic_desktop.catalogs import load_catalog
from lic_desktop.gui.display import check_display, start_qt
from lic_desktop.gui.gc_in_gui_thread import collect_on_gui_thread
from lic_desktop.gui.main_window import MainWindow
from lic_desktop.user_dirs import settings_file

SCREENSHOT_SIZE = (1280, 820)


def application() -> QApplication:
    """The one QApplication; NoDisplayError first when there is no screen for it."""
    app = QApplication.instance()
    if isinstance(app, QApplication):
        return app
    check_display()
    app = start_qt(lambda: QApplication(sys.argv[:1]))
    app.setOrganizationName("lic-desktop")
    app.setApplicationName("lic-desktop")
    app.setApplicationVersion(__version__)
    app.aboutToQuit.connect(_hand_clipboard_to_qt)
    collect_on_gui_thread(app)
    return app


def _hand_clipboard_to_qt() -> None:
    """Keep a copied quote's text after quitting, without PySide6 6.12's crash on exit.

    Qt deletes clipboard data that Python created when the application is destroyed,
    which segfaults; replacing it with text Qt itself owns avoids that.
    """
    from lic_desktop.gui.quote_out import QUOTE_MIME_TYPE  # noqa: PLC0415 - at quit only

    clipboard = QApplication.clipboard()
    data = clipboard.mimeData()
    if data is not None and data.hasFormat(QUOTE_MIME_TYPE):
        text = clipboard.text()
        clipboard.clear()
        clipboard.setText(text)


def self_test(import_commands: Callable[[], list[str]]) -> int:
    """Offscreen unless told otherwise: a self-test needs no screen. `import_commands`
    imports every command's module and names them (the command line's own loader)."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from lic_desktop.gui.selftest import run_self_test  # noqa: PLC0415

    return run_self_test(application(), import_commands)


def user_settings() -> QSettings:
    """The window's settings file; on the first start with it, what the versions before
    kept in Qt's own place (recent files, language, window size) is carried over."""
    path = settings_file()
    settings = QSettings(str(path), QSettings.Format.IniFormat)
    if not path.exists():
        old = QSettings(QSettings.Format.NativeFormat, QSettings.Scope.UserScope,
                        "lic-desktop", "lic-desktop")
        for key in old.allKeys():
            settings.setValue(key, old.value(key))
        settings.sync()
    return settings


def run_gui(scenario: str | None, screenshot: str | None, catalog: str | None = None,
            locale: str | None = None) -> int:
    """Open the window; with `screenshot`, render it to that PNG and exit instead.

    A bad catalog named on the command line raises CatalogError before any window opens
    (the CLI reports it and exits 2). A scenario file opens as File → Open… opens it: a
    bad value marked on its field; a file that is no scenario at all leaves the window on
    its defaults, saying why (with `screenshot`, on stderr, and the exit status is 2)."""
    app = application()
    if catalog:
        load_catalog(catalog)
    if screenshot:
        return _screenshot(app, Path(screenshot), scenario, catalog, locale)
    window = MainWindow(user_settings(), catalog=catalog, language=locale)
    sys.excepthook = _report_unexpected
    window.show()
    if scenario:
        window.open_path(Path(scenario))  # over the window: a refusal's dialog has a parent
    else:
        window.offer_recovery()
    return app.exec()


def _screenshot(app: QApplication, png: Path, scenario: str | None, catalog: str | None,
                locale: str | None) -> int:
    refusals: list[str] = []
    # Throwaway settings: a screenshot neither reads nor changes the user's own.
    with tempfile.TemporaryDirectory(prefix="lic-desktop-") as folder:
        settings = QSettings(str(Path(folder) / "settings.ini"), QSettings.Format.IniFormat)
        window = MainWindow(settings, catalog=catalog, language=locale)
        if scenario:
            window.open_path(Path(scenario), refused=refusals.append)
        if refusals:  # no dialog to wait for: the status bar says it in the picture
            window.statusBar().showMessage(refusals[0].split("\n\n")[0])
        window.resize(*SCREENSHOT_SIZE)
        window.show()
        app.processEvents()
        problem = save_png(window, png)
        window.editor.mark_saved(window.editor.path or png)  # nothing to ask on close
        window.close()
        settings.sync()
        del window, settings
    for message in refusals:
        print("lic-desktop: --scenario: " + one_line(message), file=sys.stderr)
    if problem:
        print(f"lic-desktop: --screenshot: {problem}", file=sys.stderr)
        return 2
    return 2 if refusals else 0


def save_png(window: MainWindow, png: Path) -> str:
    """The window's picture written through atomic_write; what went wrong, or ""."""
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    if not window.grab().save(buffer, "PNG"):
        return f"cannot write {png}: Qt made no PNG"
    try:
        atomic_write.write_bytes(png, bytes(data.data()))
    except atomic_write.WriteError as exc:
        return str(exc)
    return ""


def one_line(message: str) -> str:
    """A dialog's paragraphs as one line of sentences."""
    return " ".join(part if part.endswith((".", "…", ":")) else part + "."
                    for part in message.split("\n\n"))


def _report_unexpected(kind: type[BaseException], error: BaseException,
                       trace: TracebackType | None) -> None:
    """A bug must not take the user's work down: say what happened and carry on."""
    traceback.print_exception(kind, error, trace)
    QMessageBox.critical(None, "lic-desktop: unexpected error",
                         f"Something went wrong: {kind.__name__}: {error}\n\n"
                         "Your inputs are kept. Please report this with the details printed "
                         "on the terminal.")
