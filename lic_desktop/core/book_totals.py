"""What a priced book holds: each license's Priced row, and the Totals per currency."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from typing import TYPE_CHECKING, NamedTuple

from lic_desktop.core.catalog import Catalog
from lic_desktop.core.money import Money
from lic_desktop.core.quote import ChangeKind, Quote

if TYPE_CHECKING:
    from lic_desktop.core.best_day import BestDay


class Priced(NamedTuple):
    """One license of the book priced: what the output row shows, whichever way it was
    worked out (a full quote, or the book's fast path checked against it). A named tuple:
    a book makes a million of them."""

    catalog: Catalog
    customer: str
    ip: str
    plan: str
    quantity: int
    cycle: str
    to_plan: str
    to_quantity: int
    to_cycle: str
    change: ChangeKind
    order_type: str
    grand_total: Money
    deduction: Money
    first_bill_amount: Money
    account_credit: Money
    due_now: Money
    pending: Money
    total_due: Money
    effective: datetime
    new_expiry: datetime | None
    blocked: bool
    quote: Quote | None = None  # this row's full quote, when it was quoted in full
    worded_by: Quote | None = None  # the quote whose reasons this row shares (their words)
    # What `quote --format json` says beside the panes: the owned -> leased refund
    # estimate, and the next invoice (its date and amount; None when none is due).
    refund_estimate: Money | None = None
    next_invoice_date: datetime | None = None
    next_invoice_amount: Money | None = None
    best: BestDay | None = None  # the planner's best day, when the book asks for it

    @classmethod
    def of(cls, quote: Quote) -> Priced:
        lic, req, order = quote.license, quote.request, quote.order
        after = quote.new_billing
        period = lic.period
        expiry = after.end if after is not None else (period.end if period else None)
        invoice = quote.next_invoice
        return cls(quote.catalog, lic.customer, lic.ip, lic.plan, lic.quantity, lic.cycle,
                   req.plan, req.quantity, req.cycle, quote.change, order.type,
                   order.grand_total, order.deduction, order.first_bill_amount,
                   order.account_credit, order.due_now, lic.unpaid, quote.total_due,
                   order.effective, expiry, quote.blocked, quote, quote,
                   order.refund_estimate, None if invoice is None else invoice.date,
                   None if invoice is None else invoice.amount)


@dataclass
class Totals:
    """What the book adds up to, per currency (summed as amounts of that currency)."""

    licenses: int = 0
    blocked: int = 0
    waiting: int = 0  # licenses that save by waiting for their best day
    _sums: dict[str, list[Decimal]] = field(default_factory=dict)
    _savings: dict[str, Decimal] = field(default_factory=dict)

    def add(self, priced: Priced) -> None:
        self.licenses += 1
        self.blocked += priced.blocked
        sums = self._sums.get(priced.due_now.currency)
        if sums is None:
            sums = self._sums[priced.due_now.currency] = [Decimal(0)] * 3
        sums[0] += priced.due_now.amount
        sums[1] += priced.account_credit.amount
        sums[2] += priced.total_due.amount

    def add_best(self, best: BestDay) -> None:
        if best.why.saves:
            saving = best.saving
            self.waiting += 1
            self._savings[saving.currency] = self._savings.get(saving.currency,
                                                               Decimal(0)) + saving.amount

    @property
    def savings(self) -> dict[str, Money]:
        """What waiting for the best days saves, per currency (none: not asked)."""
        return {currency: Money(amount, currency) for currency, amount in self._savings.items()}

    def _money(self, index: int) -> dict[str, Money]:
        return {currency: Money(sums[index], currency) for currency, sums in self._sums.items()}

    @property
    def due_now(self) -> dict[str, Money]:
        return self._money(0)

    @property
    def account_credit(self) -> dict[str, Money]:
        return self._money(1)

    @property
    def total_due(self) -> dict[str, Money]:
        return self._money(2)
