"""Issue #15 point 1: a period start that is neither the first period's start (the
anchor) nor one of its renewals is refused, naming the anchor, instead of building a
period of the wrong length."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

import pytest

from lic_desktop.catalogs import load_catalog
from lic_desktop.cli import main
from lic_desktop.core.engine import make_quote
from lic_desktop.core.periods import InputError
from lic_desktop.core.quote import ChangeRequest, License

EZ = load_catalog("ezeelogin")
LS = load_catalog("litespeed")


def test_mar_30_is_no_renewal_of_jan_31() -> None:
    # Jan 31 renews Feb 29, then Mar 31 (2024, C2): Mar 30 is neither.
    with pytest.raises(InputError) as caught:
        License(EZ, "servers", "monthly", datetime(2024, 3, 30, 10, 0), quantity=10,
                anchor=datetime(2024, 1, 31, 10, 0))
    assert caught.value.field == "anchor"
    assert "2024-02-29 10:00, then 2024-03-31 10:00" in caught.value.message


def test_feb_29_is_no_renewal_of_jan_15() -> None:
    # It would have been a 15-day "monthly" period (Feb 29 -> Mar 15).
    with pytest.raises(InputError) as caught:
        License(LS, "2-cpu", "monthly", datetime(2024, 2, 29, 10, 0),
                anchor=datetime(2024, 1, 15, 10, 0))
    assert caught.value.field == "anchor"
    assert "2024-02-15 10:00, then 2024-03-15 10:00" in caught.value.message


@pytest.mark.parametrize(("start", "anchor", "end"), [
    (datetime(2024, 2, 29, 10, 0), datetime(2024, 1, 31, 10, 0), datetime(2024, 3, 31, 10, 0)),
    (datetime(2024, 3, 31, 10, 0), datetime(2024, 1, 31, 10, 0), datetime(2024, 4, 30, 10, 0)),
    (datetime(2024, 1, 31, 10, 0), datetime(2024, 1, 31, 10, 0), datetime(2024, 2, 29, 10, 0)),
    (datetime(2023, 2, 28, 9, 0), datetime(2022, 2, 28, 9, 0), datetime(2023, 3, 28, 9, 0)),
])
def test_a_renewal_of_the_anchor_is_accepted(start: datetime, anchor: datetime,
                                             end: datetime) -> None:
    lic = License(EZ, "servers", "monthly", start, quantity=10, anchor=anchor)
    assert lic.period is not None
    assert (lic.period.start, lic.period.end) == (start, end)


def test_the_yearly_renewal_of_a_leap_day() -> None:
    # Feb 29 2024 + 12 months = Feb 28 2025: a renewal; Mar 1 2025 is not.
    License(LS, "2-cpu", "yearly", datetime(2025, 2, 28, 10, 0),
            anchor=datetime(2024, 2, 29, 10, 0))
    with pytest.raises(InputError):
        License(LS, "2-cpu", "yearly", datetime(2025, 3, 1, 10, 0),
                anchor=datetime(2024, 2, 29, 10, 0))


def test_the_renewed_month_end_license_deducts_its_whole_period() -> None:
    # Issue #15 point 2's license: first start Jan 31, renewed Feb 29, changed to 16 on
    # Mar 20: the period ends Mar 31 (31 days, 11 left): 19.90 * (11 / 31) = 7.06.
    q = make_quote(License(EZ, "servers", "monthly", datetime(2024, 2, 29, 10, 0),
                           quantity=10, anchor=datetime(2024, 1, 31, 10, 0)),
                   ChangeRequest("servers", "monthly", datetime(2024, 3, 20, 10, 0), 16))
    assert q.current_billing.end == datetime(2024, 3, 31, 10, 0)
    assert q.order.deduction.amount == Decimal("7.06")  # shown as -7.06


def test_the_command_line_names_the_anchor(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["quote", "--catalog", "ezeelogin", "--plan", "servers", "--quantity", "10",
                 "--cycle", "monthly", "--start", "2024-03-30 10:00", "--anchor",
                 "2024-01-31 10:00", "--at", "2024-03-30 12:00", "--to-quantity", "16"])
    err = capsys.readouterr().err
    assert code == 2
    assert err.startswith("lic-desktop: --anchor: 2024-03-30 10:00 is not a renewal")
    assert len(err.splitlines()) == 1
