"""Catalogs: what a vendor or reseller sells, at what price, under which policy.

The TOML format is SPEC.md's "Catalogs" section. Every problem is reported as a
CatalogError naming the file, the key and what is wrong; nothing is half-loaded.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any, NoReturn

from lic_desktop.core.money import Money, round_money
from lic_desktop.core.text import _

POLICIES = ("reset", "difference")
DOWNGRADE_RULES = ("end_of_cycle", "immediate_credit")
_NAME = re.compile(r"^[a-z0-9][a-z0-9_-]*$")
_DECIMAL = re.compile(r"^-?[0-9]{1,9}(\.[0-9]+)?$")
MAX_MONTHS = 120
# A translated text sits beside its English key with the language's code appended:
# `label_de`, `title_fr`. The code is ISO 639's, two or three lower-case letters.
_LANGUAGE = re.compile(r"^[a-z]{2,3}$")
Translations = Mapping[str, str]
"""A text's translations by language code ("de" -> "Monatlich")."""

CurrencyDigits = Callable[[str], int]
"""Looks up a currency's decimals; raises LookupError for an unknown code."""


_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def printable(text: str, most: int | None = None) -> str:
    """`text` fit for one line of a terminal: control characters (a newline, an ANSI
    escape, a NUL) written as escapes ("\\n", "\\x1b"), cut after `most` characters."""
    if most is not None and len(text) > most:
        text = text[:most] + "…"
    return _CONTROL.sub(lambda found: found.group().encode("unicode_escape").decode("ascii"),
                        text)


class CatalogError(ValueError):
    def __init__(self, source: str, key: str, problem: str) -> None:
        # A path or a reference as written in a book: one line, however it was written.
        super().__init__(f"{printable(source, 300)}: {printable(key, 100)}: {problem}")
        self.source = source
        self.key = key
        self.problem = problem

    @property
    def named(self) -> str:
        """The problem as the catalog option's own message: when the reference itself is
        wrong, "'ezeelogn' is neither ..."; inside a file, "my.toml: plans.x: ..."."""
        if self.key != "catalog":
            return str(self)
        if not self.source:
            return self.problem
        # repr() writes a line break or a NUL as an escape already; only cut it.
        shown = self.source if len(self.source) <= 300 else self.source[:300] + "…"
        return f"{shown!r} {self.problem}"


def in_language(text: str, translations: Translations, language: str) -> str:
    """`text` in `language` ("de", "fr"; "de_DE" reads as "de"), or as written when the
    catalog does not translate it: the catalog's own words are the portal's (en_US)."""
    return translations.get(language.split("_", 1)[0].lower(), text)


@dataclass(frozen=True, slots=True)
class Cycle:
    key: str
    label: str
    months: int
    discount: Decimal = Decimal(0)
    perpetual: bool = False
    labels: Translations = field(default_factory=dict)

    def label_in(self, language: str) -> str:
        return in_language(self.label, self.labels, language)


@dataclass(frozen=True, slots=True)
class Plan:
    key: str
    label: str
    unit_price: Decimal | None = None
    prices: Mapping[str, Decimal] = field(default_factory=dict)
    min_quantity: int = 1
    max_quantity: int | None = None
    cpus: int | None = None
    labels: Translations = field(default_factory=dict)

    @property
    def per_unit(self) -> bool:
        return self.unit_price is not None

    def label_in(self, language: str) -> str:
        return in_language(self.label, self.labels, language)


PRICES_LIMIT = 10_000  # period prices a catalog keeps worked out


@dataclass(frozen=True, slots=True)
class Catalog:
    name: str
    title: str
    currency: str
    digits: int
    policy: str
    cycles: Mapping[str, Cycle]
    plans: Mapping[str, Plan]
    quantity_label: str | None = None
    downgrade: str = "end_of_cycle"
    processing_fee: Decimal = Decimal(0)
    note: str = ""
    source: str = ""
    # The running-text form for the change ("New servers"); None: the UI words it.
    new_quantity_label: str | None = None
    # Translations of title, quantity_label, new_quantity_label and note, by key.
    texts: Mapping[str, Translations] = field(default_factory=dict)
    # Period prices already worked out: a license book asks for the same few again and
    # again. Not part of the catalog's identity.
    _prices: dict[tuple[str, int, str], Money] = field(default_factory=dict, compare=False,
                                                        repr=False)

    def text_in(self, key: str, language: str) -> str | None:
        """The catalog text `key` ("title", "quantity_label", "new_quantity_label",
        "note") in `language`, else as written; None when the catalog has none."""
        text: str | None = getattr(self, key)
        if text is None:
            return None
        return in_language(text, self.texts.get(key, {}), language)

    def money(self, amount: Decimal | int) -> Money:
        return Money(Decimal(amount), self.currency)

    def rounded(self, amount: Money) -> Money:
        return round_money(amount, self.digits)

    def sells(self, plan: str, cycle: str) -> bool:
        p = self.plans.get(plan)
        if p is None or cycle not in self.cycles:
            return False
        return (p.per_unit and not self.cycles[cycle].perpetual) or cycle in p.prices

    def cycles_for(self, plan: str) -> list[str]:
        return [c for c in self.cycles if self.sells(plan, c)]

    def period_price(self, plan: str, quantity: int, cycle: str) -> Money:
        """The price of one billing period, rounded once (C5).

        A per-unit plan: unit price x quantity x months x (1 - discount). A plan priced per
        cycle: that cycle's price x quantity; the cycle discount is already in the price.
        """
        key = (plan, quantity, cycle)
        price = self._prices.get(key)
        if price is None:
            p, c = self.plans[plan], self.cycles[cycle]
            if p.unit_price is not None:
                raw = p.unit_price * quantity * c.months * (1 - c.discount)
            else:
                raw = p.prices[cycle] * quantity
            if len(self._prices) >= PRICES_LIMIT:
                self._prices.clear()  # bounded: a book may hold many counts
            price = self._prices[key] = self.rounded(self.money(raw))
        return price

    def monthly_list_price(self, plan: str, quantity: int, cycle: str) -> Decimal:
        """What a plan costs a month before discounts: the yardstick for upgrade/downgrade."""
        p = self.plans[plan]
        if p.unit_price is not None:
            return p.unit_price * quantity
        if self.cycles[cycle].perpetual:
            return p.prices[cycle] * quantity
        return p.prices[cycle] * quantity / self.cycles[cycle].months

    def plans_by_price(self, cycle: str) -> list[str]:
        """Plans sold in `cycle`, cheapest first: "upgrade" and "downgrade" follow this order."""
        sold = [p for p in self.plans if self.sells(p, cycle)]
        return sorted(sold, key=lambda p: self.monthly_list_price(p, 1, cycle))

    def monthly_cycle(self) -> str | None:
        """The one-month leased cycle, if the catalog sells one."""
        for key, c in self.cycles.items():
            if c.months == 1 and not c.perpetual:
                return key
        return None


# --- loading -------------------------------------------------------------------------


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
    r.check_keys({"label", "unit_price", "prices", "min_quantity", "max_quantity", "cpus"},
                 {"label"})
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
                r.translations("label"))


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
        raise CatalogError(source, "file", _("cannot be read ({reason})")
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
        raise CatalogError(source, "file", _("is not UTF-8 text")) from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise CatalogError(source, "file", _("is not valid TOML ({reason})")
                           .format(reason=exc)) from None
    except RecursionError:  # "a = [[[[…]]]]": no catalog nests that deep
        raise CatalogError(source, "file", _("nests its tables or values too deeply to be "
                                             "a catalog")) from None
    except ValueError:  # an integer of thousands of digits: Python refuses to read it
        found = _LONG_NUMBER.search(text)
        raise CatalogError(source, found.group(1) if found else "file",
                           _("has a number too long to be read (thousands of digits)")) \
            from None
    try:
        return parse_catalog(data, source, currency_digits)
    except RecursionError:  # deep, yet under the TOML reader's own limit
        raise CatalogError(source, "file", _("nests its tables or values too deeply to be "
                                             "a catalog")) from None
