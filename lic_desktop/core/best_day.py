"""The best day to make a change, from the change moment through the license's due date:
the planner's answer (core.planner, its own day rule and figures) for one license,
without pricing every day (a book prices most reset changes by core.book_best_day).

- Difference policy: the day does not change the daily price (the planner's advice is
  always "daily rate" or "any day" there: the price difference is charged for the days
  left only), so waiting saves nothing and the best day is the change moment itself.
- Reset policy: a day's cost through the horizon is A + B, where A = what is charged now
  less any credit = the new period's price less the deduction, and B = what the new
  plan's renewals before the horizon come to, less what the last period paid buys after
  it. A never falls from one day to the next (the deduction only shrinks as the days
  left do) and B never rises (the periods paid slide later, past the fixed horizon; a
  rounded share of one price never exceeds the price). So no day between days i < j
  costs less than A(i) + B(j): the cheapest day is found by halving the days, skipping
  every stretch whose bound cannot beat the cheapest day found, with the planner's own
  tie rule (the later day). (A license whose due date has passed before the change
  moment renews on the way: each of its periods is searched on its own.)
  tests/core/test_best_day.py
  holds it to the full planner on every start day over two years.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum

from lic_desktop.core.money import Money
from lic_desktop.core.periods import add_months, bracket
from lic_desktop.core.planner import DayRule, PlanDay, plan_layout, quote_on_day
from lic_desktop.core.quote import ChangeKind, ChangeRequest, License, Quote


class Why(StrEnum):
    """Why the best day is the one it is, in a book's `why` column."""

    DUE_DATE = "due_date"  # wait for the due date: nothing deducted, no days overlap
    CHEAPEST_DAY = "cheapest_day"  # another day before the due date costs least
    NOW = "now"  # changing now costs least (a downgrade: the credit shrinks each day)
    NO_DIFFERENCE = "no_difference"  # the day does not change the daily price
    NOTHING = "nothing"  # nothing changes
    BLOCKED = "blocked"  # an unpaid invoice (or a refusal) blocks the change

    @property
    def saves(self) -> bool:
        """Waiting for the best day saves money."""
        return self in (Why.DUE_DATE, Why.CHEAPEST_DAY)


@dataclass(frozen=True, slots=True)
class BestDay:
    now: PlanDay  # the change at the change moment
    best: PlanDay  # the change on its best day (the change moment when waiting saves nothing)
    why: Why
    # The license as given: its period start, what was paid (None: the catalog price),
    # the first period's start; and its quote at the change moment, made when asked.
    start: datetime = field(compare=False)
    paid: Money | None = field(compare=False)
    anchor: datetime | None = field(compare=False)
    quoted: Callable[[], Quote] = field(compare=False, repr=False)

    @property
    def first(self) -> Quote:
        """The change's full quote at the change moment."""
        return self.quoted()

    @property
    def saving(self) -> Money:
        return self.now.cost_through_horizon - self.best.cost_through_horizon

    def quote_at_best(self) -> Quote:
        """The full quote on the best day (as the planner's quote_on has it)."""
        return quote_on_day(self.first, self.best)


def best_day(lic: License, req: ChangeRequest) -> BestDay:
    """The planner's best day for `req`, through the due date."""
    layout = plan_layout(lic, req)
    rule = DayRule(layout.first, layout.horizon)
    now = rule.days([req.at])[0]
    first = layout.first
    if first.catalog.policy != "reset" or first.change is ChangeKind.NONE:
        return summary(first, layout.due, now, now)
    lic = first.license
    assert lic.period is not None  # the reset policy has no owned licenses
    worked_out = {now.moment: now}

    def score(moment: datetime) -> Score:
        day = worked_out.get(moment)
        if day is None:
            day = worked_out[moment] = rule.days([moment])[0]
        return day_score(day)

    stretches = by_period(layout.moments, anchor=lic.anchor or lic.start,
                          end=lic.period.end, months=lic.catalog.cycles[lic.cycle].months)
    cheapest = cheapest_day(score, stretches)
    return summary(first, layout.due, now, worked_out[cheapest])


def summary(first: Quote, due: datetime | None, now: PlanDay, cheapest: PlanDay) -> BestDay:
    """The answer, given the cheapest day as the full planner or the search found it:
    one rule for both."""
    best, why = choose(first.catalog.policy, nothing=first.change is ChangeKind.NONE,
                       blocked=first.blocked, due=due, now=now, cheapest=cheapest)
    lic = first.license
    return BestDay(now, best, why, lic.start, lic.paid, lic.anchor, lambda: first)


def choose(policy: str, *, nothing: bool, blocked: bool, due: datetime | None,
           now: PlanDay, cheapest: PlanDay) -> tuple[PlanDay, Why]:
    """The best day and why, from the day now and the cheapest day (summary's rule)."""
    if nothing:
        return now, Why.NOTHING
    if policy != "reset":
        return now, Why.BLOCKED if blocked else Why.NO_DIFFERENCE
    if cheapest.cost_through_horizon >= now.cost_through_horizon:
        return now, Why.BLOCKED if blocked else Why.NOW
    if blocked:
        return cheapest, Why.BLOCKED
    on_due = due is not None and cheapest.moment.date() == due.date()
    return cheapest, Why.DUE_DATE if on_due else Why.CHEAPEST_DAY


# A day's cost through the horizon, and A (what the change costs now less any credit).
Score = tuple[Money, Money]


def cheapest_day(score: Callable[[datetime], Score],
                 stretches: list[list[datetime]]) -> datetime:
    """The reset policy's cheapest of the moments (the later of equals, as the planner
    picks), `score` saying a day's cost and A. Past the due date the license renews at
    the catalog price: the bound holds within each of its periods, so each is searched
    on its own (by_period's stretches; a due date that has passed before the change
    moment: it renewed since)."""
    cheapest, lowest = stretches[0][0], score(stretches[0][0])[0]
    for stretch in stretches:
        found, cost = _cheapest(score, stretch)
        if cost <= lowest:
            cheapest, lowest = found, cost
    return cheapest


def day_score(day: PlanDay) -> Score:
    """A worked-out day's Score."""
    return day.cost_through_horizon, day.charged_now - day.account_credit


def by_period(moments: list[datetime], *, anchor: datetime, end: datetime,
              months: int) -> list[list[datetime]]:
    """The moments in runs, one for each period of the license they fall in (a moment on
    a period's end is still in it, as the planner counts it): periods anchored on
    `anchor`, the first ending at `end`."""
    elapsed = bracket(anchor, months, end)[0] * months
    runs: list[list[datetime]] = [[]]
    for moment in moments:
        while moment > end:
            elapsed += months
            end = add_months(anchor, elapsed)
            runs.append([])
        runs[-1].append(moment)
    return [run for run in runs if run]


def _cheapest(score: Callable[[datetime], Score],
              moments: list[datetime]) -> tuple[datetime, Money]:
    """The cheapest of these days of one period (the later one of equals) and its cost,
    the reset policy's bound skipping most of them (module docstring): a day's cost is
    A + B, A never falls and B never rises, so no day between i and j costs less than
    A(i) + B(j)."""
    last = len(moments) - 1
    days = {0: score(moments[0])}
    if last > 0:
        days[last] = score(moments[last])
    best = last if days[last][0] <= days[0][0] else 0
    stack = [(0, last)]
    while stack:
        i, j = stack.pop()
        if j - i < 2:
            continue
        cheapest = days[best][0]
        bound = days[i][1] + (days[j][0] - days[j][1])
        if bound > cheapest or (bound == cheapest and j <= best):
            continue  # nothing between i and j beats the best day
        mid = (i + j) // 2
        days[mid] = score(moments[mid])
        cost = days[mid][0]
        if cost < cheapest or (cost == cheapest and mid > best):
            best = mid
        stack += [(i, mid), (mid, j)]
    return moments[best], days[best][0]
