"""The window's inputs as plain values, and the choices each selector may offer. Qt-free."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime

from lic_desktop.core.catalog import Catalog
from lic_desktop.core.periods import InputError
from lic_desktop.core.quote import check_ip
from lic_desktop.core.scenario import Scenario, parse_amount
from lic_desktop.l10n import _


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

    def with_(self, **changes: object) -> Inputs:
        return replace(self, **changes)  # type: ignore[arg-type]

    def field_errors(self) -> dict[str, str]:
        """Every typed field that cannot be read, by name, each with what is wrong."""
        errors: dict[str, str] = {}
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

    @classmethod
    def from_scenario(cls, s: Scenario) -> Inputs:
        return cls(
            catalog=s.catalog, plan=s.plan, cycle=s.cycle, start=s.start, at=s.at,
            quantity=s.quantity, paid=None if s.paid is None else str(s.paid),
            pending="" if s.pending is None else str(s.pending), ip=s.ip,
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


def catalog_price_text(cat: Catalog, plan: str, quantity: int, cycle: str) -> str:
    """The catalog price of a plan, as the amount-paid field shows it: "19.90"."""
    price = cat.period_price(plan, quantity, cycle)
    return f"{price.amount:.{cat.digits}f}"
