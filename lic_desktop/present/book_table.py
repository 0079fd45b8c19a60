"""The Book tab's table: a priced license book as a reseller reads it. Qt-free.

The priced CSV (present.batch.OUTPUT_COLUMNS) is the machine format and stays as it is;
this is only the table's presentation. A row keeps the raw values (Money, dates, the
change kind), which sort by value; a cell is formatted in the UI's locale only when it
is shown, so a book of 100,000 rows costs no formatting up front.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from enum import Enum
from typing import Any, NamedTuple

from lic_desktop.core.best_day import BestDay
from lic_desktop.core.book_totals import Priced
from lic_desktop.core.money import Money
from lic_desktop.core.planner import license_on_day
from lic_desktop.l10n import N_, Formatter, _
from lic_desktop.present.compare import CHANGE_NAMES


class Kind(Enum):
    TEXT = "text"
    NUMBER = "number"
    MONEY = "money"
    DATE = "date"
    EXPIRY = "expiry"  # a date, or None for a license that never expires
    CHANGE = "change"
    FLAG = "flag"
    MOMENT = "moment"  # a date and time of day (a best day: "Dec 1, 2022 12:23 AM")
    WHY = "why"  # a best day's reason (core.best_day.Why)


class Column(NamedTuple):
    key: str  # the priced CSV's name for it (OUTPUT_COLUMNS), kept in the settings
    header: str  # a msgid
    kind: Kind


# The reading order: what a reseller looks at first, then the rest of the CSV's columns.
COLUMNS = (
    Column("customer", N_("Customer"), Kind.TEXT),
    Column("ip", N_("IP"), Kind.TEXT),
    Column("change", N_("Change"), Kind.CHANGE),
    Column("due_now", N_("Due now"), Kind.MONEY),
    Column("total_due", N_("Total due"), Kind.MONEY),
    Column("new_expiry", N_("New expiry"), Kind.EXPIRY),
    Column("blocked", N_("Blocked"), Kind.FLAG),
    Column("reason", N_("Reason"), Kind.TEXT),
    Column("line", N_("Line"), Kind.NUMBER),
    Column("catalog", N_("Catalog"), Kind.TEXT),
    Column("plan", N_("Plan"), Kind.TEXT),
    Column("quantity", N_("Quantity"), Kind.NUMBER),
    Column("cycle", N_("Cycle"), Kind.TEXT),
    Column("to_plan", N_("New plan"), Kind.TEXT),
    Column("to_quantity", N_("New quantity"), Kind.NUMBER),
    Column("to_cycle", N_("New cycle"), Kind.TEXT),
    Column("currency", N_("Currency"), Kind.TEXT),
    Column("type", N_("Type"), Kind.TEXT),
    Column("grand_total", N_("Grand total"), Kind.MONEY),
    Column("deduction", N_("Deduction"), Kind.MONEY),
    Column("first_bill_amount", N_("First bill amount"), Kind.MONEY),
    Column("account_credit", N_("Account credit"), Kind.MONEY),
    Column("pending", N_("Unpaid invoice"), Kind.MONEY),
    Column("effective_date", N_("Effective date"), Kind.DATE),
    Column("refund_estimate", N_("Refund estimate"), Kind.MONEY),
    Column("next_invoice_date", N_("Next invoice"), Kind.DATE),
    Column("next_invoice_amount", N_("Next invoice amount"), Kind.MONEY),
    # With "best day": the planner's best day to change through the due date (batch
    # --best-day's columns).
    Column("saving", N_("Saving by waiting"), Kind.MONEY),
    Column("best_day", N_("Best day"), Kind.MOMENT),
    Column("due_now_at_best", N_("Due on the best day"), Kind.MONEY),
    Column("cost_now", N_("Cost now"), Kind.MONEY),
    Column("cost_at_best", N_("Cost on the best day"), Kind.MONEY),
    Column("why", N_("Why that day"), Kind.WHY),
)
KEYS = tuple(c.key for c in COLUMNS)
DEFAULT_VISIBLE = KEYS[:8]  # customer … reason
BEST_KEYS = ("saving", "best_day", "why")  # shown once a book is priced with best days
SAVING_COLUMN = KEYS.index("saving")


class Reopen(NamedTuple):
    """What a row needs, beyond its columns, to open its license in the Quote tab at its
    best day: the period start then (the license renewed on the way, past its due date),
    what was paid for it (None: the catalog price), the first period's start and the
    best day's moment."""

    start: datetime
    paid: Money | None
    anchor: datetime | None
    at: datetime

RIGHT_ALIGNED = frozenset({Kind.NUMBER, Kind.MONEY})

BookRow = tuple[Any, ...]  # the raw values in COLUMNS order


def book_row(line: int, catalog: str, priced: Priced, reasons: str) -> BookRow:
    """One priced license's raw values, in COLUMNS order; `reasons` as the CSV words them
    (present.batch.reasons_text)."""
    (cat, customer, ip, plan, quantity, cycle, to_plan, to_quantity, to_cycle, change,
     order_type, grand_total, deduction, first_bill, credit, due_now, pending, total_due,
     effective, expiry, blocked, _quote, _worded_by, refund, invoice_date,
     invoice_amount, best) = priced
    # A change that orders nothing although one was asked for is refused (an owned
    # license to a cheaper owned plan), not waiting on an invoice.
    status = "" if not blocked else "refused" if order_type == "none" and str(change) != "none" \
        else "blocked"
    return (customer, ip, change, due_now, total_due,
            None if expiry is None else expiry.date(), status, reasons, line, catalog, plan,
            quantity, cycle, to_plan, to_quantity, to_cycle, cat.currency, order_type,
            grand_total, deduction, first_bill, credit, pending, effective.date(), refund,
            None if invoice_date is None else invoice_date.date(), invoice_amount,
            *_best_values(best))


NO_BEST = (None, None, None, None, None, None, None)


def _best_values(best: BestDay | None) -> tuple[Any, ...]:
    """The best-day columns, then (past the last column) the Reopen of the row."""
    if best is None:
        return NO_BEST
    day = best.best
    reopen = Reopen(*license_on_day(best.start, best.paid, best.anchor, day), day.moment)
    return (best.saving, day.moment, day.charged_now, best.now.cost_through_horizon,
            day.cost_through_horizon, best.why.value, reopen)


def reopen_of(row: BookRow) -> Reopen | None:
    """The row's Reopen (None: priced without best days)."""
    return row[len(COLUMNS)] if len(row) > len(COLUMNS) else None


def _money(value: Money | None, fmt: Formatter) -> str:
    return "" if value is None else fmt.money(value)  # None: none (no refund, no invoice)


def _date(value: date | None, fmt: Formatter) -> str:
    return "" if value is None else fmt.date(value)


def _expiry(value: date | None, fmt: Formatter) -> str:
    return _("never") if value is None else fmt.date(value)


def _number(value: int, fmt: Formatter) -> str:
    return fmt.integer(value)


def _moment(value: datetime | None, fmt: Formatter) -> str:
    return "" if value is None else fmt.created(value)


WHY_WORDS = {"due_date": N_("due date"), "cheapest_day": N_("cheapest day"),
             "now": N_("now is cheapest"), "no_difference": N_("no difference"),
             "nothing": N_("nothing changes"), "blocked": N_("blocked")}


def _why(value: str | None, _fmt: Formatter) -> str:
    return "" if value is None else _(WHY_WORDS[value])


def _change(value: str, _fmt: Formatter) -> str:
    return _(CHANGE_NAMES[str(value)])


def _flag(value: str, _fmt: Formatter) -> str:
    return _(STATUS_WORDS[value]) if value else ""


STATUS_WORDS = {"blocked": N_("blocked"), "refused": N_("refused")}


def _text(value: object, _fmt: Formatter) -> str:
    return str(value)


FORMATS: dict[Kind, Callable[[Any, Formatter], str]] = {
    Kind.MONEY: _money, Kind.DATE: _date, Kind.EXPIRY: _expiry, Kind.NUMBER: _number,
    Kind.CHANGE: _change, Kind.FLAG: _flag, Kind.TEXT: _text, Kind.MOMENT: _moment,
    Kind.WHY: _why}


def cell_text(kind: Kind, value: Any, fmt: Formatter) -> str:
    """A raw value as the table shows it, in `fmt`'s locale ("$21.23 USD", "21,23 $")."""
    return FORMATS[kind](value, fmt)


def header_text(text: str, longest: int = 12) -> str:
    """A column's header on two lines when it is long ("À payer\nmaintenant"): a money
    column is then as narrow as its amounts, and more columns fit beside the form."""
    spaces = [i for i, c in enumerate(text) if c == " "]
    if len(text) <= longest or not spaces:
        return text
    cut = min(spaces, key=lambda i: abs(2 * i - len(text)))
    return f"{text[:cut]}\n{text[cut + 1:]}"


def visible_keys(saved: str) -> tuple[str, ...]:
    """The columns a saved choice ("customer,ip,due_now") shows, known ones only, in
    COLUMNS order; the default when nothing known is left."""
    chosen = set(saved.split(","))
    keys = tuple(k for k in KEYS if k in chosen)
    return keys or DEFAULT_VISIBLE
