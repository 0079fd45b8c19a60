"""A scenario file read for the window: every good value kept, each bad one marked. Qt-free.

The command line rejects a file with any bad value whole (core.scenario). The window opens
it instead, with each value that cannot be read marked on its field as if it had been
typed there (Inputs.unreadable), so it is fixed where it is seen. Only a file that is no
scenario at all is refused: not TOML or JSON, not a table of scenario keys, a version this
app does not read, or a catalog that is missing or cannot be loaded.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from lic_desktop.catalogs import catalog_ref, embedded_catalogs
from lic_desktop.core.catalog import Catalog, CatalogError
from lic_desktop.core.numbers import format_amount
from lic_desktop.core.periods import InputError
from lic_desktop.core.quote import check_offer
from lic_desktop.core.scenario import (
    REQUIRED,
    check_scenario_keys,
    format_moment,
    read_field,
    scenario_data,
)
from lic_desktop.l10n import _
from lic_desktop.present.inputs import (
    MOMENT_FIELDS,
    Inputs,
    Unreadable,
    default_inputs,
    read_typed_moment,
)

# Fields the form shows as typed text: a value that cannot be read stays in the field.
TEXT_FIELDS = ("paid", "pending", "ip", "secondary_ip", "customer")


def read_scenario_file(text: str, name: str, catalog_for: Callable[[str], Catalog],
                       now: datetime) -> Inputs:
    """The inputs a scenario file's text describes, bad values marked (see the module).

    Raises InputError (field "scenario", "version", an unknown key or "catalog") or the
    CatalogError of `catalog_for` when the file is no scenario the window can open."""
    data = scenario_data(text, name)
    check_scenario_keys(data)
    ref = data.get("catalog")
    if not isinstance(ref, str) or not ref.strip():
        raise InputError("catalog", _("is required in a scenario: the name of an embedded "
                                      "catalog or the path of a catalog file"))
    ref = catalog_ref(ref)  # a file's path made absolute: saved again, it still opens
    return inputs_from_file_data(data, catalog_for(ref), now, ref)


def refusal(name: str, error: InputError | CatalogError) -> str:
    """What the window says of a file it cannot open at all: the file, what is wrong with
    it, and how to fix that."""
    if isinstance(error, CatalogError):
        problem = _("catalog: {problem}").format(problem=error.named)
    elif error.field in ("scenario", "file"):
        problem = error.message
    else:
        problem = f"{error.field}: {error.message}"
    if isinstance(error, CatalogError) or error.field == "catalog":
        fix = _("To open it, set catalog in the file to the name of an embedded catalog "
                "({names}) or to the path of a catalog file.").format(
                    names=", ".join(embedded_catalogs()))
    elif error.field == "file":
        fix = _("Check that the file exists and that you may read it.")
    else:
        fix = _("To open it, correct it in a text editor (a TOML or JSON table of scenario "
                "keys: catalog, plan, cycle, start, at, …), or open a scenario saved with "
                "File → Save As….")
    return "\n\n".join((_("{name} is not a scenario lic-desktop can open.").format(
        name=name), problem, fix))


def inputs_from_file_data(data: dict[str, Any], catalog: Catalog, now: datetime,
                          ref: str | None = None) -> Inputs:
    """What Inputs.from_scenario gives for a good file; for a bad value, the catalog's
    default (or, for a text field, the text itself) with the reader's message kept in
    `unreadable`. `ref` is how the file names the catalog."""
    defaults = default_inputs(catalog, now, ref)
    bad: dict[str, Unreadable] = {}
    values: dict[str, Any] = {}
    for key, value in data.items():
        if key in ("version", "catalog"):
            continue
        try:
            # A date from a file reads as one typed into its field ("2022-11-01" alone
            # is 00:00, a day that does not exist is named in the UI's words).
            values[key] = read_typed_moment(key, value) \
                if key in MOMENT_FIELDS and isinstance(value, str) else read_field(key, value)
        except InputError as exc:
            bad[key] = Unreadable(key, _shown(value), exc.message)
    for key in REQUIRED:
        if key not in data:
            bad[key] = Unreadable(key, "", _("is required in a scenario"))
    plan, cycle = _offer(catalog, values.get("plan", defaults.plan),
                         values.get("cycle", defaults.cycle), "", bad)
    # Left out, the quantity is 1 as on the command line; unreadable or out of the plan's
    # range (the engine's message kept), the plan's least.
    quantity = _count(catalog, plan, cycle, values.get(
        "quantity", catalog.plans[plan].min_quantity if "quantity" in bad else 1),
        prefix="", bad=bad)
    to_plan, to_cycle = _offer(catalog, values.get("to_plan") or plan,
                               values.get("to_cycle") or cycle, "to_", bad)
    to_quantity = _count(catalog, to_plan, to_cycle, values.get("to_quantity", quantity),
                         prefix="to_", bad=bad)
    texts = {key: values[key] if key in values else bad[key].text
             for key in TEXT_FIELDS if key in values or key in bad}
    paid = values.get("paid")
    pending = values.get("pending")
    return Inputs(
        catalog=defaults.catalog, plan=plan, cycle=cycle,
        start=values.get("start", defaults.start), at=values.get("at", defaults.at),
        quantity=quantity,
        paid=texts["paid"] if "paid" in bad else None if paid is None else format_amount(paid),
        pending=texts["pending"] if "pending" in bad
        else "" if pending is None else format_amount(pending),
        ip=texts.get("ip", ""), secondary_ip=texts.get("secondary_ip", ""),
        customer=texts.get("customer", ""),
        auto_renew=values.get("auto_renew", False),
        to_plan=to_plan, to_cycle=to_cycle,
        to_quantity=to_quantity,
        anchor=values.get("anchor"),
        unreadable=tuple(bad.values()),
    )


def _offer(catalog: Catalog, plan: str, cycle: str, prefix: str,
           bad: dict[str, Unreadable]) -> tuple[str, str]:
    """A plan and a cycle the catalog sells: an unknown plan falls back to the catalog's
    first, a cycle the plan is not sold in to the plan's first, the message kept."""
    if plan not in catalog.plans:
        _note(catalog, plan, cycle, prefix, bad)
        plan = next(iter(catalog.plans))
    if not catalog.sells(plan, cycle):
        _note(catalog, plan, cycle, prefix, bad)
        cycle = catalog.cycles_for(plan)[0]
    return plan, cycle


def _count(catalog: Catalog, plan: str, cycle: str, quantity: int, *, prefix: str,
           bad: dict[str, Unreadable]) -> int:
    """The quantity if the plan is sold in it; else the plan's least, with the engine's
    message ("servers must be at most 1,000,000") kept on the field."""
    try:
        check_offer(catalog, plan, quantity, cycle, prefix)
    except InputError as exc:
        if exc.field != f"{prefix}quantity":
            raise
        bad.setdefault(exc.field, Unreadable(exc.field, str(quantity), exc.message))
        return catalog.plans[plan].min_quantity
    return quantity


def _note(catalog: Catalog, plan: str, cycle: str, prefix: str,
          bad: dict[str, Unreadable]) -> None:
    """Keep the engine's own message for a plan or cycle it does not sell (unless the
    field already has one: a value that could not be read at all)."""
    known = catalog.plans.get(plan)
    try:
        check_offer(catalog, plan, known.min_quantity if known else 1, cycle, prefix)
    except InputError as exc:
        text = plan if exc.field.endswith("plan") else cycle
        bad.setdefault(exc.field, Unreadable(exc.field, text, exc.message))


def _shown(value: Any) -> str:
    """A value from a file as a form field would show it."""
    if isinstance(value, datetime):
        return format_moment(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    return value if isinstance(value, str) else str(value)
