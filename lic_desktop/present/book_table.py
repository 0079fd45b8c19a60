"""The Book tab's table: a priced license book as a reseller reads it. Qt-free.

The priced CSV (present.batch.OUTPUT_COLUMNS) is the machine format and stays as it is;
this is only the table's presentation. A row keeps the raw values (Money, dates, the
change kind), which sort by value; a cell is formatted in the UI's locale only when it
is shown, so a book of 100,000 rows costs no formatting up front.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from enum import Enum
from typing import Any, NamedTuple

from lic_desktop.core.book_totals import Priced
from lic_desktop.core.money import Money
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
)
KEYS = tuple(c.key for c in COLUMNS)
DEFAULT_VISIBLE = KEYS[:8]  # customer … reason
RIGHT_ALIGNED = frozenset({Kind.NUMBER, Kind.MONEY})

BookRow = tuple[Any, ...]  # the raw values in COLUMNS order


def book_row(line: int, catalog: str, priced: Priced, reasons: str) -> BookRow:
    """One priced license's raw values, in COLUMNS order; `reasons` as the CSV words them
    (present.batch.reasons_text)."""
    (cat, customer, ip, plan, quantity, cycle, to_plan, to_quantity, to_cycle, change,
     order_type, grand_total, deduction, first_bill, credit, due_now, pending, total_due,
     effective, expiry, blocked, _quote, _worded_by, refund, invoice_date,
     invoice_amount, _best) = priced
    # A change that orders nothing although one was asked for is refused (an owned
    # license to a cheaper owned plan), not waiting on an invoice.
    status = "" if not blocked else "refused" if order_type == "none" and str(change) != "none" \
        else "blocked"
    return (customer, ip, change, due_now, total_due,
            None if expiry is None else expiry.date(), status, reasons, line, catalog, plan,
            quantity, cycle, to_plan, to_quantity, to_cycle, cat.currency, order_type,
            grand_total, deduction, first_bill, credit, pending, effective.date(), refund,
            None if invoice_date is None else invoice_date.date(), invoice_amount)


def _money(value: Money | None, fmt: Formatter) -> str:
    return "" if value is None else fmt.money(value)  # None: none (no refund, no invoice)


def _date(value: date | None, fmt: Formatter) -> str:
    return "" if value is None else fmt.date(value)


def _expiry(value: date | None, fmt: Formatter) -> str:
    return _("never") if value is None else fmt.date(value)


def _number(value: int, fmt: Formatter) -> str:
    return fmt.integer(value)


def _change(value: str, _fmt: Formatter) -> str:
    return _(CHANGE_NAMES[str(value)])


def _flag(value: str, _fmt: Formatter) -> str:
    return _(STATUS_WORDS[value]) if value else ""


STATUS_WORDS = {"blocked": N_("blocked"), "refused": N_("refused")}


def _text(value: object, _fmt: Formatter) -> str:
    return str(value)


FORMATS: dict[Kind, Callable[[Any, Formatter], str]] = {
    Kind.MONEY: _money, Kind.DATE: _date, Kind.EXPIRY: _expiry, Kind.NUMBER: _number,
    Kind.CHANGE: _change, Kind.FLAG: _flag, Kind.TEXT: _text}


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
