"""Issue #15 point 8 and its speed note: the best day found without pricing every day is
the full planner's, on every start day over two years (reset policy), and the difference
policy's planner never advises waiting (so the book need not plan those at all)."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lic_desktop.catalogs import load_catalog
from lic_desktop.core.best_day import BestDay, Why, best_day, summary
from lic_desktop.core.book_best_day import Prices, ResetDays, reset_best_day
from lic_desktop.core.catalog import Catalog
from lic_desktop.core.periods import InputError
from lic_desktop.core.planner import Advice, plan_change
from lic_desktop.core.quote import ChangeRequest, License
from tests.core.test_planner_reference import three_decimal_catalog

EZ = load_catalog("ezeelogin")
LS = load_catalog("litespeed")
FIRST_START = datetime(2023, 1, 1, 9, 0)


def book_path(cat: Catalog, lic: License, req: ChangeRequest) -> BestDay:
    """The book's best day for a license from its start, cycles and amounts alone."""
    assert lic.period is not None
    days = ResetDays(lic.start, cat.cycles[lic.cycle].months, cat.cycles[req.cycle].months,
                     req.at)
    prices = Prices.of(cat.period_price(req.plan, req.quantity, req.cycle),
                       cat.period_price(lic.plan, lic.quantity, lic.cycle), lic.amount_paid,
                       blocked=False, digits=cat.digits)
    assert prices is not None
    found = reset_best_day(days, prices, lambda: pytest.fail("no quote is needed"))
    assert found is not None
    return found


def full_planner(lic: License, req: ChangeRequest) -> BestDay:
    """The answer from every day priced (plan_change), through the same summary rule."""
    plan = plan_change(lic, req)
    return summary(plan.first, plan.due_date, plan.days[0], plan.best_day)


# (cycle, servers, new cycle, new servers): upgrades, downgrades, cycle changes, and
# near-equal daily prices, where the cheapest day moves with the month lengths.
RESET_CHANGES = [("monthly", 10, "monthly", 16), ("monthly", 16, "monthly", 10),
                 ("monthly", 10, "yearly", 10), ("quarterly", 10, "monthly", 12),
                 ("yearly", 5, "monthly", 6), ("half_yearly", 19, "quarterly", 18),
                 ("monthly", 30, "monthly", 31)]


@pytest.mark.parametrize(("cycle", "servers", "new_cycle", "new_servers"), RESET_CHANGES)
def test_the_best_day_is_the_full_planners_on_every_start_day_over_two_years(
        cycle: str, servers: int, new_cycle: str, new_servers: int) -> None:
    differ = 0
    for day in range(0, 731):
        start = FIRST_START + timedelta(days=day)
        lic = License(EZ, "servers", cycle, start, servers)
        assert lic.period is not None
        # Early in the period, and a few days before its end at another time of day.
        for at in (start + timedelta(days=2, minutes=37),
                   lic.period.end - timedelta(days=3, hours=2)):
            req = ChangeRequest("servers", new_cycle, at, new_servers)
            found, expected = best_day(lic, req), full_planner(lic, req)
            assert found == expected, (start, at)
            differ += found.best.moment not in (lic.period.end, at)
    if (cycle, servers, new_cycle, new_servers) == ("monthly", 30, "monthly", 31):
        assert differ  # some cheapest days fall between the change moment and the due date


def test_a_three_decimal_currency(tmp_path: Path) -> None:
    cat = three_decimal_catalog(tmp_path)
    for day in range(0, 400, 2):
        start = datetime(2023, 3, 31, 10, 0) + timedelta(days=day)
        lic = License(cat, "servers", "yearly", start, 7)
        assert lic.period is not None
        req = ChangeRequest("servers", "monthly", lic.period.end - timedelta(days=20,
                                                                             minutes=-60), 7)
        expected = full_planner(lic, req)
        assert best_day(lic, req) == expected
        assert book_path(cat, lic, req) == expected  # the book's own path, too


def test_the_seed_upgrade_waits_for_the_due_date() -> None:
    lic = License(EZ, "servers", "monthly", datetime(2022, 11, 1, 9, 0), 10)
    found = best_day(lic, ChangeRequest("servers", "monthly", datetime(2022, 11, 16, 0, 23),
                                        16))
    assert found.why is Why.DUE_DATE
    assert found.best.moment.date() == datetime(2022, 12, 1).date()
    assert str(found.now.charged_now.amount) == "21.23"  # the seed's first bill


def test_a_downgrade_is_cheapest_now_and_an_unpaid_invoice_blocks() -> None:
    lic = License(EZ, "servers", "monthly", datetime(2022, 11, 1, 9, 0), 16)
    at = datetime(2022, 11, 16, 0, 23)
    assert best_day(lic, ChangeRequest("servers", "monthly", at, 10)).why is Why.NOW
    unpaid = License(EZ, "servers", "monthly", datetime(2022, 11, 1, 9, 0), 10,
                     pending=lic.amount_paid)
    assert best_day(unpaid, ChangeRequest("servers", "monthly", at, 16)).why is Why.BLOCKED


plans = st.sampled_from(["vps", "1-cpu", "2-cpu", "4-cpu", "8-cpu"])
cycles = st.sampled_from(["monthly", "yearly", "owned"])


@settings(max_examples=150, deadline=None)
@given(plans, cycles, plans, cycles,
       st.datetimes(min_value=datetime(2023, 1, 1), max_value=datetime(2025, 12, 31)),
       st.integers(0, 400))
def test_the_difference_policy_never_advises_waiting(
        plan: str, cycle: str, to_plan: str, to_cycle: str, start: datetime,
        days: int) -> None:
    """The planner's own advice for every difference-policy change is that the day does
    not change the daily price (or nothing changes): the book gives the change moment."""
    start = start.replace(second=0, microsecond=0)
    try:
        lic = License(LS, plan, cycle, start)
        at = start + timedelta(days=days)
        if lic.period is not None and at > lic.period.end:
            at = lic.period.end
        req = ChangeRequest(to_plan, to_cycle, at)
        full = plan_change(lic, req)
    except InputError:
        return
    assert full.advice in (Advice.DAILY_RATE, Advice.ANY_DAY, Advice.NOTHING)
    found = best_day(lic, req)
    assert found == full_planner(lic, req)
    assert found.best == full.days[0]
    assert not found.why.saves
