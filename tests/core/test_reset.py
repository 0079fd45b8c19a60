"""The reset policy (SPEC.md "reset"): a change starts a new period; the rest is deducted.

Every expected figure is worked out by hand from C2-C6 in the comments.
"""

from __future__ import annotations

import calendar
from datetime import datetime
from decimal import Decimal

import pytest

from lic_desktop.core.catalog import Catalog
from lic_desktop.core.engine import make_quote
from lic_desktop.core.money import Money
from lic_desktop.core.periods import InputError
from lic_desktop.core.quote import ChangeKind, ChangeRequest, License, Quote, Reason

SEED_START = datetime(2022, 11, 1, 9, 0)
SEED_AT = datetime(2022, 11, 16, 0, 23)


def usd(text: str) -> Money:
    return Money(Decimal(text), "USD")


def quote(cat: Catalog, *, qty: int = 10, cycle: str = "monthly", start: datetime = SEED_START,
          at: datetime = SEED_AT, to_qty: int = 16, to_cycle: str | None = None,
          paid: str | None = None, pending: str | None = None) -> Quote:
    lic = License(cat, "servers", cycle, start, qty,
                  paid=usd(paid) if paid is not None else None,
                  pending=usd(pending) if pending is not None else None)
    return make_quote(lic, ChangeRequest("servers", to_cycle or cycle, at, to_qty))


# --- the article's two examples ----------------------------------------------------


def test_seed_upgrade_10_to_16_servers(ezeelogin: Catalog) -> None:
    q = quote(ezeelogin)
    assert q.change is ChangeKind.UPGRADE
    assert not q.blocked
    assert q.reasons == ()
    # current billing: 10 * 1.99 = 19.90, Nov 1 09:00 -> Dec 1 09:00, 30 days;
    # Nov 1 09:00 -> Nov 16 00:23 = 14 whole days used, 16 remaining
    cb = q.current_billing
    assert cb.amount == usd("19.90")
    assert (cb.start, cb.end) == (SEED_START, datetime(2022, 12, 1, 9, 0))
    assert (cb.days_total, cb.days_used, cb.days_remaining) == (30, 14, 16)
    assert cb.amount_remaining == usd("10.61")  # 19.90 * 16 / 30 = 10.6133 -> 10.61
    o = q.order
    assert o.type == "update"
    assert (o.plan, o.quantity, o.cycle) == ("servers", 16, "monthly")
    assert o.amount == usd("31.84")  # 16 * 1.99
    assert o.grand_total == usd("31.84")
    assert o.deduction == usd("10.61")
    assert o.first_bill_amount == usd("21.23")  # 31.84 - 10.61
    assert o.account_credit == usd("0")
    assert o.due_now == usd("21.23")
    assert o.effective == SEED_AT
    assert o.created == SEED_AT
    assert o.refund_estimate is None
    # the new period: Nov 16 00:23 -> Dec 16 00:23, 30 days, nothing used yet
    nb = q.new_billing
    assert nb is not None
    assert (nb.start, nb.end) == (SEED_AT, datetime(2022, 12, 16, 0, 23))
    assert (nb.days_total, nb.days_used, nb.days_remaining) == (30, 0, 30)
    assert nb.amount == usd("31.84")
    assert nb.amount_remaining == usd("31.84")  # 31.84 * 30 / 30
    assert q.next_invoice is not None
    assert q.next_invoice.date == datetime(2022, 12, 16, 0, 23)
    assert q.next_invoice.amount == usd("31.84")
    assert q.total_due == usd("21.23")
    assert q.processes is None
    assert not q.new_serial


def test_seed_downgrade_10_to_6_servers(ezeelogin: Catalog) -> None:
    q = quote(ezeelogin, to_qty=6)
    assert q.change is ChangeKind.DOWNGRADE
    assert q.order.type == "update"
    assert q.order.grand_total == usd("11.94")  # 6 * 1.99
    assert q.order.deduction == usd("10.61")  # 19.90 * 16 / 30 = 10.6133 -> 10.61
    assert q.order.first_bill_amount == usd("1.33")  # 11.94 - 10.61
    assert q.order.account_credit == usd("0")
    assert q.total_due == usd("1.33")
    assert q.new_billing is not None
    assert q.new_billing.end == datetime(2022, 12, 16, 0, 23)


def test_order_id_starts_with_the_creation_time(ezeelogin: Catalog) -> None:
    q = quote(ezeelogin)
    assert len(q.order_id) == 24
    int(q.order_id, 16)  # hex digits only, or ValueError
    seconds = calendar.timegm(SEED_AT.timetuple())
    assert int(q.order_id[:8], 16) == seconds
    assert quote(ezeelogin).order_id == q.order_id  # the same inputs, the same id
    assert quote(ezeelogin, to_qty=6).order_id != q.order_id


def test_seconds_are_dropped(ezeelogin: Catalog) -> None:
    # C1: minute precision; 00:23:59 is 00:23
    q = quote(ezeelogin, at=datetime(2022, 11, 16, 0, 23, 59))
    assert q.order.effective == SEED_AT
    assert q.order.deduction == usd("10.61")


# --- when the change happens ---------------------------------------------------------


def test_change_at_the_period_start_deducts_all_paid(ezeelogin: Catalog) -> None:
    q = quote(ezeelogin, at=SEED_START)
    assert q.current_billing.days_remaining == 30
    assert q.order.deduction == usd("19.90")  # 19.90 * 30 / 30
    assert q.order.first_bill_amount == usd("11.94")  # 31.84 - 19.90


def test_change_a_minute_before_the_due_date_keeps_one_day(ezeelogin: Catalog) -> None:
    q = quote(ezeelogin, at=datetime(2022, 12, 1, 8, 59))
    assert q.current_billing.days_remaining == 1  # 29 days 23 h 59 min used
    assert q.order.deduction == usd("0.66")  # 19.90 * 1 / 30 = 0.6633 -> 0.66
    assert q.order.first_bill_amount == usd("31.18")  # 31.84 - 0.66


def test_change_on_the_due_date_deducts_nothing(ezeelogin: Catalog) -> None:
    due = datetime(2022, 12, 1, 9, 0)
    q = quote(ezeelogin, at=due)
    assert q.current_billing.days_remaining == 0
    assert q.order.deduction == usd("0")
    assert q.order.first_bill_amount == usd("31.84")
    assert q.new_billing is not None
    # the new period starts on the due date: Dec 1 09:00 -> Jan 1 09:00, 31 days
    assert (q.new_billing.start, q.new_billing.end) == (due, datetime(2023, 1, 1, 9, 0))
    assert q.new_billing.days_total == 31
    assert q.order.effective == due


def test_change_after_expiry_deducts_nothing(ezeelogin: Catalog) -> None:
    at = datetime(2023, 1, 10, 12, 0)
    q = quote(ezeelogin, at=at)
    assert q.current_billing.days_used == 30
    assert q.current_billing.days_remaining == 0
    assert q.order.deduction == usd("0")
    assert q.order.first_bill_amount == usd("31.84")
    assert q.new_billing is not None
    assert (q.new_billing.start, q.new_billing.end) == (at, datetime(2023, 2, 10, 12, 0))


def test_change_before_the_start_is_refused_on_at(ezeelogin: Catalog) -> None:
    with pytest.raises(InputError) as info:
        quote(ezeelogin, at=datetime(2022, 11, 1, 8, 59))
    assert info.value.field == "at"


# --- credit, pending invoices, custom payments --------------------------------------


def test_deduction_larger_than_the_new_price_becomes_account_credit(ezeelogin: Catalog) -> None:
    # 10 servers quarterly: 1.99 * 10 * 3 * 0.95 = 56.715 -> 56.72 paid,
    # Jan 1 -> Apr 1 2023 = 31 + 28 + 31 = 90 days; on Jan 2 00:00 1 day used, 89 remain:
    # 56.72 * 89 / 90 = 56.0898 -> 56.09 deducted; 1 server monthly = 1.99
    q = quote(ezeelogin, qty=10, cycle="quarterly", start=datetime(2023, 1, 1, 0, 0),
              at=datetime(2023, 1, 2, 0, 0), to_qty=1, to_cycle="monthly")
    assert q.change is ChangeKind.DOWNGRADE
    assert q.current_billing.amount == usd("56.72")
    assert q.current_billing.days_total == 90
    assert q.order.grand_total == usd("1.99")
    assert q.order.deduction == usd("56.09")
    assert q.order.first_bill_amount == usd("0")
    assert q.order.account_credit == usd("54.10")  # 56.09 - 1.99
    assert q.order.due_now == usd("0")
    assert q.total_due == usd("0")
    assert q.new_billing is not None
    assert q.new_billing.end == datetime(2023, 2, 2, 0, 0)


def test_pending_invoice_blocks_and_adds_to_the_total_due(ezeelogin: Catalog) -> None:
    q = quote(ezeelogin, pending="19.90")
    assert q.blocked
    assert Reason.PENDING_INVOICE in q.reasons
    assert q.order.first_bill_amount == usd("21.23")  # the change itself is still priced
    assert q.total_due == usd("41.13")  # 19.90 + 21.23


def test_zero_pending_invoice_does_not_block(ezeelogin: Catalog) -> None:
    q = quote(ezeelogin, pending="0")
    assert not q.blocked
    assert Reason.PENDING_INVOICE not in q.reasons


def test_custom_amount_paid(ezeelogin: Catalog) -> None:
    q = quote(ezeelogin, paid="17.00")
    assert q.current_billing.amount == usd("17.00")
    assert q.order.deduction == usd("9.07")  # 17.00 * 16 / 30 = 9.0667 -> 9.07
    assert q.order.first_bill_amount == usd("22.77")  # 31.84 - 9.07


def test_paid_in_another_currency_is_refused(ezeelogin: Catalog) -> None:
    with pytest.raises(InputError) as info:
        License(ezeelogin, "servers", "monthly", SEED_START, 10,
                paid=Money(Decimal("19.90"), "EUR"))
    assert info.value.field == "paid"


def test_paid_with_too_many_decimals_is_refused(ezeelogin: Catalog) -> None:
    with pytest.raises(InputError) as info:
        License(ezeelogin, "servers", "monthly", SEED_START, 10, paid=usd("19.905"))
    assert info.value.field == "paid"


# --- cycles and no-op changes --------------------------------------------------------


def test_cycle_change_monthly_to_yearly(ezeelogin: Catalog) -> None:
    # 7 servers monthly: 7 * 1.99 = 13.93 paid; 13.93 * 16 / 30 = 7.4293 -> 7.43 deducted
    # yearly: 13.93 * 12 = 167.16 * (1 - 0.15) = 142.086 -> 142.09
    q = quote(ezeelogin, qty=7, to_qty=7, to_cycle="yearly")
    assert q.change is ChangeKind.CYCLE_CHANGE
    assert q.order.cycle == "yearly"
    assert q.order.grand_total == usd("142.09")
    assert q.order.deduction == usd("7.43")
    assert q.order.first_bill_amount == usd("134.66")  # 142.09 - 7.43
    assert q.new_billing is not None
    # Nov 16 2022 00:23 -> Nov 16 2023 00:23, 365 days
    assert q.new_billing.end == datetime(2023, 11, 16, 0, 23)
    assert q.new_billing.days_total == 365
    assert q.next_invoice is not None
    assert q.next_invoice.amount == usd("142.09")


def test_same_plan_quantity_and_cycle_is_nothing(ezeelogin: Catalog) -> None:
    q = quote(ezeelogin, to_qty=10)
    assert q.change is ChangeKind.NONE
    assert Reason.NOTHING_CHANGES in q.reasons
    zero = usd("0")
    o = q.order
    money = [o.amount, o.grand_total, o.deduction, o.first_bill_amount, o.account_credit,
             o.due_now]
    assert money == [zero] * 6
    assert q.total_due == zero
    assert q.new_billing is None


def test_quantity_outside_the_catalog_is_refused(ezeelogin: Catalog) -> None:
    with pytest.raises(InputError) as info:
        quote(ezeelogin, to_qty=0)
    assert info.value.field == "to_quantity"
    lic = License(ezeelogin, "servers", "monthly", SEED_START, 10)
    with pytest.raises(InputError) as info:
        make_quote(lic, ChangeRequest("desktops", "monthly", SEED_AT, 1))
    assert info.value.field == "to_plan"
    with pytest.raises(InputError) as info:
        make_quote(lic, ChangeRequest("servers", "weekly", SEED_AT, 1))
    assert info.value.field == "to_cycle"


# --- month-end starts ----------------------------------------------------------------


def test_start_on_jan_31(ezeelogin: Catalog) -> None:
    # Jan 31 10:00 + 1 month = Feb 28 10:00: 28 days; Feb 14 10:00 is 14 days in, 14 remain
    q = quote(ezeelogin, start=datetime(2023, 1, 31, 10, 0), at=datetime(2023, 2, 14, 10, 0))
    assert q.current_billing.end == datetime(2023, 2, 28, 10, 0)
    assert q.current_billing.days_total == 28
    assert q.order.deduction == usd("9.95")  # 19.90 * 14 / 28
    assert q.order.first_bill_amount == usd("21.89")  # 31.84 - 9.95


def test_start_on_jan_31_of_a_leap_year(ezeelogin: Catalog) -> None:
    # Jan 31 2024 + 1 month = Feb 29: 29 days; on Feb 14 10:00 14 used, 15 remain
    q = quote(ezeelogin, start=datetime(2024, 1, 31, 10, 0), at=datetime(2024, 2, 14, 10, 0))
    assert q.current_billing.end == datetime(2024, 2, 29, 10, 0)
    assert q.current_billing.days_total == 29
    assert q.order.deduction == usd("10.29")  # 19.90 * 15 / 29 = 10.2931 -> 10.29
    assert q.order.first_bill_amount == usd("21.55")  # 31.84 - 10.29


def test_half_yearly_from_aug_31(ezeelogin: Catalog) -> None:
    # 10 servers half-yearly: 19.90 * 6 * 0.90 = 107.46
    # Aug 31 2022 + 6 months = Feb 28 2023: 30 + 31 + 30 + 31 + 31 + 28 = 181 days
    # on Nov 30 00:00: 30 + 31 + 30 = 91 days used, 90 remain:
    # 107.46 * 90 / 181 = 53.4331 -> 53.43
    # 12 servers half-yearly: 1.99 * 12 * 6 * 0.90 = 128.952 -> 128.95
    q = quote(ezeelogin, cycle="half_yearly", start=datetime(2022, 8, 31, 0, 0),
              at=datetime(2022, 11, 30, 0, 0), to_qty=12)
    cb = q.current_billing
    assert cb.amount == usd("107.46")
    assert cb.end == datetime(2023, 2, 28, 0, 0)
    assert (cb.days_total, cb.days_used, cb.days_remaining) == (181, 91, 90)
    assert q.order.deduction == usd("53.43")
    assert q.order.grand_total == usd("128.95")
    assert q.order.first_bill_amount == usd("75.52")  # 128.95 - 53.43
    assert q.new_billing is not None
    # Nov 30 2022 + 6 months = May 30 2023: 31 + 31 + 28 + 31 + 30 + 30 = 181 days
    assert q.new_billing.end == datetime(2023, 5, 30, 0, 0)
    assert q.new_billing.days_total == 181


def test_half_yearly_from_aug_31_into_a_leap_february(ezeelogin: Catalog) -> None:
    # Aug 31 2023 + 6 months = Feb 29 2024: 30 + 31 + 30 + 31 + 31 + 29 = 182 days
    start = datetime(2023, 8, 31, 0, 0)
    q = quote(ezeelogin, cycle="half_yearly", start=start, at=datetime(2024, 2, 28, 0, 0),
              to_qty=12)
    assert q.current_billing.end == datetime(2024, 2, 29, 0, 0)
    assert q.current_billing.days_total == 182
    assert q.current_billing.days_remaining == 1
    assert q.order.deduction == usd("0.59")  # 107.46 * 1 / 182 = 0.5904 -> 0.59
    due = quote(ezeelogin, cycle="half_yearly", start=start, at=datetime(2024, 2, 29, 0, 0),
                to_qty=12)
    assert due.order.deduction == usd("0")
    assert due.order.first_bill_amount == usd("128.95")
