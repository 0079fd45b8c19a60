"""Our price beside the store's own (UpgradeProduct, calconly), with why they differ."""

from __future__ import annotations

from decimal import Decimal

from lic_desktop.core.money import Money
from lic_desktop.core.quote import Quote
from lic_desktop.l10n import Formatter, _
from lic_desktop.present.catalog_text import policy_name


def comparison(quote: Quote, store_price: Decimal, counted: str, fmt: Formatter) -> list[str]:
    ours = quote.order.due_now - quote.order.account_credit
    theirs = Money(store_price, ours.currency)
    billing = quote.current_billing
    days = (_("{left} of {total} days left").format(left=billing.days_remaining,
                                                     total=billing.days_total)
            if billing.days_total is not None else _("an owned license"))
    lines = [_("lic-desktop: {amount} ({policy} policy; {days})").format(
        amount=fmt.money(ours), policy=policy_name(quote.policy), days=days),
        _("store:       {amount}").format(amount=fmt.money(theirs))
        + (f" ({counted})" if counted else "")]
    if ours == theirs:
        lines.append(_("The store agrees to the cent."))
        return lines
    gap = abs(ours - theirs)
    if quote.policy == "reset":
        reason = _("the store prorates the price difference up to its renewal date "
                   "(WHMCS's method), while this vendor's reset policy starts a new period "
                   "at the change and deducts what is left of the old one, so the two "
                   "measure different things")
    else:
        reason = _("both prorate the price difference, but over different day counts or "
                   "prices: the store counts calendar days to its renewal from today and "
                   "its own recurring amount; lic-desktop counts whole days from the "
                   "period start at the change moment and the catalog's prices")
    lines.append(_("They differ by {amount}: {reason}.").format(amount=fmt.money(gap),
                                                                reason=reason))
    return lines
