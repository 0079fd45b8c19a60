"""Compare: up to four pinned quotes side by side, what differs from the first marked.
Qt-free."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from lic_desktop.core.quote import Quote
from lic_desktop.l10n import N_, Formatter, _
from lic_desktop.present import catalog_words as words

MAX_PINNED = 4


@dataclass(frozen=True, slots=True)
class CompareRow:
    label: str
    values: tuple[str, ...]
    differs: tuple[bool, ...]  # per column: not the same as the first column


def _plan(q: Quote, fmt: Formatter) -> str:
    """The new plan in a column's header: "16 servers", "2-CPU"."""
    cat = q.catalog
    if cat.plans[q.request.plan].per_unit:
        return f"{q.request.quantity} {words.units(cat, fmt)}"
    return words.plan_label(cat, q.request.plan, fmt)


def _from_to(before: str, after: str) -> str:
    """ "10 → 16"; a value that does not change is written once."""
    return before if before == after else f"{before} → {after}"


def _plan_change(q: Quote, fmt: Formatter) -> str:
    return _from_to(words.plan_label(q.catalog, q.license.plan, fmt),
                    words.plan_label(q.catalog, q.request.plan, fmt))


def _quantity_change(q: Quote, _fmt: Formatter) -> str:
    plans = q.catalog.plans
    if not (plans[q.license.plan].per_unit or plans[q.request.plan].per_unit):
        return "—"  # a plan priced per license has no quantity
    return _from_to(str(q.license.quantity), str(q.request.quantity))


def _cycle_change(q: Quote, fmt: Formatter) -> str:
    return _from_to(words.cycle_label(q.catalog, q.license.cycle, fmt),
                    words.cycle_label(q.catalog, q.request.cycle, fmt))


def _expiry(q: Quote, fmt: Formatter) -> str:
    after = q.new_billing
    if after is None:
        return "—"
    return _("never") if after.end is None else fmt.date(after.end)


QUANTITY = N_("Quantity")  # the row's label: the catalogs' own word when they share one

CHANGE_NAMES = {"upgrade": N_("upgrade"), "downgrade": N_("downgrade"),
                "cycle_change": N_("cycle change"), "to_owned": N_("to owned"),
                "owned_upgrade": N_("owned upgrade"), "owned_to_leased": N_("owned to leased"),
                "none": N_("none")}

FIELDS: tuple[tuple[str, Callable[[Quote, Formatter], str]], ...] = (
    (N_("Product"), lambda q, f: words.title(q.catalog, f)),
    (N_("Plan"), _plan_change),
    (QUANTITY, _quantity_change),
    (N_("Billing cycle"), _cycle_change),
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
        return [f"{i + 1}: {_plan(q, self.fmt)} · {self.fmt.date(q.request.at)}"
                for i, q in enumerate(self.pinned)]

    def _label(self, label: str) -> str:
        if label == QUANTITY:
            named = {words.quantity_label(q.catalog, self.fmt) for q in self.pinned
                     if q.catalog.quantity_label is not None}
            if len(named) == 1:
                return named.pop()
        return _(label)

    def rows(self) -> list[CompareRow]:
        rows = []
        for label, value in FIELDS:
            values = tuple(value(q, self.fmt) for q in self.pinned)
            differs = tuple(bool(values) and v != values[0] for v in values)
            rows.append(CompareRow(self._label(label), values, differs))
        return rows
