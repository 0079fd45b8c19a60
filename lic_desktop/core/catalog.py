"""Catalogs: what a vendor or reseller sells, at what price, under which policy.

The model: cycles, plans and the catalog's prices. Reading one from its TOML file (SPEC.md's
"Catalogs" section) is catalog_file's; every problem there is a CatalogError naming the
file, the key and what is wrong, and nothing is half-loaded.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal

from lic_desktop.core.money import Money, round_money
from lic_desktop.core.text import printable

Translations = Mapping[str, str]
"""A text's translations by language code ("de" -> "Monatlich")."""

CurrencyDigits = Callable[[str], int]
"""Looks up a currency's decimals; raises LookupError for an unknown code."""


class CatalogError(ValueError):
    """A catalog that cannot be used: `source` (its path or reference), the `key` in it
    that is wrong (FILE when the file as a whole is: unreadable, not TOML) and why."""

    FILE = ""

    def __init__(self, source: str, key: str, problem: str) -> None:
        # A path or a reference as written in a book: one line, however it was written.
        where = printable(source, 300) + (f": {printable(key, 100)}" if key else "")
        super().__init__(f"{where}: {problem}")
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
    # The store's product ids (WHMCS pids) of this plan's leased and owned licenses, when
    # the store names its products unlike the plan; a kind with ids is matched by id only.
    store_pids: tuple[int, ...] = ()
    store_pids_owned: tuple[int, ...] = ()

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
