"""Catalogs described for `lic-desktop catalogs` (text and JSON). Qt-free."""

from __future__ import annotations

from typing import Any

from lic_desktop.core.catalog import Catalog, Cycle, Plan
from lic_desktop.l10n import N_, Formatter, _
from lic_desktop.present import catalog_words as words

POLICY_NAMES = {"reset": N_("reset"), "difference": N_("difference")}


def policy_name(policy: str) -> str:
    """A catalog's policy as the UI's language names it ("reset", "Differenz")."""
    return _(POLICY_NAMES.get(policy, policy))


def _price_text(cat: Catalog, plan: Plan, fmt: Formatter) -> str:
    if plan.unit_price is not None:
        return _("{price} a {unit} a month (at least {least})").format(
            price=fmt.money(cat.money(plan.unit_price)),
            unit=words.unit(cat, fmt),
            least=fmt.integer(plan.min_quantity))
    return ", ".join(f"{cycle} {fmt.money(cat.money(price))}"
                     for cycle, price in plan.prices.items())


def _cycle_text(cycle: Cycle, fmt: Formatter) -> str:
    span = _("one-time purchase") if cycle.perpetual else \
        (_("1 month") if cycle.months == 1 else _("{months} months").format(months=cycle.months))
    if cycle.discount:
        span = _("{span}, {discount} off").format(span=span,
                                                  discount=fmt.percent(cycle.discount))
    return span


def catalog_text(cat: Catalog, fmt: Formatter) -> str:
    """The catalog as `lic-desktop catalogs` lists it: keys to type, labels, prices."""
    lines = [_("{name}: {title} ({currency}, {policy} policy)").format(
                 name=cat.name, title=words.title(cat, fmt), currency=cat.currency,
                 policy=policy_name(cat.policy)),
             "  " + _("file: {source}").format(source=cat.source)]
    if cat.policy == "difference":
        lines.append("  " + _("downgrade: {rule}; processing fee {fee}").format(
            rule=cat.downgrade, fee=fmt.money(cat.money(cat.processing_fee))))
    # Keys and labels in columns as wide as the longest ("half_yearly").
    key_width = max(len(k) for k in [*cat.plans, *cat.cycles])
    labels = {p.key: p.label_in(fmt.language) for p in cat.plans.values()}
    label_width = max(len(label) for label in labels.values())
    lines.append("  " + _("plans:"))
    lines += [f"    {p.key:<{key_width}}  {labels[p.key]:<{label_width}}  "
              f"{_price_text(cat, p, fmt)}" for p in cat.plans.values()]
    lines.append("  " + _("cycles:"))
    lines += [f"    {c.key:<{key_width}}  {c.label_in(fmt.language)} ({_cycle_text(c, fmt)})"
              for c in cat.cycles.values()]
    if cat.note:
        lines.append("  " + _("note: {note}").format(note=words.note(cat, fmt)))
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
        "new_quantity_label": cat.new_quantity_label,
        "source": cat.source,
        "note": cat.note,
        # The catalog's texts in other languages: {"title": {"de": ...}, ...}.
        "translations": {key: dict(texts) for key, texts in cat.texts.items()},
        "cycles": [{"key": c.key, "label": c.label, "labels": dict(c.labels),
                    "months": c.months,
                    "discount": str(c.discount), "perpetual": c.perpetual}
                   for c in cat.cycles.values()],
        "plans": [{"key": p.key, "label": p.label, "labels": dict(p.labels),
                   "unit_price": None if p.unit_price is None else str(p.unit_price),
                   "prices": {k: str(v) for k, v in p.prices.items()},
                   "min_quantity": p.min_quantity, "max_quantity": p.max_quantity,
                   "cpus": p.cpus}
                  for p in cat.plans.values()],
    }
