"""The difference policy (leased and owned web-server licenses, SPEC.md "difference").

A leased upgrade pays the prorated price difference now and keeps the expiry; a leased
downgrade or cycle change waits for the renewal (or, with downgrade = "immediate_credit",
credits the prorated difference at once). Owned licenses are bought outright.

The price differences are the catalog's (SPEC.md: "new period price - old period price",
"the difference of the two owned prices"); the amount paid only enters the owned ->
leased estimate ("owned price paid") and the current billing pane.
"""

from __future__ import annotations

from datetime import datetime

from lic_desktop.core.catalog import Catalog
from lic_desktop.core.changes import current_billing, leased_kind, zero
from lic_desktop.core.money import Money, max_money, prorate
from lic_desktop.core.periods import InputError, Period, months_begun
from lic_desktop.core.quote import (
    Billing,
    ChangeKind,
    ChangeRequest,
    Invoice,
    License,
    Order,
    Quote,
    Reason,
)
from lic_desktop.core.text import _, language


def quote_difference(lic: License, req: ChangeRequest) -> Quote:
    new_owned = lic.catalog.cycles[req.cycle].perpetual
    if lic.owned:
        return _owned_to_leased(lic, req) if not new_owned else _owned_change(lic, req)
    return _to_owned(lic, req) if new_owned else _leased_change(lic, req)


class _Builder:
    """Fills in an Order with zeros for everything a branch does not set."""

    def __init__(self, lic: License, req: ChangeRequest) -> None:
        self.lic, self.req = lic, req
        self.before = current_billing(lic, req.at)

    def order(self, type_: str, *, effective: datetime | None = None, amount: Money | None = None,
              grand_total: Money | None = None, deduction: Money | None = None,
              credit: Money | None = None, refund: Money | None = None,
              cycle: str | None = None) -> Order:
        nothing = zero(self.lic)
        total = grand_total or nothing
        deducted = deduction or nothing
        first_bill = max_money(total - deducted, nothing)
        return Order(
            type=type_, plan=self.req.plan, quantity=self.req.quantity,
            cycle=cycle or self.req.cycle,
            amount=amount or nothing, grand_total=total, deduction=deducted,
            first_bill_amount=first_bill, account_credit=credit or nothing, due_now=first_bill,
            effective=effective or self.req.at, created=self.req.at,
            refund_estimate=refund,
        )

    def quote(self, kind: ChangeKind, order: Order, after: Billing | None,
              invoice: Invoice | None, *, processes_plan: str | None = None,
              reasons: tuple[Reason, ...] = (), blocked: bool = False,
              new_serial: bool = False) -> Quote:
        plan = self.lic.catalog.plans[processes_plan or self.req.plan]
        processes = plan.cpus + 1 if plan.cpus is not None else None
        return Quote(self.lic, self.req, kind, self.before, order, after, invoice, processes,
                     reasons=reasons, blocked=blocked, new_serial=new_serial)


def applies_at_renewal(cat: Catalog, kind: ChangeKind) -> bool:
    """A leased change that waits for the period's end: a new cycle, or a downgrade where
    the catalog does not credit it at once."""
    return kind is ChangeKind.CYCLE_CHANGE or (
        kind is ChangeKind.DOWNGRADE and cat.downgrade != "immediate_credit")


def _leased_change(lic: License, req: ChangeRequest) -> Quote:
    cat, b = lic.catalog, _Builder(lic, req)
    kind = leased_kind(lic, req)
    period = lic.period
    assert period is not None
    next_price = cat.period_price(req.plan, req.quantity, req.cycle)
    if req.at > period.end:
        raise InputError("at", _("is after the period's end ({end}): the license has renewed "
                                 "since, so enter the current period's start")
                         .format(end=f"{period.end:%Y-%m-%d %H:%M}"))
    next_period = lic.next_period(cat.cycles[req.cycle].months)
    renewal = Invoice(period.end, next_price)
    if kind is ChangeKind.NONE:
        return b.quote(kind, b.order("none"), None, renewal, reasons=(Reason.NOTHING_CHANGES,))
    if kind is ChangeKind.CYCLE_CHANGE:
        after = Billing.at(next_price, next_period, next_period.start, cat.digits)
        order = b.order("cycle change", effective=period.end, amount=next_price)
        return b.quote(kind, order, after, renewal)

    # The plan changes now within the current cycle; a new cycle waits for the renewal.
    if not cat.sells(req.plan, lic.cycle):
        raise InputError("to_plan", _("{plan} is not sold {cycle}, so it cannot replace the "
                                      "current plan before the renewal")
                         .format(plan=cat.plans[req.plan].label_in(language()), cycle=lic.cycle))
    new_price = cat.period_price(req.plan, req.quantity, lic.cycle)
    old_price = cat.period_price(lic.plan, lic.quantity, lic.cycle)
    remaining = b.before.days_remaining or 0
    total = b.before.days_total or 1

    def prorated(amount: Money) -> Money:
        return prorate(amount, remaining, total, cat.digits)

    if kind is ChangeKind.UPGRADE:
        charge = prorated(max_money(new_price - old_price, zero(lic)))
        after = Billing.at(new_price, period, req.at, cat.digits)
        # The plan changes now in the current cycle; a new cycle starts at the renewal.
        order = b.order("upgrade", amount=new_price, grand_total=charge, cycle=lic.cycle)
        return b.quote(kind, order, after, renewal)

    if cat.downgrade == "immediate_credit":
        credit = prorated(max_money(old_price - new_price, zero(lic)))
        after = Billing.at(new_price, period, req.at, cat.digits)
        order = b.order("downgrade", amount=new_price, deduction=credit, credit=credit,
                        cycle=lic.cycle)
        return b.quote(kind, order, after, renewal)
    after = Billing.at(next_price, next_period, next_period.start, cat.digits)
    order = b.order("downgrade", effective=period.end, amount=next_price)
    return b.quote(kind, order, after, renewal)


def _to_owned(lic: License, req: ChangeRequest) -> Quote:
    """Cancel the lease at its period end (no refund) and buy the owned license now."""
    b = _Builder(lic, req)
    price = lic.catalog.period_price(req.plan, req.quantity, req.cycle)
    order = b.order("new", amount=price, grand_total=price)
    return b.quote(ChangeKind.TO_OWNED, order, Billing.owned(price, req.at), None,
                   new_serial=True)


def _owned_change(lic: License, req: ChangeRequest) -> Quote:
    """Owned to owned: pay the difference for a dearer one; a cheaper one is refused."""
    cat, b = lic.catalog, _Builder(lic, req)
    if req.plan == lic.plan:
        return b.quote(ChangeKind.NONE, b.order("none"), None, None,
                       reasons=(Reason.NOTHING_CHANGES,))
    old = cat.monthly_list_price(lic.plan, lic.quantity, lic.cycle)
    new = cat.monthly_list_price(req.plan, req.quantity, req.cycle)
    if new < old:
        return b.quote(ChangeKind.DOWNGRADE, b.order("none"), None, None,
                       processes_plan=lic.plan, reasons=(Reason.OWNED_DOWNGRADE_REFUSED,),
                       blocked=True)
    price = cat.period_price(req.plan, req.quantity, req.cycle)
    old_price = cat.period_price(lic.plan, lic.quantity, lic.cycle)
    order = b.order("upgrade", amount=price, grand_total=price, deduction=old_price)
    return b.quote(ChangeKind.OWNED_UPGRADE, order, Billing.owned(price, lic.start), None)


def _owned_to_leased(lic: License, req: ChangeRequest) -> Quote:
    """Only through the license department: an estimate of the refund, for approval.

    Estimate = owned price paid - the plan's monthly lease x months used (each begun month
    counts) - the processing fee, never below 0.
    """
    cat, b = lic.catalog, _Builder(lic, req)
    monthly = cat.monthly_cycle()
    if monthly is None or not cat.sells(lic.plan, monthly):
        raise InputError("to_cycle", _("{catalog} has no monthly lease of {plan} to value the "
                                       "owned license's use by")
                         .format(catalog=cat.name, plan=cat.plans[lic.plan].label_in(language())))
    lease = cat.period_price(lic.plan, lic.quantity, monthly)
    months = months_begun(lic.start, req.at)
    fee = cat.rounded(cat.money(cat.processing_fee))
    estimate = max_money(lic.amount_paid - lease * months - fee, zero(lic))
    leased_price = cat.period_price(req.plan, req.quantity, req.cycle)
    leased_period = Period.of_months(req.at, cat.cycles[req.cycle].months)
    after = Billing.at(leased_price, leased_period, req.at, cat.digits)
    order = b.order("refund request", amount=leased_price, refund=estimate)
    # The lease is billed once the license department approves: no invoice is due yet.
    return b.quote(ChangeKind.OWNED_TO_LEASED, order, after, None,
                   reasons=(Reason.NEEDS_APPROVAL,), new_serial=True)
