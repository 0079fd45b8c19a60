"""Issue #15 points 4-7: the planner against a day-by-day planner of its own.

For every planned day the reference rolls the license on by itself (from the anchor, at
the catalog price past the due date), asks `make_quote` at that day's moment, and sums
the cash and the cost through the horizon from the quote's own figures: what is charged
now less any credit, every renewal of the old plan, every invoice of the new plan before
the horizon; the cost subtracts, by the minute, what the period paid last buys after the
horizon (the new plan's last invoice; a reset change's own new period when no invoice
comes before the horizon; a renewal of the old plan that runs past it). Nothing of the
planner's day loop is used.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lic_desktop.catalogs import load_catalog, load_user_catalog
from lic_desktop.core.catalog import Catalog
from lic_desktop.core.engine import make_quote
from lic_desktop.core.money import Money, prorate
from lic_desktop.core.periods import InputError, add_months
from lic_desktop.core.planner import Plan, plan_change
from lic_desktop.core.quote import ChangeRequest, License

EZ = load_catalog("ezeelogin")
LS = load_catalog("litespeed")
MINUTE = timedelta(minutes=1)


@dataclass(frozen=True)
class Day:
    charged_now: Money
    credit: Money
    new_expiry: datetime | None
    cash: Money
    cost: Money


def months_to(anchor: datetime, date: datetime) -> int:
    """The k with anchor + k months == date (C2's clamped month ends)."""
    for k in range(0, 1300):
        if add_months(anchor, k) == date:
            return k
    raise AssertionError(f"{date} is no renewal of {anchor}")


def after_horizon(price: Money, start: datetime, end: datetime, horizon: datetime,
                  digits: int) -> Money:
    """What `price`, paying for start -> end, buys after the horizon (by the minute)."""
    if end <= horizon:
        return Money.zero(price.currency)
    return prorate(price, (end - horizon) // MINUTE, (end - start) // MINUTE, digits)


def reference_day(lic: License, req: ChangeRequest, moment: datetime,
                  horizon: datetime) -> Day:
    cat = lic.catalog
    zero = Money.zero(cat.currency)
    renewals: list[tuple[Money, datetime, datetime]] = []
    rolled = lic
    if lic.period is not None:
        anchor = lic.anchor or lic.start
        start, end = lic.period.start, lic.period.end
        months = cat.cycles[lic.cycle].months
        k = months_to(anchor, end)
        while moment > end:  # renewed at the catalog price
            start, k = end, k + months
            end = add_months(anchor, k)
            renewals.append((cat.period_price(lic.plan, lic.quantity, lic.cycle), start, end))
        if renewals:
            rolled = License(cat, lic.plan, lic.cycle, start, lic.quantity,
                             pending=lic.pending, anchor=anchor)
    q = make_quote(rolled, ChangeRequest(req.plan, req.cycle, moment, req.quantity))
    due_now, credit = q.order.due_now, q.order.account_credit
    if q.new_billing is not None:
        expiry = q.new_billing.end
    else:
        expiry = None if rolled.period is None else rolled.period.end
    cash = sum((r[0] for r in renewals), zero) + due_now - credit
    subtract = zero
    new_months = cat.cycles[req.cycle].months
    reset = cat.policy == "reset" and q.new_billing is not None
    if q.next_invoice is not None and new_months:
        # The new plan's invoices: from the change moment (reset: its own new period
        # first) or on the license's anchor (difference), every new cycle.
        base = moment if reset else (rolled.anchor or rolled.start)
        k = months_to(base, q.next_invoice.date)
        dates = [add_months(base, k + j * new_months) for j in range(0, 400)]
        paid = [d for d in dates if d < horizon]
        cash += q.next_invoice.amount * len(paid)
        if paid:
            last = paid[-1]
            following = add_months(base, months_to(base, last) + new_months)
            subtract = after_horizon(q.next_invoice.amount, last, following, horizon,
                                     cat.digits)
        elif reset:  # the change's own new period runs past the horizon
            subtract = after_horizon(q.order.grand_total, moment, q.next_invoice.date,
                                     horizon, cat.digits)
    if renewals and not reset:
        price, start, end = renewals[-1]  # the license keeps its renewed period
        subtract += after_horizon(price, start, end, horizon, cat.digits)
    return Day(due_now, credit, expiry, cash, cash - subtract)


def assert_plan_is_the_reference(lic: License, req: ChangeRequest,
                                 until: datetime | None = None) -> Plan:
    plan = plan_change(lic, req, until)
    for i, d in enumerate(plan.days):
        ref = reference_day(lic, req, d.moment, plan.horizon)
        got = Day(d.charged_now, d.account_credit, d.new_expiry, d.cash_through_horizon,
                  d.cost_through_horizon)
        assert got == ref, (i, d.moment)
    costs = [reference_day(lic, req, d.moment, plan.horizon).cost for d in plan.days]
    best = min(range(len(costs)), key=lambda i: (costs[i], -i))
    assert plan.best == best
    return plan


def test_a_difference_plan_from_the_period_start_keeps_the_period_end() -> None:
    # Issue #15 point 4: Jun 1 showed a new expiry of Jul 1; quote gives Jun 30.
    lic = License(LS, "vps", "monthly", datetime(2025, 5, 31, 0, 0))
    plan = assert_plan_is_the_reference(
        lic, ChangeRequest("2-cpu", "monthly", datetime(2025, 5, 31, 0, 0)))
    assert plan.days[1].new_expiry == datetime(2025, 6, 30, 0, 0)
    # The due-date row renews on the new plan: its cash is the 2-CPU month, not 0.
    assert plan.days[-1].moment == datetime(2025, 6, 30, 0, 0)
    assert plan.days[-1].cash_through_horizon == Money(Decimal("46.00"), "USD")


@pytest.mark.parametrize(("to_plan", "to_cycle"), [("2-cpu", "monthly"), ("vps", "yearly"),
                                                   ("1-cpu", "yearly")])
def test_a_difference_plan_from_the_due_moment(to_plan: str, to_cycle: str) -> None:
    lic = License(LS, "vps", "monthly", datetime(2025, 5, 1, 0, 0))
    assert_plan_is_the_reference(lic, ChangeRequest(to_plan, to_cycle,
                                                    datetime(2025, 6, 1, 0, 0)))


def test_a_renewal_past_the_horizon_is_not_all_cost() -> None:
    # Issue #15 point 5: Dec 2 showed cost 560.00 = cash. The yearly renewal of Dec 1
    # 2022 buys a year, of which Jan 20 2023 09:00 -> Dec 1 2023 09:00 (315 of 365 days)
    # lies past the horizon: 560 - 560 x 315 / 365 = 560 - 483.29 = 76.71.
    lic = License(LS, "4-cpu", "yearly", datetime(2021, 12, 1, 9, 0))
    plan = assert_plan_is_the_reference(
        lic, ChangeRequest("1-cpu", "monthly", datetime(2022, 11, 25, 9, 0)),
        until=datetime(2022, 12, 20, 9, 0))
    dec2 = next(d for d in plan.days if d.moment == datetime(2022, 12, 2, 9, 0))
    assert dec2.cash_through_horizon == Money(Decimal("560.00"), "USD")
    assert dec2.cost_through_horizon == Money(Decimal("76.71"), "USD")


def three_decimal_catalog(tmp_path: Path) -> Catalog:
    path = tmp_path / "gateway-kwd.toml"
    path.write_text('''
[catalog]
name = "gateway-kwd"
title = "Gateway (KWD)"
currency = "KWD"
policy = "reset"
quantity_label = "Servers"

[cycles.monthly]
months = 1
label = "Monthly"
discount = "0"

[cycles.yearly]
months = 12
label = "Yearly"
discount = "0.1"

[plans.servers]
label = "Servers"
unit_price = "0.613"
min_quantity = 1
''')
    return load_user_catalog(path)


def test_a_reset_change_whose_own_period_ends_after_the_horizon(tmp_path: Path) -> None:
    # Issue #15 point 6: a yearly license started Mar 31 (due Mar 31 2024 10:00, horizon
    # Apr 30 10:00), changed to monthly at 11:00: on Mar 30 its own new month runs to
    # Apr 30 11:00, an hour past the horizon; that hour was not subtracted.
    cat = three_decimal_catalog(tmp_path)
    lic = License(cat, "servers", "yearly", datetime(2023, 3, 31, 10, 0), 7)
    plan = assert_plan_is_the_reference(
        lic, ChangeRequest("servers", "monthly", datetime(2024, 3, 20, 11, 0), 7))
    mar30 = next(d for d in plan.days if d.moment == datetime(2024, 3, 30, 11, 0))
    # 7 x 0.613 = 4.291 a month; Mar 30 11:00 -> Apr 30 11:00 is 44,640 minutes, 60 of
    # them past the horizon: 4.291 x 60 / 44640 = 0.00577 -> 0.006.
    assert mar30.cash_through_horizon - mar30.cost_through_horizon == \
        Money(Decimal("0.006"), "KWD")


def test_the_plan_from_the_due_moment_runs_thirty_days_on() -> None:
    # Issue #15 point 7: with no --until, a plan from the due moment itself covers the
    # 30 days after it (documented in `plan --help` and the README).
    lic = License(EZ, "servers", "monthly", datetime(2022, 11, 1, 9, 0), 10)
    plan = plan_change(lic, ChangeRequest("servers", "monthly", datetime(2022, 12, 1, 9, 0),
                                          16))
    assert plan.days[-1].moment == datetime(2022, 12, 31, 9, 0)


starts = st.datetimes(min_value=datetime(2023, 1, 1), max_value=datetime(2025, 12, 31)) \
    .map(lambda d: d.replace(second=0, microsecond=0))
month_ends = st.sampled_from([datetime(2024, 1, 31, 10, 0), datetime(2023, 3, 31, 23, 0),
                              datetime(2024, 2, 29, 0, 0), datetime(2023, 8, 30, 12, 0)])
licenses = st.one_of(
    st.tuples(st.just(EZ), st.just("servers"),
              st.sampled_from(["monthly", "quarterly", "half_yearly", "yearly"]),
              st.integers(1, 30), st.just("servers"),
              st.sampled_from(["monthly", "quarterly", "yearly"]), st.integers(1, 30)),
    st.tuples(st.just(LS), st.sampled_from(["vps", "1-cpu", "4-cpu"]),
              st.sampled_from(["monthly", "yearly", "owned"]), st.just(1),
              st.sampled_from(["vps", "2-cpu", "8-cpu"]),
              st.sampled_from(["monthly", "yearly", "owned"]), st.just(1)))


@settings(max_examples=150, deadline=None)
@given(licenses, st.one_of(starts, month_ends),
       st.one_of(st.just(0), st.just(-1), st.integers(0, 400)),
       st.sampled_from([None, 0, 20, 200]), st.integers(-90, 600))
def test_the_planner_is_the_reference_on_random_licenses(
        license_: tuple[Catalog, str, str, int, str, str, int], start: datetime,
        offset: int, until_days: int | None, minute_shift: int) -> None:
    cat, plan, cycle, quantity, to_plan, to_cycle, to_quantity = license_
    try:
        lic = License(cat, plan, cycle, start, quantity)
        due = lic.period.end if lic.period is not None else None
        # On the start, on the due moment (-1), or some days and minutes after the start.
        at = start if offset == 0 else due if offset == -1 and due else \
            start + timedelta(days=offset, minutes=minute_shift)
        req = ChangeRequest(to_plan, to_cycle, at, to_quantity)
        until = None if until_days is None or due is None else \
            max(due, at) + timedelta(days=until_days)
        plan_change(lic, req, until)
    except InputError:
        return  # a change the engine refuses (the reference would refuse it too)
    assert_plan_is_the_reference(lic, req, until)
