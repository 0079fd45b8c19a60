"""The best day to make a change, from the change moment through the license's due date:
the planner's answer (core.planner, its own day rule and figures) for a book of a
million licenses, without pricing every day.

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
  moment renews on the way: its days are all priced.) tests/core/test_best_day.py
  holds it to the full planner on every start day over two years.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import datetime
from enum import StrEnum

from lic_desktop.core.engine import make_quote
from lic_desktop.core.money import Money
from lic_desktop.core.periods import add_months, bracket
from lic_desktop.core.planner import DayRule, PlanDay, plan_layout
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
    first: Quote = field(compare=False)  # the change's quote at the change moment

    @property
    def saving(self) -> Money:
        return self.now.cost_through_horizon - self.best.cost_through_horizon

    def quote_at_best(self) -> Quote:
        """The full quote on the best day (the license renewed first, past its due date,
        as the planner's quote_on has it)."""
        lic, req = self.first.license, self.first.request
        start = self.best.period_start
        if start is not None and start != lic.start:
            lic = replace(lic, start=start, paid=None, anchor=lic.anchor or lic.start)
        return make_quote(lic, replace(req, at=self.best.moment))


def best_day(lic: License, req: ChangeRequest) -> BestDay:
    """The planner's best day for `req`, through the due date."""
    layout = plan_layout(lic, req)
    rule = DayRule(layout.first, layout.horizon)
    now = rule.days(layout.moments[:1])[0]
    first = layout.first
    if first.catalog.policy != "reset" or first.change is ChangeKind.NONE:
        return summary(first, layout.due, now, now)
    # Past the due date the license renews at the catalog price: the bound holds within
    # each of its periods, so each is searched on its own (a due date that has passed
    # before the change moment: the license renewed since its start).
    cheapest = now
    for stretch in _by_period(first.license, layout.moments):
        found = _cheapest(rule, stretch, now if stretch[0] == now.moment else None)
        if found.cost_through_horizon <= cheapest.cost_through_horizon:
            cheapest = found  # the later of equals, as the planner picks
    return summary(first, layout.due, now, cheapest)


def summary(first: Quote, due: datetime | None, now: PlanDay, cheapest: PlanDay) -> BestDay:
    """The answer, given the cheapest day as the full planner or the search found it:
    one rule for both."""
    if first.change is ChangeKind.NONE:
        return BestDay(now, now, Why.NOTHING, first)
    if first.catalog.policy != "reset":
        return BestDay(now, now, Why.BLOCKED if first.blocked else Why.NO_DIFFERENCE, first)
    if cheapest.cost_through_horizon >= now.cost_through_horizon:
        return BestDay(now, now, Why.BLOCKED if first.blocked else Why.NOW, first)
    if first.blocked:
        return BestDay(now, cheapest, Why.BLOCKED, first)
    on_due = due is not None and cheapest.moment.date() == due.date()
    return BestDay(now, cheapest, Why.DUE_DATE if on_due else Why.CHEAPEST_DAY, first)


def _by_period(lic: License, moments: list[datetime]) -> list[list[datetime]]:
    """The moments in runs, one for each period of the license they fall in (a moment on
    a period's end is still in it, as the planner counts it)."""
    assert lic.period is not None  # the reset policy has no owned licenses
    anchor, months = lic.anchor or lic.start, lic.catalog.cycles[lic.cycle].months
    elapsed = bracket(anchor, months, lic.period.end)[0] * months
    end = lic.period.end
    runs: list[list[datetime]] = [[]]
    for moment in moments:
        while moment > end:
            elapsed += months
            end = add_months(anchor, elapsed)
            runs.append([])
        runs[-1].append(moment)
    return [run for run in runs if run]


def _cheapest(rule: DayRule, moments: list[datetime], first: PlanDay | None) -> PlanDay:
    """The cheapest of these days of one period (the later one of equals), the reset
    policy's bound skipping most of them (module docstring). `first`: the first day, if
    it is worked out already."""
    last = len(moments) - 1
    days = {0: first or rule.days([moments[0]])[0]}
    if last > 0:
        days[last] = rule.days([moments[last]])[0]
    best = max(days, key=lambda k: (-days[k].cost_through_horizon.amount, k))
    stack = [(0, last)]
    while stack:
        i, j = stack.pop()
        if j - i < 2:
            continue
        bound = _charged(days[i]) + _rest(days[j])
        cheapest = days[best].cost_through_horizon
        if bound > cheapest or (bound == cheapest and j <= best):
            continue  # nothing between i and j beats the best day
        mid = (i + j) // 2
        day = days[mid] = rule.days([moments[mid]])[0]
        cost = day.cost_through_horizon
        if cost < cheapest or (cost == cheapest and mid > best):
            best = mid
        stack += [(i, mid), (mid, j)]
    return days[best]


def _charged(day: PlanDay) -> Money:
    """A: what the change costs now, less any credit."""
    return day.charged_now - day.account_credit


def _rest(day: PlanDay) -> Money:
    """B: the rest of the day's cost through the horizon."""
    return day.cost_through_horizon - _charged(day)
