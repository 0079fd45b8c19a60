"""What a change costs now as a function of the license's period, worked out from one
full quote of it: the planner moves the change moment, the batch moves the license's
start, and both ask only this for the figures that move. Tests hold both to make_quote."""

from __future__ import annotations

from decimal import Decimal

from lic_desktop.core.money import Money, max_money, prorate
from lic_desktop.core.quote import ChangeKind, Quote
from lic_desktop.core.reset import reset_amounts


class ChargeRule:
    """The policy formula a quote used, ready for other (paid, remaining, total) days."""

    def __init__(self, quote: Quote, remember: bool = True) -> None:
        lic, cat = quote.license, quote.catalog
        self.quote = quote
        self.digits = cat.digits
        self.zero = Money.zero(cat.currency)
        # The current plan's catalog price: what a renewal costs, and the "old period
        # price" the difference policy subtracts.
        self.renewal_price = cat.period_price(lic.plan, lic.quantity, lic.cycle)
        change, leased = quote.change, not lic.owned
        self.kind = "constant"
        if cat.policy == "reset" and change is not ChangeKind.NONE:
            self.kind = "reset"
        elif cat.policy == "difference" and leased and change is ChangeKind.UPGRADE:
            self.kind = "upgrade"
        elif cat.policy == "difference" and leased and change is ChangeKind.DOWNGRADE \
                and cat.downgrade == "immediate_credit":
            self.kind = "credit"
        # The planner asks about the same few days again and again; a book's templates
        # are many, so they do not keep answers (memory stays flat).
        self.remember = remember
        self._seen: dict[tuple[Decimal, int, int], tuple[Money, Money, Money]] = {}

    def amounts(self, paid: Money, remaining: int, total: int) -> tuple[Money, Money, Money]:
        """(charged now, account credit, deduction) with `remaining` of `total` days left
        of a period that was paid `paid`; days with the same figures share the answer."""
        key = (paid.amount, remaining, total)
        found = self._seen.get(key)
        if found is None:
            found = self._work_out(paid, remaining, total)
            if self.remember:
                self._seen[key] = found
        return found

    def _work_out(self, paid: Money, remaining: int, total: int) -> tuple[Money, Money, Money]:
        order, zero = self.quote.order, self.zero
        if self.kind == "reset":
            return reset_amounts(order.grand_total, paid, remaining, total, self.digits)
        if self.kind == "upgrade":
            difference = max_money(order.amount - self.renewal_price, zero)
            return prorate(difference, remaining, total, self.digits), zero, zero
        if self.kind == "credit":
            credit = prorate(max_money(self.renewal_price - order.amount, zero), remaining,
                             total, self.digits)
            return zero, credit, credit
        return order.due_now, order.account_credit, order.deduction
