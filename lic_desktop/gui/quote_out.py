"""The quote leaving the window: the clipboard (text and HTML), a PDF, a printer."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QByteArray, QMimeData
from PySide6.QtGui import QGuiApplication
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from lic_desktop.atomic_write import WriteError
from lic_desktop.gui.export import print_document, write_pdf
from lic_desktop.l10n import _
from lic_desktop.present.editor import QuoteEditor

QUOTE_MIME_TYPE = "application/x-lic-desktop-quote"  # marks clipboard data as ours


def copy_quote(editor: QuoteEditor) -> bool:
    """Plain text exactly as `quote --format text`, plus HTML for rich paste."""
    text, html = editor.quote_text(), editor.quote_html()
    if text is None or html is None:
        return False
    data = QMimeData()
    data.setText(text)
    data.setHtml(html)
    data.setData(QUOTE_MIME_TYPE, QByteArray(b"1"))
    QGuiApplication.clipboard().setMimeData(data)
    return True


def export_pdf(parent: QWidget, editor: QuoteEditor) -> str | None:
    """Ask where, write the quote document; the file's name, or None."""
    html = editor.quote_document(datetime.now())
    if html is None:
        return None
    suggested = editor.path.with_suffix(".pdf").name if editor.path else "quote.pdf"
    name, _kind = QFileDialog.getSaveFileName(parent, _("Export quote"), suggested,
                                              _("PDF files (*.pdf)"))
    if not name:
        return None
    try:
        write_pdf(Path(name), html)
    except WriteError as exc:  # it names the file, why, and whether the old one stays
        text = str(exc)
        QMessageBox.warning(parent, _("Export quote"), f"{text[:1].upper()}{text[1:]}.")
        return None
    return name


def print_quote(parent: QWidget, editor: QuoteEditor) -> None:
    html = editor.quote_document(datetime.now())
    if html is None:
        return
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    dialog = QPrintDialog(printer, parent)
    if dialog.exec() == QPrintDialog.DialogCode.Accepted:
        print_document(html, printer)
