"""Billing periods: C2 month arithmetic, C3 days total, C4 days used and remaining."""

from __future__ import annotations

import calendar
from datetime import datetime

import pytest
from dateutil.relativedelta import relativedelta
from hypothesis import given
from hypothesis import strategies as st

from lic_desktop.core.periods import InputError, Period, add_months, months_begun

# --- C2: start + N months, clamped to the month's last day, anchored ----------------


@pytest.mark.parametrize(
    ("start", "months", "end"),
    [
        (datetime(2023, 1, 31, 9, 0), 1, datetime(2023, 2, 28, 9, 0)),
        (datetime(2024, 1, 31, 9, 0), 1, datetime(2024, 2, 29, 9, 0)),  # leap year
        (datetime(2023, 1, 31, 9, 0), 2, datetime(2023, 3, 31, 9, 0)),  # anchored, not chained
        (datetime(2023, 1, 31, 9, 0), 3, datetime(2023, 4, 30, 9, 0)),
        (datetime(2022, 8, 31, 0, 0), 6, datetime(2023, 2, 28, 0, 0)),
        (datetime(2023, 8, 31, 0, 0), 6, datetime(2024, 2, 29, 0, 0)),  # leap year
        (datetime(2022, 12, 31, 23, 59), 12, datetime(2023, 12, 31, 23, 59)),
        (datetime(2024, 2, 29, 12, 0), 12, datetime(2025, 2, 28, 12, 0)),
        (datetime(2022, 3, 31, 0, 0), 1, datetime(2022, 4, 30, 0, 0)),
        (datetime(2022, 11, 16, 0, 23), 1, datetime(2022, 12, 16, 0, 23)),
        (datetime(2022, 11, 30, 8, 0), 3, datetime(2023, 2, 28, 8, 0)),
        (datetime(2022, 12, 15, 8, 0), 1, datetime(2023, 1, 15, 8, 0)),  # across the year
    ],
)
def test_add_months_clamps_to_month_end(start: datetime, months: int, end: datetime) -> None:
    assert add_months(start, months) == end


def test_add_months_is_anchored_not_chained() -> None:
    start = datetime(2023, 1, 31, 9, 0)
    chained = add_months(add_months(start, 1), 1)  # Feb 28 + 1 = Mar 28
    assert chained == datetime(2023, 3, 28, 9, 0)
    assert add_months(start, 2) == datetime(2023, 3, 31, 9, 0)
    # the renewals of a monthly Jan 31 license: Feb 28, Mar 31, Apr 30, May 31
    ends = [add_months(start, k) for k in range(1, 5)]
    assert ends == [
        datetime(2023, 2, 28, 9, 0),
        datetime(2023, 3, 31, 9, 0),
        datetime(2023, 4, 30, 9, 0),
        datetime(2023, 5, 31, 9, 0),
    ]


def test_add_months_keeps_time_of_day() -> None:
    end = add_months(datetime(2023, 1, 31, 17, 45), 1)
    assert (end.hour, end.minute) == (17, 45)


LAST_DAY = {1: 31, 2: 28, 3: 31, 4: 30, 5: 31, 6: 30, 7: 31, 8: 31, 9: 30, 10: 31, 11: 30, 12: 31}


def last_day(year: int, month: int) -> int:
    return 29 if month == 2 and year % 4 == 0 else LAST_DAY[month]


@pytest.mark.parametrize("year", [2023, 2024])
@pytest.mark.parametrize("month", range(1, 13))
def test_every_month_end_plus_one_month(year: int, month: int) -> None:
    # the same day next month, or that month's last day when it has fewer days
    # (Nov 30 -> Dec 30, Dec 31 -> Jan 31, Jan 31 -> Feb 28/29, Mar 31 -> Apr 30)
    day = last_day(year, month)
    nxt_year, nxt_month = (year + 1, 1) if month == 12 else (year, month + 1)
    nxt_day = min(day, last_day(nxt_year, nxt_month))
    start = datetime(year, month, day, 6, 30)
    assert add_months(start, 1) == datetime(nxt_year, nxt_month, nxt_day, 6, 30)


def test_period_of_months() -> None:
    period = Period.of_months(datetime(2023, 1, 31, 9, 0), 1)
    assert period == Period(datetime(2023, 1, 31, 9, 0), datetime(2023, 2, 28, 9, 0))


def test_period_needs_one_month_at_least() -> None:
    with pytest.raises(ValueError, match="at least one month"):
        Period.of_months(datetime(2023, 1, 1), 0)


# --- C3: days total ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "months", "total"),
    [
        (datetime(2022, 11, 16, 0, 23), 1, 30),  # Nov 16 -> Dec 16
        (datetime(2022, 11, 1, 9, 0), 1, 30),
        (datetime(2024, 2, 1, 0, 0), 1, 29),  # Feb 2024 has 29 days
        (datetime(2023, 2, 1, 0, 0), 1, 28),
        (datetime(2023, 1, 31, 0, 0), 1, 28),  # Jan 31 -> Feb 28
        (datetime(2023, 1, 1, 0, 0), 3, 90),  # 31 + 28 + 31
        (datetime(2023, 1, 1, 0, 0), 12, 365),
        (datetime(2024, 1, 1, 0, 0), 12, 366),
        (datetime(2022, 8, 31, 0, 0), 6, 181),  # Aug 31 2022 -> Feb 28 2023
    ],
)
def test_days_total(start: datetime, months: int, total: int) -> None:
    assert Period.of_months(start, months).days_total == total


# --- C4: days used and remaining ---------------------------------------------------

SEED = Period.of_months(datetime(2022, 11, 1, 9, 0), 1)  # Nov 1 09:00 -> Dec 1 09:00, 30 days


def test_seed_check() -> None:
    # 2022-11-01 09:00 -> 2022-11-16 00:23 is 14 days 15 h 23 min: 14 whole days
    at = datetime(2022, 11, 16, 0, 23)
    assert SEED.days_total == 30
    assert SEED.days_used(at) == 14
    assert SEED.days_remaining(at) == 16


def test_change_at_the_start_uses_nothing() -> None:
    assert SEED.days_used(SEED.start) == 0
    assert SEED.days_remaining(SEED.start) == 30


def test_one_minute_before_a_full_day_is_still_day_zero() -> None:
    at = datetime(2022, 11, 2, 8, 59)
    assert SEED.days_used(at) == 0
    assert SEED.days_remaining(at) == 30


def test_a_full_day_is_used_at_exactly_24_hours() -> None:
    at = datetime(2022, 11, 2, 9, 0)
    assert SEED.days_used(at) == 1
    assert SEED.days_remaining(at) == 29


def test_change_at_the_end_leaves_nothing() -> None:
    assert SEED.days_used(SEED.end) == 30
    assert SEED.days_remaining(SEED.end) == 0


def test_change_one_minute_before_the_end_leaves_one_day() -> None:
    # a day that has begun counts as remaining
    at = datetime(2022, 12, 1, 8, 59)
    assert SEED.days_used(at) == 29
    assert SEED.days_remaining(at) == 1


def test_change_after_the_end_is_clamped() -> None:
    at = datetime(2023, 3, 1, 9, 0)  # 90 days after the start
    assert SEED.days_used(at) == 30
    assert SEED.days_remaining(at) == 0


def test_change_before_the_start_is_an_input_error_on_at() -> None:
    with pytest.raises(InputError) as info:
        SEED.days_used(datetime(2022, 11, 1, 8, 59))
    assert info.value.field == "at"
    assert "2022-11-01 08:59" in str(info.value)
    with pytest.raises(InputError) as info:
        SEED.days_remaining(datetime(2022, 10, 1, 9, 0))
    assert info.value.field == "at"


def test_input_error_is_a_value_error_with_field_and_message() -> None:
    err = InputError("quantity", "must be at least 1")
    assert isinstance(err, ValueError)
    assert (err.field, err.message) == ("quantity", "must be at least 1")
    assert str(err) == "quantity: must be at least 1"


def test_days_on_a_month_end_period() -> None:
    period = Period.of_months(datetime(2024, 1, 31, 12, 0), 1)  # -> Feb 29 2024 12:00
    assert period.days_total == 29
    assert period.days_used(datetime(2024, 2, 15, 11, 59)) == 14  # 14 days 23 h 59 min
    assert period.days_remaining(datetime(2024, 2, 15, 12, 0)) == 14  # 29 - 15


# --- months begun (owned -> leased) -------------------------------------------------


@pytest.mark.parametrize(
    ("moment", "months"),
    [
        (datetime(2023, 1, 15, 10, 0), 1),  # at the start: at least 1
        (datetime(2023, 1, 15, 10, 1), 1),
        (datetime(2023, 2, 15, 9, 59), 1),
        (datetime(2023, 2, 15, 10, 0), 1),  # the first month just completed
        (datetime(2023, 2, 15, 10, 1), 2),  # the second has begun
        (datetime(2023, 7, 1, 0, 0), 6),  # Jan 15 + 5 months = Jun 15 < Jul 1 <= Jul 15
        (datetime(2024, 1, 15, 10, 0), 12),
        (datetime(2024, 1, 15, 10, 1), 13),
    ],
)
def test_months_begun(moment: datetime, months: int) -> None:
    assert months_begun(datetime(2023, 1, 15, 10, 0), moment) == months


def test_months_begun_from_a_month_end_is_anchored() -> None:
    start = datetime(2023, 1, 31, 0, 0)
    assert months_begun(start, datetime(2023, 2, 28, 0, 0)) == 1  # Jan 31 + 1 = Feb 28
    assert months_begun(start, datetime(2023, 3, 1, 0, 0)) == 2
    assert months_begun(start, datetime(2023, 3, 31, 0, 0)) == 2  # Jan 31 + 2 = Mar 31
    assert months_begun(start, datetime(2023, 3, 31, 0, 1)) == 3


# --- the hand-written add_months against dateutil's relativedelta (the oracle) ----------



@given(start=st.datetimes(min_value=datetime(1971, 1, 1), max_value=datetime(2200, 12, 31)),
       months=st.integers(min_value=-240, max_value=240))
def test_add_months_equals_relativedelta(start: datetime, months: int) -> None:
    start = start.replace(second=0, microsecond=0)
    assert add_months(start, months) == start + relativedelta(months=months)


def test_add_months_on_every_month_end_equals_relativedelta() -> None:
    for year in (2023, 2024, 2100):
        for month in range(1, 13):
            last = calendar.monthrange(year, month)[1]
            start = datetime(year, month, last, 23, 59)
            for months in (1, 2, 3, 6, 11, 12, 13, 24, -1):
                assert add_months(start, months) == start + relativedelta(months=months)
