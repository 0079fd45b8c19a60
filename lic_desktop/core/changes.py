"""Steps every policy shares: the kind of change, and the license's current billing."""

from __future__ import annotations

from datetime import datetime

from lic_desktop.core.money import Money
from lic_desktop.core.quote import Billing, ChangeKind, ChangeRequest, License


def current_billing(lic: License, at: datetime) -> Billing:
    """The license's "Current billing" pane at the change moment."""
    period = lic.period
    if period is None:
        return Billing.owned(lic.amount_paid, lic.start)
    return Billing.at(lic.amount_paid, period, at, lic.catalog.digits)


def leased_kind(lic: License, req: ChangeRequest) -> ChangeKind:
    """Upgrade or downgrade by the plans' monthly list price; else a cycle change or none.

    Prices compare in the current cycle when both plans are sold in it, else in the new
    one. A different plan at the same price counts as an upgrade: it applies at once.
    """
    cat = lic.catalog
    if (req.plan, req.quantity) == (lic.plan, lic.quantity):
        return ChangeKind.NONE if req.cycle == lic.cycle else ChangeKind.CYCLE_CHANGE
    both_now = cat.sells(req.plan, lic.cycle)
    old = cat.monthly_list_price(lic.plan, lic.quantity, lic.cycle)
    new_cycle = lic.cycle if both_now else req.cycle
    new = cat.monthly_list_price(req.plan, req.quantity, new_cycle)
    return ChangeKind.DOWNGRADE if new < old else ChangeKind.UPGRADE


def zero(lic: License) -> Money:
    return Money.zero(lic.catalog.currency)
