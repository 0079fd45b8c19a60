"""A priced license book as CSV rows and summary lines. Qt-free."""

from __future__ import annotations

from typing import Any

from lic_desktop.core.batch import Totals
from lic_desktop.core.quote import Quote
from lic_desktop.l10n import Formatter, _
from lic_desktop.present.panes import reason_text
from lic_desktop.present.quote_json import money_text

OUTPUT_COLUMNS = (
    "line", "catalog", "customer", "ip", "plan", "quantity", "cycle", "to_plan",
    "to_quantity", "to_cycle", "currency", "change", "type", "grand_total", "deduction",
    "first_bill_amount", "account_credit", "due_now", "pending", "total_due",
    "effective_date", "new_expiry", "blocked", "reason")


def output_row(line: int, row: dict[str, str], quote: Quote, fmt: Formatter) -> list[Any]:
    """The values in OUTPUT_COLUMNS order."""
    lic, req, order, cat = quote.license, quote.request, quote.order, quote.catalog
    digits = cat.digits
    after = quote.new_billing
    period = lic.period
    expiry = after.end if after is not None else (period.end if period else None)
    return [
        line, row.get("catalog", "").strip(), lic.customer, lic.ip, lic.plan, lic.quantity,
        lic.cycle, req.plan, req.quantity, req.cycle, cat.currency, quote.change.value,
        order.type, money_text(order.grand_total, digits),
        money_text(order.deduction, digits), money_text(order.first_bill_amount, digits),
        money_text(order.account_credit, digits), money_text(order.due_now, digits),
        money_text(lic.unpaid, digits), money_text(quote.total_due, digits),
        order.effective.date().isoformat(), "" if expiry is None else expiry.date().isoformat(),
        "yes" if quote.blocked else "",
        " ".join(reason_text(quote, r, fmt) for r in quote.reasons),
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
