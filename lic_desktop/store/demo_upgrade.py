"""How the demo store prices an upgrade: WHMCS's documented proration and its one-time
rule, the days it counts, the price text of its answers (docs.whmcs.com "Automated
Upgrades and Downgrades"; developers.whmcs.com/api-reference/upgradeproduct)."""

from __future__ import annotations

from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal

from lic_desktop.core.periods import add_months

CENT = Decimal("0.01")
# The payment gateways the demo store has active: WHMCS checks an order's paymentmethod
# against its active gateways ("Invalid Payment Method. Valid options include ...").
GATEWAYS = ("banktransfer", "paypal")
# WHMCS's days of a cycle for a service with no due date to count back from (a one-time
# purchase): 30 a month, 365 a year.
CYCLE_DAYS = {"monthly": 30, "quarterly": 90, "semiannually": 180, "annually": 365,
              "biennially": 730, "triennially": 1095}


def prorate(credit_amount: Decimal, credit_days: int, debit_amount: Decimal, debit_days: int,
            days: int) -> Decimal:
    """WHMCS's upgrade price: amount credited = the service's recurring amount / the days
    of its current cycle x the days until its next due date; amount debited = the new
    price in the new cycle / the days of the NEW cycle x the same days; price = debited -
    credited, negative for a downgrade. A cycle's days are those of the cycle that ends
    on the next due date (`cycle_days`); the due date does not change. Money is rounded
    half up to the cent: the amount debited first, then the price (the order WHMCS's own
    code rounds in). 1-CPU monthly $36 to 2-CPU annually $460, 15 of 30 days left:
    460 / 365 x 15 = 18.90, 36 / 30 x 15 = 18.00, price 0.90."""
    debited = (debit_amount * days / debit_days).quantize(CENT, rounding=ROUND_HALF_UP)
    credited = credit_amount * days / credit_days
    return (debited - credited).quantize(CENT, rounding=ROUND_HALF_UP)


def cycle_days(due: date, months: int, today: date) -> tuple[int, int]:
    """Days from `today` until the next due date, and the days of a cycle of `months`
    that ends on that due date (monthly, due Dec 1: Nov 1 -> Dec 1, 30; annually: Dec 1
    2021 -> Dec 1 2022, 365). A due date already past counts a whole cycle, as WHMCS does
    for an option upgrade."""
    start = add_months(datetime(due.year, due.month, due.day), -months).date()
    total = (due - start).days
    days = (due - today).days
    return (total if days < 0 else days), total


def owned_price(cycle: str, new_price: Decimal, paid: Decimal) -> tuple[int, int, Decimal]:
    """A one-time purchase has no due date to prorate to: WHMCS charges the new product's
    price in full less the one-time amount paid (a cheaper one: a credit, negative), and
    a recurring one then renews one cycle from today. Its days and total days: the new
    cycle's (30 a month, 365 a year; 0 for another one-time product)."""
    days = CYCLE_DAYS.get(cycle, 0)
    return days, days, (new_price - paid).quantize(CENT, rounding=ROUND_HALF_UP)


def price_text(value: Decimal) -> str:
    """A price as WHMCS's formatCurrency writes it in an UpgradeProduct answer: "$-8.67
    USD" (the docs' example). The one place the demo writes it (in USD: the client's
    currency is not used here yet)."""
    return f"${value.quantize(CENT, rounding=ROUND_HALF_UP)} USD"
