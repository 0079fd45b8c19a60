"""The upgrade-date planner: each day's figures are the quote's at that moment."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lic_desktop.catalogs import load_catalog
from lic_desktop.core.catalog import Catalog
from lic_desktop.core.engine import make_quote
from lic_desktop.core.money import Money
from lic_desktop.core.periods import InputError
from lic_desktop.core.planner import Advice, Plan, plan_change, quote_on
from lic_desktop.core.quote import ChangeRequest, License

EZ = load_catalog("ezeelogin")
LS = load_catalog("litespeed")
SEED_START = datetime(2022, 11, 1, 9, 0)
SEED_AT = datetime(2022, 11, 16, 0, 23)


def usd(text: str) -> Money:
    return Money(Decimal(text), "USD")


def seed_plan(**change: object) -> Plan:
    lic = License(EZ, "servers", "monthly", SEED_START, 10)
    return plan_change(lic, ChangeRequest("servers", "monthly", SEED_AT, 16), **change)  # type: ignore[arg-type]


def assert_days_match_quotes(plan: Plan) -> None:
    for d in plan.days:
        q = quote_on(plan, d)
        assert q.order.due_now == d.charged_now, d.moment
        assert q.order.account_credit == d.account_credit, d.moment
        expected_expiry = q.new_billing.end if q.new_billing is not None else \
            (q.license.period.end if q.license.period is not None else None)
        assert expected_expiry == d.new_expiry, d.moment


def test_the_seed_upgrade_is_best_on_the_due_date() -> None:
    plan = seed_plan()
    assert plan.due_date == datetime(2022, 12, 1, 9, 0)
    assert plan.best_day.moment.date() == plan.due_date.date()
    assert plan.advice is Advice.DUE_DATE
    # Days from Nov 16 00:23 to Dec 1 00:23 (16 days) plus the due date moment itself.
    assert len(plan.days) == 17
    assert plan.days[-1].moment == plan.due_date
    assert plan.horizon == datetime(2023, 1, 1, 9, 0)  # due date + one month


def test_seed_figures_by_hand() -> None:
    plan = seed_plan()
    first, due = plan.days[0], plan.days[-1]
    # Nov 16: 31.84 - 10.61 = 21.23 now; renewal on Dec 16 (31.84) is before the horizon.
    assert first.charged_now == usd("21.23")
    assert first.new_expiry == datetime(2022, 12, 16, 0, 23)
    assert first.cash_through_horizon == usd("53.07")
    # That renewal buys Dec 16 00:23 -> Jan 16 00:23 (44,640 minutes), of which
    # Jan 1 09:00 -> Jan 16 00:23 (21,083 minutes) lie past the horizon:
    # 31.84 x 21083 / 44640 = 15.0378 -> 15.04; 53.07 - 15.04 = 38.03.
    assert first.cost_through_horizon == usd("38.03")
    # On the due date: nothing deducted, 31.84, paid until exactly the horizon.
    assert due.charged_now == usd("31.84")
    assert due.cash_through_horizon == usd("31.84")
    assert due.cost_through_horizon == usd("31.84")


def test_every_seed_day_equals_the_quote_at_that_moment() -> None:
    plan = seed_plan()
    lic = plan.first.license
    for d in plan.days:
        q = make_quote(lic, replace(plan.first.request, at=d.moment))
        assert (q.order.due_now, q.order.account_credit) == (d.charged_now, d.account_credit)
        assert q.new_billing is not None
        assert q.new_billing.end == d.new_expiry


def test_past_the_due_date_the_license_renews_first() -> None:
    plan = seed_plan(until=datetime(2023, 2, 10, 0, 0))
    day = next(d for d in plan.days if d.moment == datetime(2022, 12, 16, 0, 23))
    assert day.period_start == datetime(2022, 12, 1, 9, 0)
    # Renewed Dec 1 at 19.90; Dec 16 00:23: 14 days used of 31, 17 left:
    # 19.90 x 17 / 31 = 10.9129 -> 10.91; 31.84 - 10.91 = 20.93 now.
    assert day.charged_now == usd("20.93")
    assert_days_match_quotes(plan)


@pytest.mark.parametrize(("catalog", "plan", "cycle", "to_plan", "to_cycle"), [
    (LS, "1-cpu", "monthly", "2-cpu", "monthly"),
    (LS, "4-cpu", "monthly", "vps", "monthly"),
    (LS, "1-cpu", "monthly", "1-cpu", "yearly"),
    (LS, "1-cpu", "monthly", "8-cpu", "owned"),
    (LS, "1-cpu", "owned", "4-cpu", "owned"),
    (LS, "2-cpu", "owned", "vps", "monthly"),
    (LS, "2-cpu", "yearly", "4-cpu", "yearly"),
    (EZ, "servers", "quarterly", "servers", "monthly"),
])
def test_days_match_quotes_for_every_kind_of_change(catalog: Catalog, plan: str, cycle: str,
                                                    to_plan: str, to_cycle: str) -> None:
    lic = License(catalog, plan, cycle, datetime(2023, 1, 31, 10, 0))
    req = ChangeRequest(to_plan, to_cycle, datetime(2023, 2, 3, 8, 0))
    assert_days_match_quotes(plan_change(lic, req, until=datetime(2023, 9, 1, 0, 0)))


def test_immediate_credit_days_match_quotes(tmp_path: Path) -> None:
    text = (Path(LS.source).read_text(encoding="utf-8")
            .replace('downgrade = "end_of_cycle"', 'downgrade = "immediate_credit"'))
    path = tmp_path / "credit.toml"
    path.write_text(text, encoding="utf-8")
    cat = load_catalog(str(path))
    lic = License(cat, "8-cpu", "monthly", datetime(2023, 3, 1, 12, 0))
    plan = plan_change(lic, ChangeRequest("vps", "monthly", datetime(2023, 3, 2, 12, 0)))
    assert plan.days[0].account_credit > Money.zero("USD")
    assert plan.advice is Advice.DAILY_RATE
    assert_days_match_quotes(plan)


def test_difference_policy_advice() -> None:
    lic = License(LS, "1-cpu", "monthly", SEED_START)
    upgrade = plan_change(lic, ChangeRequest("2-cpu", "monthly", SEED_AT))
    assert upgrade.advice is Advice.DAILY_RATE
    downgrade = plan_change(License(LS, "2-cpu", "monthly", SEED_START),
                            ChangeRequest("vps", "monthly", SEED_AT))
    assert downgrade.advice is Advice.ANY_DAY
    assert {d.cost_through_horizon for d in downgrade.days} == {usd("16.00")}
    same = plan_change(lic, ChangeRequest("1-cpu", "monthly", SEED_AT))
    assert same.advice is Advice.NOTHING


def test_owned_license_plans_thirty_days() -> None:
    lic = License(LS, "1-cpu", "owned", datetime(2022, 3, 10, 10, 0))
    plan = plan_change(lic, ChangeRequest("4-cpu", "owned", SEED_AT))
    assert plan.due_date is None
    assert len(plan.days) == 31
    assert {d.charged_now for d in plan.days} == {usd("400.00")}  # 1099 - 699, any day
    assert all(d.new_expiry is None for d in plan.days)


def test_until_before_the_change_is_refused() -> None:
    with pytest.raises(InputError) as caught:
        seed_plan(until=SEED_AT - timedelta(days=1))
    assert caught.value.field == "until"
    with pytest.raises(InputError):
        seed_plan(until=SEED_AT + timedelta(days=40000))


moments = st.datetimes(min_value=datetime(2020, 1, 1), max_value=datetime(2030, 12, 31))


@settings(max_examples=60, deadline=None)
@given(start=moments, offset=st.integers(min_value=0, max_value=400 * 24 * 60),
       quantity=st.integers(min_value=1, max_value=40),
       to_quantity=st.integers(min_value=1, max_value=40),
       cycle=st.sampled_from(["monthly", "quarterly", "half_yearly", "yearly"]),
       to_cycle=st.sampled_from(["monthly", "quarterly", "yearly"]),
       extra_days=st.integers(min_value=0, max_value=120))
def test_planner_equals_quotes_on_random_licenses(start: datetime, offset: int, quantity: int,
                                                  to_quantity: int, cycle: str, to_cycle: str,
                                                  extra_days: int) -> None:
    start = start.replace(second=0, microsecond=0)
    lic = License(EZ, "servers", cycle, start, quantity)
    at = start + timedelta(minutes=offset)
    until = at + timedelta(days=extra_days)
    plan = plan_change(lic, ChangeRequest("servers", to_cycle, at, to_quantity), until=until)
    assert_days_match_quotes(plan)
    best = plan.best_day.cost_through_horizon
    assert all(best <= d.cost_through_horizon for d in plan.days)
