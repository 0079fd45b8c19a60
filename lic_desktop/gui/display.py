"""Is there a screen for the window? One line on stderr and exit 2 instead of Qt's abort.

Qt's xcb plugin with no X server (or without its system libraries) calls qFatal, which
aborts with a core dump after three lines about "xcb-cursor0" that mislead when the
real cause is that no display is set. So the missing display is found before the
QApplication is built, and whatever else still stops the platform plugin is caught at
Qt's fatal message, reported the same way.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Mapping
from typing import TypeVar

from PySide6.QtCore import (
    QMessageLogContext,
    QtMsgType,
    qFormatLogMessage,
    qInstallMessageHandler,
)

EXIT_NO_DISPLAY = 2
OFFSCREEN = ("to render the window without a screen, run "
             "QT_QPA_PLATFORM=offscreen lic-desktop --screenshot window.png")

App = TypeVar("App")


class NoDisplayError(Exception):
    """No screen to open the window on; the message is the line the CLI prints."""


def missing_display(environ: Mapping[str, str], platform: str = sys.platform) -> str | None:
    """What is missing when Qt would open an X11 (or Wayland) window with no display to
    open it on, else None: another platform plugin (offscreen, vnc ...) is Qt's to judge."""
    if platform in ("win32", "darwin"):
        return None
    asked = [entry.split(":")[0].strip()
             for entry in environ.get("QT_QPA_PLATFORM", "").split(";") if entry.strip()]
    if any(name != "xcb" for name in asked):
        return None
    if environ.get("DISPLAY"):
        return None
    if asked:  # xcb asked for by name: a Wayland display does not help
        return ("no X display to open the window on (QT_QPA_PLATFORM=xcb, DISPLAY is not "
                f"set); {OFFSCREEN}")
    if environ.get("WAYLAND_DISPLAY"):
        return None
    return ("no display to open the window on (DISPLAY and WAYLAND_DISPLAY are not set); "
            f"{OFFSCREEN}")


def check_display() -> None:
    """Raise NoDisplayError before a QApplication is built that would abort."""
    problem = missing_display(os.environ)
    if problem:
        raise NoDisplayError(problem)


def start_qt(build: Callable[[], App]) -> App:
    """`build()` (the QApplication), with Qt's fatal "no platform plugin could be
    initialized" turned into one line on stderr and exit 2 instead of a core dump.

    Qt's messages while it starts are held back and printed after, as Qt would print
    them; if it fails, the platform plugin's own messages become that line's reason."""
    held: list[str] = []
    reasons: list[str] = []

    def on_message(kind: QtMsgType, context: QMessageLogContext, message: str) -> None:
        if kind == QtMsgType.QtFatalMsg:
            print(f"lic-desktop: {platform_failure(reasons)}", file=sys.stderr, flush=True)
            os._exit(EXIT_NO_DISPLAY)  # Qt aborts as soon as this handler returns
        held.append(qFormatLogMessage(kind, context, message))
        if (context.category or "").startswith("qt.qpa"):
            reasons.append(message.strip().rstrip("."))

    previous = qInstallMessageHandler(on_message)
    try:
        app = build()
    finally:
        qInstallMessageHandler(previous)
    for line in held:
        print(line, file=sys.stderr)
    return app


def platform_failure(reasons: list[str]) -> str:
    why = f" ({'; '.join(reasons)})" if reasons else ""
    return (f"cannot open the window: Qt's platform plugin did not start{why}; check "
            f"DISPLAY and the system libraries the README names, or {OFFSCREEN}")
