"""A priced license book as CSV rows and summary lines. Qt-free."""

from __future__ import annotations

from typing import Any

from lic_desktop.core.batch import Priced, Totals
from lic_desktop.l10n import Formatter, _
from lic_desktop.present.panes import reason_text
from lic_desktop.present.quote_json import money_text

OUTPUT_COLUMNS = (
    "line", "catalog", "customer", "ip", "plan", "quantity", "cycle", "to_plan",
    "to_quantity", "to_cycle", "currency", "change", "type", "grand_total", "deduction",
    "first_bill_amount", "account_credit", "due_now", "pending", "total_due",
    "effective_date", "new_expiry", "blocked", "reason")


def output_row(line: int, catalog: str, priced: Priced, fmt: Formatter) -> list[Any]:
    """The values in OUTPUT_COLUMNS order."""
    digits, quote, expiry = priced.catalog.digits, priced.worded_by, priced.new_expiry
    reasons = "" if quote is None else " ".join(reason_text(quote, r, fmt)
                                                for r in quote.reasons)
    return [
        line, catalog, priced.customer, priced.ip, priced.plan,
        priced.quantity, priced.cycle, priced.to_plan, priced.to_quantity, priced.to_cycle,
        priced.catalog.currency, priced.change.value, priced.order_type,
        money_text(priced.grand_total, digits), money_text(priced.deduction, digits),
        money_text(priced.first_bill_amount, digits),
        money_text(priced.account_credit, digits), money_text(priced.due_now, digits),
        money_text(priced.pending, digits), money_text(priced.total_due, digits),
        priced.effective.date().isoformat(),
        "" if expiry is None else expiry.date().isoformat(),
        "yes" if priced.blocked else "", reasons,
    ]


def summary_lines(totals: Totals, bad_rows: int, digits: dict[str, int]) -> list[str]:
    """The closing summary: counts, then one line of totals per currency."""
    lines = [_("{licenses} licenses priced, {blocked} blocked, {bad} bad rows").format(
        licenses=totals.licenses, blocked=totals.blocked, bad=bad_rows)]
    for currency in sorted(totals.total_due):
        d = digits[currency]
        lines.append(_("{currency}: due now {due}, account credit {credit}, total due with "
                       "unpaid invoices {total}").format(
            currency=currency, due=f"{totals.due_now[currency].amount:.{d}f}",
            credit=f"{totals.account_credit[currency].amount:.{d}f}",
            total=f"{totals.total_due[currency].amount:.{d}f}"))
    return lines
