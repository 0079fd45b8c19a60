"""The quote leaving the window: the clipboard (text and HTML), a PDF, a printer."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QByteArray, QMimeData, QSettings
from PySide6.QtGui import QGuiApplication
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from lic_desktop.atomic_write import WriteError
from lic_desktop.gui.export import Builder, Paper, logo_url, print_document, write_pdf
from lic_desktop.gui.seller_settings import load_seller, paper_for
from lic_desktop.l10n import _
from lic_desktop.present.editor import QuoteEditor
from lic_desktop.present.quote_identity import paper_for_locale
from lic_desktop.present.seller import Seller

QUOTE_MIME_TYPE = "application/x-lic-desktop-quote"  # marks clipboard data as ours


def copy_quote(editor: QuoteEditor, settings: QSettings | None = None) -> bool:
    """Plain text exactly as `quote --format text`, plus the quote document as HTML for
    pasting into an e-mail (inline styles only, the logo inside it)."""
    seller = load_seller(settings) if settings is not None else None
    text, html = editor.quote_text(), editor.quote_html(seller)
    if text is None or html is None:
        return False
    data = QMimeData()
    data.setText(text)
    data.setHtml(html)
    data.setData(QUOTE_MIME_TYPE, QByteArray(b"1"))
    QGuiApplication.clipboard().setMimeData(data)
    return True


def _document(editor: QuoteEditor, seller: Seller | None) -> Builder | None:
    """The document for the PDF writer's layouts (see export.fitted), or None while
    the quote is stale."""
    created = datetime.now()
    if editor.quote_document(created, seller) is None:
        return None
    logo = logo_url(seller.logo) if seller is not None else ""

    def build(layout: str, size: float) -> str:
        return editor.quote_document(created, seller, layout=layout, size=size,
                                     logo_src=logo, paged=True) or ""
    return build


def _paper(editor: QuoteEditor, seller: Seller | None, settings: QSettings | None) -> Paper:
    size = paper_for(settings, editor.fmt.locale) if settings is not None \
        else paper_for_locale(editor.fmt.locale)
    info = editor.document_info(seller)
    if info is None:
        return Paper(size)
    return Paper(size, info.title, info.author, info.number, info.made_with)


def export_pdf(parent: QWidget, editor: QuoteEditor,
               settings: QSettings | None = None) -> str | None:
    """Ask where, write the quote document (with the seller's details and paper from
    the settings); the file's name, or None."""
    seller = load_seller(settings) if settings is not None else None
    build = _document(editor, seller)
    if build is None:
        return None
    suggested = editor.path.with_suffix(".pdf").name if editor.path else "quote.pdf"
    name, _kind = QFileDialog.getSaveFileName(parent, _("Export quote"), suggested,
                                              _("PDF files (*.pdf)"))
    if not name:
        return None
    try:
        write_pdf(Path(name), build, _paper(editor, seller, settings))
    except WriteError as exc:  # it names the file, why, and whether the old one stays
        text = str(exc)
        QMessageBox.warning(parent, _("Export quote"), f"{text[:1].upper()}{text[1:]}.")
        return None
    return name


def print_quote(parent: QWidget, editor: QuoteEditor, settings: QSettings | None = None) -> None:
    seller = load_seller(settings) if settings is not None else None
    build = _document(editor, seller)
    if build is None:
        return
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    dialog = QPrintDialog(printer, parent)
    if dialog.exec() == QPrintDialog.DialogCode.Accepted:
        print_document(build, printer, _paper(editor, seller, settings))
