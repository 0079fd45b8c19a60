"""The quote document on paper: a PDF through Qt's own PDF writer, or a printer.

The presenter (present/quote_document.py) writes the document; this module only lays it
out on pages of the chosen paper (A4 or US Letter) with margins, measures whether the two
billing panes fit side by side (else stacks them: no label or value is ever wrapped),
and draws each page's footer (the quote number, "Made with lic-desktop X.Y.Z", the page
number). The text stays text (selectable) in fonts Qt embeds.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QBuffer, QIODevice, QMarginsF, QRectF, QSizeF, Qt, QUrl
from PySide6.QtGui import (
    QFont,
    QFontMetricsF,
    QGuiApplication,
    QImage,
    QImageReader,
    QPagedPaintDevice,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QTextDocument,
)

from lic_desktop import __version__, atomic_write
from lic_desktop.l10n import _

PAGE_SIZES = {"a4": QPageSize.PageSizeId.A4, "letter": QPageSize.PageSizeId.Letter}
MARGINS_MM = QMarginsF(15, 15, 15, 15)
LAYOUT_DPI = 96  # QTextDocument lays out in 96-dpi pixels: 10 pt prints at 10 pt
FOOTER_PT = 8


@dataclass(frozen=True, slots=True)
class Paper:
    """What the page says beside the document: its size, footer and metadata."""

    size: str = "a4"  # "a4" or "letter"
    title: str = "License change quote"
    author: str = "lic-desktop"
    footer_left: str = ""  # the quote number
    made_with: str = f"Made with lic-desktop {__version__}"


# The document in a layout of its panes (quote_document's "side", "pair", "stack") and
# a font size of the panes, in points.
Builder = Callable[[str, float], str]
# Tried in turn: the first whose widest line fits the page is printed.
LAYOUTS = (("side", 9.0), ("pair", 9.0), ("side", 8.0), ("pair", 8.0), ("stack", 9.0))


def ensure_gui_application() -> QGuiApplication:
    """Text layout needs a QGuiApplication; without a screen, draw offscreen."""
    app = QGuiApplication.instance()
    if isinstance(app, QGuiApplication):
        return app
    if not any(os.environ.get(v) for v in ("QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY")) \
            and sys.platform.startswith("linux"):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    return QGuiApplication(sys.argv[:1])


def _as_builder(html: str | Builder) -> Builder:
    return html if callable(html) else (lambda _layout, _size: html)


def document(html: str, width: float | None = None) -> QTextDocument:
    """The HTML as a QTextDocument (`width` in layout pixels), its logo loaded."""
    doc = QTextDocument()
    doc.setDocumentMargin(0)
    doc.setDefaultFont(QFont("DejaVu Sans", 10))
    if width is not None:
        doc.setTextWidth(width)
    for url, image in _logos.items():
        if url in html:
            doc.addResource(QTextDocument.ResourceType.ImageResource, QUrl(url), image)
    doc.setHtml(html)
    return doc


def fitted(html: str | Builder, width: float) -> QTextDocument:
    """The document in the first layout whose widest line fits `width`: the columns are
    sized from the text, and a text never wraps inside a label or a value."""
    build = _as_builder(html)
    for layout, size in LAYOUTS:
        doc = document(build(layout, size), width)
        if doc.idealWidth() <= width + 0.5:
            break
    return doc


def print_document(html: str | Builder, printer: QPagedPaintDevice,
                   paper: Paper | None = None) -> None:
    """On the printer's paper, as chosen in its dialog; the footer as in the PDF."""
    rect = printer.pageLayout().paintRect(QPageLayout.Unit.Point)
    _paint(fitted(html, rect.width() * LAYOUT_DPI / 72), printer, paper or Paper())


def write_pdf(path: Path, html: str | Builder, paper: Paper | None = None) -> None:
    """Write the document as a PDF through atomic_write: a failed export never leaves
    half a PDF under the user's name, nor a temporary file beside it. The file is opened
    first, so a folder that cannot be written is said before any work."""
    with atomic_write.open_binary(path) as handle:
        data = pdf_bytes(html, paper or Paper())
        if not data:
            raise atomic_write.WriteError(None, _("cannot write {path}: {reason}").format(
                path=path, reason=_("the PDF came out empty")))
        handle.write(data)


def pdf_bytes(html: str | Builder, paper: Paper | None = None) -> bytes:
    """The document as a PDF on A4 or Letter, made in memory."""
    paper = paper or Paper()
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setTitle(paper.title)
    writer.setAuthor(paper.author)
    writer.setCreator(f"lic-desktop {__version__}")
    writer.setPageLayout(QPageLayout(QPageSize(PAGE_SIZES.get(paper.size, PAGE_SIZES["a4"])),
                                     QPageLayout.Orientation.Portrait, MARGINS_MM,
                                     QPageLayout.Unit.Millimeter))
    writer.setResolution(300)
    rect = writer.pageLayout().paintRect(QPageLayout.Unit.Point)
    _paint(fitted(html, rect.width() * LAYOUT_DPI / 72), writer, paper)
    del writer  # finishes the PDF into the buffer
    return bytes(buffer.data().data())


def _paint(doc: QTextDocument, device: QPagedPaintDevice, paper: Paper) -> None:
    """Every page of `doc` with its footer; a table row is never cut between pages."""
    rect = device.pageLayout().paintRect(QPageLayout.Unit.Point)
    scale = device.logicalDpiY() / LAYOUT_DPI
    footer_font = QFont("DejaVu Sans")
    footer_font.setPointSizeF(FOOTER_PT)
    painter = QPainter(device)
    painter.setFont(footer_font)
    footer_h = QFontMetricsF(footer_font, device).height() * 2  # a line and a gap
    width = rect.width() * LAYOUT_DPI / 72
    height = rect.height() * device.logicalDpiY() / 72
    page_h = (height - footer_h) / scale
    doc.setPageSize(QSizeF(width, page_h))
    pages = max(1, doc.pageCount())
    for page in range(pages):
        if page:
            device.newPage()
        painter.save()
        painter.scale(scale, scale)
        painter.translate(0, -page * page_h)
        doc.drawContents(painter, QRectF(0, page * page_h, width, page_h))
        painter.restore()
        foot = QRectF(0, height - footer_h / 2, width * scale, footer_h / 2)
        painter.setPen(Qt.GlobalColor.darkGray)
        painter.drawText(foot, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom,
                         paper.footer_left)
        painter.drawText(foot, Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignBottom,
                         paper.made_with)
        painter.drawText(foot, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignBottom,
                         _("Page {page} of {pages}").format(page=page + 1, pages=pages))
    painter.end()


LOGO_PIXELS_HIGH = 600  # an SVG logo drawn this high: sharp at 56 px on paper, ~1000 dpi
_logos: dict[str, QImage] = {}  # the logo images by the address the document gives them


def logo_url(path: str) -> str:
    """The address the document gives a logo file, its image loaded once (an SVG drawn
    large enough to print sharp); "" when there is none or it does not load."""
    if not path:
        return ""
    reader = QImageReader(path)
    if path.lower().endswith(".svg") and reader.size().height() > 0:
        size = reader.size()
        reader.setScaledSize(size * (LOGO_PIXELS_HIGH / size.height()))
    image = reader.read()
    if image.isNull():
        return ""
    url = QUrl.fromLocalFile(path).toString()
    _logos[url] = image
    return url
