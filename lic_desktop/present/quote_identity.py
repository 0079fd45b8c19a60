"""What makes a quote a document one can send: its number, dates, the change in one line,
the totals and the paper it is printed on. Qt-free.

The quote number is "Q-" + the change moment's date (YYYYMMDD) + "-" + the first 8
hex digits (upper case) of a SHA-1 digest of the quote's inputs: the order ID (itself a
digest of the license, its price, the change and the IP) with the customer, the unpaid
invoice and the secondary IP. The same inputs give the same number on any machine, on
any day and in any language; any other input gives another number.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime, timedelta

from lic_desktop.core.quote import Quote, Reason
from lic_desktop.l10n import Formatter, _
from lic_desktop.present import catalog_words as words

PAPERS = ("a4", "letter")
# Where US Letter is the usual paper (CLDR's paperSize "US-Letter" territories).
LETTER_TERRITORIES = frozenset({"US", "CA", "MX", "PR", "PH", "CL", "CO", "VE", "GT", "CR",
                                "PA", "SV", "NI", "DO", "BZ"})


def paper_for_locale(locale: str) -> str:
    """"letter" for en_US (and the other Letter countries), "a4" elsewhere."""
    parts = locale.replace("-", "_").split("_")
    return "letter" if len(parts) > 1 and parts[1].upper() in LETTER_TERRITORIES else "a4"


def quote_number(quote: Quote) -> str:
    lic = quote.license
    parts = (quote.order_id, lic.customer, str(lic.unpaid.amount.normalize()),
             lic.unpaid.currency, lic.secondary_ip)
    digest = hashlib.sha1(repr(parts).encode(), usedforsecurity=False).hexdigest()
    return f"Q-{quote.request.at:%Y%m%d}-{digest[:8].upper()}"


def valid_until(issued: datetime, days: int) -> datetime:
    return issued + timedelta(days=days)


def cycle_word(quote: Quote, cycle: str) -> str:
    """A billing cycle in a sentence: "monthly", "yearly", "owned"."""
    found = quote.catalog.cycles[cycle]
    if found.perpetual:
        return _("owned")
    return {1: _("monthly"), 3: _("quarterly"), 6: _("half-yearly"),
            12: _("yearly")}.get(found.months) or \
        _("every {months} months").format(months=found.months)


def _what(quote: Quote, fmt: Formatter, plan: str, quantity: int) -> str:
    cat = quote.catalog
    if cat.plans[plan].per_unit:
        return f"{quantity} {words.units(cat, fmt)}"
    return words.plan_label(cat, plan, fmt)


def change_line(quote: Quote, fmt: Formatter) -> str:
    """What changes in one line: "10 → 16 servers, monthly, from Nov 16, 2022"."""
    if Reason.NOTHING_CHANGES in quote.reasons:
        return _("Nothing changes: the new plan and billing cycle are the current ones.")
    return _("{what}, {cycle}, from {date}").format(
        what=_change(quote, fmt), cycle=_cycles(quote), date=fmt.date(quote.order.effective))


def change_what(quote: Quote, fmt: Formatter) -> str:
    """What changes, without when: "10 → 16 servers, monthly"."""
    return f"{_change(quote, fmt)}, {_cycles(quote)}"


def _cycles(quote: Quote) -> str:
    lic, req = quote.license, quote.request
    return cycle_word(quote, req.cycle) if lic.cycle == req.cycle else \
        f"{cycle_word(quote, lic.cycle)} → {cycle_word(quote, req.cycle)}"


def _change(quote: Quote, fmt: Formatter) -> str:
    lic, req, cat = quote.license, quote.request, quote.catalog
    if lic.plan == req.plan and cat.plans[req.plan].per_unit:
        what = f"{lic.quantity} → {req.quantity} {words.units(cat, fmt)}"
    elif (lic.plan, lic.quantity) == (req.plan, req.quantity):
        what = _what(quote, fmt, req.plan, req.quantity)
    else:
        what = f"{_what(quote, fmt, lic.plan, lic.quantity)} → " \
               f"{_what(quote, fmt, req.plan, req.quantity)}"
    return what


def license_line(quote: Quote, fmt: Formatter) -> str:
    """The license as it stands: "10 servers, monthly" or "1-CPU, owned"."""
    lic = quote.license
    return f"{_what(quote, fmt, lic.plan, lic.quantity)}, {cycle_word(quote, lic.cycle)}"


@dataclass(frozen=True, slots=True)
class Total:
    label: str
    value: str
    strong: bool = False  # the line to sign off: the total due


def totals(quote: Quote, fmt: Formatter) -> tuple[Total, ...]:
    """Due now, account credit, the unpaid invoice and the total due, the next invoice."""
    order, lic = quote.order, quote.license
    rows = [Total(_("Due now for the change"), fmt.money(order.due_now))]
    if order.account_credit:
        rows.append(Total(_("Account credit"), fmt.money(order.account_credit)))
    if order.refund_estimate is not None:
        rows.append(Total(_("Refund estimate"), _("{amount} (subject to approval)").format(
            amount=fmt.money(order.refund_estimate))))
    if lic.unpaid:
        rows.append(Total(_("Unpaid invoice"), fmt.money(lic.unpaid)))
    rows.append(Total(_("Total due"), fmt.money(quote.total_due), strong=True))
    inv = quote.next_invoice
    if inv is not None:
        rows.append(Total(_("Next invoice"), _("{amount} on {date}").format(
            amount=fmt.money(inv.amount), date=fmt.date(inv.date))))
    return tuple(rows)


def blocked_text(quote: Quote, fmt: Formatter) -> str:
    """For a quote that cannot be ordered as it stands: why, and what must be paid first."""
    lic = quote.license
    if Reason.PENDING_INVOICE in quote.reasons:
        return _("This change cannot be ordered yet: the unpaid invoice of {unpaid} must be "
                 "paid first. Total due now: {total}.").format(
            unpaid=fmt.money(lic.unpaid), total=fmt.money(quote.total_due))
    if Reason.OWNED_DOWNGRADE_REFUSED in quote.reasons:
        return _("This change cannot be ordered: owned licenses can only be upgraded, and "
                 "{new} is cheaper than {old}.").format(
            new=words.plan_label(quote.catalog, quote.request.plan, fmt),
            old=words.plan_label(quote.catalog, lic.plan, fmt))
    return ""
