"""Our price beside the store's own (UpgradeProduct, calconly), with why they differ."""

from __future__ import annotations

from decimal import Decimal

from lic_desktop.core.money import Money
from lic_desktop.core.quote import Quote
from lic_desktop.l10n import Formatter


def comparison(quote: Quote, store_price: Decimal, counted: str, fmt: Formatter) -> list[str]:
    ours = quote.order.due_now - quote.order.account_credit
    theirs = Money(store_price, ours.currency)
    billing = quote.current_billing
    days = (f"{billing.days_remaining} of {billing.days_total} days left"
            if billing.days_total is not None else "an owned license")
    lines = [f"lic-desktop: {fmt.money(ours)} ({quote.policy} policy; {days})",
             f"store:       {fmt.money(theirs)}" + (f" ({counted})" if counted else "")]
    if ours == theirs:
        lines.append("The store agrees to the cent.")
        return lines
    gap = abs(ours - theirs)
    if quote.policy == "reset":
        reason = ("the store prorates the price difference up to its renewal date (WHMCS's "
                  "method), while this vendor's reset policy starts a new period at the "
                  "change and deducts what is left of the old one, so the two measure "
                  "different things")
    else:
        reason = ("both prorate the price difference, but over different day counts or "
                  "prices: the store counts calendar days to its renewal from today and "
                  "its own recurring amount; lic-desktop counts whole days from the "
                  "period start at the change moment and the catalog's prices")
    lines.append(f"They differ by {fmt.money(gap)}: {reason}.")
    return lines
