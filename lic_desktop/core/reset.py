"""The reset policy (per-server gateway licenses, SPEC.md "reset").

A change starts a new period at the change moment; what is left of the old period's
payment is deducted from the new period's price.
"""

from __future__ import annotations

from lic_desktop.core.changes import current_billing, leased_kind, zero
from lic_desktop.core.money import Money, prorate
from lic_desktop.core.periods import Period
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


def quote_reset(lic: License, req: ChangeRequest) -> Quote:
    cat = lic.catalog
    before = current_billing(lic, req.at)
    kind = leased_kind(lic, req)
    if kind is ChangeKind.NONE:
        nothing = zero(lic)
        order = Order("none", req.plan, req.quantity, req.cycle, nothing, nothing, nothing,
                      nothing, nothing, nothing, req.at, req.at)
        return Quote(lic, req, kind, before, order, None, None, None,
                     reasons=(Reason.NOTHING_CHANGES,))

    new_period = Period.of_months(req.at, cat.cycles[req.cycle].months)
    grand_total = cat.period_price(req.plan, req.quantity, req.cycle)
    # On or after the due date nothing is left of the old period: the deduction is 0.
    assert before.amount_remaining is not None  # reset catalogs have no owned licenses
    deduction = before.amount_remaining
    first_bill, credit = reset_charge(grand_total, deduction)
    order = Order(
        type="update",
        plan=req.plan,
        quantity=req.quantity,
        cycle=req.cycle,
        amount=grand_total,
        grand_total=grand_total,
        deduction=deduction,
        first_bill_amount=first_bill,
        account_credit=credit,
        due_now=first_bill,
        effective=req.at,
        created=req.at,
    )
    after = Billing.at(grand_total, new_period, req.at, cat.digits)
    renewal = Invoice(new_period.end, grand_total)
    return Quote(lic, req, kind, before, order, after, renewal, None)


def reset_amounts(grand_total: Money, paid: Money, remaining: int, total: int,
                  digits: int) -> tuple[Money, Money, Money]:
    """(first bill, account credit, deduction) when `remaining` of `total` days are left
    of a period that was paid `paid`: what the planner and the book ask for each day."""
    deduction = prorate(paid, remaining, total, digits)
    return (*reset_charge(grand_total, deduction), deduction)


def reset_charge(grand_total: Money, deduction: Money) -> tuple[Money, Money]:
    """(first bill, account credit): the new period's price less what is left of the old
    one; a remainder worth more than the new period becomes account credit."""
    rest = grand_total - deduction
    nothing = Money.zero(rest.currency)
    return (nothing, -rest) if rest.is_negative() else (rest, nothing)
