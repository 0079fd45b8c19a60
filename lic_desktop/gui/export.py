"""The quote document on paper: a PDF through Qt's own PDF writer, or a printer."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from PySide6.QtCore import QBuffer, QIODevice, QMarginsF, QSizeF
from PySide6.QtGui import (
    QGuiApplication,
    QPagedPaintDevice,
    QPageLayout,
    QPageSize,
    QPdfWriter,
    QTextDocument,
)

from lic_desktop import __version__, atomic_write
from lic_desktop.l10n import _


def ensure_gui_application() -> QGuiApplication:
    """Text layout needs a QGuiApplication; without a screen, draw offscreen."""
    app = QGuiApplication.instance()
    if isinstance(app, QGuiApplication):
        return app
    if not any(os.environ.get(v) for v in ("QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY")) \
            and sys.platform.startswith("linux"):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    return QGuiApplication(sys.argv[:1])


def print_document(html: str, printer: QPagedPaintDevice) -> None:
    document(html).print_(printer)


def document(html: str) -> QTextDocument:
    doc = QTextDocument()
    doc.setHtml(html)
    return doc


def write_pdf(path: Path, html: str, title: str = "License change quote") -> None:
    """Write the document as a one-page A4 PDF through atomic_write: a failed export
    never leaves half a PDF under the user's name, nor a temporary file beside it. The
    file is opened first, so a folder that cannot be written is said before any work."""
    with atomic_write.open_binary(path) as handle:
        data = pdf_bytes(html, title)
        if not data:
            raise atomic_write.WriteError(None, _("cannot write {path}: {reason}").format(
                path=path, reason=_("the PDF came out empty")))
        handle.write(data)


def pdf_bytes(html: str, title: str = "License change quote") -> bytes:
    """The document as a one-page A4 PDF, made in memory."""
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setTitle(title)
    writer.setCreator(f"lic-desktop {__version__}")
    writer.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.A4),
                                     QPageLayout.Orientation.Portrait,
                                     QMarginsF(15, 15, 15, 15), QPageLayout.Unit.Millimeter))
    writer.setResolution(300)
    doc = document(html)
    # Lay the text out on the printable area in 96-dpi pixels, the unit QTextDocument
    # scales from, so that 10 pt text prints at 10 pt.
    rect = writer.pageLayout().paintRect(QPageLayout.Unit.Point)
    doc.setPageSize(QSizeF(rect.width() * 96 / 72, rect.height() * 96 / 72))
    doc.print_(writer)
    del writer  # finishes the PDF into the buffer
    return bytes(buffer.data().data())
