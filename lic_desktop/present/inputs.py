"""The window's inputs as plain values, and the choices each selector may offer. Qt-free."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import datetime

from lic_desktop.core.catalog import Catalog
from lic_desktop.core.numbers import format_amount, parse_amount, parse_quantity
from lic_desktop.core.periods import InputError
from lic_desktop.core.quote import check_ip, check_offer
from lic_desktop.core.scenario import Scenario, parse_moment
from lic_desktop.l10n import _

MOMENT_FIELDS = ("start", "at")
COUNT_FIELDS = ("quantity", "to_quantity")
DATE_ONLY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def read_typed_moment(field: str, text: str) -> datetime:
    """What a person types into a date field: "2022-11-20 10:00", or a date alone
    ("2022-11-20", read as 00:00). InputError says what is wrong otherwise."""
    plain = text.strip()
    if DATE_ONLY.match(plain):
        plain += " 00:00"
    return parse_moment(field, plain, shown=text)


def read_typed_count(catalog: Catalog, inputs: Inputs, name: str, text: str) -> int:
    """What a person types into a count field (servers), read as the command line, a
    scenario file and a book read it (core.numbers), then held to the plan's range in
    the engine's words ("servers must be at most 100"). InputError says what is wrong."""
    if not text.strip():
        raise InputError(name, _("is empty: type a whole number, like 10"))
    count = parse_quantity(name, text)
    prefix = "" if name == "quantity" else "to_"
    plan, cycle = (inputs.plan, inputs.cycle) if not prefix else (inputs.to_plan,
                                                                  inputs.to_cycle)
    try:
        check_offer(catalog, plan, count, cycle, prefix)
    except InputError as exc:
        if exc.field == name:
            raise
    return count


@dataclass(frozen=True, slots=True)
class Unreadable:
    """A field whose text cannot be read (yet): kept as typed, with what is wrong, so the
    field shows it and the quote goes stale instead of quoting another value."""

    field: str
    text: str
    message: str


def _reworded(bad: Unreadable) -> str:
    """What is wrong with a kept date, in the UI's language as it is now (the language
    may have changed since it was typed); other kept values keep their message."""
    if bad.field in MOMENT_FIELDS:
        try:
            read_typed_moment(bad.field, bad.text)
        except InputError as exc:
            return exc.message
    return bad.message


@dataclass(frozen=True, slots=True)
class Inputs:
    """Every input of the "Edit license" form, as the user left it.

    `paid` is None while the amount paid follows the catalog price; text otherwise, since
    a half-typed amount must survive until the user finishes it.
    """

    catalog: str
    plan: str
    cycle: str
    start: datetime
    at: datetime
    quantity: int = 1
    paid: str | None = None
    pending: str = ""
    ip: str = ""
    secondary_ip: str = ""
    auto_renew: bool = False
    to_plan: str = ""
    to_quantity: int = 1
    to_cycle: str = ""
    anchor: datetime | None = None  # the first period's start, when `start` is a renewal
    customer: str = ""
    # Fields typed (or read from a file) that cannot be read: the last valid value stays
    # in its own field above, this text is shown and quoted as an error.
    unreadable: tuple[Unreadable, ...] = ()

    def with_(self, **changes: object) -> Inputs:
        return replace(self, **changes)  # type: ignore[arg-type]

    def field_errors(self) -> dict[str, str]:
        """Every typed field that cannot be read, by name, each with what is wrong."""
        errors: dict[str, str] = {bad.field: _reworded(bad) for bad in self.unreadable}
        for name in ("ip", "secondary_ip"):
            try:
                check_ip(name, getattr(self, name))
            except InputError as exc:
                errors[name] = exc.message
        if self.paid is not None and not self.paid.strip():
            errors["paid"] = _("is empty: type the amount paid, or press Catalog price")
        for name in ("paid", "pending"):
            text = getattr(self, name)
            try:
                if text is not None and text.strip():
                    parse_amount(name, text, comma=True)
            except InputError as exc:
                errors[name] = exc.message
        return errors

    def to_scenario(self) -> Scenario:
        """The scenario these inputs describe; InputError names the first bad field."""
        for name, message in self.field_errors().items():
            raise InputError(name, message)
        # A person types "19,90" as readily as "19.90".
        paid = None if self.paid is None else parse_amount("paid", self.paid, comma=True)
        pending = parse_amount("pending", self.pending, comma=True) \
            if self.pending.strip() else None
        return Scenario(
            catalog=self.catalog, plan=self.plan, cycle=self.cycle, start=self.start,
            at=self.at, quantity=self.quantity, paid=paid, pending=pending,
            to_plan=self.to_plan or None, to_quantity=self.to_quantity,
            to_cycle=self.to_cycle or None, ip=self.ip.strip(),
            secondary_ip=self.secondary_ip.strip(), auto_renew=self.auto_renew,
            anchor=self.anchor, customer=self.customer.strip(),
        )

    def unreadable_text(self, name: str) -> str | None:
        """The text kept for a field that cannot be read, or None when it reads."""
        return next((bad.text for bad in self.unreadable if bad.field == name), None)

    def with_typed(self, name: str, value: object) -> Inputs:
        """One edit: a date field's text is read here (the last valid moment is kept with
        the error while it cannot be); every other value is taken as it is."""
        others = tuple(bad for bad in self.unreadable if bad.field != name)
        if name in MOMENT_FIELDS and isinstance(value, str):
            text = value
            try:
                value = read_typed_moment(name, text)
            except InputError as exc:
                return self.with_unreadable(name, text, exc.message)
        return replace(self, unreadable=others, **{name: value})  # type: ignore[arg-type]

    def with_unreadable(self, name: str, text: str, message: str) -> Inputs:
        """The field's text kept as typed, with what is wrong; its last valid value stays."""
        others = tuple(bad for bad in self.unreadable if bad.field != name)
        return replace(self, unreadable=(*others, Unreadable(name, text, message)))

    @classmethod
    def from_scenario(cls, s: Scenario) -> Inputs:
        return cls(
            catalog=s.catalog, plan=s.plan, cycle=s.cycle, start=s.start, at=s.at,
            quantity=s.quantity, paid=None if s.paid is None else format_amount(s.paid),
            pending="" if s.pending is None else format_amount(s.pending), ip=s.ip,
            secondary_ip=s.secondary_ip, auto_renew=s.auto_renew,
            to_plan=s.to_plan or s.plan, to_cycle=s.to_cycle or s.cycle,
            to_quantity=s.to_quantity if s.to_quantity is not None else s.quantity,
            anchor=s.anchor, customer=s.customer,
        )


def default_inputs(catalog: Catalog, now: datetime, ref: str | None = None) -> Inputs:
    """A fresh form: the catalog's first plan and cycle, bought on the 1st, changing now.

    `ref` is how the catalog was named (an embedded name or a file's path)."""
    plan = next(iter(catalog.plans))
    cycle = catalog.cycles_for(plan)[0]
    now = now.replace(second=0, microsecond=0)
    start = now.replace(day=1, hour=0, minute=0)
    quantity = catalog.plans[plan].min_quantity
    return Inputs(catalog=ref or catalog.name, plan=plan, cycle=cycle, start=start, at=now,
                  quantity=quantity, to_plan=plan, to_quantity=quantity, to_cycle=cycle)


@dataclass(frozen=True, slots=True)
class Option:
    key: str
    label: str
    enabled: bool = True
    why: str = ""  # why a disabled option cannot be chosen


def plan_options(cat: Catalog, language: str = "en") -> list[Option]:
    """The plans, labelled in `language` ("de") when the catalog translates them."""
    return [Option(p.key, p.label_in(language)) for p in cat.plans.values()]


def cycle_options(cat: Catalog, plan: str, language: str = "en") -> list[Option]:
    return [Option(c, cat.cycles[c].label_in(language)) for c in cat.cycles_for(plan)]


def target_plan_options(cat: Catalog, inputs: Inputs, language: str = "en") -> list[Option]:
    """Plans the license can change to; an owned license cannot move to a cheaper owned one."""
    current, target = cat.cycles.get(inputs.cycle), cat.cycles.get(inputs.to_cycle)
    floor = None
    if current and target and current.perpetual and target.perpetual \
            and cat.sells(inputs.plan, inputs.cycle):
        floor = cat.monthly_list_price(inputs.plan, 1, inputs.cycle)
    options = []
    for p in cat.plans.values():
        cheaper = floor is not None and cat.sells(p.key, inputs.to_cycle) \
            and cat.monthly_list_price(p.key, 1, inputs.to_cycle) < floor
        why = _("owned licenses can only be upgraded") if cheaper else ""
        options.append(Option(p.key, p.label_in(language), not cheaper, why))
    return options
