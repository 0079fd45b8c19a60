"""The quote as HTML for rich paste and the quote document. Every user text is escaped."""

from __future__ import annotations

from html import escape

from lic_desktop.core.quote import Quote
from lic_desktop.l10n import Formatter, _
from lic_desktop.present import catalog_words as words
from lic_desktop.present.panes import Pane, quote_panes

NOWRAP = " style='white-space: nowrap'"


def pane_html(pane: Pane) -> str:
    # Not inside the f-string: it would not be extracted.
    no_change = pane.placeholder or _("(no change)")
    # A value of one word (an order ID, an amount) never breaks across lines.
    rows = "".join(
        f"<tr><th align='left'>{escape(r.label)}</th>"
        f"<td{'' if ' ' in r.value else NOWRAP}>{escape(r.value)}</td></tr>"
        for r in pane.rows
    ) or f"<tr><td colspan='2'>{escape(no_change)}</td></tr>"
    return f"<h3>{escape(pane.title)}</h3><table cellspacing='0' cellpadding='3'>{rows}</table>"


def quote_html(quote: Quote, fmt: Formatter | None = None) -> str:
    fmt = fmt or Formatter()
    before, order, after = quote_panes(quote, fmt)
    notices = "".join(
        f"<p><b>{escape(n.text)}</b></p>" if n.blocking else f"<p>{escape(n.text)}</p>"
        for n in order.notices
    )
    title = escape(_("{title}: license change quote").format(
        title=words.title(quote.catalog, fmt)))
    body = "".join(pane_html(p) for p in (before, order, after))
    return f"<html><body><h2>{title}</h2>{notices}{body}</body></html>"
