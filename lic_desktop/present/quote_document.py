"""The one-page quote document (PDF and Print): panes, customer and IP, the date of the
quote, the catalog and the rules applied. HTML for QTextDocument; every piece of user or
catalog text is escaped. Qt-free."""

from __future__ import annotations

from datetime import datetime
from html import escape

from lic_desktop import __version__
from lic_desktop.core.quote import Quote
from lic_desktop.l10n import Formatter, _
from lic_desktop.present import catalog_words as words
from lic_desktop.present.panes import headline, quote_panes
from lic_desktop.present.quote_html import pane_html

STYLE = """
body { font-family: sans-serif; font-size: 10pt; }
h1 { font-size: 16pt; margin-bottom: 2pt; }
h3 { font-size: 11pt; margin: 10pt 0 3pt 0; }
th { text-align: left; font-weight: normal; color: #555; padding-right: 14pt; }
p.lead { font-size: 12pt; font-weight: bold; }
p.blocking { color: #8a1c1c; font-weight: bold; }
p.small { font-size: 8pt; color: #555; }
"""


def rules_text(quote: Quote) -> list[str]:
    """The rules this quote applied, in words."""
    cat = quote.catalog
    common = _("Days are counted in whole 24-hour days from the period start; a day that "
               "has begun counts as remaining. Amounts are rounded half-up to the cent "
               "(the currency's minor unit) once, where the rules say.")
    if cat.policy == "reset":
        return [
            _("Reset policy: the change starts a new billing period at the change moment; "
              "the amount remaining of the old period (amount paid × days remaining / days "
              "total) is deducted from the new period's price. Changing on the due date "
              "deducts nothing and avoids paying for overlapping days."), common]
    downgrade = (_("A downgrade takes effect at the end of the current period, with no "
                   "credit back.") if cat.downgrade == "end_of_cycle" else
                 _("A downgrade applies at once; the prorated price difference for the rest "
                   "of the period is credited to the account."))
    return [
        _("Difference policy: an upgrade charges the price difference for the days left in "
          "the current period and keeps the expiry; the new price is invoiced at the "
          "renewal. {downgrade} Owned licenses can only be upgraded, for the difference of "
          "the two owned prices; owned to leased goes through the license "
          "department.").format(downgrade=downgrade),
        common]


def quote_document(quote: Quote, fmt: Formatter, created: datetime) -> str:
    """The quote as a standalone HTML page, dated `created` (when it was made)."""
    lic, cat = quote.license, quote.catalog
    before, order, after = quote_panes(quote, fmt)
    facts = [(_("Quote for"), lic.customer or "—"), (_("IP address"), lic.ip or "—")]
    if lic.secondary_ip:
        facts.append((_("Secondary IP"), lic.secondary_ip))
    facts += [(_("Product"), f"{words.title(cat, fmt)} ({cat.name})"),
              (_("Quote date"), fmt.created(created)),
              (_("Change moment"), fmt.created(quote.request.at))]
    fact_rows = "".join(f"<tr><th>{escape(k)}</th><td>{escape(v)}</td></tr>" for k, v in facts)
    notices = "".join(
        f"<p class='{'blocking' if n.blocking else 'note'}'>{escape(n.text)}</p>"
        for n in order.notices)
    rules = "".join(f"<p class='small'>{escape(r)}</p>" for r in rules_text(quote))
    note = f"<p class='small'>{escape(words.note(cat, fmt))}</p>" if cat.note else ""
    made_with = _("Made with lic-desktop {version}.").format(version=__version__)
    # Worded outside the f-string: text inside one is never extracted for translation.
    title, rules_heading = _("License change quote"), _("Rules applied")
    return (
        f"<html><head><meta charset='utf-8'><style>{STYLE}</style></head><body>"
        f"<h1>{escape(title)}</h1><table>{fact_rows}</table>"
        f"<p class='lead'>{escape(headline(quote, fmt))}</p>{notices}"
        f"<table width='100%'><tr><td valign='top' width='44%'>{pane_html(before)}"
        f"{pane_html(after)}</td><td valign='top'>{pane_html(order)}</td></tr></table>"
        f"<h3>{escape(rules_heading)}</h3>{rules}{note}"
        f"<p class='small'>{escape(made_with)}</p>"
        "</body></html>")
