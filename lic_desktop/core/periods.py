"""Billing periods: month arithmetic and day counting (SPEC.md C1-C4)."""

from __future__ import annotations

import calendar
import functools
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from lic_desktop.core.text import _

DAY = timedelta(days=1)


class InputError(ValueError):
    """Bad input, named by the field it came from, so every front end can say which."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message


def add_months(start: datetime, months: int) -> datetime:
    """start + N calendar months, same time of day, clamped to the month's last day (C2).

    Always count from the original anchor (start + k*N), never chain: Jan 31 + 1 = Feb 28,
    Jan 31 + 2 = Mar 31. The same result as dateutil's relativedelta (the tests hold it to
    that on every month end and on random dates) at a third of the cost, which the planner
    needs: it adds months for every day of every plan.
    """
    year, month0 = divmod(start.month - 1 + months, 12)
    year += start.year
    if not 1 <= year <= 9999:
        raise InputError("date", _("{start} + {months} months is outside years 1-9999")
                         .format(start=f"{start:%Y-%m-%d}", months=months))
    day = start.day
    if day > 28:
        day = min(day, days_in_month(year, month0 + 1))
    return start.replace(year=year, month=month0 + 1, day=day)


@functools.cache
def days_in_month(year: int, month: int) -> int:
    return calendar.monthrange(year, month)[1]


MINUTE = timedelta(minutes=1)


def bracket(anchor: datetime, months: int, moment: datetime, offset: int = 0) \
        -> tuple[int, datetime, datetime]:
    """Dates anchor + offset + k*months (k = 0, 1, ...) before `moment`: their count n, and
    the two around `moment` (date n-1 < moment <= date n; both the first date when n = 0).
    Anchored dates keep C2's month ends; a month-difference guess makes it a step or two."""
    first = add_months(anchor, offset)
    if moment <= first:
        return 0, first, first
    months_apart = (moment.year - first.year) * 12 + moment.month - first.month
    k = max(months_apart // months, 1)
    after = add_months(anchor, offset + k * months)
    while after < moment:
        k += 1
        after = add_months(anchor, offset + k * months)
    before = add_months(anchor, offset + (k - 1) * months)
    while before >= moment:
        k -= 1
        after, before = before, add_months(anchor, offset + (k - 1) * months)
    return k, before, after


@dataclass(frozen=True, slots=True)
class Period:
    start: datetime
    end: datetime

    @classmethod
    def of_months(cls, start: datetime, months: int) -> Period:
        if months < 1:
            raise ValueError("a billing period lasts at least one month")
        return cls(start, add_months(start, months))

    @property
    def days_total(self) -> int:
        """Calendar days from the start date to the end date (C3)."""
        return (self.end.date() - self.start.date()).days

    def days_used(self, moment: datetime, total: int | None = None) -> int:
        """Whole 24-hour days from the start to `moment`, clamped to [0, total] (C4)."""
        if moment < self.start:
            raise InputError(
                "at",
                _("{moment} is before the period start {start}").format(
                    moment=f"{moment:%Y-%m-%d %H:%M}", start=f"{self.start:%Y-%m-%d %H:%M}"),
            )
        return min((moment - self.start) // DAY, self.days_total if total is None else total)

    def days_remaining(self, moment: datetime) -> int:
        """A day that has begun counts as remaining, in the customer's favour (C4).

        The end keeps the start's time of day, so the period is exactly `days_total` 24-hour
        days long and a moment at or after the end has used them all: 0 remain.
        """
        total = self.days_total
        return total - self.days_used(moment, total)


def months_begun(start: datetime, moment: datetime) -> int:
    """Months of use from `start` to `moment`, each begun month counting, at least one."""
    months = 1
    while add_months(start, months) < moment:
        months += 1
    return months


def as_date(moment: datetime) -> date:
    return moment.date()
