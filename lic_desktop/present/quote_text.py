"""The quote as plain text, exactly as the portal's panes read (`quote --format text`)."""

from __future__ import annotations

from lic_desktop.core.quote import Quote
from lic_desktop.l10n import Formatter, _
from lic_desktop.present import catalog_words as words
from lic_desktop.present.panes import quote_panes


def quote_text(quote: Quote, fmt: Formatter | None = None) -> str:
    """The three panes, a blank line between them, tab between label and value.

    A blocked quote says so first; other notes follow the panes.
    """
    fmt = fmt or Formatter()
    before, order, after = quote_panes(quote, fmt)
    blocking = [n.text for n in order.notices if n.blocking]
    notes = [n.text for n in order.notices if not n.blocking]
    # A pane with no rows says why ("No order: ...", "(no change)").
    parts = [*blocking, before.text(), order.text(), after.text()]
    if notes:
        parts.append(_("Notes") + "\n" + "\n".join(notes))
    if quote.catalog.note:
        parts.append(_("Catalog: {title}. {note}").format(
            title=words.title(quote.catalog, fmt), note=words.note(quote.catalog, fmt)))
    return "\n\n".join(parts) + "\n"
