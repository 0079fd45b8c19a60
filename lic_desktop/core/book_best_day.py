"""The book's fast path for best days under the reset policy.

A reset change's day figures depend on the license's period and the prices alone: what
is left of the period paid is deducted from the new period's price, and the new plan's
periods slide with the change moment past one horizon (core.planner's DayRule). The
dates (each moment's period, rolled on past the due date, its days, the new plan's
periods around the horizon) are the same for every license of a book with the same
start and cycles, so they are worked out once (ResetDays) and each license adds only its
amounts, with no quote. The figures are DayRule's, term for term;
tests/core/test_book_best_day.py holds every row to the full planner.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from decimal import Decimal
from typing import NamedTuple

from lic_desktop.core.best_day import (
    BestDay,
    Score,
    by_period,
    cheapest_day,
    choose,
)
from lic_desktop.core.book_csv import whole
from lic_desktop.core.book_fast_path import Offers
from lic_desktop.core.catalog import Catalog
from lic_desktop.core.changes import change_kind
from lic_desktop.core.money import Money
from lic_desktop.core.periods import MINUTE, Period, add_months, bracket
from lic_desktop.core.planner import OWNED_RANGE, PlanDay, plan_moments
from lic_desktop.core.quote import ChangeKind, Quote, check_moment
from lic_desktop.core.scenario import parse_amount, parse_moment


class DayDates(NamedTuple):
    """One moment's dates: its period (after `rolls` renewals), the days of it left, and
    the new plan's periods: `paid_periods` of them start before the horizon, the last
    at `last`, the next at `until`; the new expiry."""

    period_start: datetime
    rolls: int
    remaining: int
    total: int
    paid_periods: int
    last: datetime
    until: datetime
    expiry: datetime


class ResetDays:
    """The days a reset-policy license of one start and cycles is planned on at the
    book's change moment (plan_layout's moments and horizon), their dates worked out on
    demand and kept: every license of the book with that start shares them."""

    def __init__(self, start: datetime, months: int, new_months: int, at: datetime) -> None:
        self.start, self.months, self.new_months = start, months, new_months
        self.due = add_months(start, months)
        last = self.due if self.due > at else at + OWNED_RANGE
        self.moments = plan_moments(at, last, self.due)
        self.horizon = add_months(last, new_months)
        self.stretches = by_period(self.moments, anchor=start, end=self.due, months=months)
        self._dates: dict[datetime, DayDates] = {}

    def dates(self, moment: datetime) -> DayDates:
        found = self._dates.get(moment)
        if found is None:
            found = self._dates[moment] = self._work_out(moment)
        return found

    def _work_out(self, moment: datetime) -> DayDates:
        start, months, rolls = self.start, self.months, 0
        period = Period(start, self.due)
        while moment > period.end:  # renewed at the catalog price past the due date
            rolls += 1
            period = Period(period.end, add_months(start, months * (rolls + 1)))
        count, last, until = bracket(moment, self.new_months, self.horizon)
        return DayDates(period.start, rolls, period.days_remaining(moment), period.days_total,
                        count, last, until, add_months(moment, self.new_months))


def reset_best_day(days: ResetDays, *, grand_total: Money, renewal: Money, paid: Money,
                   blocked: bool, digits: int, quoted: Callable[[], Quote]) -> BestDay | None:
    """The best day of a reset change from `days`: `grand_total` the new period's price,
    `renewal` the current plan's (what a renewal costs), `paid` what the current period
    cost; `quoted` makes its full quote when someone asks for it. Days are worked out in
    whole minor units (the same half-up roundings as prorate's); None when an amount has
    finer parts than the currency's, which only the planner itself prices."""
    grand, renew, paid_minor = (_minor_units(m.amount, digits)
                                for m in (grand_total, renewal, paid))
    if grand is None or renew is None or paid_minor is None:
        return None
    minor = MinorUnits(days, grand, renew, paid_minor)

    def day_at(moment: datetime) -> PlanDay:
        return minor.day(moment, grand_total.currency, digits)

    now = day_at(days.moments[0])
    moment = cheapest_day(minor.score, days.stretches)
    cheapest = now if moment == now.moment else day_at(moment)
    best, why = choose("reset", nothing=False, blocked=blocked, due=days.due, now=now,
                       cheapest=cheapest)
    return BestDay(now, best, why, days.start, paid, None, quoted)


def _minor_units(amount: Decimal, digits: int) -> int | None:
    """`amount` in whole minor units (cents), or None when it has finer parts."""
    scaled = amount.scaleb(digits)
    return int(scaled) if scaled == scaled.to_integral_value() else None


class MinorUnits:
    """A day's figures as core.planner's DayRule works them out for a reset change, in
    whole minor units (cents): the deduction of what is left of the period paid, the new
    plan's periods before the horizon, and what the last one paid buys after it
    (DayRule._renewals). prorate's half-up rounding of a non-negative share is
    (2 x amount x part + whole) // (2 x whole)."""

    def __init__(self, days: ResetDays, grand: int, renewal: int, paid: int) -> None:
        self.days, self.grand, self.renewal, self.paid = days, grand, renewal, paid

    def figures(self, moment: datetime) -> tuple[int, int, int, DayDates]:
        """(cost, what is charged now less any credit, cash) through the horizon."""
        d = self.days.dates(moment)
        grand, renewal = self.grand, self.renewal
        share = self.paid if not d.rolls else renewal
        charged = grand - (2 * share * d.remaining + d.total) // (2 * d.total)
        cash = cost = charged + renewal * d.rolls
        if d.paid_periods:
            part = (d.until - self.days.horizon) // MINUTE
            whole = (d.until - d.last) // MINUTE
            cash += grand * (d.paid_periods - 1)
            cost = cash - (2 * grand * part + whole) // (2 * whole)
        return cost, charged, cash, d

    def score(self, moment: datetime) -> Score:
        cost, charged, _cash, _dates = self.figures(moment)
        return cost, charged

    def day(self, moment: datetime, currency: str, digits: int) -> PlanDay:
        cost, charged, cash, d = self.figures(moment)

        def money(minor: int) -> Money:
            return Money(Decimal(minor).scaleb(-digits), currency)

        return PlanDay(moment, d.period_start, money(max(charged, 0)), money(max(-charged, 0)),
                       d.expiry, money(cash), money(cost))


DAYS_KEPT = 5_000  # distinct (start, cycles) a book keeps the dates of


class BookBestDays:
    """Best days for a book's reset-policy rows without a quote each (the rows a plain
    best_day would plan are priced already, so their inputs are known to be good)."""

    def __init__(self, at: datetime, offers: Offers) -> None:
        self.at, self.offers = at, offers
        self._days: dict[tuple[str, int, int], ResetDays] = {}

    def reset(self, cat: Catalog, key: tuple[str, ...], start_text: str,
              quoted: Callable[[], Quote], *, comma: bool) -> BestDay | None:
        """The row's best day (`key`: the book's TEMPLATE_KEY values; `comma`: its amounts
        may say "19,90"), or None when this path does not price it (a change of nothing,
        a price the catalog refuses)."""
        _catalog, plan, quantity_text, cycle, paid_text, pending_text, to_plan, \
            to_quantity_text, to_cycle = key
        quantity = whole(quantity_text, "quantity", 1)
        to_plan, to_cycle = to_plan or plan, to_cycle or cycle
        to_quantity = whole(to_quantity_text, "to_quantity", quantity)
        if change_kind(cat, plan, quantity, cycle, to_plan=to_plan, to_quantity=to_quantity,
                       to_cycle=to_cycle) is ChangeKind.NONE:
            return None
        renewal = self.offers.price(cat, plan, quantity, cycle)
        grand_total = self.offers.price(cat, to_plan, to_quantity, to_cycle)
        if renewal is None or grand_total is None:
            return None
        months, new_months = cat.cycles[cycle].months, cat.cycles[to_cycle].months
        days = self._days.get((start_text, months, new_months))
        if days is None:
            if len(self._days) >= DAYS_KEPT:
                self._days.clear()  # bounded, as the book's other tables are
            start = check_moment("start", parse_moment("start", start_text))
            days = self._days[(start_text, months, new_months)] = \
                ResetDays(start, months, new_months, self.at)
        paid = Money(parse_amount("paid", paid_text, comma=comma), cat.currency) \
            if paid_text else renewal
        pending = parse_amount("pending", pending_text, comma=comma) if pending_text else None
        return reset_best_day(days, grand_total=grand_total, renewal=renewal, paid=paid,
                              blocked=bool(pending), digits=cat.digits, quoted=quoted)
