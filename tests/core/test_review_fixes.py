"""Cases a review found: C2 anchoring past a month end, expired leases, input bounds."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

import pytest

from lic_desktop.catalogs import load_catalog
from lic_desktop.core.engine import make_quote
from lic_desktop.core.money import Money
from lic_desktop.core.periods import InputError
from lic_desktop.core.quote import ChangeKind, ChangeRequest, License

LS = load_catalog("litespeed")
EZ = load_catalog("ezeelogin")
JAN31 = datetime(2023, 1, 31, 10, 0)


def test_deferred_downgrade_keeps_the_anchor_day() -> None:
    # Jan 31 license: period Jan 31 -> Feb 28; the next one runs Feb 28 -> Mar 31 (C2).
    q = make_quote(License(LS, "2-cpu", "monthly", JAN31),
                   ChangeRequest("1-cpu", "monthly", datetime(2023, 2, 10, 10, 0)))
    assert q.new_billing is not None
    assert q.new_billing.start == datetime(2023, 2, 28, 10, 0)
    assert q.new_billing.end == datetime(2023, 3, 31, 10, 0)
    assert q.new_billing.days_total == 31


def test_cycle_change_to_yearly_keeps_the_anchor_day() -> None:
    # Jan 31 2023 + 13 months = Feb 29 2024 (leap year), not Feb 28 + 12 months.
    q = make_quote(License(LS, "2-cpu", "monthly", JAN31),
                   ChangeRequest("2-cpu", "yearly", datetime(2023, 2, 10, 10, 0)))
    assert q.change is ChangeKind.CYCLE_CHANGE
    assert q.new_billing is not None
    assert q.new_billing.end == datetime(2024, 2, 29, 10, 0)
    assert q.new_billing.days_total == 366


def test_a_renewed_period_ends_on_the_anchor_day() -> None:
    lic = License(EZ, "servers", "monthly", datetime(2023, 2, 28, 10, 0), anchor=JAN31)
    assert lic.period is not None
    assert lic.period.end == datetime(2023, 3, 31, 10, 0)
    with pytest.raises(InputError) as caught:
        License(EZ, "servers", "monthly", JAN31, anchor=datetime(2023, 3, 1))
    assert caught.value.field == "anchor"


def test_a_leased_change_after_the_period_end_is_refused() -> None:
    with pytest.raises(InputError) as caught:
        make_quote(License(LS, "1-cpu", "monthly", datetime(2022, 11, 1, 9, 0)),
                   ChangeRequest("2-cpu", "monthly", datetime(2023, 3, 16, 0, 23)))
    assert caught.value.field == "at"
    assert "2022-12-01 09:00" in caught.value.message


def test_upgrade_with_a_new_cycle_is_priced_in_the_current_cycle() -> None:
    q = make_quote(License(LS, "1-cpu", "monthly", datetime(2022, 11, 1, 9, 0)),
                   ChangeRequest("2-cpu", "yearly", datetime(2022, 11, 16, 0, 23)))
    assert q.order.cycle == "monthly"  # the pane's cycle goes with its 46.00 amount
    assert q.order.amount == Money(Decimal("46.00"), "USD")
    assert q.next_invoice is not None
    assert q.next_invoice.amount == Money(Decimal("460.00"), "USD")  # the yearly renewal


def test_owned_to_leased_has_no_invoice_until_approved() -> None:
    q = make_quote(License(LS, "2-cpu", "owned", datetime(2022, 3, 1, 9, 0)),
                   ChangeRequest("2-cpu", "monthly", datetime(2022, 11, 16, 0, 23)))
    assert q.next_invoice is None
    assert q.order.due_now == Money.zero("USD")
    assert q.total_due == Money.zero("USD")


def test_an_unpaid_invoice_blocks_only_a_change() -> None:
    lic = License(EZ, "servers", "monthly", datetime(2022, 11, 1, 9, 0), 10,
                  pending=Money(Decimal("5"), "USD"))
    same = make_quote(lic, ChangeRequest("servers", "monthly", datetime(2022, 11, 16), 10))
    assert same.change is ChangeKind.NONE
    assert not same.blocked
    more = make_quote(lic, ChangeRequest("servers", "monthly", datetime(2022, 11, 16), 11))
    assert more.blocked


@pytest.mark.parametrize(("moment", "problem"), [
    (datetime(1969, 12, 31), "year 1969"),
    (datetime(9999, 12, 15), "year 9999"),
    (datetime(2022, 11, 1, tzinfo=UTC), "time-zone"),
])
def test_moments_out_of_range_are_named(moment: datetime, problem: str) -> None:
    with pytest.raises(InputError) as caught:
        License(EZ, "servers", "monthly", moment)
    assert caught.value.field == "start"
    assert problem in caught.value.message


def test_a_huge_quantity_is_refused() -> None:
    with pytest.raises(InputError) as caught:
        License(EZ, "servers", "monthly", JAN31, 10**26)
    assert caught.value.field == "quantity"
    assert "1,000,000" in caught.value.message
