"""The store's answers turned into what the engine quotes: a catalog with live prices,
the client's licenses, unpaid amounts per license, the store's own upgrade price.
Every value is checked where it is read (store.fields): bad data is a StoreError naming
its place in the answer."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from lic_desktop.core.catalog import Catalog, CatalogError, CurrencyDigits
from lic_desktop.core.catalog_file import parse_catalog
from lic_desktop.core.periods import InputError, add_months
from lic_desktop.core.quote import MAX_QUANTITY, period_of
from lic_desktop.store.client import StoreError
from lic_desktop.store.fields import (
    MAX_AMOUNT,
    At,
    amount,
    day,
    integer,
    need,
    records,
    table,
    text,
)
from lic_desktop.store.products import (
    Kind,
    Matching,
    StoreProduct,
    ambiguity_note,
    catalog_notes,
    choose,
    kind_label,
    mapped_pids,
    read_products,
    unmatched_note,
)
from lic_desktop.store.safe_text import clean, sample

WHMCS_MONTHS = {"monthly": 1, "quarterly": 3, "semiannually": 6, "annually": 12,
                "biennially": 24, "triennially": 36}
WHMCS_CYCLES = {months: name for name, months in WHMCS_MONTHS.items()}  # 12: "annually"
NOT_SOLD = Decimal("-1")


class NotSoldError(StoreError):
    """The store sells none of a catalog's plans: a store of another vendor, not a fault."""


def rows(container: Any, key: str) -> list[dict[str, Any]]:
    """WHMCS wraps lists (`products.product[]`) and sends "" or [] when there are none.
    Lenient, for showing an answer as it came; conversions use fields.records."""
    if isinstance(container, dict):
        items = container.get(key, [])
        if isinstance(items, dict):
            items = [items]
        return [i for i in items if isinstance(i, dict)] if isinstance(items, list) else []
    return []


def normalise(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", " ", name.lower()).strip()


# --- products -> catalog -------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ProductMatch:
    plan: str
    owned: bool


def match_product(base: Catalog, name: str, paytype: str) -> ProductMatch | None:
    """Which plan of `base` a store product is: by name ("1-CPU", "LiteSpeed 1-CPU",
    "… 1-CPU (owned)"); a one-time product is the plan's owned license."""
    owned = paytype == "onetime" or normalise(name).endswith(" owned")
    text = normalise(name.replace("(owned)", ""))
    title = normalise(base.title)
    for plan in base.plans.values():
        label = normalise(plan.label)
        if text in (label, f"{title} {label}") or (plan.per_unit and text == title):
            return ProductMatch(plan.key, owned)
    return None


def product_id(base: Catalog, products: dict[str, Any], plan: str, owned: bool) -> int | None:
    """The store's product id of `base`'s `plan` (of its owned license when `owned`),
    from a GetProducts answer, as an upgrade's target: the one that prices it; None when
    no product is that plan. A StoreError when two are (never one picked for the user)
    or when the store has only retired ones (never a target)."""
    matching = match_catalog(base, products)
    chosen = matching.chosen.get((plan, owned))
    if chosen is not None:
        return chosen.pid
    if (plan, owned) in matching.ambiguous:
        raise StoreError(ambiguity_note(matching, (plan, owned)))
    retired = [pid for pid, kind in matching.kinds.items() if kind == (plan, owned)]
    if retired:
        raise StoreError(f"the store no longer sells {base.title} "
                         f"{kind_label(base, (plan, owned))}: its product "
                         f"{', '.join(map(str, retired))} is retired")
    return None


def match_catalog(base: Catalog, products: dict[str, Any]) -> Matching:
    """Which store products are `base`'s plans (a mapped pid by the catalog's
    store_pids, any other by name) and which one prices each (store.products)."""
    mapped = mapped_pids(base)
    by_id = {kind for kind, _place in mapped.values()}
    matches: list[tuple[StoreProduct, Kind]] = []
    for product in read_products(products):
        if product.pid in mapped:
            matches.append((product, mapped[product.pid][0]))
            continue
        found = match_product(base, product.name, product.paytype)
        if found is not None and (found.plan, found.owned) not in by_id:
            matches.append((product, (found.plan, found.owned)))
    return choose(base, matches)


def product_notes(bases: list[Catalog], products: dict[str, Any]) -> list[str]:
    """What the snapshot says about the store's products, once for all catalogs: plans
    left unpriced by two products, mapped ids the store lacks, products of no plan."""
    matchings = [match_catalog(base, products) for base in bases]
    notes = [note for m in matchings for note in catalog_notes(m)]
    unmatched = unmatched_note(read_products(products), matchings)
    return [*notes, unmatched] if unmatched else notes


def whmcs_cycle(catalog: Catalog, cycle: str) -> str:
    """A catalog cycle as WHMCS names it: "monthly", "annually", "onetime" (owned)."""
    found = catalog.cycles[cycle]
    return "onetime" if found.perpetual else WHMCS_CYCLES.get(found.months, "monthly")


def store_catalog(base: Catalog, products: dict[str, Any], source: str,
                  currency_digits: CurrencyDigits, note: str) \
        -> tuple[Catalog, dict[int, str], dict[str, Any]]:
    """`base`'s rules with the store's prices, the map of store pid -> plan key, and the
    catalog as file data (to be cached as a TOML catalog)."""
    builder = _CatalogBuilder(base)
    matching = match_catalog(base, products)
    for (plan, owned), product in matching.priced():
        builder.add(product.record, product.at, ProductMatch(plan, owned))
    # A license on a retired, hidden or ambiguous product is still its plan's.
    builder.pids.update({pid: plan for pid, (plan, _owned) in matching.kinds.items()})
    if not builder.plans:
        raise NotSoldError(f"the store sells none of {base.title}'s plans "
                           f"({', '.join(p.label for p in base.plans.values())})")
    data = builder.data(note)
    try:
        return parse_catalog(data, source, currency_digits), builder.pids, data
    except CatalogError as exc:
        raise StoreError(f"the store's prices do not make a valid catalog: {exc}") from None


class _CatalogBuilder:
    """Collects the store's prices plan by plan, in the catalog file's own shape."""

    def __init__(self, base: Catalog) -> None:
        self.base = base
        self.plans: dict[str, dict[str, Any]] = {}
        self.pids: dict[int, str] = {}
        self.discounts: dict[str, str] = {}
        self.by_months = {c.months: k for k, c in base.cycles.items() if not c.perpetual}
        self.owned_cycle = next((k for k, c in base.cycles.items() if c.perpetual), None)

    def add(self, product: dict[str, Any], at: At, found: ProductMatch | None = None) -> None:
        name = text(need(product, "name", at), at.key("name"))
        paytype = text(product.get("paytype", "recurring"), at.key("paytype"))
        found = found or match_product(self.base, name, paytype)
        if found is None:
            return  # another product of the store
        self.pids[integer(need(product, "pid", at), at.key("pid"))] = found.plan
        where = at.key("pricing")
        prices = table(need(product, "pricing", at), where).get(self.base.currency)
        if prices is None:
            raise where.fail(f"has no {self.base.currency} prices for {name!r}")
        prices = table(prices, where.key(self.base.currency))
        where = where.key(self.base.currency)
        plan = self.base.plans[found.plan]
        entry = self.plans.setdefault(found.plan, {"label": plan.label,
                                                   **translated("label", plan.labels),
                                                   "min_quantity": plan.min_quantity})
        if plan.cpus is not None:
            entry["cpus"] = plan.cpus
        if found.owned:
            if self.owned_cycle is not None:
                entry.setdefault("prices", {})[self.owned_cycle] = str(
                    amount(need(prices, "monthly", where), where.key("monthly")))
        elif plan.per_unit:
            self._per_unit(entry, product, name, at)
        else:
            for cycle_name, months in WHMCS_MONTHS.items():
                if months in self.by_months and cycle_name in prices:
                    price = amount(prices[cycle_name], where.key(cycle_name))
                    if price >= 0:  # "-1.00": not sold in that cycle
                        entry.setdefault("prices", {})[self.by_months[months]] = str(price)

    def _per_unit(self, entry: dict[str, Any], product: dict[str, Any], name: str,
                  at: At) -> None:
        unit = _unit_prices(product, self.base.currency, name, at)
        monthly = unit.get(1)
        if monthly is None:
            raise at.fail(f"sells {name!r} with no monthly price a unit")
        entry["unit_price"] = str(monthly)
        for months, price in unit.items():
            if months in self.by_months and months != 1:
                # WHMCS lists a price a unit per cycle; the catalog keeps the monthly price
                # and the cycle discount that gives exactly that cycle's price.
                self.discounts[self.by_months[months]] = str(1 - price / (monthly * months))

    def data(self, note: str) -> dict[str, Any]:
        base = self.base
        per_unit = any("unit_price" in p for p in self.plans.values())
        cycles = {key: {"months": c.months, "label": c.label,
                        **translated("label", c.labels),
                        "discount": self.discounts.get(key, "0") if per_unit
                        else str(c.discount), **({"perpetual": True} if c.perpetual else {})}
                  for key, c in base.cycles.items()}
        head: dict[str, Any] = {"name": base.name, "title": f"{base.title} (store prices)",
                                "currency": base.currency, "policy": base.policy,
                                "note": note}
        for key in ("quantity_label", "new_quantity_label"):  # with their translations
            if getattr(base, key):
                head.update({key: getattr(base, key), **translated(key, base.texts.get(key, {}))})
        if base.policy == "difference":
            head["downgrade"] = base.downgrade
            head["processing_fee"] = str(base.processing_fee)
        return {"catalog": head, "cycles": cycles, "plans": self.plans}


def translated(key: str, texts: Mapping[str, str]) -> dict[str, str]:
    """A catalog text's translations as the file writes them: {"label_de": ...}."""
    return {f"{key}_{language}": text for language, text in texts.items()}


def _unit_prices(product: dict[str, Any], currency: str, name: str, at: At) \
        -> dict[int, Decimal]:
    for where, option in records(product.get("configoptions"), at, "configoptions",
                                 "configoption"):
        if str(option.get("type")) != "4":  # a quantity option: the price a unit
            continue
        for place, choice in records(option.get("options"), where, "options", "option"):
            pricing = place.key("pricing")
            in_currency = pricing.key(currency)
            prices = table(table(need(choice, "pricing", place), pricing).get(currency, {}),
                           in_currency)
            found = {months: amount(prices[cycle], in_currency.key(cycle))
                     for cycle, months in WHMCS_MONTHS.items() if cycle in prices}
            return {months: price for months, price in found.items() if price > 0}
    raise at.fail(f"has no quantity option to price {name!r} a unit by")


# --- services -> licenses --------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class StoreLicense:
    service_id: int
    plan: str
    cycle: str
    start: datetime
    anchor: datetime | None
    quantity: int
    paid: Decimal
    ip: str
    secondary_ip: str
    status: str
    order_id: str
    created: str
    modified: str
    expiry: date | None
    pid: int
    quantity_option: int | None = None


def stamp(value: Any, at: At) -> str:
    """A store timestamp as text; WHMCS's "0000-00-00 00:00:00" (never) as nothing."""
    shown = text(value, at, 40)
    return "" if shown.startswith("0000-00-00") else shown


# WHMCS upgrades an Active or Suspended service; the others (Pending, Terminated,
# Cancelled, Fraud, Completed) are listed apart (developers.whmcs.com/api-reference/
# getclientsproducts).
CHANGEABLE = ("Active", "Suspended")


def store_licenses(base: Catalog, pids: dict[int, str], services: dict[str, Any],
                   skipped: list[str] | None = None) -> list[StoreLicense]:
    """The services that are `base`'s licenses. One that cannot be read is a StoreError
    naming its field, unless it is one that cannot be changed anyway (a Terminated
    service's due date may be blank in a real store): that one is left out with a line
    in `skipped`, and the others are still listed."""
    out = []
    for at, s in records(services.get("products"), At("GetClientsProducts"), "products",
                         "product"):
        pid = integer(need(s, "pid", at), at.key("pid"))
        plan = pids.get(pid)
        if plan is None:
            continue  # another product of the store: not this catalog's
        try:
            out.append(_license(base, plan, pid, s, at))
        except StoreError as exc:
            status = s.get("status")
            if skipped is None or not isinstance(status, str) or status in CHANGEABLE:
                raise
            skipped.append(f"{base.title}: a {clean(status, 40)} service is not listed: {exc}")
    return out


def _license(base: Catalog, plan: str, pid: int, s: dict[str, Any], at: At) -> StoreLicense:
    sid = integer(need(s, "id", at), at.key("id"), minimum=1)
    cycle_text = normalise(text(need(s, "billingcycle", at), at.key("billingcycle")))
    cycle_text = cycle_text.replace(" ", "")
    owned = cycle_text in ("onetime", "freeaccount")
    regdate = day(need(s, "regdate", at), at.key("regdate"))
    due = day(s.get("nextduedate"), at.key("nextduedate"))
    try:
        cycle, start, anchor = _cycle_and_start(base, sid, cycle_text, owned=owned,
                                                regdate=regdate, due=due)
    except InputError as exc:  # dates the periods cannot be counted from
        raise at.key("nextduedate").fail(f"cannot be used ({exc.message})") from None
    except StoreError as exc:
        raise at.fail(str(exc)) from None
    quantity, option = 1, None
    for where, opt in records(s.get("configoptions"), at, "configoptions", "configoption"):
        if str(opt.get("type")) == "quantity":
            quantity = integer(opt.get("value") or "1", where.key("value"), minimum=1)
            if quantity > MAX_QUANTITY:
                raise where.key("value").fail(f"is {quantity:,} units (at most "
                                              f"{MAX_QUANTITY:,})")
            option = integer(opt.get("id", 0), where.key("id"))
    secondary = next((text(f.get("value"), where.key("value"), 100)
                      for where, f in records(s.get("customfields"), at, "customfields",
                                              "customfield")
                      if normalise(text(f.get("name"), where.key("name"))) == "secondary ip"),
                     "")
    return StoreLicense(
        sid, plan, cycle, start, anchor, quantity,
        amount(need(s, "recurringamount", at), at.key("recurringamount"), minimum=0),
        text(s.get("dedicatedip"), at.key("dedicatedip"), 100), secondary,
        text(s.get("status"), at.key("status"), 40),
        text(s.get("orderid"), at.key("orderid"), 40),
        stamp(s.get("regdate"), at.key("regdate")),
        stamp(s.get("lastupdate"), at.key("lastupdate")), due, pid, option)


def _cycle_and_start(base: Catalog, sid: int, cycle_text: str, *, owned: bool,
                     regdate: date | None, due: date | None) \
        -> tuple[str, datetime, datetime | None]:
    if owned:
        owned_cycle = next((k for k, c in base.cycles.items() if c.perpetual), None)
        if owned_cycle is None or regdate is None:
            raise StoreError(f"(license {sid}) is a one-time purchase {base.title} cannot "
                             "quote")
        return owned_cycle, datetime(regdate.year, regdate.month, regdate.day), None
    months = WHMCS_MONTHS.get(cycle_text)
    cycle = next((k for k, c in base.cycles.items() if c.months == months and
                  not c.perpetual), None)
    if months is None or cycle is None or due is None:
        raise StoreError(f"(license {sid}): its billing cycle {sample(cycle_text)} or due "
                         f"date is not one {base.title} sells")
    end = datetime(due.year, due.month, due.day)
    start = add_months(end, -months)
    if period_of(start, months).end == end or regdate is None:
        return cycle, start, None
    first = datetime(regdate.year, regdate.month, regdate.day)  # a month-end anchor (C2)
    return cycle, start, first if period_of(start, months, first).end == end else None


# --- the store's price -------------------------------------------------------------------

PRICE = re.compile(r"-?\d[\d.,\s]*")


def parse_price(said: Any, currency: str, digits: int) -> Decimal:
    """A formatted store price ("$-8.67 USD", "-€8,67 EUR") as an amount; refuses another
    currency than the catalog's and anything it cannot read exactly."""
    if isinstance(said, (dict, list, bool)):
        raise StoreError(f"the store's price {sample(said)} is not a price")
    value = str(said or "").strip()
    if len(value) > 60:
        raise StoreError(f"the store's price {sample(value)} is not a price")
    codes = set(re.findall(r"\b[A-Z]{3}\b", value))
    if codes and codes != {currency}:
        raise StoreError(f"the store priced it in {', '.join(sorted(codes))}, the catalog "
                         f"is in {currency}")
    found = PRICE.search(value.replace("\u00a0", " "))
    if found is None:
        raise StoreError(f"the store's price {value!r} has no amount in it")
    number = found.group().strip().rstrip(".,")
    negative = "-" in value.split(found.group())[0] or number.startswith("-")
    number = number.lstrip("-")
    # Thousands in groups of three ("1,234" or "1.234"), then the currency's decimals
    # after a point or a comma; anything else is not read as money.
    grouped = r"(?:\d{1,3}(?:(?P<sep>[.,\s])\d{3})(?:(?P=sep)\d{3})*|\d+)"
    with_fraction = re.fullmatch(rf"{grouped}(?P<point>[.,])(?P<fraction>\d{{{digits}}})",
                                 number) if digits else None
    if with_fraction is not None and with_fraction.group("sep") != \
            with_fraction.group("point"):
        whole, fraction = number[:with_fraction.start("point")], with_fraction["fraction"]
    elif re.fullmatch(grouped, number):
        whole, fraction = number, ""
    else:
        raise StoreError(f"the store's price {value!r} is not in a format this app reads")
    digits_only = re.sub(r"[.,\s]", "", whole)
    result = Decimal(f"{digits_only}.{fraction}" if fraction else digits_only)
    if result >= MAX_AMOUNT:
        raise StoreError(f"the store's price {value!r} is not a price this app reads")
    return -result if negative else result

