"""Re-pricing a reseller's license book: one CSV row a license in, one quote row out.

Rows stream through (memory stays flat however long the file); a bad row is reported by
its line number and the others go on. Totals are kept per currency. The book's CSV (its
decoding, header and row errors) is book_csv's; the fast path that prices most rows
without a full quote is book_fast_path's; the priced rows and totals are book_totals'.
"""

from __future__ import annotations

import csv
from collections import OrderedDict
from collections.abc import Callable, Iterable, Iterator
from datetime import datetime
from operator import itemgetter

from lic_desktop.core.best_day import BestDay, best_day
from lic_desktop.core.book_best_day import BookBestDays
from lic_desktop.core.book_csv import (
    REQUIRED,
    UNDECODED,
    BookText,
    RowError,
    csv_problem,
    not_utf8,
    read_header,
    undecoded,
    whole,
)
from lic_desktop.core.book_fast_path import Offers, ResetChange, ResetTemplate, Span, Template
from lic_desktop.core.book_totals import Priced, Totals
from lic_desktop.core.catalog import Catalog, CatalogError
from lic_desktop.core.engine import check_change, make_quote
from lic_desktop.core.money import Money
from lic_desktop.core.periods import InputError, Period
from lic_desktop.core.quote import ChangeRequest, License, Quote, check_ip, check_moment
from lic_desktop.core.scenario import parse_amount, parse_moment
from lic_desktop.core.text import _

TEMPLATE_LIMIT = 20_000  # distinct plans x changes; each keeps one quote (a few KiB)
PROGRESS_EVERY = 512  # rows between two progress reports
ERRORS_KEPT = 1_000  # bad rows kept for a summary; every one is said as it is met
CATALOGS_KEPT = 64  # catalogs a book keeps loaded, the least recently used dropped first
FAILURES_KEPT = 1_024  # catalog references remembered as wrong (their message each)
SPAN_LIMIT = 50_000  # distinct (start, cycle length) pairs; each keeps a few numbers
BESTS_KEPT = 5_000  # planned best days of licenses alike but for their customer and ip
# The columns that decide a license's price apart from its start (a template's key).
TEMPLATE_KEY = ("catalog", "plan", "quantity", "cycle", "paid", "pending", "to_plan",
                "to_quantity", "to_cycle")
# A reset change's family: the same change for any server counts (ResetChange.template).
FAMILY_KEY = itemgetter(*(i for i, name in enumerate(TEMPLATE_KEY)
                          if name not in ("quantity", "to_quantity")))
QUANTITY_AT, TO_QUANTITY_AT, PAID_AT = (TEMPLATE_KEY.index(name) for name in
                                        ("quantity", "to_quantity", "paid"))


class BookPricer:
    """Quotes each row of a license book at one change moment."""

    def __init__(self, at: datetime, catalogs: Callable[[str], Catalog],
                 on_error: Callable[[RowError], object] | None = None,
                 best_days: bool = False) -> None:
        self.at = at
        # Each license's best day to change, through its due date (core.best_day).
        self.best_days = best_days
        self._bests: OrderedDict[tuple[str, ...], BestDay] = OrderedDict()
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
        self._templates: dict[tuple[str, ...], Template | ResetTemplate] = {}
        self._spans: dict[tuple[str, int], Span | None] = {}
        self._families: dict[tuple[str, ...], ResetChange] = {}
        self._offers = Offers()
        self._book_bests = BookBestDays(at, self._offers)
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
        reader, names, self.semicolons = read_header(lines)
        columns = len(names)
        where = {name: i for i, name in enumerate(names) if name}
        key_at = [where.get(name) for name in TEMPLATE_KEY]
        # The template key of a row, picked out in C when every key column is there.
        pick = itemgetter(*key_at) if None not in key_at else None
        # Where the start, ip, customer and anchor are in a row (BookPricer.price's `columns`).
        at_columns = (where["start"], where.get("ip"), where.get("customer"),
                      where.get("anchor"))
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
            if since is None or UNDECODED[0] != since:
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
            priced = self._priced((line, last), names, cells, key, at_columns)
            if priced is not None:
                self.totals.add(priced)
                yield line, key[0], priced

    def _priced(self, lines: tuple[int, int], names: list[str], cells: list[str],
                key: tuple[str, ...], columns: tuple[int, int | None, int | None, int | None]
                ) -> Priced | None:
        """One row priced (and its best day, when asked), or None once its error is said;
        `lines`: the row's first and last line."""
        try:
            priced = self.price(names, cells, key, columns)
            if self.best_days:
                best = self.best(names, cells, key, columns)
                self.totals.add_best(best)
                priced = priced._replace(best=best)
        except InputError as exc:
            self._error(RowError(lines[0], exc.field, exc.message, lines[1]))
            return None
        except (ValueError, ArithmeticError) as exc:
            # A value no reader above named (Python's own refusal of a number of
            # thousands of digits, a decimal out of range): this row only.
            self._error(RowError(lines[0], "row", _("cannot be priced ({reason})").format(
                reason=str(exc) or type(exc).__name__), lines[1]))
            return None
        return priced

    def price(self, names: list[str], cells: list[str], key: tuple[str, ...],
              columns: tuple[int, int | None, int | None, int | None]) -> Priced:
        """One row priced, through its plan's template when it can be. `columns`: where
        the start, ip, customer and anchor are in `cells`."""
        if columns[3] is not None and cells[columns[3]]:
            # A renewal of a month-end anchor (C2): its period is the anchor's, which the
            # fast path's spans (counted from the start) are not.
            return Priced.of(self.quote(dict(zip(names, cells, strict=True))))
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
            change = ResetChange(lic, request, self._offers)
            reset = change.template(lic.quantity, request.quantity, not key[PAID_AT])
            span = None if reset is None else self.span(start_text, change.months)
            if reset is not None and span is not None:
                self._remember(key, reset)
                self._families.setdefault(FAMILY_KEY(key), change)
                return reset.price(span, lic.ip, lic.customer)
        quote = make_quote(lic, request)
        if template is None:
            self._remember(key, Template(quote))
        return Priced.of(quote)

    def best(self, names: list[str], cells: list[str], key: tuple[str, ...],
             columns: tuple[int, int | None, int | None, int | None]) -> BestDay:
        """The row's best day: a reset change's from its amounts (book_best_day), any
        other's (a difference-policy change, an anchored row, a change of nothing,
        amounts book_best_day leaves) from the planner, which licenses alike but for
        their customer and ip share."""
        anchor = "" if columns[3] is None else cells[columns[3]]
        cat = self.catalog(key[0])
        if cat.policy == "reset" and not anchor:  # no quote a license
            found = self._book_bests.reset(
                cat, key, cells[columns[0]],
                lambda: self.quote(dict(zip(names, cells, strict=True))),
                comma=self.semicolons)
            if found is not None:
                return found
        memo = (*key, cells[columns[0]], anchor)
        found = self._bests.get(memo)
        if found is not None:
            self._bests.move_to_end(memo)  # the least recently used go first
            return found
        found = best_day(*self.license(dict(zip(names, cells, strict=True))))
        if len(self._bests) >= BESTS_KEPT:
            self._bests.popitem(last=False)
        self._bests[memo] = found
        return found

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

    def _from_family(self, key: tuple[str, ...]) -> ResetTemplate | None:
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

    def _remember(self, key: tuple[str, ...], template: Template | ResetTemplate) -> None:
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
            check_ip("ip", text("ip")), customer=text("customer"),
            anchor=check_moment("anchor", parse_moment("anchor", text("anchor")))
            if text("anchor") else None)
        request = ChangeRequest(text("to_plan") or lic.plan, text("to_cycle") or lic.cycle,
                                self.at, whole(text("to_quantity"), "to_quantity", quantity))
        return lic, request
