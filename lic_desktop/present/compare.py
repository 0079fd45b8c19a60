"""Compare: up to four pinned quotes side by side, what differs from the first marked.
Qt-free."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from lic_desktop.core.quote import Quote
from lic_desktop.l10n import Formatter

MAX_PINNED = 4


@dataclass(frozen=True, slots=True)
class CompareRow:
    label: str
    values: tuple[str, ...]
    differs: tuple[bool, ...]  # per column: not the same as the first column


def _plan(q: Quote) -> str:
    plan = q.catalog.plans[q.request.plan]
    if plan.per_unit:
        return f"{q.request.quantity} {(q.catalog.quantity_label or 'units').lower()}"
    return plan.label


def _expiry(q: Quote, fmt: Formatter) -> str:
    after = q.new_billing
    if after is None:
        return "—"
    return "never" if after.end is None else fmt.date(after.end)


FIELDS: tuple[tuple[str, Callable[[Quote, Formatter], str]], ...] = (
    ("Product", lambda q, _: q.catalog.title),
    ("Plan", lambda q, _: f"{q.catalog.plans[q.license.plan].label} → {_plan(q)}"),
    ("Billing cycle", lambda q, _: q.catalog.cycles[q.request.cycle].label),
    ("Change moment", lambda q, f: f.created(q.request.at)),
    ("Change", lambda q, _: q.change.value.replace("_", " ")),
    ("Charged now", lambda q, f: f.money(q.order.due_now)),
    ("Deduction", lambda q, f: f.money(-q.order.deduction)),
    ("Account credit", lambda q, f: f.money(q.order.account_credit)),
    ("New expiry", _expiry),
    ("Total due", lambda q, f: f.money(q.total_due)),
    ("Status", lambda q, _: "blocked" if q.blocked else "active"),
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
            rows.append(CompareRow(label, values, differs))
        return rows
