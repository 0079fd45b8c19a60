"""The upgrade-date planner: the same change on every day from the change moment to the
due date (or a later day the user picks), compared through one common horizon.

For each day: what is charged now, the new expiry, the cash paid from the first day
through the horizon, and the cost through the horizon (that cash less what is paid for
time after the horizon, C6), so an early change that buys more days is compared fairly.

Each day's figures are those `make_quote` gives at that moment (the tests hold every day
to it); the day loop reuses the first day's quote and the policies' own formulas, since
a year of days on every plan must take well under a frame.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from enum import StrEnum

from lic_desktop.core.charge_rule import ChargeRule
from lic_desktop.core.difference import applies_at_renewal
from lic_desktop.core.engine import make_quote
from lic_desktop.core.money import Money, prorate
from lic_desktop.core.periods import (
    DAY,
    MINUTE,
    InputError,
    Period,
    add_months,
    bracket,
)
from lic_desktop.core.quote import ChangeKind, ChangeRequest, License, Quote
from lic_desktop.core.text import _

OWNED_RANGE = timedelta(days=30)  # an owned license has no due date: plan a month ahead
MAX_DAYS = 3700  # about ten years of days


class Advice(StrEnum):
    DUE_DATE = "due_date"  # change on the due date: nothing deducted, no days overlap
    CHEAPEST_DAY = "cheapest_day"  # another day costs least through the horizon
    DAILY_RATE = "daily_rate"  # the day only decides how many days the new plan runs
    ANY_DAY = "any_day"  # the day changes nothing
    NOTHING = "nothing"  # nothing changes


@dataclass(frozen=True, slots=True)
class PlanDay:
    moment: datetime
    period_start: datetime | None  # the license's period then (rolled on after renewals)
    charged_now: Money
    account_credit: Money
    new_expiry: datetime | None  # None: an owned license, which never expires
    cash_through_horizon: Money
    cost_through_horizon: Money


@dataclass(frozen=True, slots=True)
class Plan:
    first: Quote  # the full quote on the first day
    days: tuple[PlanDay, ...]
    horizon: datetime
    due_date: datetime | None
    best: int  # index into days
    advice: Advice

    @property
    def best_day(self) -> PlanDay:
        return self.days[self.best]


@dataclass(frozen=True, slots=True)
class Layout:
    """What a plan compares: the first day's full quote, the last day planned, the due
    date and the common horizon."""

    first: Quote
    last: datetime
    due: datetime | None
    horizon: datetime

    @property
    def moments(self) -> list[datetime]:
        """The moments planned (worked out when asked: a book's best day under the
        difference policy needs only the first, the change moment)."""
        return plan_moments(self.first.request.at, self.last, self.due)


def plan_layout(lic: License, req: ChangeRequest, until: datetime | None = None) -> Layout:
    first = make_quote(lic, req)
    cat = lic.catalog
    period = lic.period
    due = period.end if period is not None else None
    last = until or (due if due is not None and due > req.at else req.at + OWNED_RANGE)
    if last < req.at:
        raise InputError("until", _("{until} is before the change moment")
                         .format(until=f"{last:%Y-%m-%d %H:%M}"))
    _check_days(req.at, last)
    new_cycle = cat.cycles[req.cycle]
    horizon = last if new_cycle.perpetual else add_months(last, new_cycle.months)
    return Layout(first, last, due, horizon)


def plan_change(lic: License, req: ChangeRequest, until: datetime | None = None) -> Plan:
    """Plan `req` on every day from `req.at` to `until` (default: the due date)."""
    layout = plan_layout(lic, req, until)
    first, due = layout.first, layout.due
    days = DayRule(first, layout.horizon).days(layout.moments)
    best = min(range(len(days)), key=lambda i: (days[i].cost_through_horizon, -i))
    return Plan(first, days, layout.horizon, due, best, _advice(first, days, best, due))


def _check_days(start: datetime, last: datetime) -> None:
    if (last - start) // DAY > MAX_DAYS:
        raise InputError("until", _("plans at most {days} days ahead").format(days=MAX_DAYS))


def plan_moments(start: datetime, last: datetime, due: datetime | None) -> list[datetime]:
    _check_days(start, last)
    count = (last - start) // DAY
    moments = [start + k * DAY for k in range(count + 1)]
    if due is not None and start < due <= last and due not in moments:
        moments.append(due)  # the due date itself, at the period's time of day
        moments.sort()
    return moments


class DayRule:
    """Works out one day from the first day's quote: only the license's period (renewed at
    the catalog price past the due date), the days remaining in it and, for a change that
    starts a new period, that period's dates move from day to day."""

    def __init__(self, first: Quote, horizon: datetime) -> None:
        self.first, self.horizon = first, horizon
        lic, req = first.license, first.request
        self.cat = cat = lic.catalog
        self.zero = Money.zero(cat.currency)
        self.months = 0 if lic.owned else cat.cycles[lic.cycle].months
        # The current plan's catalog price: what a renewal costs, and the "old period
        # price" the difference policy subtracts.
        self.renewal_price = cat.period_price(lic.plan, lic.quantity, lic.cycle)
        new_cycle = cat.cycles[req.cycle]
        self.new_months = new_cycle.months
        self.new_price = cat.period_price(req.plan, req.quantity, req.cycle)
        after = first.new_billing
        # Told by the rules, not by the first day's dates: at a period boundary (the
        # change moment on the start or the due moment) a difference-policy change's
        # period starts at the change moment too, yet keeps the license's period.
        self.starts_new_period = after is not None and after.end is not None and (
            cat.policy == "reset" or first.change is ChangeKind.OWNED_TO_LEASED)
        self.deferred = not self.starts_new_period and after is not None \
            and lic.period is not None and applies_at_renewal(cat, first.change)
        self._renewals_seen: dict[tuple[datetime, int], tuple[Money, Money]] = {}
        self.charges = ChargeRule(first)

    def days(self, moments: list[datetime]) -> tuple[PlanDay, ...]:
        """Every day in order; the license's period rolls on as the days pass its end."""
        lic, order = self.first.license, self.first.order
        if lic.period is None:  # owned: the same order on any day
            return tuple(self._day(m, None, elapsed=0, due_now=order.due_now,
                                   credit=order.account_credit, renewals=self.zero)
                         for m in moments)
        period, anchor = lic.period, lic.anchor or lic.start
        # Months from the anchor to the period's end: renewals stay on the anchor's day.
        elapsed = bracket(anchor, self.months, period.end)[0] * self.months
        paid, renewals = lic.amount_paid, self.zero
        out = []
        for moment in moments:
            while moment > period.end:  # renewed at the catalog price past the due date
                elapsed += self.months
                period = Period(period.end, add_months(anchor, elapsed))
                paid = self.renewal_price
                renewals = renewals + paid
            due_now, credit = self._amounts(paid, period.days_remaining(moment),
                                            period.days_total)
            out.append(self._day(moment, period, elapsed=elapsed, due_now=due_now,
                                 credit=credit, renewals=renewals,
                                 renewal_after=self._renewal_after(period, renewals)))
        return tuple(out)

    def _renewal_after(self, period: Period, renewals: Money) -> Money:
        """What the license's own renewal (past the due date, at the catalog price) buys
        after the horizon: a yearly license renewed before a change to monthly at its next
        renewal runs far past it. A change that starts a new period refunds that time
        through its deduction instead."""
        if not renewals or self.starts_new_period or period.end <= self.horizon:
            return self.zero
        return prorate(self.renewal_price, (period.end - self.horizon) // MINUTE,
                       (period.end - period.start) // MINUTE, self.cat.digits)

    def _day(self, moment: datetime, period: Period | None, *, elapsed: int, due_now: Money,
             credit: Money, renewals: Money, renewal_after: Money | None = None) -> PlanDay:
        expiry = self._expiry(moment, period, elapsed)
        # Cash is net of any account credit: money the customer gets back.
        cash, cost = self._through_horizon(renewals + due_now - credit,
                                           self._renewals_from(moment, elapsed))
        cost -= renewal_after or self.zero
        return PlanDay(moment, None if period is None else period.start, due_now, credit,
                       expiry, cash, cost)

    def _amounts(self, paid: Money, remaining: int, total: int) -> tuple[Money, Money]:
        """What the change costs now, and any account credit: the policies' formulas."""
        due_now, credit, _deduction = self.charges.amounts(paid, remaining, total)
        return due_now, credit

    def _expiry(self, moment: datetime, period: Period | None, elapsed: int) \
            -> datetime | None:
        """The expiry the license shows right after the change (None: owned, never)."""
        after = self.first.new_billing
        if after is None:
            return None if period is None else period.end
        if after.end is None:
            return None
        if self.starts_new_period:
            return add_months(moment, self.new_months)
        assert period is not None
        if self.deferred:  # the next period, on the new plan and cycle
            return add_months(self.first.license.anchor or self.first.license.start,
                              elapsed + self.new_months)
        return period.end

    def _renewals_from(self, moment: datetime, elapsed: int) -> tuple[datetime, int] | None:
        """Where the new plan's invoices start, as (anchor, months from it) so that they
        stay on the anchor's day; None when nothing renews."""
        if self.first.next_invoice is None or self.new_months == 0:
            return None
        if self.starts_new_period:
            # The new period, paid now, from the change moment; it renews at its end.
            return moment, -self.new_months
        lic = self.first.license
        return lic.anchor or lic.start, elapsed  # at the current period's end

    def _through_horizon(self, paid_now: Money, renewals_from: tuple[datetime, int] | None) \
            -> tuple[Money, Money]:
        """Cash paid through the horizon, and that cash less what buys time after it."""
        if renewals_from is None:
            return paid_now, paid_now
        renewals = self._renewals_seen.get(renewals_from)
        if renewals is None:
            renewals = self._renewals_seen[renewals_from] = self._renewals(*renewals_from)
        cash = paid_now + renewals[0]
        return cash, cash - renewals[1]

    def _renewals(self, anchor: datetime, offset: int) -> tuple[Money, Money]:
        """The new plan's invoices until the horizon, and the part of the last period
        paid that is after it (by the minute: a yardstick for comparing days, not an
        amount anyone is billed). A negative `offset`: the periods run from `anchor`
        itself and the first, the change's own, is paid now (not an invoice), yet it
        too may end after the horizon (a month-end clamp: Jan 30 10:00 + 1 month ends an
        hour after a horizon of Jan 31 09:00 + 1 month)."""
        own = offset < 0
        count, last, paid_until = bracket(anchor, self.new_months, self.horizon,
                                          0 if own else offset)
        if count == 0:
            return self.zero, self.zero
        after = prorate(self.new_price, (paid_until - self.horizon) // MINUTE,
                        (paid_until - last) // MINUTE, self.cat.digits)
        return self.new_price * (count - own), after


def _advice(first: Quote, days: tuple[PlanDay, ...], best: int, due: datetime | None) -> Advice:
    if first.change is ChangeKind.NONE:
        return Advice.NOTHING
    costs = {d.cost_through_horizon for d in days}
    if len(costs) == 1:
        return Advice.ANY_DAY
    if first.catalog.policy == "difference":
        return Advice.DAILY_RATE
    if due is not None and days[best].moment.date() == due.date():
        return Advice.DUE_DATE
    return Advice.CHEAPEST_DAY


def quote_on(plan: Plan, day: PlanDay) -> Quote:
    """The full quote for one planned day (with the license renewed, past the due date)."""
    return quote_on_day(plan.first, day)


def quote_on_day(first: Quote, day: PlanDay) -> Quote:
    """The full quote of `first`'s change on a planned day instead (the license renewed
    first, at the catalog price, when the day is past its due date)."""
    lic, req = first.license, first.request
    start, paid, anchor = license_on_day(lic.start, lic.paid, lic.anchor, day)
    if start != lic.start:
        lic = replace(lic, start=start, paid=paid, anchor=anchor)
    return make_quote(lic, replace(req, at=day.moment))


def license_on_day(start: datetime, paid: Money | None, anchor: datetime | None,
                   day: PlanDay) -> tuple[datetime, Money | None, datetime | None]:
    """The license's period start, amount paid (None: the catalog price) and first
    period's start on a planned day: renewed at the catalog price, still on its first
    period's day, when the day is past its due date."""
    if day.period_start is not None and day.period_start != start:
        return day.period_start, None, anchor or start
    return start, paid, anchor
