"""The book's fast path: a book's many licenses of one plan and change differ only in their
start, so the first is quoted in full and the others reuse its figures (Template), and a
reset-policy change needs no full quote at all (ResetChange, ResetTemplate). Each gives
exactly what a full quote of the license gives (tests/core/test_batch_fast_path.py).
"""

from __future__ import annotations

from datetime import datetime
from typing import NamedTuple

from lic_desktop.core.book_totals import Priced
from lic_desktop.core.catalog import Catalog
from lic_desktop.core.changes import change_kind
from lic_desktop.core.charge_rule import ChargeRule
from lic_desktop.core.difference import applies_at_renewal
from lic_desktop.core.money import Money
from lic_desktop.core.periods import InputError, Period, add_months
from lic_desktop.core.quote import (
    ChangeKind,
    ChangeRequest,
    License,
    Quote,
    Reason,
    check_offer,
)
from lic_desktop.core.reset import reset_amounts


class Span(NamedTuple):
    """A license's current period as the change moment sees it. The moment is the same for
    the whole book and many licenses share a start, so a book works each one out once."""

    start: datetime
    end: datetime
    remaining: int  # days left at the change moment (C4)
    total: int


class Template:
    """A book's many licenses of the same plan and change differ only in their start: the
    first one is quoted in full, the others reuse its ChargeRule for their own period.
    Only plain leased changes take this path; anything with a reason, an unpaid invoice
    or an edge (a change before the start, a lease past its end) is quoted in full."""

    HANDLED = (ChangeKind.UPGRADE, ChangeKind.DOWNGRADE, ChangeKind.CYCLE_CHANGE,
               ChangeKind.NONE)

    def __init__(self, quote: Quote) -> None:
        lic, req, cat = quote.license, quote.request, quote.catalog
        self.quote, self.at, self.lic, self.unpaid = quote, req.at, lic, lic.unpaid
        self.rule = ChargeRule(quote, remember=False)
        self.months = cat.cycles[lic.cycle].months
        self.new_months = cat.cycles[req.cycle].months
        # Not `effective != at`: for a first license whose period ends at the change
        # moment the two are equal, yet the change still waits for the renewal.
        self.deferred = applies_at_renewal(cat, quote.change)
        self.nothing = quote.change is ChangeKind.NONE
        plain = quote.reasons == ((Reason.NOTHING_CHANGES,) if self.nothing else ())
        new_period = quote.new_billing is not None and quote.new_billing.end is not None
        # A reset-policy change is a ResetChange's; here only its "nothing changes".
        self.usable = (plain and lic.period is not None and lic.anchor is None
                       and (cat.policy != "reset" or self.nothing)
                       and quote.change in self.HANDLED and not lic.unpaid
                       and (new_period or self.nothing))

    def price(self, span: Span, ip: str, customer: str) -> Priced | None:
        """The license whose period is `span` (when `usable`), or None when it needs a full
        quote (a lease past its end)."""
        at, lic, order = self.at, self.lic, self.quote.order
        if at > span.end:
            return None
        due_now, credit, deduction = self.rule.amounts(lic.amount_paid, span.remaining,
                                                       span.total)
        expiry: datetime | None
        if self.nothing:  # nothing to order: the license just runs on
            grand, effective, expiry = order.grand_total, at, span.end
        else:
            grand = due_now if self.rule.kind == "upgrade" else order.grand_total
            effective = span.end if self.deferred else at
            expiry = add_months(span.start, self.months + self.new_months) \
                if self.deferred else span.end
        req, invoice = self.quote.request, self.quote.next_invoice
        # A leased license's next invoice is its renewal, at its own period's end, at the
        # price of what it renews as (the same for every start).
        return Priced(lic.catalog, customer, ip, lic.plan, lic.quantity, lic.cycle, req.plan,
                      req.quantity, req.cycle, self.quote.change, order.type, grand, deduction,
                      due_now, credit, due_now, self.unpaid, due_now, effective, expiry, False,
                      None, self.quote if self.nothing else None, None,
                      None if invoice is None else span.end,
                      None if invoice is None else invoice.amount)


class ResetChange:
    """A reset-policy change needs no full quote at all: a new period starts at the change
    moment at the new plan's price, less what is left of the paid one (SPEC "reset").

    One change (plan, cycle, paid, target) of a book's first license serves every server
    count of it, each checked as the engine checks it, so a book of many different counts
    costs little more than one of few. Nothing-changes rows and unpaid invoices are quoted
    in full."""

    def __init__(self, lic: License, req: ChangeRequest, offers: Offers) -> None:
        cat = lic.catalog
        self.lic, self.req, self.at, self.unpaid = lic, req, req.at, lic.unpaid
        self.offers = offers
        self.usable = not lic.unpaid and lic.anchor is None
        self.months = cat.cycles[lic.cycle].months
        self.digits = cat.digits
        self.expiry = Period.of_months(req.at, cat.cycles[req.cycle].months).end

    def template(self, quantity: int, to_quantity: int, paid_listed: bool) \
            -> ResetTemplate | None:
        """The change for these server counts; None when they need a full quote (it names
        the mistake) or nothing changes. With `paid_listed` the license paid its plan's
        catalog price, which the count sets."""
        lic, req = self.lic, self.req
        paid = self.offers.price(lic.catalog, lic.plan, quantity, lic.cycle)
        grand_total = self.offers.price(lic.catalog, req.plan, to_quantity, req.cycle)
        if paid is None or grand_total is None or not self.usable:
            return None
        kind = change_kind(lic.catalog, lic.plan, quantity, lic.cycle, to_plan=req.plan,
                           to_quantity=to_quantity, to_cycle=req.cycle)
        if kind is ChangeKind.NONE:
            return None
        return ResetTemplate(self, quantity, to_quantity, kind,
                              paid=paid if paid_listed else lic.amount_paid,
                              grand_total=grand_total)


class Offers:
    """The catalog price of a plan, count and cycle the catalog sells (check_offer, as
    License and check_change use it), or None when it refuses them: one bounded table for
    the whole book, shared by every reset change."""

    LIMIT = 50_000

    def __init__(self) -> None:
        # Each entry keeps its catalog alive, so the id() in its key stays that catalog's
        # even once the pricer has dropped it (BookPricer keeps only the recent ones).
        self._seen: dict[tuple[int, str, int, str], tuple[Catalog, Money | None]] = {}

    def price(self, cat: Catalog, plan: str, quantity: int, cycle: str) -> Money | None:
        key = (id(cat), plan, quantity, cycle)
        try:
            return self._seen[key][1]
        except KeyError:
            pass
        try:
            check_offer(cat, plan, quantity, cycle, "")
            price: Money | None = cat.period_price(plan, quantity, cycle)
        except InputError:
            price = None
        if len(self._seen) >= self.LIMIT:
            self._seen.clear()
        self._seen[key] = (cat, price)
        return price


class ResetTemplate:
    """One reset change at one pair of server counts, for any start."""

    __slots__ = ("change", "grand_total", "kind", "months", "paid", "quantity",
                 "to_quantity")
    usable = True  # made only for changes the fast path prices

    def __init__(self, change: ResetChange, quantity: int, to_quantity: int,
                 kind: ChangeKind, *, paid: Money, grand_total: Money) -> None:
        self.change, self.months = change, change.months
        self.quantity, self.to_quantity, self.kind = quantity, to_quantity, kind
        self.paid, self.grand_total = paid, grand_total

    def price(self, span: Span, ip: str, customer: str) -> Priced:
        """The license whose period is `span`."""
        change = self.change
        lic, req = change.lic, change.req
        due_now, credit, deduction = reset_amounts(self.grand_total, self.paid, span.remaining,
                                                   span.total, change.digits)
        return Priced(lic.catalog, customer, ip, lic.plan, self.quantity, lic.cycle, req.plan,
                      self.to_quantity, req.cycle, self.kind, "update", self.grand_total,
                      deduction, due_now, credit, due_now, change.unpaid, due_now, change.at,
                      change.expiry, False, None, None, None, change.expiry,
                      self.grand_total)  # the new period renews at its own price
