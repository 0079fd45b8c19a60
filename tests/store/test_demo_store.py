"""The real client against the demo store: licenses, unpaid invoices, the store's price."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pytest

from lic_desktop.catalogs import load_catalog
from lic_desktop.core.engine import make_quote
from lic_desktop.core.quote import Reason
from lic_desktop.store.client import StoreRefusedError
from lic_desktop.store.demo import DemoStore
from tests.store.conftest import NOW, session_for


def test_licenses_with_the_unpaid_invoice(demo: tuple[DemoStore, str], tmp_path: Path) -> None:
    _, url = demo
    session = session_for(url, tmp_path)
    snapshot = session.fetch(1)
    assert not snapshot.cached
    found = {lic.service_id: (name, lic, unpaid) for name, lic, unpaid in snapshot.licenses
             if lic.status == "Active"}  # the Terminated, Cancelled and Fraud ones apart
    assert set(found) == {1001, 1002}
    name, ez, unpaid = found[1001]
    assert (name, ez.plan, ez.quantity, ez.cycle) == ("ezeelogin", "servers", 10, "monthly")
    assert (ez.ip, ez.secondary_ip) == ("172.23.44.240", "172.23.44.241")
    assert ez.paid == Decimal("19.90")
    assert unpaid == 0
    _, ls, unpaid = found[1002]
    assert ls.plan == "1-cpu"
    assert unpaid == Decimal("36.00")
    # Regdate Nov 1, due Dec 1: the period is Nov 1 -> Dec 1.
    assert f"{ls.start:%Y-%m-%d %H:%M}" == "2022-11-01 00:00"


def test_a_picked_license_quotes_blocked_by_its_unpaid_invoice(
        demo: tuple[DemoStore, str], tmp_path: Path) -> None:
    _, url = demo
    snapshot = session_for(url, tmp_path).fetch(1)
    index = next(i for i, (_, lic, _) in enumerate(snapshot.licenses) if lic.service_id == 1002)
    scenario = replace(snapshot.scenario(index, NOW), to_plan="2-cpu")
    quote = make_quote(scenario.license(load_catalog(scenario.catalog)), scenario.request())
    assert quote.blocked
    assert Reason.PENDING_INVOICE in quote.reasons
    # Nov 1 00:00 -> Nov 16 10:00: 15 days used of 30, 15 left:
    # (46 - 36) x 15 / 30 = 5.00 for the change, plus the 36.00 unpaid invoice.
    assert quote.order.due_now.amount == Decimal("5.00")
    assert quote.total_due.amount == Decimal("41.00")


def test_the_store_catalog_keeps_the_rules_and_reproduces_cycle_prices(
        demo: tuple[DemoStore, str], tmp_path: Path) -> None:
    _, url = demo
    snapshot = session_for(url, tmp_path).fetch(1)
    ez = load_catalog(str(snapshot.catalogs["ezeelogin"]))
    assert ez.policy == "reset"
    assert ez.title == "Ezeelogin SSH jump server (store prices)"
    # The store sells a server quarterly for 5.67 (1.99 x 3 x 0.95, rounded); the catalog
    # keeps 1.99 a month and the discount that gives back exactly 5.67 a server.
    assert ez.period_price("servers", 1, "quarterly").amount == Decimal("5.67")
    assert ez.period_price("servers", 10, "quarterly").amount == Decimal("56.70")
    ls = load_catalog(str(snapshot.catalogs["litespeed"]))
    assert ls.period_price("2-cpu", 1, "owned").amount == Decimal("899.00")
    assert ls.processing_fee == Decimal("25.00")


def test_the_store_price_beside_ours(demo: tuple[DemoStore, str], tmp_path: Path) -> None:
    _, url = demo
    session = session_for(url, tmp_path)
    snapshot = session.fetch(1)
    _, ls, _ = next(x for x in snapshot.licenses if x[1].service_id == 1002)
    catalog = load_catalog(str(snapshot.catalogs["litespeed"]))
    answer = session.store_price(ls, catalog, new_pid=203, new_cycle="monthly",
                                 new_quantity=None)
    # WHMCS: (46 - 36) x 15 days until Dec 1 / 30 = 5.00
    assert answer.price == Decimal("5.00")
    assert (answer.days, answer.total_days) == (15, 30)
    _, ez, _ = next(x for x in snapshot.licenses if x[1].service_id == 1001)
    answer = session.store_price(ez, load_catalog(str(snapshot.catalogs["ezeelogin"])),
                                 new_pid=None, new_cycle=None, new_quantity=16)
    assert answer.price == Decimal("5.97")  # 6 more servers x 1.99 x 15 / 30
    assert answer.counted == "10 → 16 servers"


def test_wrong_credentials_show_the_stores_message(demo: tuple[DemoStore, str],
                                                   tmp_path: Path) -> None:
    _, url = demo
    with pytest.raises(StoreRefusedError) as caught:
        session_for(url, tmp_path, secret="wrong").fetch(1)
    assert "Authentication Failed" in str(caught.value)
    assert "wrong" not in str(caught.value)
