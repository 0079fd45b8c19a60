"""The book's fast path for best days under the reset policy.

A reset change's day figures depend on the license's period and the prices alone: what
is left of the period paid is deducted from the new period's price, and the new plan's
periods slide with the change moment past one horizon (core.planner's DayRule). The
dates are the same for every license of a book with the same start and cycles, so they
are worked out once (ResetDays) and each license adds only its amounts, with no quote.

The days come in even runs (Run): from one day to the next the days left fall by one
and the new plan's periods move a whole day on, as long as no month end clamps them (a
moment on the 1st-28th of a month never is). Within a run a day's cost through the
horizon is a straight line plus roundings: cost = G x U - S x V + (renewals) + e, with
G the new period's price, S what the license's period cost (paid, or the catalog price
once renewed), U the new periods paid before the horizon less the part after it, V the
share of the period left, e the two half-up roundings (-1 <= e < 1). So the cheapest
day's line lies within 2 minor units of the lowest line, whose lowest point is a run's
end: only the days that close to it are priced exactly, about one a license. The
figures are DayRule's, term for term; tests/core/test_book_best_day.py holds them to
the full planner on every start day over two years, and every row of a 50k book.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable
from datetime import datetime
from decimal import Decimal
from typing import NamedTuple

from lic_desktop.core.best_day import BestDay, choose
from lic_desktop.core.book_csv import whole
from lic_desktop.core.book_fast_path import Offers
from lic_desktop.core.catalog import Catalog
from lic_desktop.core.changes import change_kind
from lic_desktop.core.money import Money
from lic_desktop.core.periods import DAY, MINUTE, Period, add_months, bracket, days_in_month
from lic_desktop.core.planner import OWNED_RANGE, PlanDay
from lic_desktop.core.quote import ChangeKind, Quote, check_moment
from lic_desktop.core.scenario import parse_amount, parse_moment

DAY_MINUTES = DAY // MINUTE


class Dates(NamedTuple):
    """One moment's dates: its period (after `rolls` renewals at the catalog price), the
    days of it left; the new plan's periods: `paid_periods` start before the horizon, the
    last `part` minutes past it of its `whole`."""

    period_start: datetime
    rolls: int
    remaining: int
    total: int
    paid_periods: int
    part: int
    whole: int


class Run(NamedTuple):
    """`length` moments a day apart from `moment` (the `first` planned), the first with
    `dates`: each next one has a day less left, and its new periods run a day later,
    a day more past the horizon."""

    first: int
    length: int
    moment: datetime
    dates: Dates

    def line(self) -> Line:
        """U and V at the first moment and their fall a step (module docstring)."""
        d = self.dates
        u, du = (1.0, 0.0) if not d.paid_periods else \
            (d.paid_periods - d.part / d.whole, DAY_MINUTES / d.whole)
        return Line(u, du, d.remaining / d.total, 1 / d.total, d.rolls, self.length - 1)


class Line(NamedTuple):
    """A run's U and V at its first moment, their fall a step (module docstring), its
    renewals and its steps."""

    u: float
    du: float
    v: float
    dv: float
    rolls: int
    steps: int


class ResetDays:
    """The days a reset-policy license of one start and cycles is planned on at the
    book's change moment (plan_layout's moments and horizon), as even runs: every license
    of the book with that start shares them."""

    def __init__(self, start: datetime, months: int, new_months: int, at: datetime) -> None:
        self.start, self.months, self.new_months = start, months, new_months
        self.due = add_months(start, months)
        last = self.due if self.due > at else at + OWNED_RANGE
        self.horizon = add_months(last, new_months)
        self.runs = even_runs(at, last, self.due, new_months, self._work_out)
        self.lines = [run.line() for run in self.runs]
        self.most_rolls = self.runs[-1].dates.rolls
        self.most_periods = max(run.dates.paid_periods for run in self.runs) + 2
        self.at, self.at_expiry = at, add_months(at, new_months)

    def expiry(self, moment: datetime) -> datetime:
        """The new expiry of a change at `moment` (the change moment's kept: every
        license's first day)."""
        if moment == self.at:
            return self.at_expiry
        return add_months(moment, self.new_months)

    def _work_out(self, moment: datetime) -> Dates:
        if moment <= self.due:
            rolls, period = 0, Period(self.start, self.due)
        else:  # renewed at the catalog price past the due date, `rolls` times
            renewals, began, ends = bracket(self.start, self.months, moment)
            rolls, period = renewals - 1, Period(began, ends)
        count, last, until = bracket(moment, self.new_months, self.horizon)
        return Dates(period.start, rolls, period.days_remaining(moment), period.days_total,
                     count, (until - self.horizon) // MINUTE, (until - last) // MINUTE)


def even_runs(at: datetime, last: datetime, due: datetime, new_months: int,
              work_out: Callable[[datetime], Dates]) -> list[Run]:
    """plan_moments(at, last, due) as even runs, only each run's first moment worked out:
    one a day from `at` through `last`, and the due moment when it is off that grid."""
    steps = (last - at) // DAY
    runs: list[Run] = []
    i = 0
    while i <= steps:
        moment = at + i * DAY
        dates = work_out(moment)
        length = 1 + even_steps(moment, dates, new_months, steps - i)
        runs.append(Run(i, length, moment, dates))
        i += length
    if at < due <= last and (due - at) % DAY:
        runs.append(Run(i, 1, due, work_out(due)))
    return runs


def even_steps(moment: datetime, dates: Dates, new_months: int, most: int) -> int:
    """How many of the next `most` days, a day apart from `moment`, step evenly from its
    `dates`: the period stays (the moment is not past its end), so do the new periods
    before the horizon (the last starts before it: part + a day < whole), and the new
    plan's periods move a whole day on (stepping_evenly)."""
    period_end = dates.period_start + dates.total * DAY
    most = min(most, (period_end - moment) // DAY)
    if not dates.paid_periods:
        return 0
    most = min(most, (dates.whole - dates.part - 1) // DAY_MINUTES)
    months = ((dates.paid_periods - 1) * new_months, dates.paid_periods * new_months)
    done = 0
    while done < most:
        day = moment.day
        if day < 28:  # the days to the 28th never clamp
            jump = min(28 - day, most - done)
            done += jump
            moment += jump * DAY
        elif all(stepping_evenly(moment, k) for k in months):
            done += 1
            moment += DAY
        else:
            break
    return done


def stepping_evenly(moment: datetime, months: int) -> bool:
    """add_months(moment + 1 day, months) is add_months(moment, months) + 1 day: the
    month end clamps neither (C2)."""
    year, month0 = divmod(moment.month - 1 + months, 12)
    year += moment.year
    if not 1 <= year <= 9999:
        return False  # work_out names the date
    length, day = days_in_month(year, month0 + 1), moment.day
    if day < days_in_month(moment.year, moment.month):  # the next day is in this month
        return day < length
    return day >= length  # from the month's last day to the 1st: from the other's last


class Prices(NamedTuple):
    """A reset change's amounts: the new period's price (`grand_total`), the current
    plan's (what a renewal costs) and what its period cost, as money and in whole minor
    units; whether an unpaid invoice blocks it."""

    grand_total: Money
    paid: Money
    grand: int
    renewal: int
    paid_minor: int
    blocked: bool
    digits: int

    @classmethod
    def of(cls, grand_total: Money, renewal: Money, paid: Money, *, blocked: bool,
           digits: int) -> Prices | None:
        """None when an amount has finer parts than the currency's, or is too large to
        estimate in floating point (MinorUnits.cheapest): only the planner prices those."""
        minor = [_minor_units(m.amount, digits) for m in (grand_total, renewal, paid)]
        known = [m for m in minor if m is not None and abs(m) <= FLOAT_SAFE]
        if len(known) < len(minor):
            return None
        grand, renew, paid_minor = known
        return cls(grand_total, paid, grand, renew, paid_minor, blocked, digits)


def reset_best_day(days: ResetDays, prices: Prices, quoted: Callable[[], Quote]
                   ) -> BestDay | None:
    """The best day of a reset change from `days`; `quoted` makes its full quote when
    someone asks for it. Days are worked out in whole minor units (the same half-up
    roundings as prorate's). None: left to the planner (MinorUnits.cheapest)."""
    minor = MinorUnits(prices.grand, prices.renewal, prices.paid_minor)
    found = minor.cheapest(days)
    if found is None:
        return None
    run, step = found
    currency, digits = prices.grand_total.currency, prices.digits
    now = minor.day(days, days.runs[0], 0, currency, digits)
    cheapest = now if run.first + step == 0 else minor.day(days, run, step, currency, digits)
    best, why = choose("reset", nothing=False, blocked=prices.blocked, due=days.due, now=now,
                       cheapest=cheapest)
    return BestDay(now, best, why, days.start, prices.paid, None, quoted)


def _minor_units(amount: Decimal, digits: int) -> int | None:
    """`amount` in whole minor units (cents), or None when it has finer parts."""
    scaled = amount.scaleb(digits)
    return int(scaled) if scaled == scaled.to_integral_value() else None


# Amounts beyond this many minor units are left to the planner: floating point's error
# stays far inside the margin (a billionth of the amounts) at any size, but past about
# 2**53 that margin spans many days, each then priced exactly.
FLOAT_SAFE = 10**15


class MinorUnits:
    """A day's figures as core.planner's DayRule works them out for a reset change, in
    whole minor units (cents): the deduction of what is left of the period paid, the new
    plan's periods before the horizon, and what the last one paid buys after it
    (DayRule._renewals). prorate's half-up rounding of a share is
    (2 x amount x part + whole) // (2 x whole), amounts being never negative (the
    catalogs and the book refuse them)."""

    def __init__(self, grand: int, renewal: int, paid: int) -> None:
        self.grand, self.renewal, self.paid = grand, renewal, paid

    def figures(self, d: Dates, step: int) -> tuple[int, int, int]:
        """(cost, what is charged now less any credit, cash) through the horizon, `step`
        days after the moment of `d` in its run."""
        grand, renewal, rolls, total = self.grand, self.renewal, d.rolls, d.total
        share = renewal if rolls else self.paid
        charged = grand - (2 * share * (d.remaining - step) + total) // (2 * total)
        cash = cost = charged + renewal * rolls
        if d.paid_periods:
            whole = d.whole
            cash += grand * (d.paid_periods - 1)
            cost = cash - (2 * grand * (d.part + step * DAY_MINUTES) + whole) // (2 * whole)
        return cost, charged, cash

    def cheapest(self, days: ResetDays) -> tuple[Run, int] | None:
        """The cheapest moment (the later of equals, as the planner picks) as its run and
        step; None only if floating point failed the bound (the planner then prices the
        license: a row's answer is never a guess)."""
        grand, renewal, paid = self.grand, self.renewal, self.paid
        # Each run's line: its cost at the first moment, its rise a step, at the last.
        ends = []
        lowest = float("inf")
        for u, du, v, dv, rolls, steps in days.lines:
            share = renewal if rolls else paid
            first = grand * u - share * v + renewal * rolls
            rise = share * dv - grand * du
            last = first + rise * steps
            ends.append((first, rise, last))
            lowest = min(lowest, first, last)
        # Every day within 2 minor units of the lowest line (and a margin for the floating
        # point) is priced exactly.
        limit = lowest + 2 + 1e-6 + 1e-9 * (abs(grand) * days.most_periods + abs(paid)
                                             + abs(renewal) * (days.most_rolls + 2))
        best: tuple[Run, int] | None = None
        best_cost = 0
        figures = self.figures
        for run, (first, rise, last) in zip(days.runs, ends, strict=True):
            if first > limit and last > limit:
                continue
            low, high = 0, run.length - 1
            if rise > 0 and last > limit:
                high = int((limit - first) / rise)
            elif rise < 0 and first > limit:
                low = high - int((limit - last) / -rise)
            for step in range(low, high + 1):
                cost = figures(run.dates, step)[0]
                if best is None or cost <= best_cost:
                    best, best_cost = (run, step), cost
        return best  # the lowest line's own end is within the limit

    def day(self, days: ResetDays, run: Run, step: int, currency: str, digits: int) -> PlanDay:
        d = run.dates
        cost, charged, cash = self.figures(d, step)
        moment = run.moment + step * DAY if step else run.moment
        zero, of, unit = Money.zero(currency), Money._of, -digits
        return PlanDay(moment, d.period_start,
                       of(Decimal(charged).scaleb(unit), currency) if charged > 0 else zero,
                       of(Decimal(-charged).scaleb(unit), currency) if charged < 0 else zero,
                       days.expiry(moment),
                       of(Decimal(cash).scaleb(unit), currency),
                       of(Decimal(cost).scaleb(unit), currency))


DAYS_KEPT = 2_000  # distinct (start, cycles) a book keeps the dates of
PRICES_KEPT = 20_000  # distinct changes a book keeps the amounts of


class BookBestDays:
    """Best days for a book's reset-policy rows without a quote each (the rows a plain
    best_day would plan are priced already, so their inputs are known to be good)."""

    def __init__(self, at: datetime, offers: Offers) -> None:
        self.at, self.offers = at, offers
        self._days: OrderedDict[tuple[str, int, int], ResetDays] = OrderedDict()
        # A change's amounts and cycles (None: not this path's), by its TEMPLATE_KEY.
        self._prices: dict[tuple[str, ...], tuple[Prices, int, int] | None] = {}

    def reset(self, cat: Catalog, key: tuple[str, ...], start_text: str,
              quoted: Callable[[], Quote], *, comma: bool) -> BestDay | None:
        """The row's best day (`key`: the book's TEMPLATE_KEY values; `comma`: its amounts
        may say "19,90"), or None when this path does not price it (a change of nothing,
        a price the catalog refuses, amounts finer than the currency's or too large)."""
        try:
            found = self._prices[key]
        except KeyError:
            if len(self._prices) >= PRICES_KEPT:
                self._prices.clear()  # bounded, as the book's other tables are
            found = self._prices[key] = self._change(cat, key, comma=comma)
        if found is None:
            return None
        prices, months, new_months = found
        return reset_best_day(self.days(start_text, months, new_months), prices, quoted)

    def _change(self, cat: Catalog, key: tuple[str, ...], *, comma: bool
                ) -> tuple[Prices, int, int] | None:
        """The change's amounts and the months of its cycles, or None (reset's)."""
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
        paid = Money(parse_amount("paid", paid_text, comma=comma), cat.currency) \
            if paid_text else renewal
        pending = parse_amount("pending", pending_text, comma=comma) if pending_text else None
        prices = Prices.of(grand_total, renewal, paid, blocked=bool(pending), digits=cat.digits)
        if prices is None:
            return None
        return prices, cat.cycles[cycle].months, cat.cycles[to_cycle].months

    def days(self, start_text: str, months: int, new_months: int) -> ResetDays:
        """The days of licenses with this start and cycles (the most recent kept)."""
        key = (start_text, months, new_months)
        days = self._days.get(key)
        if days is None:
            if len(self._days) >= DAYS_KEPT:
                self._days.popitem(last=False)  # bounded, as the book's other tables are
            start = check_moment("start", parse_moment("start", start_text))
            days = self._days[key] = ResetDays(start, months, new_months, self.at)
        else:
            self._days.move_to_end(key)
        return days
