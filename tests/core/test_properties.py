"""Invariants of the engine over random licenses, changes and moments (hypothesis)."""

from __future__ import annotations

import calendar
from datetime import datetime, timedelta
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from lic_desktop.catalogs import load_catalog
from lic_desktop.core.catalog import Catalog
from lic_desktop.core.catalog_file import parse_catalog
from lic_desktop.core.engine import make_quote
from lic_desktop.core.money import Money
from lic_desktop.core.periods import Period, add_months
from lic_desktop.core.quote import ChangeRequest, License, Quote

EZEELOGIN = load_catalog("ezeelogin")
LITESPEED = load_catalog("litespeed")
# A 0-decimal currency, built without a file.
YEN_RESET = parse_catalog(
    {
        "catalog": {"name": "yen-reset", "currency": "JPY", "policy": "reset"},
        "cycles": {
            "monthly": {"months": 1},
            "quarterly": {"months": 3, "discount": "0.05"},
            "half_yearly": {"months": 6, "discount": "0.125"},
            "yearly": {"months": 12, "discount": "0.15"},
        },
        "plans": {"servers": {"unit_price": "123"}},
    },
    "test",
    lambda _code: 0,
)
YEN_DIFFERENCE = parse_catalog(
    {
        "catalog": {"name": "yen-ws", "currency": "JPY", "policy": "difference",
                    "processing_fee": "2500"},
        "cycles": {"monthly": {"months": 1}, "yearly": {"months": 12},
                   "owned": {"months": 0, "perpetual": True}},
        "plans": {
            "small": {"cpus": 1, "prices": {"monthly": "1599", "yearly": "15999",
                                            "owned": "29999"}},
            "large": {"cpus": 4, "prices": {"monthly": "5555", "yearly": "55555",
                                            "owned": "99999"}},
        },
    },
    "test",
    lambda _code: 0,
)
RESET_CATALOGS = [EZEELOGIN, YEN_RESET]
DIFFERENCE_CATALOGS = [LITESPEED, YEN_DIFFERENCE]
PROPERTIES = settings(max_examples=200, deadline=None)
MINUTES = 800 * 24 * 60  # changes up to 800 days after the start: within and beyond


@st.composite
def moments(draw: st.DrawFn) -> datetime:
    """Start moments in 2000-2099, month ends (28th-31st) drawn often."""
    year = draw(st.integers(2000, 2099))
    month = draw(st.integers(1, 12))
    last = calendar.monthrange(year, month)[1]
    day = draw(st.one_of(st.integers(last - 3, last), st.integers(1, last)))
    return datetime(year, month, day, draw(st.integers(0, 23)), draw(st.integers(0, 59)))


def quantum(cat: Catalog) -> Decimal:
    return Decimal(1).scaleb(-cat.digits)


def money_values(q: Quote) -> list[Money]:
    o = q.order
    values = [o.amount, o.grand_total, o.deduction, o.first_bill_amount, o.account_credit,
              o.due_now, q.total_due, q.license.amount_paid]
    if o.refund_estimate is not None:
        values.append(o.refund_estimate)
    for billing in (q.current_billing, q.new_billing):
        if billing is not None:
            values.append(billing.amount)
            if billing.amount_remaining is not None:
                values.append(billing.amount_remaining)
    if q.next_invoice is not None:
        values.append(q.next_invoice.amount)
    return values


def assert_minor_units(q: Quote) -> None:
    cat = q.catalog
    for value in money_values(q):
        assert value.currency == cat.currency
        assert value.amount == value.amount.quantize(quantum(cat)), value


@st.composite
def reset_cases(draw: st.DrawFn) -> tuple[License, ChangeRequest, ChangeRequest]:
    """A reset license and the same change at two moments, the second no earlier."""
    cat = draw(st.sampled_from(RESET_CATALOGS))
    cycle = draw(st.sampled_from(list(cat.cycles)))
    qty = draw(st.integers(1, 1000))
    price = cat.period_price("servers", qty, cycle)
    custom = draw(st.integers(0, int(price.amount * 2 / quantum(cat)) + 1))
    paid = draw(st.sampled_from([None, Money(custom * quantum(cat), cat.currency)]))
    lic = License(cat, "servers", cycle, draw(moments()), qty, paid=paid)
    to_cycle = draw(st.sampled_from(list(cat.cycles)))
    to_qty = draw(st.integers(1, 1000))
    first, second = sorted(draw(st.lists(st.integers(0, MINUTES), min_size=2, max_size=2)))
    early = ChangeRequest("servers", to_cycle, lic.start + timedelta(minutes=first), to_qty)
    late = ChangeRequest("servers", to_cycle, lic.start + timedelta(minutes=second), to_qty)
    return lic, early, late


@PROPERTIES
@given(reset_cases())
def test_reset_deduction_is_bounded_and_shrinks_with_time(
    case: tuple[License, ChangeRequest, ChangeRequest],
) -> None:
    lic, early, late = case
    q_early, q_late = make_quote(lic, early), make_quote(lic, late)
    for q in (q_early, q_late):
        o = q.order
        assert Money.zero(lic.catalog.currency) <= o.deduction <= lic.amount_paid
        assert o.first_bill_amount >= Money.zero(lic.catalog.currency)
        assert o.account_credit >= Money.zero(lic.catalog.currency)
        assert not (o.first_bill_amount and o.account_credit)
        assert o.first_bill_amount + o.deduction - o.account_credit == o.grand_total
        assert o.due_now == o.first_bill_amount
        assert_minor_units(q)
        if q.new_billing is not None:
            assert q.new_billing.start == q.request.at
            assert q.new_billing.end > q.new_billing.start
    assert q_late.order.deduction <= q_early.order.deduction
    period = lic.period
    assert period is not None
    if late.at >= period.end:
        assert q_late.order.deduction == Money.zero(lic.catalog.currency)


@st.composite
def difference_cases(draw: st.DrawFn) -> tuple[License, ChangeRequest]:
    cat = draw(st.sampled_from(DIFFERENCE_CATALOGS))
    plan = draw(st.sampled_from(list(cat.plans)))
    cycle = draw(st.sampled_from(cat.cycles_for(plan)))
    to_plan = draw(st.sampled_from(list(cat.plans)))
    to_cycle = draw(st.sampled_from(cat.cycles_for(to_plan)))
    lic = License(cat, plan, cycle, draw(moments()))
    at = lic.start + timedelta(minutes=draw(st.integers(0, MINUTES)))
    period = lic.period
    if period is not None and at > period.end:
        at = period.end  # past the end a leased license has renewed: that is refused
    return lic, ChangeRequest(to_plan, to_cycle, at)


@PROPERTIES
@given(difference_cases())
def test_difference_money_is_consistent(case: tuple[License, ChangeRequest]) -> None:
    lic, req = case
    q = make_quote(lic, req)
    zero = Money.zero(lic.catalog.currency)
    o = q.order
    assert_minor_units(q)
    assert o.due_now >= zero
    assert o.account_credit >= zero
    assert o.first_bill_amount + o.deduction - o.account_credit == o.grand_total
    assert q.total_due == o.due_now
    if o.refund_estimate is not None:
        assert zero <= o.refund_estimate <= lic.amount_paid
    # a leased change never costs more now than the new plan's full period
    if not lic.owned and not lic.catalog.cycles[req.cycle].perpetual:
        assert o.due_now <= lic.catalog.period_price(req.plan, 1, lic.cycle)
    plan = lic.catalog.plans[req.plan]
    if not q.blocked and plan.cpus is not None:
        assert q.processes == plan.cpus + 1


@PROPERTIES
@given(moments(), st.integers(1, 120))
def test_add_months_stays_within_the_month_lengths(start: datetime, months: int) -> None:
    end = add_months(start, months)
    assert end > start
    assert start + timedelta(days=28 * months) <= end <= start + timedelta(days=31 * months)
    assert (end.hour, end.minute) == (start.hour, start.minute)
    target_year, target_month = divmod(start.month - 1 + months, 12)
    target_year += start.year
    target_month += 1
    assert (end.year, end.month) == (target_year, target_month)
    # the same day, or the target month's last day when it has fewer days (C2)
    assert end.day == min(start.day, calendar.monthrange(target_year, target_month)[1])


@PROPERTIES
@given(moments(), st.sampled_from([1, 3, 6, 12]), st.integers(0, MINUTES),
       st.integers(0, MINUTES))
def test_days_used_and_remaining(start: datetime, months: int, a: int, b: int) -> None:
    period = Period.of_months(start, months)
    total = period.days_total
    assert 28 * months <= total <= 31 * months
    early, late = (start + timedelta(minutes=m) for m in sorted((a, b)))
    for moment in (early, late):
        used = period.days_used(moment)
        assert 0 <= used <= total
        assert used + period.days_remaining(moment) == total
        if moment >= period.end:
            assert period.days_remaining(moment) == 0
    assert period.days_remaining(late) <= period.days_remaining(early)
