"""The quote document a salesperson sends (PDF, Print, and the HTML that Copy Quote puts
on the clipboard for an e-mail): the seller, the quote's number and validity, who it is
for and the license, what changes in one line, the totals, the portal's panes, the rules
applied in small print. One HTML text with inline styles only (an e-mail client keeps no
style sheet), which Qt's rich text lays out for the PDF; every piece of user or catalog
text is escaped. Qt-free."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from html import escape

from lic_desktop import __version__
from lic_desktop.core.quote import Quote
from lic_desktop.l10n import Formatter, _
from lic_desktop.present import catalog_words as words
from lic_desktop.present import quote_identity as ident
from lic_desktop.present.panes import Pane, headline, quote_panes
from lic_desktop.present.seller import DEFAULT_VALIDITY_DAYS, Seller

FONT = "font-family: 'DejaVu Sans', Arial, Helvetica, sans-serif"
BODY = f"{FONT}; font-size: 10pt; color: #111"
SMALL = "font-size: 8pt; color: #555"
MUTED = "color: #555"
NOWRAP = "white-space: nowrap"
CELL = f"{NOWRAP}; padding: 1px 10px 1px 0"
BLOCKED = "background-color: #fdecea; color: #611a15; font-weight: bold"


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


@dataclass(frozen=True, slots=True)
class DocumentInfo:
    """What the PDF's metadata and footer say."""

    title: str
    author: str
    number: str
    made_with: str


def document_info(quote: Quote, seller: Seller | None) -> DocumentInfo:
    number = ident.quote_number(quote)
    author = seller.name if seller is not None and seller.name else "lic-desktop"
    return DocumentInfo(_("Quote {number}").format(number=number), author, number,
                        _("Made with lic-desktop {version}").format(version=__version__))


def _p(text: str, style: str = "", tag: str = "p") -> str:
    return f"<{tag} style='margin: 0 0 4px 0; {style}'>{escape(text)}</{tag}>"


def _table(rows: list[tuple[str, str]], style: str = "") -> str:
    """Label and value rows, neither ever wrapped: the columns take the text's width."""
    cells = "".join(f"<tr><td style='{CELL}; {MUTED}'>{escape(k)}</td>"
                    f"<td style='{CELL}'>{escape(v)}</td></tr>" for k, v in rows)
    return f"<table cellspacing='0' cellpadding='1' style='{style}'>{cells}</table>"


def pane_block(pane: Pane, size: float = 9) -> str:
    title = _p(pane.title, "font-size: 11pt; font-weight: bold; margin-top: 8px", "p")
    if not pane.rows:
        return title + _p(pane.placeholder or _("(no change)"), MUTED)
    return title + _table([(r.label, r.value) for r in pane.rows], f"font-size: {size:g}pt")


def _header(seller: Seller | None, logo_src: str) -> str:
    if seller is None or not seller.given:
        return ""
    logo = f"<img src='{escape(logo_src)}' height='56' alt=''>" if logo_src else ""
    contact = [", ".join(seller.address),
               " · ".join(t for t in (seller.email, seller.phone, seller.website) if t)]
    if seller.vat_number:
        contact.append(_("VAT/company number: {number}").format(number=seller.vat_number))
    lines = "".join(_p(t, SMALL) for t in contact if t)
    name = _p(seller.name, "font-size: 13pt; font-weight: bold") if seller.name else ""
    return (f"<table width='100%' cellspacing='0' cellpadding='0' style='margin-bottom: 8px'>"
            f"<tr><td valign='top'>{name}{lines}</td>"
            f"<td valign='top' align='right'>{logo}</td></tr></table>")


def _fact_cells(label: str, value: str, span: int = 1, *, wrap: bool = False) -> str:
    """A label and its value; only a `wrap` value (the customer's name, as long as a
    company's can be) wraps, between words."""
    value_style = "padding: 1px 10px 1px 0" if wrap else CELL
    return (f"<td style='{CELL}; {MUTED}'>{escape(label)}</td>"
            f"<td colspan='{span}' style='{value_style}'>{escape(value)}</td>")


def _identity(quote: Quote, fmt: Formatter, issued: datetime, seller: Seller | None,
              *, stacked: bool, size: float) -> str:
    """Who it is for, on a line of its own; the quote's number and dates beside the
    license's facts."""
    lic, cat = quote.license, quote.catalog
    days = seller.validity_days if seller is not None else DEFAULT_VALIDITY_DAYS
    left = [(_("Quote number"), ident.quote_number(quote)),
            (_("Issue date"), fmt.date(issued)),
            (_("Valid until"), fmt.date(ident.valid_until(issued, days)))]
    right = [(_("Product"), f"{words.title(cat, fmt)} ({cat.name})"),
             (_("IP address"), lic.ip or "—")]
    if lic.secondary_ip:
        right.append((_("Secondary IP"), lic.secondary_ip))
    right += [(_("Current license"), ident.license_line(quote, fmt)),
              (_("Change moment"), fmt.created(quote.request.at))]
    rows = [_fact_cells(_("Quote for"), lic.customer or "—", 1 if stacked else 3, wrap=True)]
    if stacked:
        rows += [_fact_cells(*fact) for fact in left + right]
    else:
        blank = "<td></td><td></td>"
        for i in range(max(len(left), len(right))):
            rows.append((_fact_cells(*left[i]) if i < len(left) else blank)
                        + (_fact_cells(*right[i]) if i < len(right) else blank))
    body = "".join(f"<tr>{r}</tr>" for r in rows)
    return (f"<table cellspacing='0' cellpadding='1' style='margin-bottom: 6px; "
            f"font-size: {size:g}pt'>{body}</table>")


def _totals(quote: Quote, fmt: Formatter) -> str:
    rows = "".join(
        f"<tr><td style='{CELL}{'; font-weight: bold' if t.strong else ''}'>"
        f"{escape(t.label)}</td><td align='right' style='{NOWRAP}; padding: 2px 0"
        f"{'; font-weight: bold' if t.strong else ''}'>{escape(t.value)}</td></tr>"
        for t in ident.totals(quote, fmt))
    return (f"<table cellspacing='0' cellpadding='4' bgcolor='#f1f3f5' "
            f"style='background-color: #f1f3f5; margin: 6px 0 6px 0; font-size: 11pt'>"
            f"{rows}</table>")


LAYOUTS = ("side", "pair", "stack")


def _panes(quote: Quote, fmt: Formatter, layout: str, size: float) -> str:
    """The portal's panes. "side": the billing panes on the left and the order's beside
    them, as the portal shows them; "pair": the two billing panes side by side, the
    order's under them; "stack": one under the other."""
    before, order, after = quote_panes(quote, fmt)
    if layout == "stack":
        return pane_block(before, size) + pane_block(after, size) + pane_block(order, size)
    if layout == "pair":
        return (f"<table cellspacing='0' cellpadding='0'><tr><td valign='top' "
                f"style='padding-right: 18px'>{pane_block(before, size)}</td>"
                f"<td valign='top'>{pane_block(after, size)}</td></tr></table>"
                f"{pane_block(order, size)}")
    return (f"<table cellspacing='0' cellpadding='0'><tr><td valign='top' "
            f"style='padding-right: 18px'>{pane_block(before, size)}{pane_block(after, size)}"
            f"</td><td valign='top'>{pane_block(order, size)}</td></tr></table>")


def quote_document(quote: Quote, fmt: Formatter, created: datetime,
                   seller: Seller | None = None, *, layout: str = "side", size: float = 9,
                   logo_src: str | None = None, paged: bool = False) -> str:
    """The quote as a standalone HTML page, issued at `created`, from `seller` (None:
    no details given). `layout` places the panes (see _panes; the PDF writer takes the
    first that fits the page), `size` is the panes' and facts' font size in points.
    `logo_src` is the address the renderer gives the seller's logo (a file URL, a data
    URL), default its path. `paged`: on paper, whose footer says "Made with lic-desktop
    X.Y.Z" on every page; an e-mail says it once at the end."""
    _before, order, _after = quote_panes(quote, fmt)
    title, rules_heading = _("License change quote"), _("Rules applied")
    src = logo_src if logo_src is not None else (seller.logo if seller else "")
    blocked = ident.blocked_text(quote, fmt)
    top = (f"<table width='100%' cellpadding='6' cellspacing='0' bgcolor='#fdecea'>"
           f"<tr><td style='{BLOCKED}'>{escape(blocked)}</td></tr></table>") if blocked else ""
    # What blocks the change is said once, at the top.
    notices = "".join(_p(n.text, "font-weight: bold" if n.blocking else "")
                      for n in order.notices if not (blocked and n.blocking))
    terms = ""
    if seller is not None and seller.terms:
        terms = _p(_("Terms"), "font-weight: bold; margin-top: 8px") + "".join(
            _p(line) for line in seller.terms.splitlines() if line.strip())
    missing = "" if seller is not None and seller.given else _p(
        _("No seller details are set: add them in Edit → Seller details… (or give "
          "--seller FILE on the command line) so that the customer sees who sends this "
          "quote."), SMALL)
    rules = "".join(_p(r, SMALL) for r in rules_text(quote))
    note = _p(words.note(quote.catalog, fmt), SMALL) if quote.catalog.note else ""
    made_with = "" if paged else _p(document_info(quote, seller).made_with, SMALL)
    return (
        f"<html><head><meta charset='utf-8'><title>{escape(title)}</title></head>"
        f"<body style=\"{BODY}\"><div style=\"{BODY}\">"
        f"{_header(seller, src)}{top}"
        f"{_p(title, 'font-size: 16pt; font-weight: bold; margin: 4px 0 6px 0', 'p')}"
        f"{_identity(quote, fmt, created, seller, stacked=layout == 'stack', size=size)}"
        f"{_p(ident.change_line(quote, fmt), 'font-size: 12pt; font-weight: bold')}"
        f"{_p(headline(quote, fmt))}{_totals(quote, fmt)}{notices}"
        f"{_panes(quote, fmt, layout, size)}{terms}"
        f"{_p(rules_heading, 'font-size: 9pt; font-weight: bold; margin-top: 10px')}"
        f"{rules}{note}{missing}{made_with}"
        "</div></body></html>")
