"""Compare: up to four pinned quotes side by side, what differs from the first marked.
Qt-free."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from lic_desktop.core.quote import Quote
from lic_desktop.l10n import N_, Formatter, _

MAX_PINNED = 4


@dataclass(frozen=True, slots=True)
class CompareRow:
    label: str
    values: tuple[str, ...]
    differs: tuple[bool, ...]  # per column: not the same as the first column


def _plan(q: Quote) -> str:
    plan = q.catalog.plans[q.request.plan]
    if plan.per_unit:
        units = q.catalog.quantity_label or _("units")
        return f"{q.request.quantity} {units.lower()}"
    return plan.label


def _expiry(q: Quote, fmt: Formatter) -> str:
    after = q.new_billing
    if after is None:
        return "—"
    return _("never") if after.end is None else fmt.date(after.end)


CHANGE_NAMES = {"upgrade": N_("upgrade"), "downgrade": N_("downgrade"),
                "cycle_change": N_("cycle change"), "to_owned": N_("to owned"),
                "owned_upgrade": N_("owned upgrade"), "owned_to_leased": N_("owned to leased"),
                "none": N_("none")}

FIELDS: tuple[tuple[str, Callable[[Quote, Formatter], str]], ...] = (
    (N_("Product"), lambda q, _f: q.catalog.title),
    (N_("Plan"), lambda q, _f: f"{q.catalog.plans[q.license.plan].label} → {_plan(q)}"),
    (N_("Billing cycle"), lambda q, _f: q.catalog.cycles[q.request.cycle].label),
    (N_("Change moment"), lambda q, f: f.created(q.request.at)),
    (N_("Change"), lambda q, _f: _(CHANGE_NAMES[q.change.value])),
    (N_("Charged now"), lambda q, f: f.money(q.order.due_now)),
    (N_("Deduction"), lambda q, f: f.money(-q.order.deduction)),
    (N_("Account credit"), lambda q, f: f.money(q.order.account_credit)),
    (N_("New expiry"), _expiry),
    (N_("Total due"), lambda q, f: f.money(q.total_due)),
    (N_("Status"), lambda q, _f: _("blocked") if q.blocked else _("active")),
)


class ComparePresenter:
    def __init__(self, formatter: Formatter | None = None) -> None:
        self.fmt = formatter or Formatter()
        self.pinned: list[Quote] = []

    def pin(self, quote: Quote) -> bool:
        """Add a quote; False when four are pinned already (the oldest stays)."""
        if len(self.pinned) >= MAX_PINNED:
            return False
        self.pinned.append(quote)
        return True

    def unpin(self, index: int) -> None:
        if 0 <= index < len(self.pinned):
            del self.pinned[index]

    def clear(self) -> None:
        self.pinned.clear()

    def headers(self) -> list[str]:
        return [f"{i + 1}: {_plan(q)}, {q.request.at:%Y-%m-%d}" for i, q in
                enumerate(self.pinned)]

    def rows(self) -> list[CompareRow]:
        rows = []
        for label, value in FIELDS:
            values = tuple(value(q, self.fmt) for q in self.pinned)
            differs = tuple(bool(values) and v != values[0] for v in values)
            rows.append(CompareRow(_(label), values, differs))
        return rows
