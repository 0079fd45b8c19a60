"""Steps every policy shares: the kind of change, and the license's current billing."""

from __future__ import annotations

from datetime import datetime

from lic_desktop.core.catalog import Catalog
from lic_desktop.core.money import Money
from lic_desktop.core.quote import Billing, ChangeKind, ChangeRequest, License


def current_billing(lic: License, at: datetime) -> Billing:
    """The license's "Current billing" pane at the change moment."""
    period = lic.period
    if period is None:
        return Billing.owned(lic.amount_paid, lic.start)
    return Billing.at(lic.amount_paid, period, at, lic.catalog.digits)


def leased_kind(lic: License, req: ChangeRequest) -> ChangeKind:
    """Upgrade or downgrade by the plans' monthly list price; else a cycle change or none."""
    return change_kind(lic.catalog, lic.plan, lic.quantity, lic.cycle, to_plan=req.plan,
                       to_quantity=req.quantity, to_cycle=req.cycle)


def change_kind(cat: Catalog, plan: str, quantity: int, cycle: str, *, to_plan: str,
                to_quantity: int, to_cycle: str) -> ChangeKind:
    """leased_kind from the plain fields (the book prices many server counts of one change).

    Prices compare in the current cycle when both plans are sold in it, else in the new
    one. A different plan at the same price counts as an upgrade: it applies at once.
    """
    if (to_plan, to_quantity) == (plan, quantity):
        return ChangeKind.NONE if to_cycle == cycle else ChangeKind.CYCLE_CHANGE
    both_now = cat.sells(to_plan, cycle)
    old = cat.monthly_list_price(plan, quantity, cycle)
    new = cat.monthly_list_price(to_plan, to_quantity, cycle if both_now else to_cycle)
    return ChangeKind.DOWNGRADE if new < old else ChangeKind.UPGRADE


def zero(lic: License) -> Money:
    return Money.zero(lic.catalog.currency)
