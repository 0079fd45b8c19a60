"""Catalogs described for `lic-desktop catalogs` (text and JSON). Qt-free."""

from __future__ import annotations

from typing import Any

from lic_desktop.core.catalog import Catalog, Plan


def _price_text(cat: Catalog, plan: Plan) -> str:
    if plan.unit_price is not None:
        unit = (cat.quantity_label or "unit").lower().rstrip("s")
        return f"{plan.unit_price} {cat.currency} a {unit} a month (min {plan.min_quantity})"
    return ", ".join(f"{cycle} {price}" for cycle, price in plan.prices.items()) \
        + f" {cat.currency}"


def catalog_text(cat: Catalog) -> str:
    lines = [f"{cat.name}: {cat.title} ({cat.currency}, {cat.policy} policy)",
             f"  file: {cat.source}"]
    if cat.policy == "difference":
        lines.append(f"  downgrade: {cat.downgrade}; processing fee {cat.processing_fee} "
                     f"{cat.currency}")
    lines.append("  plans:")
    lines += [f"    {p.key:<10} {p.label:<10} {_price_text(cat, p)}" for p in cat.plans.values()]
    lines.append("  cycles:")
    for c in cat.cycles.values():
        span = ("one-time purchase" if c.perpetual
                else f"{c.months} month{'s' if c.months != 1 else ''}")
        off = f", {(c.discount * 100).normalize():f} % off" if c.discount else ""
        lines.append(f"    {c.key:<10} {c.label} ({span}{off})")
    if cat.note:
        lines.append(f"  note: {cat.note}")
    return "\n".join(lines) + "\n"


def catalog_dict(cat: Catalog) -> dict[str, Any]:
    return {
        "name": cat.name,
        "title": cat.title,
        "currency": cat.currency,
        "policy": cat.policy,
        "downgrade": cat.downgrade,
        "processing_fee": str(cat.processing_fee),
        "quantity_label": cat.quantity_label,
        "source": cat.source,
        "note": cat.note,
        "cycles": [{"key": c.key, "label": c.label, "months": c.months,
                    "discount": str(c.discount), "perpetual": c.perpetual}
                   for c in cat.cycles.values()],
        "plans": [{"key": p.key, "label": p.label,
                   "unit_price": None if p.unit_price is None else str(p.unit_price),
                   "prices": {k: str(v) for k, v in p.prices.items()},
                   "min_quantity": p.min_quantity, "max_quantity": p.max_quantity,
                   "cpus": p.cpus}
                  for p in cat.plans.values()],
    }
