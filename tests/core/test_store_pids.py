"""A catalog's store_pids and store_pids_owned (issue #13 point 5): the store's product
ids of a plan's leased and owned licenses, checked like every key of a catalog file."""

from __future__ import annotations

from pathlib import Path

import pytest

from lic_desktop import l10n
from lic_desktop.core.catalog import CatalogError
from lic_desktop.core.catalog_file import catalog_from_bytes

CATALOGS = Path(__file__).parents[2] / "resources" / "catalogs"


def with_lines(name: str, lines: dict[str, str]) -> bytes:
    """An embedded catalog with `lines` added to the plans named by the keys."""
    text = (CATALOGS / f"{name}.toml").read_text("utf-8")
    for plan, added in lines.items():
        assert f"[plans.{plan}]\n" in text
        text = text.replace(f"[plans.{plan}]\n", f"[plans.{plan}]\n{added}\n")
    return text.encode()


def read(name: str, **lines: str) -> object:
    return catalog_from_bytes(with_lines(name, lines), "my.toml", l10n.currency_digits)


def test_mapped_ids_are_the_plans_and_unmapped_plans_have_none() -> None:
    catalog = catalog_from_bytes(with_lines("litespeed", {
        "1-cpu": "store_pids = [101, 107]\nstore_pids_owned = [151]"}), "my.toml",
        l10n.currency_digits)
    assert catalog.plans["1-cpu"].store_pids == (101, 107)
    assert catalog.plans["1-cpu"].store_pids_owned == (151,)
    assert catalog.plans["2-cpu"].store_pids == ()
    assert catalog.plans["2-cpu"].store_pids_owned == ()


@pytest.mark.parametrize(("added", "key", "problem"), [
    ("store_pids = [0]", "plans.2-cpu.store_pids", "must be a list of the store's product "
     "ids, whole numbers from 1 (store_pids = [101, 107]), not [0]"),
    ("store_pids = [-3]", "plans.2-cpu.store_pids", "whole numbers from 1"),
    ('store_pids = ["203"]', "plans.2-cpu.store_pids", "whole numbers from 1"),
    ("store_pids = 203", "plans.2-cpu.store_pids", "whole numbers from 1"),
    ("store_pids = [true]", "plans.2-cpu.store_pids", "whole numbers from 1"),
    ("store_pids = [2.5]", "plans.2-cpu.store_pids", "whole numbers from 1"),
    ("store_pids = []", "plans.2-cpu.store_pids", "whole numbers from 1"),
    ("store_pids = [1000000000000000000]", "plans.2-cpu.store_pids", "whole numbers from 1"),
    ("store_pids = [203, 203]", "plans.2-cpu.store_pids", "lists a product id twice"),
    ("store_pids_owned = [0]", "plans.2-cpu.store_pids_owned", "whole numbers from 1"),
])
def test_a_bad_store_pids_is_refused_naming_the_key(added: str, key: str,
                                                    problem: str) -> None:
    with pytest.raises(CatalogError) as caught:
        read("litespeed", **{"2-cpu": added})
    assert caught.value.key == key
    assert problem in caught.value.problem


def test_a_product_id_given_to_two_plans_is_refused_naming_both() -> None:
    with pytest.raises(CatalogError) as caught:
        read("litespeed", **{"1-cpu": "store_pids = [202]", "2-cpu": "store_pids = [203]\n"
                             "store_pids_owned = [202]"})
    assert caught.value.key == "plans.2-cpu.store_pids_owned"
    assert caught.value.problem == "product id 202 is already given to plans.1-cpu.store_pids"


def test_owned_ids_need_a_catalog_that_sells_owned_licenses() -> None:
    with pytest.raises(CatalogError) as caught:
        read("ezeelogin", servers="store_pids_owned = [151]")
    assert caught.value.key == "plans.servers.store_pids_owned"
    assert "sells no owned licenses" in caught.value.problem
    assert read("ezeelogin", servers="store_pids = [101]") is not None
