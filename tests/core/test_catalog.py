"""Catalogs: the embedded ones, C5 period prices, plan order and the loader's checks."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from lic_desktop.catalogs import embedded_catalogs, load_catalog
from lic_desktop.core.catalog import Catalog, CatalogError
from lic_desktop.core.money import Money

RESET_TOML = """\
[catalog]
name = "reseller"
title = "Reseller gateway"
currency = "USD"
policy = "reset"
quantity_label = "Servers"

[cycles.monthly]
months = 1
label = "Monthly"
discount = "0"

[cycles.yearly]
months = 12
label = "Yearly"
discount = "0.10"

[plans.servers]
label = "Servers"
unit_price = "1.99"
min_quantity = 1
"""

DIFFERENCE_TOML = """\
[catalog]
name = "reseller-ws"
currency = "USD"
policy = "difference"
downgrade = "end_of_cycle"
processing_fee = "25.00"

[cycles.monthly]
months = 1
[cycles.yearly]
months = 12
[cycles.owned]
months = 0
perpetual = true

[plans.1-cpu]
label = "1-CPU"
cpus = 1
prices = { monthly = "36.00", yearly = "360.00", owned = "699.00" }
"""


def usd(text: str) -> Money:
    return Money(Decimal(text), "USD")


# --- the embedded catalogs ---------------------------------------------------------


def test_embedded_catalogs_are_listed() -> None:
    assert {"ezeelogin", "litespeed"} <= set(embedded_catalogs())


def test_ezeelogin_loads(ezeelogin: Catalog) -> None:
    assert ezeelogin.name == "ezeelogin"
    assert ezeelogin.currency == "USD"
    assert ezeelogin.digits == 2
    assert ezeelogin.policy == "reset"
    assert ezeelogin.quantity_label == "Servers"
    assert ezeelogin.plans["servers"].unit_price == Decimal("1.99")
    assert ezeelogin.plans["servers"].per_unit
    assert list(ezeelogin.cycles) == ["monthly", "quarterly", "half_yearly", "yearly"]
    assert [c.months for c in ezeelogin.cycles.values()] == [1, 3, 6, 12]
    assert ezeelogin.cycles["yearly"].discount == Decimal("0.15")
    assert not any(c.perpetual for c in ezeelogin.cycles.values())
    assert ezeelogin.monthly_cycle() == "monthly"


def test_litespeed_loads(litespeed: Catalog) -> None:
    assert litespeed.name == "litespeed"
    assert litespeed.policy == "difference"
    assert litespeed.downgrade == "end_of_cycle"
    assert litespeed.processing_fee == Decimal("25.00")
    assert litespeed.cycles["owned"].perpetual
    assert litespeed.cycles["owned"].months == 0
    assert litespeed.plans["1-cpu"].prices == {
        "monthly": Decimal("36.00"), "yearly": Decimal("360.00"), "owned": Decimal("699.00"),
    }
    assert {k: p.cpus for k, p in litespeed.plans.items()} == {
        "vps": 1, "1-cpu": 1, "2-cpu": 2, "4-cpu": 4, "8-cpu": 8,
    }
    assert litespeed.sells("1-cpu", "owned")
    assert litespeed.cycles_for("2-cpu") == ["monthly", "yearly", "owned"]


def test_load_by_name_and_by_path_agree(ezeelogin: Catalog) -> None:
    by_path = load_catalog(str(embedded_catalogs()["ezeelogin"]))
    assert by_path.plans == ezeelogin.plans
    assert by_path.cycles == ezeelogin.cycles


def test_unknown_name_is_a_catalog_error() -> None:
    with pytest.raises(CatalogError, match="no-such-vendor"):
        load_catalog("no-such-vendor")


# --- C5: period price --------------------------------------------------------------


@pytest.mark.parametrize(
    ("quantity", "cycle", "price"),
    [
        (10, "monthly", "19.90"),  # 1.99 * 10 = 19.90
        (16, "monthly", "31.84"),  # 1.99 * 16 = 31.84
        (6, "monthly", "11.94"),  # 1.99 * 6 = 11.94
        (1, "monthly", "1.99"),
        # 1.99 * 1 * 12 * 0.85 = 20.298 -> 20.30 (rounding each month first would give
        # 1.6915 -> 1.69, * 12 = 20.28: C5 rounds once)
        (1, "yearly", "20.30"),
        (7, "yearly", "142.09"),  # 13.93 * 12 = 167.16 * 0.85 = 142.086 -> 142.09
        (10, "yearly", "202.98"),  # 19.90 * 12 = 238.80 * 0.85 = 202.98
        (10, "quarterly", "56.72"),  # 19.90 * 3 = 59.70 * 0.95 = 56.715 -> 56.72
        (30, "quarterly", "170.15"),  # 59.70 * 3 = 179.10 * 0.95 = 170.145 -> 170.15 (half-up)
        (7, "half_yearly", "75.22"),  # 13.93 * 6 = 83.58 * 0.90 = 75.222 -> 75.22
    ],
)
def test_period_price_per_unit(ezeelogin: Catalog, quantity: int, cycle: str,
                               price: str) -> None:
    result = ezeelogin.period_price("servers", quantity, cycle)
    assert result == usd(price)
    assert result.amount.as_tuple().exponent == -2


@pytest.mark.parametrize(
    ("plan", "cycle", "price"),
    [
        ("1-cpu", "monthly", "36.00"),
        ("2-cpu", "yearly", "460.00"),  # the discount is already in the yearly price
        ("8-cpu", "owned", "1299.00"),
        ("vps", "owned", "299.00"),
    ],
)
def test_period_price_per_cycle(litespeed: Catalog, plan: str, cycle: str, price: str) -> None:
    assert litespeed.period_price(plan, 1, cycle) == usd(price)


def test_plans_by_price_embedded(litespeed: Catalog, ezeelogin: Catalog) -> None:
    order = ["vps", "1-cpu", "2-cpu", "4-cpu", "8-cpu"]
    assert litespeed.plans_by_price("monthly") == order
    assert litespeed.plans_by_price("yearly") == order
    assert litespeed.plans_by_price("owned") == order
    assert ezeelogin.plans_by_price("monthly") == ["servers"]


def test_plans_by_price_sorts_by_price_not_file_order(write_catalog) -> None:  # type: ignore[no-untyped-def]
    text = """\
[catalog]
name = "shuffled"
currency = "USD"
policy = "difference"
[cycles.monthly]
months = 1
[cycles.yearly]
months = 12
[plans.big]
prices = { monthly = "60.00", yearly = "500.00" }
[plans.small]
prices = { monthly = "10.00", yearly = "130.00" }
[plans.middle]
prices = { monthly = "30.00", yearly = "300.00" }
[plans.monthly-only]
prices = { monthly = "20.00" }
"""
    cat = load_catalog(str(write_catalog(text)))
    assert cat.plans_by_price("monthly") == ["small", "monthly-only", "middle", "big"]
    # per month: small 130/12 = 10.83, middle 300/12 = 25, big 500/12 = 41.67;
    # monthly-only is not sold yearly
    assert cat.plans_by_price("yearly") == ["small", "middle", "big"]


# --- reseller catalogs -------------------------------------------------------------


def test_valid_reseller_catalog_in_eur(write_catalog) -> None:  # type: ignore[no-untyped-def]
    text = (RESET_TOML.replace('currency = "USD"', 'currency = "EUR"')
            .replace('unit_price = "1.99"', 'unit_price = "2.49"')
            .replace('discount = "0.10"', 'discount = "0.125"'))
    path = write_catalog(text)
    cat = load_catalog(str(path))
    assert cat.currency == "EUR"
    assert cat.digits == 2
    assert cat.source == str(path)
    assert cat.title == "Reseller gateway"
    # 2.49 * 3 = 7.47
    assert cat.period_price("servers", 3, "monthly") == Money(Decimal("7.47"), "EUR")
    # 2.49 * 1 * 12 * 0.875 = 26.145 -> 26.15 (half-up; half-even would give 26.14)
    assert cat.period_price("servers", 1, "yearly") == Money(Decimal("26.15"), "EUR")


def test_valid_reseller_catalog_in_jpy_rounds_to_whole_yen(write_catalog) -> None:  # type: ignore[no-untyped-def]
    text = (RESET_TOML.replace('currency = "USD"', 'currency = "JPY"')
            .replace('unit_price = "1.99"', 'unit_price = "123"')
            .replace('discount = "0.10"', 'discount = "0.05"')
            .replace("months = 12", "months = 3"))
    cat = load_catalog(str(write_catalog(text)))
    assert cat.currency == "JPY"
    assert cat.digits == 0
    yen = lambda n: Money(Decimal(n), "JPY")  # noqa: E731
    assert cat.period_price("servers", 10, "monthly") == yen(1230)  # 123 * 10
    # 123 * 1 * 3 * 0.95 = 350.55 -> 351
    assert cat.period_price("servers", 1, "yearly") == yen(351)
    # 123 * 30 * 3 * 0.95 = 10516.5 -> 10517 (half-up; half-even would give 10516)
    price = cat.period_price("servers", 30, "yearly")
    assert price == yen(10517)
    assert price.amount.as_tuple().exponent == 0


def test_defaults_of_optional_keys(write_catalog) -> None:  # type: ignore[no-untyped-def]
    cat = load_catalog(str(write_catalog(DIFFERENCE_TOML.replace(
        'downgrade = "end_of_cycle"\nprocessing_fee = "25.00"\n', ""))))
    assert cat.downgrade == "end_of_cycle"
    assert cat.processing_fee == Decimal(0)
    assert cat.title == "reseller-ws"
    assert cat.cycles["monthly"].discount == Decimal(0)
    assert cat.cycles["yearly"].label == "Yearly"


# --- the loader's checks -----------------------------------------------------------

CASES = [
    # (id, base, old text, new text, key path the message must name)
    ("float price", RESET_TOML, 'unit_price = "1.99"', "unit_price = 1.99",
     "plans.servers.unit_price"),
    ("int price", RESET_TOML, 'unit_price = "1.99"', "unit_price = 2",
     "plans.servers.unit_price"),
    ("text price", RESET_TOML, 'unit_price = "1.99"', 'unit_price = "1,99"',
     "plans.servers.unit_price"),
    ("negative price", RESET_TOML, 'unit_price = "1.99"', 'unit_price = "-1.99"',
     "plans.servers.unit_price"),
    ("negative owned price", DIFFERENCE_TOML, 'owned = "699.00"', 'owned = "-699.00"',
     "plans.1-cpu.prices.owned"),
    ("unknown policy", RESET_TOML, 'policy = "reset"', 'policy = "flat"', "catalog.policy"),
    ("unknown currency", RESET_TOML, 'currency = "USD"', 'currency = "XYZ"',
     "catalog.currency"),
    ("lower-case currency", RESET_TOML, 'currency = "USD"', 'currency = "usd"',
     "catalog.currency"),
    ("missing name", RESET_TOML, 'name = "reseller"\n', "", "catalog.name"),
    ("bad name", RESET_TOML, 'name = "reseller"', 'name = "Re Seller"', "catalog.name"),
    ("typo in a plan", RESET_TOML, "unit_price", "unit_prise", "plans.servers.unit_prise"),
    ("typo in a cycle", RESET_TOML, 'discount = "0.10"', 'dicount = "0.10"',
     "cycles.yearly.dicount"),
    ("typo in the head", RESET_TOML, 'quantity_label = "Servers"', 'quantity_lable = "S"',
     "catalog.quantity_lable"),
    ("unknown table", RESET_TOML, "[cycles.monthly]", "[extras]\nx = 1\n[cycles.monthly]",
     "extras"),
    ("discount of 1", RESET_TOML, 'discount = "0.10"', 'discount = "1"',
     "cycles.yearly.discount"),
    ("discount above 1", RESET_TOML, 'discount = "0.10"', 'discount = "1.5"',
     "cycles.yearly.discount"),
    ("float discount", RESET_TOML, 'discount = "0.10"', "discount = 0.10",
     "cycles.yearly.discount"),
    ("prices for an unknown cycle", DIFFERENCE_TOML, 'owned = "699.00" }',
     'owned = "699.00", weekly = "9.00" }', "plans.1-cpu.prices.weekly"),
    ("unit_price and prices", RESET_TOML, 'unit_price = "1.99"',
     'unit_price = "1.99"\nprices = { monthly = "1.99" }', "plans.servers"),
    ("neither unit_price nor prices", RESET_TOML, 'unit_price = "1.99"\n', "",
     "plans.servers"),
    ("perpetual with months", DIFFERENCE_TOML, "months = 0\nperpetual = true",
     "months = 12\nperpetual = true", "cycles.owned.months"),
    ("leased cycle of 0 months", DIFFERENCE_TOML, "[cycles.monthly]\nmonths = 1",
     "[cycles.monthly]\nmonths = 0", "cycles.monthly.months"),
    ("owned cycle in a reset catalog", RESET_TOML, "[plans.servers]",
     "[cycles.owned]\nmonths = 0\nperpetual = true\n\n[plans.servers]", "cycles.owned.perpetual"),
    ("min_quantity 0", RESET_TOML, "min_quantity = 1", "min_quantity = 0",
     "plans.servers.min_quantity"),
    ("unknown downgrade rule", DIFFERENCE_TOML, 'downgrade = "end_of_cycle"',
     'downgrade = "never"', "catalog.downgrade"),
    ("float processing fee", DIFFERENCE_TOML, 'processing_fee = "25.00"',
     "processing_fee = 25.0", "catalog.processing_fee"),
]


@pytest.mark.parametrize(("base", "old", "new", "key"), [c[1:] for c in CASES],
                         ids=[c[0] for c in CASES])
def test_invalid_catalog_names_file_and_key(write_catalog, base: str, old: str, new: str,  # type: ignore[no-untyped-def]
                                            key: str) -> None:
    assert old in base  # the case really changes the valid catalog
    load_catalog(str(write_catalog(base, "valid.toml")))  # the base itself is valid
    path = write_catalog(base.replace(old, new, 1))
    with pytest.raises(CatalogError) as info:
        load_catalog(str(path))
    message = str(info.value)
    assert str(path) in message
    assert f": {key}: " in message
    assert info.value.source == str(path)
    assert info.value.key == key


def test_per_unit_plan_cannot_be_owned(write_catalog) -> None:  # type: ignore[no-untyped-def]
    text = DIFFERENCE_TOML + '\n[plans.servers]\nunit_price = "1.99"\n'
    path = write_catalog(text)
    with pytest.raises(CatalogError) as info:
        load_catalog(str(path))
    assert str(path) in str(info.value)
    assert "plans.servers.unit_price" in str(info.value)


def test_invalid_toml_syntax(write_catalog) -> None:  # type: ignore[no-untyped-def]
    path = write_catalog(RESET_TOML.replace('unit_price = "1.99"', 'unit_price = "1.99'))
    with pytest.raises(CatalogError) as info:
        load_catalog(str(path))
    assert str(path) in str(info.value)
    assert "not valid TOML" in str(info.value)
    assert info.value.key == CatalogError.FILE


def test_not_utf8(write_catalog, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "latin1.toml"
    path.write_bytes(RESET_TOML.replace("Reseller gateway", "Réseau").encode("latin-1"))
    with pytest.raises(CatalogError) as info:
        load_catalog(str(path))
    assert str(path) in str(info.value)
    assert "UTF-8" in str(info.value)


def test_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "nowhere" / "missing.toml"
    with pytest.raises(CatalogError) as info:
        load_catalog(str(path))
    assert str(path) in str(info.value)
    assert info.value.key == CatalogError.FILE
    assert "cannot be read" in str(info.value)
