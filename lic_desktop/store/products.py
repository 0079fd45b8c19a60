"""Which of the store's products prices a plan (developers.whmcs.com/api-reference/
getproducts): a store also keeps retired products, hidden ones, and products of its other
business; two of them may carry the same name.

A product's `hidden` and `retired` flags are WHMCS's tblproducts columns; GetProducts'
documented example shows neither, so a product without them is visible and not retired.
Of the products that match one plan and kind (leased or owned):
- a retired one is never priced (a license still on it is still that plan's);
- a hidden one prices the plan only when no visible one does;
- two of the same standing are not chosen between: the plan gets no store price, and a
  note names both and the fix, unless the catalog maps the plan's product ids
  (`store_pids`, `store_pids_owned`): then the first one listed that the store sells is
  priced, and the others' licenses are the plan's too.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from lic_desktop.core.catalog import Catalog
from lic_desktop.store.fields import At, integer, need, records, text
from lic_desktop.store.safe_text import sample

Kind = tuple[str, bool]
"""A plan key and whether it is the plan's owned (one-time) license."""

SHOWN_UNMATCHED = 5  # products named in the "match no plan" note before "and N more"


def flag(value: Any, at: At) -> bool:
    """A WHMCS yes/no as its answers write one: 1/0, "1"/"0", true/false, "on"/"";
    absent (None) is no."""
    if value is None or value in ("", "0", "off", "false") or value is False:
        return False
    if value in ("1", "on", "true") or value is True:
        return True
    if isinstance(value, int) and not isinstance(value, bool) and value in (0, 1):
        return bool(value)
    raise at.fail(f"is not a yes/no value ({sample(value)}; WHMCS writes 1 or 0)")


@dataclass(frozen=True, slots=True)
class StoreProduct:
    """One product of a GetProducts answer, with its place in it and its record."""

    pid: int
    name: str
    paytype: str
    hidden: bool
    retired: bool
    at: At
    record: dict[str, Any] = field(compare=False, repr=False)

    @property
    def shown(self) -> str:
        """ "'LiteSpeed Web Server 1-CPU' (pid 202)": how a note names it."""
        return f"{self.name!r} (pid {self.pid})"


def read_products(answer: Mapping[str, Any]) -> list[StoreProduct]:
    """Every product of a GetProducts answer, its id, name and flags checked."""
    found = []
    for at, product in records(answer.get("products"), At("GetProducts"), "products",
                               "product"):
        found.append(StoreProduct(
            integer(need(product, "pid", at), at.key("pid")),
            text(need(product, "name", at), at.key("name")),
            text(product.get("paytype", "recurring"), at.key("paytype")),
            flag(product.get("hidden"), at.key("hidden")),
            flag(product.get("retired"), at.key("retired")), at, product))
    return found


@dataclass
class Matching:
    """How one catalog's plans met the store's products."""

    catalog: Catalog
    kinds: dict[int, Kind] = field(default_factory=dict)  # every matched pid, retired too
    chosen: dict[Kind, StoreProduct] = field(default_factory=dict)  # the one priced
    ambiguous: dict[Kind, list[StoreProduct]] = field(default_factory=dict)
    why: dict[int, str] = field(default_factory=dict)  # pid -> why it is not priced
    missing: list[tuple[str, int]] = field(default_factory=list)  # (key, pid) not in store
    # Mapped as leased but sold one-time, or the other way round: (key, product), not used.
    mismatched: list[tuple[str, StoreProduct]] = field(default_factory=list)

    def priced(self) -> list[tuple[Kind, StoreProduct]]:
        """The products that price a plan, in the catalog's order of plans."""
        return [((plan, owned), self.chosen[(plan, owned)])
                for plan in self.catalog.plans for owned in (False, True)
                if (plan, owned) in self.chosen]


def mapped_pids(catalog: Catalog) -> dict[int, tuple[Kind, int]]:
    """pid -> (plan and kind, its place in the catalog's list) for every mapped pid."""
    return {pid: ((plan.key, owned), place) for plan in catalog.plans.values()
            for owned, pids in ((False, plan.store_pids), (True, plan.store_pids_owned))
            for place, pid in enumerate(pids)}


def choose(catalog: Catalog, matches: Iterable[tuple[StoreProduct, Kind]]) -> Matching:
    """Which product prices each plan and kind, from the products that match them."""
    mapped = mapped_pids(catalog)
    result = Matching(catalog)
    groups: dict[Kind, list[StoreProduct]] = {}
    for product, kind in matches:
        if product.pid in mapped and (product.paytype == "onetime") != kind[1]:
            result.mismatched.append((pid_key(kind), product))  # its price is not that kind's
            continue
        result.kinds[product.pid] = kind
        groups.setdefault(kind, []).append(product)
    for kind, group in groups.items():
        order = ({p.pid: mapped[p.pid][1] for p in group}
                 if kind in {k for k, _ in mapped.values()} else None)
        _choose_one(result, kind, group, order)
    present = {p.pid for group in groups.values() for p in group} | \
        {p.pid for _key, p in result.mismatched}
    for pid, (kind, _place) in mapped.items():
        if pid not in present:
            result.missing.append((pid_key(kind), pid))
    return result


def _choose_one(result: Matching, kind: Kind, group: list[StoreProduct],
                order: dict[int, int] | None) -> None:
    """The product of `group` (all of one plan and kind) that prices it: by the
    catalog's `order` of mapped ids, else the only one of the best standing."""
    for product in group:
        if product.retired:
            result.why[product.pid] = "retired: not used"
    usable = [p for p in group if not p.retired]
    pool = [p for p in usable if not p.hidden] or usable
    if not pool:
        return
    if order is not None:  # the catalog's order decides
        pool.sort(key=lambda p: order[p.pid])
    elif len(pool) > 1:
        result.ambiguous[kind] = pool
        others = {p.pid for p in pool}
        for product in pool:
            result.why[product.pid] = "ambiguous with pid " + ", ".join(
                str(pid) for pid in sorted(others - {product.pid})) + ": not priced"
        return
    first = result.chosen[kind] = pool[0]
    for product in usable:
        if product.pid != first.pid:
            hidden = "hidden: " if product.hidden and not first.hidden else ""
            result.why[product.pid] = f"{hidden}pid {first.pid} is used"


def pid_key(kind: Kind) -> str:
    """The catalog key that maps a plan's leased or owned products: plans.1-cpu.store_pids."""
    plan, owned = kind
    return f"plans.{plan}.store_pids" + ("_owned" if owned else "")


def kind_label(catalog: Catalog, kind: Kind) -> str:
    plan, owned = kind
    return catalog.plans[plan].label + (" (owned)" if owned else "")


def catalog_notes(matching: Matching) -> list[str]:
    """One line per plan the store's products leave unpriced by ambiguity, and per
    mapped product id the store does not have."""
    catalog = matching.catalog
    notes = [ambiguity_note(matching, kind) for kind in matching.ambiguous]
    for key, pid in matching.missing:
        notes.append(f"{catalog.title}: {key} names product {pid}, which the store does "
                     "not have")
    for key, product in matching.mismatched:
        sold, other = ("one-time", "store_pids_owned") if product.paytype == "onetime" \
            else (product.paytype or "recurring", "store_pids")
        notes.append(f"{catalog.title}: {key} names {product.shown}, which the store "
                     f"sells {sold}: not used (list it in {other})")
    return notes


def ambiguity_note(matching: Matching, kind: Kind) -> str:
    """Two or more products for one plan and kind, named with the fix."""
    catalog, products = matching.catalog, matching.ambiguous[kind]
    names = ", ".join(p.shown for p in products[:-1]) + f" and {products[-1].shown}"
    return (f"{catalog.title} {kind_label(catalog, kind)}: the store sells {names}, so "
            f"it has no store price; map the right one in your catalog ({pid_key(kind)} "
            f"= [{products[0].pid}]) or hide or retire the "
            f"other{'s' if len(products) > 2 else ''} in WHMCS")


def unmatched_note(products: list[StoreProduct], matchings: Iterable[Matching]) -> str:
    """The store's products that no catalog's plan is ("" when every one is one's)."""
    matched = {pid for m in matchings for pid in m.kinds}
    left = [p for p in products if p.pid not in matched]
    if not left:
        return ""
    named = ", ".join(p.shown for p in left[:SHOWN_UNMATCHED])
    more = len(left) - SHOWN_UNMATCHED
    return ("Store products that match no catalog's plan (not quoted): " + named
            + (f" and {more:,} more" if more > 0 else ""))


def product_match_text(product: StoreProduct, matchings: Iterable[Matching]) -> str:
    """What a product is to each catalog, for `store products`: "litespeed: 1-CPU",
    "litespeed: 1-CPU (retired: not used)", or "none"."""
    said: list[str] = []
    for m in matchings:
        said.extend(f"{m.catalog.name}: {key} (sold {product.paytype or 'recurring'}: not "
                    "used)" for key, p in m.mismatched if p.pid == product.pid)
        kind = m.kinds.get(product.pid)
        if kind is not None:
            why = m.why.get(product.pid)
            said.append(f"{m.catalog.name}: {kind_label(m.catalog, kind)}"
                        + (f" ({why})" if why else ""))
    return "; ".join(said) or "none"
