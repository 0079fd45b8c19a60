"""A priced license book as CSV rows and summary lines. Qt-free."""

from __future__ import annotations

from typing import Any

from lic_desktop.core.best_day import BestDay
from lic_desktop.core.book_totals import Priced, Totals
from lic_desktop.l10n import Formatter, _
from lic_desktop.present.panes import reason_text
from lic_desktop.present.quote_json import money_texts

OUTPUT_COLUMNS = (
    "line", "catalog", "customer", "ip", "plan", "quantity", "cycle", "to_plan",
    "to_quantity", "to_cycle", "currency", "change", "type", "grand_total", "deduction",
    "first_bill_amount", "account_credit", "due_now", "pending", "total_due",
    "effective_date", "new_expiry", "blocked", "reason", "refund_estimate",
    "next_invoice_date", "next_invoice_amount")
# With --best-day: the planner's best day to change, through the license's due date.
BEST_COLUMNS = ("best_day", "due_now_at_best", "cost_now", "cost_at_best", "saving", "why")


def output_columns(best_days: bool) -> tuple[str, ...]:
    return OUTPUT_COLUMNS + BEST_COLUMNS if best_days else OUTPUT_COLUMNS


def reasons_text(priced: Priced, fmt: Formatter) -> str:
    """The row's reasons, as its `reason` column words them ("" when it has none)."""
    worded_by = priced.worded_by
    return "" if worded_by is None else " ".join(reason_text(worded_by, r, fmt)
                                                 for r in worded_by.reasons)


def output_row(line: int, catalog: str, priced: Priced, fmt: Formatter,
               reasons: str | None = None) -> list[Any]:
    """The values in OUTPUT_COLUMNS order; `reasons` when reasons_text has them already."""
    # Unpacked at once: a book writes a million of these rows.
    (cat, customer, ip, plan, quantity, cycle, to_plan, to_quantity, to_cycle, change,
     order_type, grand_total, deduction, first_bill, credit, due_now, pending, total_due,
     effective, expiry, blocked, _quote, _worded_by, refund, invoice_date,
     invoice_amount, best) = priced
    if reasons is None:
        reasons = reasons_text(priced, fmt)
    return [
        line, catalog, customer, ip, plan, quantity, cycle, to_plan, to_quantity, to_cycle,
        cat.currency, change.value, order_type,
        *money_texts((grand_total, deduction, first_bill, credit, due_now, pending,
                      total_due), cat.digits),
        effective.date().isoformat(), "" if expiry is None else expiry.date().isoformat(),
        "yes" if blocked else "", reasons,
        "" if refund is None else money_texts((refund,), cat.digits)[0],
        "" if invoice_date is None else invoice_date.date().isoformat(),
        "" if invoice_amount is None else money_texts((invoice_amount,), cat.digits)[0],
        *([] if best is None else best_cells(best, cat.digits)),
    ]


def best_cells(best: BestDay, digits: int) -> list[str]:
    """The BEST_COLUMNS of a row: the day (its moment), what is due then, the cost through
    the planner's horizon now and on that day, the saving, and why."""
    day, now = best.best, best.now.cost_through_horizon
    cost = day.cost_through_horizon
    # isoformat: the same "2022-12-01 00:23" as strftime, at a fifth of its cost.
    return [day.moment.isoformat(" ", "minutes"),
            *money_texts((day.charged_now, now, cost, now - cost), digits), best.why.value]


def summary_lines(totals: Totals, bad_rows: int, fmt: Formatter, bad_lines: int = 0
                  ) -> list[str]:
    """The closing summary: counts, then one line of totals per currency, as money in
    the locale ("$1,063.94 USD", "1.063,94 $" in German); counts come after a colon, so
    one license reads as well as many in every language. `bad_lines`: the lines the bad
    rows took up, said when more than one a row (a quote left open swallows lines)."""
    counts = {"licenses": fmt.integer(totals.licenses), "blocked": fmt.integer(totals.blocked),
              "bad": fmt.integer(bad_rows), "lines": fmt.integer(bad_lines)}
    if bad_lines > bad_rows:
        lines = [_("Licenses priced: {licenses}; blocked: {blocked}; bad rows: {bad} (on "
                   "{lines} lines)").format(**counts)]
    else:
        lines = [_("Licenses priced: {licenses}; blocked: {blocked}; bad rows: {bad}")
                 .format(**counts)]
    for currency in sorted(totals.total_due):
        lines.append(_("{currency}: due now {due}, account credit {credit}, total due with "
                       "unpaid invoices {total}").format(
            currency=currency, due=fmt.money(totals.due_now[currency]),
            credit=fmt.money(totals.account_credit[currency]),
            total=fmt.money(totals.total_due[currency])))
    return lines


def waiting_lines(totals: Totals, fmt: Formatter) -> list[str]:
    """With --best-day: how many licenses save by waiting for their best day, and how
    much, per currency."""
    lines = [_("Licenses that save by waiting for their best day: {count}").format(
        count=fmt.integer(totals.waiting))]
    for currency, saving in sorted(totals.savings.items()):
        lines.append(_("{currency}: waiting saves {saving}").format(
            currency=currency, saving=fmt.money(saving)))
    return lines
