"""Our price beside the store's own (UpgradeProduct, calconly), with why they differ."""

from __future__ import annotations

from lic_desktop.core.money import Money
from lic_desktop.core.quote import Quote
from lic_desktop.l10n import Formatter, _
from lic_desktop.present.catalog_text import policy_name
from lic_desktop.store.upgrade_answer import UpgradeAnswer


def comparison(quote: Quote, answer: UpgradeAnswer, fmt: Formatter) -> list[str]:
    """Our figure, the store's (with the products and days it counted), and whether they
    agree; when the store has an upgrade in progress, or its answer no price, it says so
    and compares nothing."""
    ours = quote.order.due_now - quote.order.account_credit
    billing = quote.current_billing
    days = (_("{left} of {total} days left").format(left=billing.days_remaining,
                                                     total=billing.days_total)
            if billing.days_total is not None else _("an owned license"))
    lines = [_("lic-desktop: {amount} ({policy} policy; {days})").format(
        amount=fmt.money(ours), policy=policy_name(quote.policy), days=days)]
    if answer.in_progress:
        lines.append(_("store:       {amount}").format(amount=_(
            "the store has an upgrade of this license in progress (an unpaid upgrade "
            "order): WHMCS refuses another change until it is paid")))
        return lines
    if answer.price is None:
        said = (_("the store's answer has no price to compare with (WHMCS documents none "
                  "for a configurable-option upgrade)") if answer.kind == "configoptions"
                else _("the store's answer has no price to compare with"))
        lines.append(_("store:       {amount}").format(amount=said))
        return lines
    theirs = Money(answer.price, ours.currency)
    counted = counted_text(answer)
    lines.append(_("store:       {amount}").format(amount=fmt.money(theirs))
                 + (f" ({counted})" if counted else ""))
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


def counted_text(answer: UpgradeAnswer) -> str:
    """What the store counted, as its answer gives it: "LiteSpeed Web Server 1-CPU →
    LiteSpeed Web Server 2-CPU; 15 of 30 days until the renewal", "10 → 16 servers"."""
    parts = [answer.counted] if answer.counted else []
    if answer.old_name and answer.new_name:
        parts.append(f"{answer.old_name} → {answer.new_name}")
    if answer.days is not None and answer.total_days:
        parts.append(_("{days} of {total} days until the renewal").format(
            days=answer.days, total=answer.total_days))
    return "; ".join(parts)
