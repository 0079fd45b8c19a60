"""The quote as one JSON-ready object (`quote --format json`). Qt-free."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any

from lic_desktop.core.money import Money
from lic_desktop.core.quote import Billing, Quote
from lic_desktop.l10n import Formatter
from lic_desktop.present.panes import reason_text


def money_text(value: Money | None, digits: int) -> str | None:
    """Money as a string with exactly the currency's decimals: "31.84", "1990"."""
    return None if value is None else money_texts((value,), digits)[0]


def money_texts(values: Iterable[Money], digits: int) -> list[str]:
    """money_text of each, sharing one format: a book writes seven a row."""
    spec = f".{digits}f"
    return [format(value.amount, spec) for value in values]


def day(value: datetime | None) -> str | None:
    return None if value is None else value.strftime("%Y-%m-%d")


def billing_dict(billing: Billing | None, digits: int) -> dict[str, Any] | None:
    if billing is None:
        return None
    return {
        "amount": money_text(billing.amount, digits),
        "start_date": day(billing.start),
        "end_date": day(billing.end),
        "days_total": billing.days_total,
        "days_used": billing.days_used,
        "days_remaining": billing.days_remaining,
        "amount_remaining": money_text(billing.amount_remaining, digits),
    }


def quote_dict(quote: Quote, fmt: Formatter | None = None) -> dict[str, Any]:
    fmt = fmt or Formatter()
    cat, order, digits = quote.catalog, quote.order, quote.catalog.digits
    reasons = [reason_text(quote, r, fmt) for r in quote.reasons]
    invoice = quote.next_invoice
    return {
        "catalog": cat.name,
        "currency": cat.currency,
        "policy": cat.policy,
        "change": quote.change.value,
        "blocked": quote.blocked,
        "reason": " ".join(reasons) or None,
        "reasons": [r.value for r in quote.reasons],
        "current_billing": billing_dict(quote.current_billing, digits),
        "order": {
            "id": quote.order_id,
            "created": order.created.strftime("%Y-%m-%d %H:%M"),
            "type": order.type,
            "plan": order.plan,
            "quantity": order.quantity,
            "cycle": order.cycle,
            "amount": money_text(order.amount, digits),
            "grand_total": money_text(order.grand_total, digits),
            "deduction": money_text(order.deduction, digits),
            "first_bill_amount": money_text(order.first_bill_amount, digits),
            "account_credit": money_text(order.account_credit, digits),
            "due_now": money_text(order.due_now, digits),
            "effective_date": day(order.effective),
            "refund_estimate": money_text(order.refund_estimate, digits),
        },
        "new_billing": billing_dict(quote.new_billing, digits),
        "next_invoice": None if invoice is None else {
            "date": day(invoice.date), "amount": money_text(invoice.amount, digits)},
        "pending_invoice": money_text(quote.license.unpaid, digits),
        "total_due": money_text(quote.total_due, digits),
        "processes": quote.processes,
        "new_serial": quote.new_serial,
    }
