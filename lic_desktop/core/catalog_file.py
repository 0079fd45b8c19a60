"""A catalog read from its TOML file (SPEC.md's "Catalogs" section) and checked: every
problem is a CatalogError naming the file, the key and what is wrong; nothing is
half-loaded.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Collection, Mapping
from decimal import Decimal
from pathlib import Path
from typing import Any, NoReturn

from lic_desktop.core.catalog import Catalog, CatalogError, CurrencyDigits, Cycle, Plan
from lic_desktop.core.text import _

POLICIES = ("reset", "difference")
DOWNGRADE_RULES = ("end_of_cycle", "immediate_credit")
_NAME = re.compile(r"^[a-z0-9][a-z0-9_-]*$")
_DECIMAL = re.compile(r"^-?[0-9]{1,9}(\.[0-9]+)?$")
MAX_MONTHS = 120
# A translated text sits beside its English key with the language's code appended:
# `label_de`, `title_fr`. The code is ISO 639's, two or three lower-case letters.
_LANGUAGE = re.compile(r"^[a-z]{2,3}$")


class _Reader:
    """Typed access to one TOML table, raising CatalogError with the full key path."""

    def __init__(self, source: str, prefix: str, table: Any) -> None:
        self.source, self.prefix = source, prefix
        if not isinstance(table, dict):
            self.fail("", _("must be a table"))
        self.table: dict[str, Any] = table

    def key(self, name: str) -> str:
        return f"{self.prefix}.{name}" if name else self.prefix

    def fail(self, name: str, problem: str) -> NoReturn:
        raise CatalogError(self.source, self.key(name), problem)

    def check_keys(self, allowed: set[str], translatable: Collection[str] = ()) -> None:
        """Refuse keys not in `allowed`; a `translatable` key may also carry a language
        code (`label_de`)."""
        for name in self.table:
            base, _sep, language = name.rpartition("_")
            if name not in allowed and not (base in translatable and _LANGUAGE.match(language)):
                known = ", ".join(sorted(allowed | {f"{t}_<language>" for t in translatable}))
                self.fail(name, _("unknown key (known keys: {known})").format(known=known))

    def translations(self, name: str) -> dict[str, str]:
        """The `name_<language>` keys of this table: {"de": ..., "fr": ...}."""
        found = {}
        for key in self.table:
            base, _sep, language = key.rpartition("_")
            if base == name and _LANGUAGE.match(language):
                found[language] = self.string(key)
        return found

    def string(self, name: str, default: str | None = None) -> str:
        value = self.table.get(name, default)
        if value is None:
            self.fail(name, _("is required"))
        if not isinstance(value, str) or not value.strip():
            self.fail(name, _("must be a non-empty string"))
        return str(value)

    def choice(self, name: str, options: tuple[str, ...], default: str | None = None) -> str:
        value = self.string(name, default)
        if value not in options:
            self.fail(name, _("must be one of {options}, not {value!r}").format(
                options=", ".join(repr(o) for o in options), value=value))
        return value

    def integer(self, name: str, default: int | None = None, minimum: int = 0) -> int:
        value = self.table.get(name, default)
        if value is None:
            self.fail(name, _("is required"))
        if isinstance(value, bool) or not isinstance(value, int):
            self.fail(name, _("must be a whole number"))
        if value < minimum:
            self.fail(name, _("must be {minimum} or more").format(minimum=minimum))
        return int(value)

    def boolean(self, name: str, default: bool) -> bool:
        value = self.table.get(name, default)
        if not isinstance(value, bool):
            self.fail(name, _("must be true or false"))
        return bool(value)

    def decimal(self, name: str, default: str | None = None) -> Decimal:
        return parse_decimal(self, name, self.table.get(name, default))

    def sub(self, name: str) -> _Reader:
        return _Reader(self.source, self.key(name), self.table.get(name))


def parse_decimal(reader: _Reader, name: str, value: Any) -> Decimal:
    """Prices are strings ("1.99") so that no float ever holds money (C7)."""
    if value is None:
        reader.fail(name, _("is required"))
    if not isinstance(value, str):
        reader.fail(name, _('must be a decimal string such as "1.99", not {value!r}')
                    .format(value=value))
    if not _DECIMAL.match(value.strip()):
        reader.fail(name, _('must be a decimal string such as "1.99" (at most 9 digits before '
                            'the point), not {value!r}').format(value=value))
    number = Decimal(value.strip())
    if number < 0:
        reader.fail(name, _("must not be negative ({value})").format(value=value))
    return number


def _cycle(root: _Reader, key: str) -> Cycle:
    r = root.sub(key)
    r.check_keys({"months", "label", "discount", "perpetual"}, {"label"})
    perpetual = r.boolean("perpetual", False)
    months = r.integer("months", 0 if perpetual else None)
    if perpetual and months != 0:
        r.fail("months", _("must be 0 for a perpetual (owned) cycle"))
    if not perpetual and not 1 <= months <= MAX_MONTHS:
        r.fail("months", _("must be 1 to {most} (set perpetual = true for an owned "
                           "license)").format(most=MAX_MONTHS))
    discount = r.decimal("discount", "0")
    if discount >= 1:
        # "10 %" is passed in: a bare "%" would make gettext take the text for a %-format
        r.fail("discount", _('is a fraction below 1 ("0.10" is {ten_percent} off), not '
                             '{discount}').format(ten_percent="10 %", discount=discount))
    return Cycle(key, r.string("label", key.replace("_", " ").capitalize()), months, discount,
                 perpetual, r.translations("label"))


def _plan(root: _Reader, key: str, cycles: Mapping[str, Cycle]) -> Plan:
    r = root.sub(key)
    r.check_keys({"label", "unit_price", "prices", "min_quantity", "max_quantity", "cpus",
                  *STORE_PID_KEYS}, {"label"})
    if ("unit_price" in r.table) == ("prices" in r.table):
        r.fail("", _("needs either unit_price (per unit per month) or prices (per cycle), "
                     "not both"))
    unit_price = r.decimal("unit_price") if "unit_price" in r.table else None
    prices: dict[str, Decimal] = {}
    if unit_price is None:
        pr = r.sub("prices")
        for cycle, value in pr.table.items():
            if cycle not in cycles:
                pr.fail(cycle, _("is not a cycle of this catalog ({cycles})")
                        .format(cycles=", ".join(cycles)))
            prices[cycle] = parse_decimal(pr, cycle, value)
        if not prices:
            r.fail("prices", _("lists no cycle"))
    elif any(c.perpetual for c in cycles.values()):
        r.fail("unit_price", _("per-unit plans cannot be sold as owned (perpetual) licenses"))
    min_q = r.integer("min_quantity", 1, minimum=1)
    if unit_price is None and min_q != 1:
        r.fail("min_quantity", _("must be 1: a plan priced per cycle is one license"))
    max_q = r.integer("max_quantity", minimum=min_q) if "max_quantity" in r.table else None
    cpus = r.integer("cpus", minimum=1) if "cpus" in r.table else None
    return Plan(key, r.string("label", key), unit_price, prices, min_q, max_q, cpus,
                r.translations("label"), store_pids=_store_pids(r, "store_pids"),
                store_pids_owned=_store_pids(r, "store_pids_owned", cycles))


STORE_PID_KEYS = ("store_pids", "store_pids_owned")
MAX_PID = 10 ** 18  # a WHMCS id is a database integer
"""A plan's store product ids: its leased products, its owned (one-time) ones."""


def _store_pids(r: _Reader, name: str, cycles: Mapping[str, Cycle] | None = None) \
        -> tuple[int, ...]:
    """A list of the store's product ids (WHMCS pids: whole numbers from 1), each once;
    owned ones only in a catalog that sells owned licenses."""
    if name not in r.table:
        return ()
    value = r.table[name]
    if not isinstance(value, list) or not value or any(
            isinstance(pid, bool) or not isinstance(pid, int) or not 1 <= pid < MAX_PID
            for pid in value):
        r.fail(name, _("must be a list of the store's product ids, whole numbers from 1 "
                       "(store_pids = [101, 107]), not {value!r}").format(value=value))
    if len(set(value)) != len(value):
        r.fail(name, _("lists a product id twice ({value!r})").format(value=value))
    if cycles is not None and not any(c.perpetual for c in cycles.values()):
        r.fail(name, _("this catalog sells no owned licenses (no perpetual cycle)"))
    return tuple(value)


def _check_store_pids(plans_r: _Reader, plans: Mapping[str, Plan]) -> None:
    """A store product is one plan's, leased or owned: an id mapped twice is refused,
    naming both places."""
    seen: dict[int, str] = {}
    for plan in plans.values():
        for name in STORE_PID_KEYS:
            where = plans_r.sub(plan.key).key(name)
            for pid in getattr(plan, name):
                if pid in seen:
                    plans_r.sub(plan.key).fail(name, _(
                        "product id {pid} is already given to {other}").format(
                            pid=pid, other=seen[pid]))
                seen[pid] = where


CATALOG_TEXTS = ("title", "quantity_label", "new_quantity_label", "note")
"""The [catalog] texts a file may translate (`title_de`, `note_fr`, ...)."""


def _catalog_texts(head: _Reader) -> dict[str, dict[str, str]]:
    """The [catalog] texts' translations; a translation needs the text it translates
    (title and quantity_label have defaults)."""
    texts = {key: found for key in CATALOG_TEXTS if (found := head.translations(key))}
    for key, found in texts.items():
        if key in ("note", "new_quantity_label") and key not in head.table:
            head.fail(f"{key}_{next(iter(found))}",
                      _("translates {key}, which the catalog does not set").format(key=key))
    return texts


def _check_tables(data: Mapping[str, Any], source: str) -> None:
    """The three tables are there and are tables, each named in its own message ("the
    [catalog] table"), never mistaken for a catalog reference (CatalogError.named)."""
    tables = {
        "catalog": _("[catalog] with name, currency and policy"),
        "cycles": _("[cycles.<key>] for each billing cycle, with months"),
        "plans": _("[plans.<key>] for each plan, with unit_price or prices"),
    }
    for table, add in tables.items():
        value = data.get(table)
        if value is None:
            raise CatalogError(source, f"[{table}]", _("the table is missing: add {add}")
                               .format(add=add))
        if not isinstance(value, dict):
            raise CatalogError(source, f"[{table}]", _("must be a table: write {add}")
                               .format(add=add))


def parse_catalog(data: Mapping[str, Any], source: str, currency_digits: CurrencyDigits) -> Catalog:
    root = _Reader(source, "", dict(data))
    root.prefix = ""
    for name in root.table:
        if name not in ("catalog", "cycles", "plans"):
            raise CatalogError(source, name,
                               _("unknown table (known: catalog, cycles, plans)"))
    _check_tables(data, source)
    head = _Reader(source, "catalog", data.get("catalog"))
    head.check_keys({"name", "title", "currency", "policy", "quantity_label",
                     "new_quantity_label", "downgrade", "processing_fee", "note"},
                    CATALOG_TEXTS)
    name = head.string("name")
    if not _NAME.match(name):
        head.fail("name", _("must be lower-case letters, digits, '-' or '_', not {name!r}")
                  .format(name=name))
    currency = head.string("currency")
    try:
        if len(currency) != 3 or not currency.isupper():
            raise LookupError(currency)
        digits = currency_digits(currency)
    except LookupError:
        head.fail("currency", _("{currency!r} is not an ISO 4217 currency code such as USD")
                  .format(currency=currency))
    policy = head.choice("policy", POLICIES)

    cycles_r = _Reader(source, "cycles", data.get("cycles"))
    if not cycles_r.table:
        cycles_r.fail("", _("must list at least one billing cycle"))
    cycles = {key: _cycle(cycles_r, key) for key in cycles_r.table}
    for key, cycle in cycles.items():
        if policy == "reset" and cycle.perpetual:
            cycles_r.sub(key).fail("perpetual", _("the reset policy has no owned licenses"))

    plans_r = _Reader(source, "plans", data.get("plans"))
    if not plans_r.table:
        plans_r.fail("", _("must list at least one plan"))
    plans = {key: _plan(plans_r, key, cycles) for key in plans_r.table}
    _check_store_pids(plans_r, plans)
    per_unit = [p.per_unit for p in plans.values()]
    quantity_label = head.table.get("quantity_label")
    if any(per_unit) and quantity_label is None:
        quantity_label = "Quantity"
    if quantity_label is not None:
        quantity_label = head.string("quantity_label", quantity_label)
    new_quantity_label = head.string("new_quantity_label") \
        if "new_quantity_label" in head.table else None

    return Catalog(
        name=name,
        title=head.string("title", name),
        currency=currency,
        digits=digits,
        policy=policy,
        cycles=cycles,
        plans=plans,
        quantity_label=quantity_label,
        downgrade=head.choice("downgrade", DOWNGRADE_RULES, "end_of_cycle"),
        processing_fee=head.decimal("processing_fee", "0"),
        note=head.string("note", "-") if "note" in head.table else "",
        source=source,
        new_quantity_label=new_quantity_label,
        texts=_catalog_texts(head),
    )


def load_catalog_file(path: Path, currency_digits: CurrencyDigits) -> Catalog:
    """A catalog file the app ships (the user's own are read by lic_desktop.catalogs,
    which refuses what is no regular file of a sane size first)."""
    source = str(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise CatalogError(source, CatalogError.FILE, _("cannot be read ({reason})")
                           .format(reason=exc.strerror or exc)) from None
    return catalog_from_bytes(raw, source, currency_digits)


# A TOML integer longer than Python reads (sys.get_int_max_str_digits): its key.
_LONG_NUMBER = re.compile(r'^[ \t]*([A-Za-z0-9_."\'-]+)[ \t]*=[ \t]*[+-]?[0-9_]{4000,}',
                          re.MULTILINE)


def catalog_from_bytes(raw: bytes, source: str, currency_digits: CurrencyDigits) -> Catalog:
    """A catalog file's bytes read: CatalogError naming the file (and the key when it can)
    for anything wrong, never a Python error."""
    try:
        text = raw.decode("utf-8-sig")  # a BOM from a Windows editor is fine
    except UnicodeDecodeError:
        raise CatalogError(source, CatalogError.FILE, _("is not UTF-8 text")) from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise CatalogError(source, CatalogError.FILE, _("is not valid TOML ({reason})")
                           .format(reason=exc)) from None
    except RecursionError:  # "a = [[[[…]]]]": no catalog nests that deep
        raise CatalogError(source, CatalogError.FILE, too_deep()) from None
    except ValueError:  # an integer of thousands of digits: Python refuses to read it
        found = _LONG_NUMBER.search(text)
        raise CatalogError(source, found.group(1) if found else CatalogError.FILE,
                           _("has a number too long to be read (thousands of digits)")) \
            from None
    try:
        return parse_catalog(data, source, currency_digits)
    except RecursionError:  # deep, yet under the TOML reader's own limit
        raise CatalogError(source, CatalogError.FILE, too_deep()) from None


def too_deep() -> str:
    return _("nests its tables or values too deeply to be a catalog")
