"""Re-pricing a reseller's license book: one CSV row a license in, one quote row out.

Rows stream through (memory stays flat however long the file); a bad row is reported by
its line number and the others go on. Totals are kept per currency.
"""

from __future__ import annotations

import codecs
import csv
import io
import itertools
import re
from collections import OrderedDict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from operator import itemgetter
from typing import IO, Any, NamedTuple

from lic_desktop.core.catalog import Catalog, CatalogError, printable
from lic_desktop.core.changes import change_kind
from lic_desktop.core.charge_rule import ChargeRule
from lic_desktop.core.difference import applies_at_renewal
from lic_desktop.core.engine import check_change, make_quote
from lic_desktop.core.money import Money
from lic_desktop.core.numbers import parse_quantity
from lic_desktop.core.periods import InputError, Period, add_months
from lic_desktop.core.quote import (
    ChangeKind,
    ChangeRequest,
    License,
    Quote,
    Reason,
    check_ip,
    check_moment,
    check_offer,
)
from lic_desktop.core.reset import reset_amounts
from lic_desktop.core.scenario import parse_amount, parse_moment
from lic_desktop.core.text import _

REQUIRED = ("catalog", "plan", "cycle", "start")
TEMPLATE_LIMIT = 20_000  # distinct plans x changes; each keeps one quote (a few KiB)
PROGRESS_EVERY = 512  # rows between two progress reports
ERRORS_KEPT = 1_000  # bad rows kept for a summary; every one is said as it is met
CATALOGS_KEPT = 64  # catalogs a book keeps loaded, the least recently used dropped first
FAILURES_KEPT = 1_024  # catalog references remembered as wrong (their message each)
SPAN_LIMIT = 50_000  # distinct (start, cycle length) pairs; each keeps a few numbers
# The columns that decide a license's price apart from its start (a template's key).
TEMPLATE_KEY = ("catalog", "plan", "quantity", "cycle", "paid", "pending", "to_plan",
                "to_quantity", "to_cycle")
# A reset change's family: the same change for any server counts (_ResetChange.template).
FAMILY_KEY = itemgetter(*(i for i, name in enumerate(TEMPLATE_KEY)
                          if name not in ("quantity", "to_quantity")))
QUANTITY_AT, TO_QUANTITY_AT, PAID_AT = (TEMPLATE_KEY.index(name) for name in
                                        ("quantity", "to_quantity", "paid"))
OPTIONAL = ("quantity", "paid", "pending", "to_plan", "to_quantity", "to_cycle", "ip",
            "customer")


class BatchFileError(ValueError):
    """The file as a whole cannot be read (no header, a missing column)."""


@dataclass(frozen=True, slots=True)
class RowError:
    line: int  # the record's first line
    field: str
    message: str
    last: int = 0  # its last line, when it spans several (a quoted line break)

    @property
    def lines(self) -> int:
        """The lines of the book the bad record took up."""
        return max(self.last - self.line + 1, 1)

    def __str__(self) -> str:
        # One line whatever the row held (a quoted line break, an ANSI escape).
        if self.last > self.line:  # a quote left open swallows the lines after it: say so
            text = _("lines {first}–{last}: {field}: {message}").format(
                first=self.line, last=self.last, field=self.field, message=self.message)
        else:
            text = _("line {line}: {field}: {message}").format(
                line=self.line, field=self.field, message=self.message)
        return printable(text)


# A byte that is not UTF-8 spoils its own row only: the book is decoded with this handler,
# which reads such a byte as a lone surrogate (as "surrogateescape" does) and counts it,
# so the pricer looks for them only once a book has had one (a good book pays nothing).
BOOK_ERRORS = "lic-desktop-book"
_undecoded = [0]  # bytes read as surrogates so far, by any book (a hint, never a total)
_escape = codecs.lookup_error("surrogateescape")
_SURROGATE = re.compile("[\udc80-\udcff]")


def _note_undecoded(error: UnicodeError) -> tuple[str | bytes, int]:
    _undecoded[0] += 1
    return _escape(error)


codecs.register_error(BOOK_ERRORS, _note_undecoded)


class BookText(io.TextIOWrapper):
    """A book's bytes as the lines BookPricer.quotes reads (a BOM from a spreadsheet
    dropped, line ends kept for the csv module); a byte that is not UTF-8 spoils only
    the row it is in."""

    def __init__(self, raw: IO[bytes]) -> None:
        # Before a byte is decoded: had the count moved by the time a row is read, the
        # rows from then on may hold one (or another book had one: a look for nothing).
        self.undecoded_at = _undecoded[0]
        super().__init__(raw, encoding="utf-8-sig", errors=BOOK_ERRORS, newline="")


def undecoded(values: list[str]) -> tuple[int, int] | None:
    """(index of the cell, the byte) of the first byte that was not UTF-8, or None."""
    for index, value in enumerate(values):
        if not value.isascii():
            found = _SURROGATE.search(value)
            if found:
                return index, ord(found.group()) - 0xDC00
    return None


def not_utf8(byte: int) -> str:
    return _("is not UTF-8 text (byte {byte}): save the book as UTF-8").format(
        byte=f"0x{byte:02x}")


class Priced(NamedTuple):
    """One license of the book priced: what the output row shows, whichever way it was
    worked out (a full quote, or the book's fast path checked against it). A named tuple:
    a book makes a million of them."""

    catalog: Catalog
    customer: str
    ip: str
    plan: str
    quantity: int
    cycle: str
    to_plan: str
    to_quantity: int
    to_cycle: str
    change: ChangeKind
    order_type: str
    grand_total: Money
    deduction: Money
    first_bill_amount: Money
    account_credit: Money
    due_now: Money
    pending: Money
    total_due: Money
    effective: datetime
    new_expiry: datetime | None
    blocked: bool
    quote: Quote | None = None  # this row's full quote, when it was quoted in full
    worded_by: Quote | None = None  # the quote whose reasons this row shares (their words)

    @classmethod
    def of(cls, quote: Quote) -> Priced:
        lic, req, order = quote.license, quote.request, quote.order
        after = quote.new_billing
        period = lic.period
        expiry = after.end if after is not None else (period.end if period else None)
        return cls(quote.catalog, lic.customer, lic.ip, lic.plan, lic.quantity, lic.cycle,
                   req.plan, req.quantity, req.cycle, quote.change, order.type,
                   order.grand_total, order.deduction, order.first_bill_amount,
                   order.account_credit, order.due_now, lic.unpaid, quote.total_due,
                   order.effective, expiry, quote.blocked, quote, quote)


class Span(NamedTuple):
    """A license's current period as the change moment sees it. The moment is the same for
    the whole book and many licenses share a start, so a book works each one out once."""

    start: datetime
    end: datetime
    remaining: int  # days left at the change moment (C4)
    total: int


class _Template:
    """A book's many licenses of the same plan and change differ only in their start: the
    first one is quoted in full, the others reuse its ChargeRule for their own period.
    Only plain leased changes take this path; anything with a reason, an unpaid invoice
    or an edge (a change before the start, a lease past its end) is quoted in full."""

    HANDLED = (ChangeKind.UPGRADE, ChangeKind.DOWNGRADE, ChangeKind.CYCLE_CHANGE,
               ChangeKind.NONE)

    def __init__(self, quote: Quote) -> None:
        lic, req, cat = quote.license, quote.request, quote.catalog
        self.quote, self.at, self.lic, self.unpaid = quote, req.at, lic, lic.unpaid
        self.rule = ChargeRule(quote, remember=False)
        self.months = cat.cycles[lic.cycle].months
        self.new_months = cat.cycles[req.cycle].months
        # Not `effective != at`: for a first license whose period ends at the change
        # moment the two are equal, yet the change still waits for the renewal.
        self.deferred = applies_at_renewal(cat, quote.change)
        self.nothing = quote.change is ChangeKind.NONE
        plain = quote.reasons == ((Reason.NOTHING_CHANGES,) if self.nothing else ())
        new_period = quote.new_billing is not None and quote.new_billing.end is not None
        # A reset-policy change is a _ResetChange's; here only its "nothing changes".
        self.usable = (plain and lic.period is not None and lic.anchor is None
                       and (cat.policy != "reset" or self.nothing)
                       and quote.change in self.HANDLED and not lic.unpaid
                       and (new_period or self.nothing))

    def price(self, span: Span, ip: str, customer: str) -> Priced | None:
        """The license whose period is `span` (when `usable`), or None when it needs a full
        quote (a lease past its end)."""
        at, lic, order = self.at, self.lic, self.quote.order
        if at > span.end:
            return None
        due_now, credit, deduction = self.rule.amounts(lic.amount_paid, span.remaining,
                                                       span.total)
        expiry: datetime | None
        if self.nothing:  # nothing to order: the license just runs on
            grand, effective, expiry = order.grand_total, at, span.end
        else:
            grand = due_now if self.rule.kind == "upgrade" else order.grand_total
            effective = span.end if self.deferred else at
            expiry = add_months(span.start, self.months + self.new_months) \
                if self.deferred else span.end
        req = self.quote.request
        return Priced(lic.catalog, customer, ip, lic.plan, lic.quantity, lic.cycle, req.plan,
                      req.quantity, req.cycle, self.quote.change, order.type, grand, deduction,
                      due_now, credit, due_now, self.unpaid, due_now, effective, expiry, False,
                      None, self.quote if self.nothing else None)


class _ResetChange:
    """A reset-policy change needs no full quote at all: a new period starts at the change
    moment at the new plan's price, less what is left of the paid one (SPEC "reset").

    One change (plan, cycle, paid, target) of a book's first license serves every server
    count of it, each checked as the engine checks it, so a book of many different counts
    costs little more than one of few. Nothing-changes rows and unpaid invoices are quoted
    in full."""

    def __init__(self, lic: License, req: ChangeRequest, offers: _Offers) -> None:
        cat = lic.catalog
        self.lic, self.req, self.at, self.unpaid = lic, req, req.at, lic.unpaid
        self.offers = offers
        self.usable = not lic.unpaid and lic.anchor is None
        self.months = cat.cycles[lic.cycle].months
        self.digits = cat.digits
        self.expiry = Period.of_months(req.at, cat.cycles[req.cycle].months).end

    def template(self, quantity: int, to_quantity: int, paid_listed: bool) \
            -> _ResetTemplate | None:
        """The change for these server counts; None when they need a full quote (it names
        the mistake) or nothing changes. With `paid_listed` the license paid its plan's
        catalog price, which the count sets."""
        lic, req = self.lic, self.req
        paid = self.offers.price(lic.catalog, lic.plan, quantity, lic.cycle)
        grand_total = self.offers.price(lic.catalog, req.plan, to_quantity, req.cycle)
        if paid is None or grand_total is None or not self.usable:
            return None
        kind = change_kind(lic.catalog, lic.plan, quantity, lic.cycle, to_plan=req.plan,
                           to_quantity=to_quantity, to_cycle=req.cycle)
        if kind is ChangeKind.NONE:
            return None
        return _ResetTemplate(self, quantity, to_quantity, kind,
                              paid=paid if paid_listed else lic.amount_paid,
                              grand_total=grand_total)


class _Offers:
    """The catalog price of a plan, count and cycle the catalog sells (check_offer, as
    License and check_change use it), or None when it refuses them: one bounded table for
    the whole book, shared by every reset change."""

    LIMIT = 50_000

    def __init__(self) -> None:
        # Each entry keeps its catalog alive, so the id() in its key stays that catalog's
        # even once the pricer has dropped it (BookPricer keeps only the recent ones).
        self._seen: dict[tuple[int, str, int, str], tuple[Catalog, Money | None]] = {}

    def price(self, cat: Catalog, plan: str, quantity: int, cycle: str) -> Money | None:
        key = (id(cat), plan, quantity, cycle)
        try:
            return self._seen[key][1]
        except KeyError:
            pass
        try:
            check_offer(cat, plan, quantity, cycle, "")
            price: Money | None = cat.period_price(plan, quantity, cycle)
        except InputError:
            price = None
        if len(self._seen) >= self.LIMIT:
            self._seen.clear()
        self._seen[key] = (cat, price)
        return price


class _ResetTemplate:
    """One reset change at one pair of server counts, for any start."""

    __slots__ = ("change", "grand_total", "kind", "months", "paid", "quantity",
                 "to_quantity")
    usable = True  # made only for changes the fast path prices

    def __init__(self, change: _ResetChange, quantity: int, to_quantity: int,
                 kind: ChangeKind, *, paid: Money, grand_total: Money) -> None:
        self.change, self.months = change, change.months
        self.quantity, self.to_quantity, self.kind = quantity, to_quantity, kind
        self.paid, self.grand_total = paid, grand_total

    def price(self, span: Span, ip: str, customer: str) -> Priced:
        """The license whose period is `span`."""
        change = self.change
        lic, req = change.lic, change.req
        due_now, credit, deduction = reset_amounts(self.grand_total, self.paid, span.remaining,
                                                   span.total, change.digits)
        return Priced(lic.catalog, customer, ip, lic.plan, self.quantity, lic.cycle, req.plan,
                      self.to_quantity, req.cycle, self.kind, "update", self.grand_total,
                      deduction, due_now, credit, due_now, change.unpaid, due_now, change.at,
                      change.expiry, False)


@dataclass
class Totals:
    """What the book adds up to, per currency (summed as amounts of that currency)."""

    licenses: int = 0
    blocked: int = 0
    _sums: dict[str, list[Decimal]] = field(default_factory=dict)

    def add(self, priced: Priced) -> None:
        self.licenses += 1
        self.blocked += priced.blocked
        sums = self._sums.get(priced.due_now.currency)
        if sums is None:
            sums = self._sums[priced.due_now.currency] = [Decimal(0)] * 3
        sums[0] += priced.due_now.amount
        sums[1] += priced.account_credit.amount
        sums[2] += priced.total_due.amount

    def _money(self, index: int) -> dict[str, Money]:
        return {currency: Money(sums[index], currency) for currency, sums in self._sums.items()}

    @property
    def due_now(self) -> dict[str, Money]:
        return self._money(0)

    @property
    def account_credit(self) -> dict[str, Money]:
        return self._money(1)

    @property
    def total_due(self) -> dict[str, Money]:
        return self._money(2)


def check_header(header: list[str] | None) -> list[str]:
    if not header:
        raise BatchFileError(_("the file is empty: the first line must name the columns "
                               "({columns})").format(columns=",".join(REQUIRED + OPTIONAL)))
    # "Catalog", "To plan": spreadsheets capitalise, and some write spaces.
    names = [h.strip().lower().replace(" ", "_") for h in header]
    seen: set[str] = set()  # one pass: a header of 80,000 columns is checked at once
    for name in names:
        if name in seen:  # "plan" and "Plan": which one is meant is anyone's guess
            raise BatchFileError(_("the column {column!r} appears twice in the header")
                                 .format(column=name))
        if name:
            seen.add(name)
    missing = [c for c in REQUIRED if c not in seen]
    if missing:
        raise BatchFileError(_("the header has no {missing} column (columns: {columns})")
                             .format(missing=", ".join(missing),
                                     columns=",".join(REQUIRED + OPTIONAL)))
    known = frozenset(REQUIRED + OPTIONAL)
    unknown = [n for n in names if n and n not in known]
    if unknown:
        raise BatchFileError(_("unknown column {column!r} (columns: {columns})")
                             .format(column=unknown[0], columns=",".join(REQUIRED + OPTIONAL)))
    return names


class BookPricer:
    """Quotes each row of a license book at one change moment."""

    def __init__(self, at: datetime, catalogs: Callable[[str], Catalog],
                 on_error: Callable[[RowError], object] | None = None) -> None:
        self.at = at
        self._load = catalogs
        # Bounded, however many distinct catalogs a book names: the ones in use, and
        # what was wrong with the last few that could not be loaded (a message each).
        self._catalogs: OrderedDict[str, Catalog] = OrderedDict()
        self._failed: OrderedDict[str, str] = OrderedDict()
        self.totals = Totals()
        # Bad rows stream out through `on_error` as they are met; only their count and
        # the first ERRORS_KEPT are kept, so a book of bad rows runs in flat memory.
        self.on_error = on_error
        self.bad_rows = 0
        self.bad_lines = 0  # the lines the bad rows took up (a quote left open: many)
        self.errors: list[RowError] = []
        self._templates: dict[tuple[str, ...], _Template | _ResetTemplate] = {}
        self._spans: dict[tuple[str, int], Span | None] = {}
        self._families: dict[tuple[str, ...], _ResetChange] = {}
        self._offers = _Offers()
        self.semicolons = False  # the book's separator is ";" (its amounts may say "19,90")

    def catalog(self, ref: str) -> Catalog:
        found = self._catalogs.get(ref)
        if found is not None:
            self._catalogs.move_to_end(ref)
            return found
        failed = self._failed.get(ref)
        if failed is None:
            try:
                found = self._load(ref)
            except CatalogError as exc:
                failed = exc.named  # the message only: an exception keeps its frames
            else:
                if len(self._catalogs) >= CATALOGS_KEPT:
                    self._catalogs.popitem(last=False)
                self._catalogs[ref] = found
                return found
            if len(self._failed) >= FAILURES_KEPT:
                self._failed.popitem(last=False)
            self._failed[ref] = failed
        raise InputError("catalog", failed)

    def _error(self, error: RowError) -> None:
        """A bad row: counted, said at once, and kept if among the first ERRORS_KEPT."""
        self.bad_rows += 1
        self.bad_lines += error.lines
        if len(self.errors) < ERRORS_KEPT:
            self.errors.append(error)
        if self.on_error is not None:
            self.on_error(error)

    def quotes(self, lines: Iterable[str], on_progress: Callable[[int], object] | None = None
               ) -> Iterator[tuple[int, str, Priced]]:
        """(line number, the row's catalog as written, its price) for the good lines; bad
        ones go to `on_error` (and the first few to `errors`), whatever is in them. A row
        is numbered by its first line (a quoted cell may span several). `on_progress`
        hears the count of rows read, good or bad, every PROGRESS_EVERY rows."""
        reader, names = self._read_header(lines)
        columns = len(names)
        where = {name: i for i, name in enumerate(names) if name}
        key_at = [where.get(name) for name in TEMPLATE_KEY]
        # The template key of a row, picked out in C when every key column is there.
        pick = itemgetter(*key_at) if None not in key_at else None
        start_at, ip_at, customer_at = where["start"], where.get("ip"), where.get("customer")
        # A BookText holds a byte that was not UTF-8 only once the handler has met one;
        # any other lines are looked through row by row.
        since = lines.undecoded_at if isinstance(lines, BookText) else None
        read = 0
        while True:
            line = reader.line_num + 1  # where the next record starts
            try:
                values = next(reader)
            except StopIteration:
                break
            except csv.Error as exc:  # a cell over the csv limit, a quote left open: this row
                values, problem = None, csv_problem(exc, reader.line_num > line)
            last = reader.line_num
            read += 1
            if on_progress is not None and not read % PROGRESS_EVERY:
                on_progress(read)
            if values is None:
                self._error(RowError(line, "row", problem, last))
                continue
            if len(values) > columns:
                self._error(RowError(line, "row", _(
                    "has {values} values for {columns} columns").format(
                        values=len(values), columns=columns), last))
                continue
            if since is None or _undecoded[0] != since:
                found = undecoded(values)
                if found is not None:
                    self._error(RowError(line, names[found[0]] or "row", not_utf8(found[1]),
                                         last))
                    continue
            cells = list(map(str.strip, values))
            if len(cells) < columns:
                cells += [""] * (columns - len(cells))
            if not any(cells):
                continue  # blank lines are no licenses
            key = pick(cells) if pick else tuple("" if i is None else cells[i] for i in key_at)
            try:
                priced = self.price(names, cells, key, (start_at, ip_at, customer_at))
            except InputError as exc:
                self._error(RowError(line, exc.field, exc.message, last))
                continue
            except (ValueError, ArithmeticError) as exc:
                # A value no reader above named (Python's own refusal of a number of
                # thousands of digits, a decimal out of range): this row only.
                self._error(RowError(line, "row", _("cannot be priced ({reason})").format(
                    reason=str(exc) or type(exc).__name__), last))
                continue
            self.totals.add(priced)
            yield line, key[0], priced

    def _read_header(self, lines: Iterable[str]) -> tuple[Any, list[str]]:
        """The book's CSV reader, past the header, and the header's column names."""
        rows = iter(lines)
        first = next(rows, None)
        # A spreadsheet set to German or French saves "CSV" with semicolons, and its
        # amounts with decimal commas.
        self.semicolons = first is not None and first.count(";") > first.count(",")
        # Strict: a quote left open to the end of the book, or closed by the next quoted
        # cell (`"x` ... `,"y",`), is an error of its row, not lines silently swallowed.
        reader = csv.reader(itertools.chain(() if first is None else (first,), rows),
                            delimiter=";" if self.semicolons else ",", strict=True)
        try:
            header = next(reader, None)
        except csv.Error as exc:
            raise BatchFileError(_("line 1: {problem}").format(
                problem=csv_problem(exc, reader.line_num > 1))) from None
        if header is not None and (found := undecoded(header)) is not None:
            # A header that is not UTF-8: most likely not a UTF-8 file at all.
            raise BatchFileError(_("line 1: {problem}").format(problem=not_utf8(found[1])))
        return reader, check_header(header)

    def price(self, names: list[str], cells: list[str], key: tuple[str, ...],
              columns: tuple[int, int | None, int | None]) -> Priced:
        """One row priced, through its plan's template when it can be. `columns`: where
        the start, ip and customer are in `cells`."""
        template = self._templates.get(key) or self._from_family(key)
        start_text = cells[columns[0]]
        if template is not None and template.usable and key[0] and key[1] and key[3] \
                and start_text:
            span = self.span(start_text, template.months)
            if span is not None:
                ip = "" if columns[1] is None else cells[columns[1]]
                customer = "" if columns[2] is None else cells[columns[2]]
                priced = template.price(span, check_ip("ip", ip), customer)
                if priced is not None:
                    return priced
        lic, request = self.license(dict(zip(names, cells, strict=True)))
        # An unpaid invoice blocks a change: such rows go straight to the full quote.
        if template is None and lic.catalog.policy == "reset" and not lic.unpaid:
            check_change(lic, request)  # the full quote's checks, without the full quote
            change = _ResetChange(lic, request, self._offers)
            reset = change.template(lic.quantity, request.quantity, not key[PAID_AT])
            span = None if reset is None else self.span(start_text, change.months)
            if reset is not None and span is not None:
                self._remember(key, reset)
                self._families.setdefault(FAMILY_KEY(key), change)
                return reset.price(span, lic.ip, lic.customer)
        quote = make_quote(lic, request)
        if template is None:
            self._remember(key, _Template(quote))
        return Priced.of(quote)

    def span(self, start_text: str, months: int) -> Span | None:
        """The period a license starting at `start_text` is in at the change moment, or
        None when the change comes before that start (a full quote says why)."""
        key = (start_text, months)
        try:
            return self._spans[key]
        except KeyError:
            pass
        start = check_moment("start", parse_moment("start", start_text))
        span = None
        if start <= self.at:
            period = Period.of_months(start, months)
            span = Span(start, period.end, period.days_remaining(self.at), period.days_total)
        if len(self._spans) >= SPAN_LIMIT:
            self._spans.clear()  # bounded, as the templates are
        self._spans[key] = span
        return span

    def _from_family(self, key: tuple[str, ...]) -> _ResetTemplate | None:
        """This row's reset change made from the same change at other server counts, or
        None (no such change yet, or counts a full quote must refuse)."""
        change = self._families.get(FAMILY_KEY(key))
        if change is None:
            return None
        try:
            quantity = whole(key[QUANTITY_AT], "quantity", 1)
            to_quantity = whole(key[TO_QUANTITY_AT], "to_quantity", quantity)
        except InputError:
            return None
        template = change.template(quantity, to_quantity, paid_listed=not key[PAID_AT])
        if template is not None:
            self._remember(key, template)
        return template

    def _remember(self, key: tuple[str, ...], template: _Template | _ResetTemplate) -> None:
        if len(self._templates) >= TEMPLATE_LIMIT:
            # Bounded: memory stays flat however long the book.
            self._templates.clear()
            self._families.clear()
        self._templates[key] = template

    def quote(self, row: dict[str, str]) -> Quote:
        """One row quoted in full by the engine."""
        return make_quote(*self.license(row))

    def license(self, row: dict[str, str]) -> tuple[License, ChangeRequest]:
        """One row's license and change, checked as the engine checks them."""
        get = row.get

        def text(name: str) -> str:
            value = get(name)
            return value.strip() if value else ""

        for name in REQUIRED:
            if not text(name):
                raise InputError(name, _("is empty"))
        cat = self.catalog(text("catalog"))
        quantity = whole(text("quantity"), "quantity", 1)
        paid, pending = text("paid"), text("pending")
        # The start is checked whole before the ip, as the book's fast path checks it.
        start = check_moment("start", parse_moment("start", text("start")))
        lic = License(
            cat, text("plan"), text("cycle"), start,
            quantity,
            Money(parse_amount("paid", paid, comma=self.semicolons), cat.currency)
            if paid else None,
            Money(parse_amount("pending", pending, comma=self.semicolons), cat.currency)
            if pending else None,
            check_ip("ip", text("ip")), customer=text("customer"))
        request = ChangeRequest(text("to_plan") or lic.plan, text("to_cycle") or lic.cycle,
                                self.at, whole(text("to_quantity"), "to_quantity", quantity))
        return lic, request


def csv_problem(error: csv.Error, spans_lines: bool = False) -> str:
    """What the csv module's error means for the row, in the UI's words; `spans_lines`:
    the record had read more than one line when it failed."""
    most = f"{csv.field_size_limit():,}"
    if "unexpected end of data" in str(error):  # the book ends inside a quoted cell
        if spans_lines:
            return _("a quote in this row is never closed: the lines after it were read "
                     "as one cell (close the quote)")
        return _("a quote in this row is never closed (close the quote)")
    if "field limit" in str(error):
        if spans_lines:
            return _("a quote in this row is not closed within {most} characters: the "
                     "lines after it were read as one cell (close the quote)").format(
                         most=most)
        return _("a cell is longer than {most} characters").format(most=most)
    return _("cannot be read as CSV ({reason})").format(reason=error)


def whole(text: str, name: str, default: int) -> int:
    """A count cell: empty is the default (a book leaves columns blank), else read as the
    command line and scenario files read counts (core.numbers)."""
    if not text:
        return default
    return parse_quantity(name, text)
