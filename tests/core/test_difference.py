"""The difference policy (SPEC.md "difference"): leased and owned web-server licenses.

The litespeed catalog's example prices: VPS 16/160/299, 1-CPU 36/360/699,
2-CPU 46/460/899, 4-CPU 56/560/1099, 8-CPU 66/660/1299 (monthly/yearly/owned), fee 25.00.
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from pathlib import Path

import pytest

from lic_desktop.catalogs import embedded_catalogs, load_catalog
from lic_desktop.core.catalog import Catalog
from lic_desktop.core.difference import applies_at_renewal
from lic_desktop.core.engine import make_quote
from lic_desktop.core.money import Money
from lic_desktop.core.periods import InputError
from lic_desktop.core.quote import ChangeKind, ChangeRequest, License, Quote, Reason

# Mar 1 2023 00:00 -> Apr 1 2023 00:00: 31 days; Mar 11 12:00 is 10.5 days in:
# 10 whole days used, 21 remaining.
START = datetime(2023, 3, 1, 0, 0)
AT = datetime(2023, 3, 11, 12, 0)
END = datetime(2023, 4, 1, 0, 0)


def usd(text: str) -> Money:
    return Money(Decimal(text), "USD")


def quote(cat: Catalog, plan: str, cycle: str, to_plan: str, to_cycle: str, *,
          start: datetime = START, at: datetime = AT, paid: str | None = None,
          pending: str | None = None) -> Quote:
    lic = License(cat, plan, cycle, start,
                  paid=usd(paid) if paid is not None else None,
                  pending=usd(pending) if pending is not None else None)
    return make_quote(lic, ChangeRequest(to_plan, to_cycle, at))


@pytest.fixture
def litespeed_variant(tmp_path: Path):  # type: ignore[no-untyped-def]
    """The litespeed catalog with some of its [catalog] lines replaced."""

    def make(**replace: str) -> Catalog:
        text = embedded_catalogs()["litespeed"].read_text(encoding="utf-8")
        for old, new in replace.items():
            line = next(x for x in text.splitlines() if x.startswith(f"{old} ="))
            text = text.replace(line, f"{old} = {new}")
        path = tmp_path / "litespeed-variant.toml"
        path.write_text(text, encoding="utf-8")
        return load_catalog(str(path))

    return make


# --- leased changes ----------------------------------------------------------------


def test_leased_upgrade_mid_period(litespeed: Catalog) -> None:
    q = quote(litespeed, "1-cpu", "monthly", "2-cpu", "monthly")
    assert q.change is ChangeKind.UPGRADE
    assert (q.current_billing.days_total, q.current_billing.days_remaining) == (31, 21)
    # (46.00 - 36.00) * 21 / 31 = 6.7742 -> 6.77
    assert q.order.grand_total == usd("6.77")
    assert q.order.due_now == usd("6.77")
    assert q.order.first_bill_amount == usd("6.77")
    assert q.order.deduction == usd("0")
    assert q.order.account_credit == usd("0")
    assert q.total_due == usd("6.77")
    assert q.order.effective == AT
    # the expiry and serial stay
    assert q.new_billing is not None
    assert q.new_billing.end == END
    assert not q.new_serial
    # the next invoice, at the period end, is the new plan's price
    assert q.next_invoice is not None
    assert q.next_invoice.date == END
    assert q.next_invoice.amount == usd("46.00")
    assert not q.blocked


def test_leased_upgrade_at_the_start_charges_the_full_difference(litespeed: Catalog) -> None:
    q = quote(litespeed, "vps", "monthly", "8-cpu", "monthly", at=START)
    assert q.order.due_now == usd("50.00")  # (66 - 16) * 31 / 31


def test_leased_upgrade_at_the_period_end_charges_nothing(litespeed: Catalog) -> None:
    q = quote(litespeed, "1-cpu", "monthly", "2-cpu", "monthly", at=END)
    assert q.order.due_now == usd("0")  # (46 - 36) * 0 / 31


def test_leased_upgrade_yearly(litespeed: Catalog) -> None:
    # Mar 1 2023 -> Mar 1 2024: 366 days (Feb 29 2024); on Sep 1 2023 00:00:
    # 31+30+31+30+31+31 = 184 days used, 182 remain: (560 - 360) * 182 / 366 = 99.4536 -> 99.45
    q = quote(litespeed, "1-cpu", "yearly", "4-cpu", "yearly", at=datetime(2023, 9, 1, 0, 0))
    assert q.current_billing.days_total == 366
    assert q.current_billing.days_remaining == 182
    assert q.order.due_now == usd("99.45")
    assert q.next_invoice is not None
    assert q.next_invoice.date == datetime(2024, 3, 1, 0, 0)
    assert q.next_invoice.amount == usd("560.00")


def test_leased_upgrade_with_a_custom_amount_paid(litespeed: Catalog) -> None:
    # SPEC: new period price - old period price, the catalog's, whatever was paid:
    # (46.00 - 36.00) * 21 / 31 = 6.7742 -> 6.77
    q = quote(litespeed, "1-cpu", "monthly", "2-cpu", "monthly", paid="30.00")
    assert q.order.due_now == usd("6.77")


def test_leased_downgrade_end_of_cycle(litespeed: Catalog) -> None:
    q = quote(litespeed, "2-cpu", "monthly", "1-cpu", "monthly")
    assert q.change is ChangeKind.DOWNGRADE
    assert q.order.due_now == usd("0")
    assert q.order.grand_total == usd("0")
    assert q.order.account_credit == usd("0")
    assert q.order.effective == END
    assert q.next_invoice is not None
    assert q.next_invoice.date == END
    assert q.next_invoice.amount == usd("36.00")
    assert q.total_due == usd("0")


def test_leased_downgrade_immediate_credit(litespeed_variant) -> None:  # type: ignore[no-untyped-def]
    cat = litespeed_variant(downgrade='"immediate_credit"')
    assert cat.downgrade == "immediate_credit"
    q = quote(cat, "2-cpu", "monthly", "1-cpu", "monthly")
    assert q.change is ChangeKind.DOWNGRADE
    # (46.00 - 36.00) * 21 / 31 = 6.7742 -> 6.77 credited at once
    assert q.order.account_credit == usd("6.77")
    assert q.order.due_now == usd("0")
    assert q.order.first_bill_amount == usd("0")
    assert q.order.effective == AT
    assert q.next_invoice is not None
    assert q.next_invoice.date == END
    assert q.next_invoice.amount == usd("36.00")


def test_immediate_credit_of_a_big_yearly_downgrade(litespeed_variant) -> None:  # type: ignore[no-untyped-def]
    cat = litespeed_variant(downgrade='"immediate_credit"')
    # Mar 1 2023 -> Mar 1 2024: 366 days; on Mar 2 00:00 1 used, 365 remain:
    # (660 - 160) * 365 / 366 = 498.6339 -> 498.63
    q = quote(cat, "8-cpu", "yearly", "vps", "yearly", at=datetime(2023, 3, 2, 0, 0))
    assert q.order.account_credit == usd("498.63")
    assert q.order.due_now == usd("0")


def test_leased_cycle_change_monthly_to_yearly(litespeed: Catalog) -> None:
    q = quote(litespeed, "1-cpu", "monthly", "1-cpu", "yearly")
    assert q.change is ChangeKind.CYCLE_CHANGE
    assert q.order.due_now == usd("0")
    assert q.order.effective == END
    assert q.next_invoice is not None
    assert q.next_invoice.date == END
    assert q.next_invoice.amount == usd("360.00")
    assert q.new_billing is not None
    # Apr 1 2023 -> Apr 1 2024: 366 days
    assert (q.new_billing.start, q.new_billing.end) == (END, datetime(2024, 4, 1, 0, 0))
    assert q.new_billing.days_total == 366


def test_leased_same_plan_and_cycle_is_nothing(litespeed: Catalog) -> None:
    q = quote(litespeed, "1-cpu", "monthly", "1-cpu", "monthly")
    assert q.change is ChangeKind.NONE
    assert Reason.NOTHING_CHANGES in q.reasons
    assert q.order.due_now == usd("0")


# --- owned licenses ----------------------------------------------------------------


def test_leased_to_owned(litespeed: Catalog) -> None:
    q = quote(litespeed, "1-cpu", "monthly", "2-cpu", "owned")
    assert q.change is ChangeKind.TO_OWNED
    assert q.order.due_now == usd("899.00")  # the owned price, not prorated, no refund
    assert q.order.account_credit == usd("0")
    assert q.new_serial
    assert q.next_invoice is None
    assert q.processes == 3


def test_owned_to_dearer_owned_pays_the_difference(litespeed: Catalog) -> None:
    for at in (datetime(2023, 3, 2, 0, 0), datetime(2026, 7, 15, 18, 30)):
        q = quote(litespeed, "1-cpu", "owned", "4-cpu", "owned", at=at)
        assert q.change is ChangeKind.OWNED_UPGRADE
        assert q.order.due_now == usd("400.00")  # 1099.00 - 699.00, at any time
        assert not q.blocked
        assert q.processes == 5


def test_owned_to_cheaper_owned_is_refused(litespeed: Catalog) -> None:
    q = quote(litespeed, "4-cpu", "owned", "vps", "owned")
    assert q.blocked
    assert Reason.OWNED_DOWNGRADE_REFUSED in q.reasons
    assert q.order.due_now == usd("0")
    assert q.total_due == usd("0")


def test_owned_to_leased_estimate(litespeed: Catalog) -> None:
    # bought Jan 15 10:00; Apr 20 12:00 is in the 4th month (Jan 15 + 3 = Apr 15 < Apr 20)
    # 899.00 - 46.00 * 4 - 25.00 = 690.00
    q = quote(litespeed, "2-cpu", "owned", "2-cpu", "monthly",
              start=datetime(2023, 1, 15, 10, 0), at=datetime(2023, 4, 20, 12, 0))
    assert q.change is ChangeKind.OWNED_TO_LEASED
    assert Reason.NEEDS_APPROVAL in q.reasons
    assert q.order.refund_estimate == usd("690.00")
    assert q.new_serial


def test_owned_to_leased_uses_the_current_plans_lease(litespeed: Catalog) -> None:
    # Apr 10 is in the 3rd month (Jan 15 + 2 = Mar 15 < Apr 10 <= Apr 15);
    # the 1-CPU lease counts, not the VPS one: 699.00 - 36.00 * 3 - 25.00 = 566.00
    q = quote(litespeed, "1-cpu", "owned", "vps", "monthly",
              start=datetime(2023, 1, 15, 10, 0), at=datetime(2023, 4, 10, 0, 0))
    assert q.order.refund_estimate == usd("566.00")


def test_owned_to_leased_on_the_purchase_day_counts_one_month(litespeed: Catalog) -> None:
    start = datetime(2023, 1, 15, 10, 0)
    q = quote(litespeed, "2-cpu", "owned", "2-cpu", "monthly", start=start, at=start)
    assert q.order.refund_estimate == usd("828.00")  # 899.00 - 46.00 * 1 - 25.00


def test_owned_to_leased_estimate_is_floored_at_zero(litespeed: Catalog) -> None:
    # Jan 1 2020 + 17 months = Jun 1 2021 < Jun 15 2021: 18 months begun
    # 299.00 - 16.00 * 18 - 25.00 = -14.00 -> 0.00
    q = quote(litespeed, "vps", "owned", "vps", "monthly",
              start=datetime(2020, 1, 1, 0, 0), at=datetime(2021, 6, 15, 0, 0))
    assert q.order.refund_estimate == usd("0")
    assert Reason.NEEDS_APPROVAL in q.reasons


def test_owned_to_leased_with_another_processing_fee(litespeed_variant) -> None:  # type: ignore[no-untyped-def]
    cat = litespeed_variant(processing_fee='"49.99"')
    # 899.00 - 46.00 * 4 - 49.99 = 665.01
    q = quote(cat, "2-cpu", "owned", "2-cpu", "monthly",
              start=datetime(2023, 1, 15, 10, 0), at=datetime(2023, 4, 20, 12, 0))
    assert q.order.refund_estimate == usd("665.01")


# --- processes, pending invoices -----------------------------------------------------


@pytest.mark.parametrize(
    ("plan", "processes"), [("vps", 2), ("1-cpu", 2), ("2-cpu", 3), ("4-cpu", 5), ("8-cpu", 9)]
)
def test_processes_are_cpus_plus_one(litespeed: Catalog, plan: str, processes: int) -> None:
    assert quote(litespeed, "vps", "monthly", plan, "owned").processes == processes
    if plan != "8-cpu":
        assert quote(litespeed, plan, "monthly", "8-cpu", "monthly").processes == 9
    if plan != "vps":
        assert quote(litespeed, "vps", "monthly", plan, "monthly").processes == processes


def test_pending_invoice_blocks_a_leased_upgrade(litespeed: Catalog) -> None:
    q = quote(litespeed, "1-cpu", "monthly", "2-cpu", "monthly", pending="36.00")
    assert q.blocked
    assert Reason.PENDING_INVOICE in q.reasons
    assert q.order.due_now == usd("6.77")
    assert q.total_due == usd("42.77")  # 36.00 + 6.77


def test_pending_invoice_blocks_a_purchase_to_owned(litespeed: Catalog) -> None:
    q = quote(litespeed, "1-cpu", "monthly", "1-cpu", "owned", pending="36.00")
    assert q.blocked
    assert q.reasons[0] is Reason.PENDING_INVOICE
    assert q.total_due == usd("735.00")  # 36.00 + 699.00


def test_change_before_the_purchase_is_refused_on_at(litespeed: Catalog) -> None:
    # an owned license has no period to check the moment against: the engine must
    for to_plan, to_cycle in (("4-cpu", "owned"), ("1-cpu", "monthly")):
        with pytest.raises(InputError) as info:
            quote(litespeed, "1-cpu", "owned", to_plan, to_cycle,
                  at=datetime(2023, 2, 28, 23, 59))
        assert info.value.field == "at"


def test_another_plan_at_the_same_price_counts_as_an_upgrade(tmp_path: Path) -> None:
    # README: a different plan at the same price is an upgrade (it applies at once);
    # the difference to pay is (36.00 - 36.00) * 21 / 31 = 0.00
    text = embedded_catalogs()["litespeed"].read_text(encoding="utf-8") + (
        '\n[plans.1-cpu-alt]\nlabel = "1-CPU (alt)"\ncpus = 1\n'
        'prices = { monthly = "36.00", yearly = "360.00", owned = "699.00" }\n'
    )
    path = tmp_path / "same-price.toml"
    path.write_text(text, encoding="utf-8")
    q = quote(load_catalog(str(path)), "1-cpu", "monthly", "1-cpu-alt", "monthly")
    assert q.change is ChangeKind.UPGRADE
    assert q.order.effective == AT
    assert q.order.due_now == usd("0")


@pytest.mark.parametrize("downgrade", ['"end_of_cycle"', '"immediate_credit"'])
@pytest.mark.parametrize(("to_plan", "to_cycle", "kind"), [
    ("8-cpu", "monthly", ChangeKind.UPGRADE), ("vps", "monthly", ChangeKind.DOWNGRADE),
    ("4-cpu", "yearly", ChangeKind.CYCLE_CHANGE)])
def test_applies_at_renewal_says_when_the_engine_waits_for_the_period_end(
        litespeed_variant, downgrade: str, to_plan: str, to_cycle: str,  # type: ignore[no-untyped-def]
        kind: ChangeKind) -> None:
    # The batch decides from it whether a change waits, without a quote of each license.
    cat = litespeed_variant(downgrade=downgrade)
    quote = make_quote(License(cat, "4-cpu", "monthly", START),
                       ChangeRequest(to_plan, to_cycle, AT))
    assert quote.change is kind
    assert (quote.order.effective == END) is applies_at_renewal(cat, kind)
