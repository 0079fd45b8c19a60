"""Re-pricing a reseller's license book: one CSV row a license in, one quote row out.

Rows stream through (memory stays flat however long the file); a bad row is reported by
its line number and the others go on. Totals are kept per currency.
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime

from lic_desktop.core.catalog import Catalog, CatalogError
from lic_desktop.core.engine import make_quote
from lic_desktop.core.money import Money
from lic_desktop.core.periods import InputError
from lic_desktop.core.quote import ChangeRequest, License, Quote, check_ip
from lic_desktop.core.scenario import parse_amount, parse_moment
from lic_desktop.core.text import _

REQUIRED = ("catalog", "plan", "cycle", "start")
OPTIONAL = ("quantity", "paid", "pending", "to_plan", "to_quantity", "to_cycle", "ip",
            "customer")


class BatchFileError(ValueError):
    """The file as a whole cannot be read (no header, a missing column)."""


@dataclass(frozen=True, slots=True)
class RowError:
    line: int
    field: str
    message: str

    def __str__(self) -> str:
        return _("line {line}: {field}: {message}").format(line=self.line, field=self.field,
                                                            message=self.message)


@dataclass
class Totals:
    """What the book adds up to, per currency."""

    licenses: int = 0
    blocked: int = 0
    due_now: dict[str, Money] = field(default_factory=dict)
    account_credit: dict[str, Money] = field(default_factory=dict)
    total_due: dict[str, Money] = field(default_factory=dict)

    def add(self, quote: Quote) -> None:
        self.licenses += 1
        self.blocked += quote.blocked
        for totals, value in ((self.due_now, quote.order.due_now),
                              (self.account_credit, quote.order.account_credit),
                              (self.total_due, quote.total_due)):
            currency = value.currency
            totals[currency] = totals[currency] + value if currency in totals else value


def check_header(header: list[str] | None) -> list[str]:
    if not header:
        raise BatchFileError(_("the file is empty: the first line must name the columns "
                               "({columns})").format(columns=",".join(REQUIRED + OPTIONAL)))
    names = [h.strip() for h in header]
    missing = [c for c in REQUIRED if c not in names]
    if missing:
        raise BatchFileError(_("the header has no {missing} column (columns: {columns})")
                             .format(missing=", ".join(missing),
                                     columns=",".join(REQUIRED + OPTIONAL)))
    unknown = [n for n in names if n and n not in REQUIRED + OPTIONAL]
    if unknown:
        raise BatchFileError(_("unknown column {column!r} (columns: {columns})")
                             .format(column=unknown[0], columns=",".join(REQUIRED + OPTIONAL)))
    return names


class BookPricer:
    """Quotes each row of a license book at one change moment."""

    def __init__(self, at: datetime, catalogs: Callable[[str], Catalog]) -> None:
        self.at = at
        self._load = catalogs
        self._catalogs: dict[str, Catalog | CatalogError] = {}
        self.totals = Totals()
        self.errors: list[RowError] = []

    def catalog(self, ref: str) -> Catalog:
        found = self._catalogs.get(ref)
        if found is None:
            try:
                found = self._load(ref)
            except CatalogError as exc:
                found = exc
            self._catalogs[ref] = found
        if isinstance(found, CatalogError):
            raise InputError("catalog", str(found))
        return found

    def quotes(self, lines: Iterable[str]) -> Iterator[tuple[int, dict[str, str], Quote]]:
        """(line number, the row, its quote) for the good lines; bad ones go to `errors`."""
        reader = csv.reader(lines)
        names = check_header(next(reader, None))
        for values in reader:
            line = reader.line_num
            if not any(v.strip() for v in values):
                continue  # blank lines are no licenses
            if len(values) > len(names):
                self.errors.append(RowError(line, "row", _(
                    "has {values} values for {columns} columns").format(
                        values=len(values), columns=len(names))))
                continue
            row = dict(zip(names, values, strict=False))
            try:
                quote = self.quote(row)
            except InputError as exc:
                self.errors.append(RowError(line, exc.field, exc.message))
                continue
            self.totals.add(quote)
            yield line, row, quote

    def quote(self, row: dict[str, str]) -> Quote:
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
        lic = License(
            cat, text("plan"), text("cycle"), parse_moment("start", text("start")),
            quantity,
            Money(parse_amount("paid", paid), cat.currency) if paid else None,
            Money(parse_amount("pending", pending), cat.currency) if pending else None,
            check_ip("ip", text("ip")), customer=text("customer"))
        request = ChangeRequest(text("to_plan") or lic.plan, text("to_cycle") or lic.cycle,
                                self.at, whole(text("to_quantity"), "to_quantity", quantity))
        return make_quote(lic, request)


def whole(text: str, name: str, default: int) -> int:
    if not text:
        return default
    if not text.isdigit():
        raise InputError(name, _("{text!r} is not a whole number").format(text=text))
    return int(text)
