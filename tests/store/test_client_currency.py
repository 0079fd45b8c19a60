"""Issue #13, point 6: WHMCS prices every product per currency and each client pays in
one (developers.whmcs.com/api-reference/getclientsdetails `client.currency_code`,
getproducts `pricing.<code>`, getinvoices `currencycode`). The store catalogs are built in
the client's currency, with its own minor unit; amounts in another currency are refused,
never added. Against WHMCS's recorded example answers and the demo store over HTTP."""

from __future__ import annotations

import copy
import json
from collections.abc import Iterator
from dataclasses import replace
from datetime import timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from babel.numbers import format_currency as babel_currency
from pytestqt.qtbot import QtBot

from lic_desktop import l10n
from lic_desktop.catalogs import load_all_embedded, load_catalog
from lic_desktop.cli import main
from lic_desktop.core.catalog import Catalog
from lic_desktop.core.engine import make_quote
from lic_desktop.gui.main_window import MainWindow
from lic_desktop.l10n import Formatter
from lic_desktop.present.panes import headline
from lic_desktop.present.store_view import LicenseColumn
from lic_desktop.store.client import StoreError
from lic_desktop.store.currency import ClientCurrency, client_currency
from lic_desktop.store.demo import Client, DemoStore, Invoice, Service, add_date_months, serve
from lic_desktop.store.demo_money import CURRENCIES, format_currency
from lic_desktop.store.session import CACHE_VERSION, Snapshot
from tests.gui.conftest import collect_on_the_gui_thread_only, settings, window
from tests.store.conftest import NOW, TODAY, session_for

__all__ = ["collect_on_the_gui_thread_only", "settings", "window"]  # the GUI fixtures

DOCS = Path(__file__).parent.parent / "fixtures" / "whmcs_docs"
EURO_CLIENT = 3  # the demo's client paying in EUR (Nordlicht Hosting GmbH)
YEN_CLIENT = 5
BULK = 8
LITESPEED = next(c for c in load_all_embedded() if c.name == "litespeed")
EUR_RATE = CURRENCIES["EUR"].rate  # the demo store's conversion rate (its currencies)
JPY_RATE = CURRENCIES["JPY"].rate


def recorded(name: str) -> dict[str, Any]:
    result: dict[str, Any] = json.loads((DOCS / f"{name}.json").read_text(encoding="utf-8"))
    return result


def eur(usd: Decimal) -> Decimal:
    """A catalog's USD price as the demo store's EUR price: at its rate, to the cent."""
    return (usd * EUR_RATE).quantize(Decimal("0.01"))


@pytest.fixture
def store() -> DemoStore:
    return DemoStore(load_all_embedded(), today=TODAY, identifier="demo-id",
                     secret="s3cr3t-value")


@pytest.fixture
def url(store: DemoStore) -> Iterator[str]:
    server = serve(store)
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def catalog_of(snapshot: Snapshot, name: str = "litespeed") -> Catalog:
    return load_catalog(str(snapshot.catalogs[name]))


def unpaid_of(snapshot: Snapshot, service: int) -> Decimal:
    return next(unpaid for _, lic, unpaid in snapshot.licenses if lic.service_id == service)


# --- the recorded answers --------------------------------------------------------------


def test_the_recorded_client_pays_in_usd() -> None:
    assert client_currency(recorded("getclientsdetails"), l10n.currency_digits) == \
        ClientCurrency("USD", 2)


@pytest.mark.parametrize(("value", "problem"), [
    (None, "client has no 'currency_code' field"),
    ("", "client.currency_code is not an ISO 4217 currency code such as USD ('')"),
    ("EURO", "client.currency_code is not an ISO 4217 currency code such as USD ('EURO')"),
    ("usd", "client.currency_code is not an ISO 4217 currency code such as USD ('usd')"),
    ("XYZ", "client.currency_code is not an ISO 4217 currency code such as USD ('XYZ')"),
    (["USD"], "client.currency_code is not a text (a list)"),
])
def test_a_missing_or_malformed_currency_code_is_named(value: object, problem: str) -> None:
    details = copy.deepcopy(recorded("getclientsdetails"))
    if value is None:
        del details["client"]["currency_code"]
    else:
        details["client"]["currency_code"] = value
    with pytest.raises(StoreError) as caught:
        client_currency(details, l10n.currency_digits)
    assert str(caught.value) == f"the store's GetClientsDetails answer: {problem}"


def test_the_currency_decides_the_minor_unit() -> None:
    """babel's: the yen has no decimals, the Kuwaiti dinar three."""
    details = copy.deepcopy(recorded("getclientsdetails"))
    for code, digits in (("JPY", 0), ("KWD", 3), ("EUR", 2)):
        details["client"]["currency_code"] = code
        assert client_currency(details, l10n.currency_digits) == ClientCurrency(code, digits)


# --- the demo store over HTTP ----------------------------------------------------------


def test_a_euro_clients_catalog_and_unpaid_amounts_are_in_euros(
        url: str, store: DemoStore, tmp_path: Path) -> None:
    assert store.clients[EURO_CLIENT].currency_code == "EUR"
    snapshot = session_for(url, tmp_path).fetch(EURO_CLIENT)
    assert snapshot.currency == "EUR"
    catalog = catalog_of(snapshot)
    assert (catalog.currency, catalog.digits) == ("EUR", 2)
    for plan in ("1-cpu", "2-cpu"):
        assert catalog.plans[plan].prices["monthly"] == \
            eur(LITESPEED.plans[plan].prices["monthly"])
    # The 2-CPU license's unpaid renewal is its monthly price, in euros.
    assert unpaid_of(snapshot, 1102) == eur(LITESPEED.plans["2-cpu"].prices["monthly"])
    # The quote from that license is in euros too, and its upgrade blocked by the invoice.
    scenario = replace(snapshot.scenario(next(i for i, (_, lic, _) in
                                              enumerate(snapshot.licenses)
                                              if lic.service_id == 1102), NOW),
                       to_plan="4-cpu")
    quoted = load_catalog(scenario.catalog)
    quote = make_quote(scenario.license(quoted), scenario.request())
    assert quote.total_due.currency == "EUR"
    assert headline(quote, Formatter("en_US")).startswith(
        "Blocked: unpaid invoice €41.40\u00a0EUR")


def test_a_euro_clients_store_price_is_read_in_euros(
        url: str, store: DemoStore, tmp_path: Path) -> None:
    """UpgradeProduct's price is formatted by WHMCS in the client's currency
    ("€-8.67 EUR"); an answer in another currency is refused naming both."""
    session = session_for(url, tmp_path)
    snapshot = session.fetch(EURO_CLIENT)
    lic = next(lic for _, lic, _ in snapshot.licenses if lic.service_id == 1102)
    one_cpu = next(p.pid for p in store.products.values()
                   if p.name == f"{LITESPEED.title} 1-CPU")
    answer = session.client.call("UpgradeProduct", serviceid=1102, type="product",
                                 calconly=True, newproductid=one_cpu,
                                 newproductbillingcycle="monthly",
                                 paymentmethod="banktransfer")
    assert answer["price"].startswith("€-")
    assert answer["price"].endswith(" EUR")
    said = session.store_price(lic, catalog_of(snapshot), new_pid=one_cpu,
                               new_cycle="monthly", new_quantity=None)
    assert said.price is not None
    assert said.price < 0
    store.clients[EURO_CLIENT].currency_code = "USD"  # the store now answers in dollars
    with pytest.raises(StoreError) as caught:
        session.store_price(lic, catalog_of(snapshot), new_pid=one_cpu,
                            new_cycle="monthly", new_quantity=None)
    assert "USD" in str(caught.value)
    assert "EUR" in str(caught.value)


def test_whmcs_formats_prices_with_the_currencys_prefix_and_suffix() -> None:
    assert format_currency(Decimal("-8.67"), "USD") == "$-8.67 USD"  # the docs' example
    assert format_currency(Decimal("-8.67"), "EUR") == "€-8.67 EUR"
    assert format_currency(Decimal("-1300.5"), "JPY") == "¥-1,301 JPY"


def add_yen_client(store: DemoStore, unpaid: str) -> None:
    """A client paying in JPY with one monthly 1-CPU license and an unpaid invoice."""
    store.clients[YEN_CLIENT] = Client(YEN_CLIENT, "Hana", "Sato", "Sakura Servers",
                                       "hana@sakura.example", currency_code="JPY")
    pid = next(p.pid for p in store.products.values()
               if p.name == f"{LITESPEED.title} 1-CPU")
    start = store.today - timedelta(days=15)
    yen = LITESPEED.plans["1-cpu"].prices["monthly"] * JPY_RATE
    store.services[5001] = Service(5001, YEN_CLIENT, pid, "monthly", start,
                                   add_date_months(start, 1), yen, "198.51.100.50")
    store.invoices[9501] = Invoice(9501, YEN_CLIENT, store.today, [(5001, Decimal(unpaid),
                                                                    "1-CPU renewal")])


def test_a_yen_amount_has_no_decimals(url: str, store: DemoStore, tmp_path: Path) -> None:
    yen = LITESPEED.plans["1-cpu"].prices["monthly"] * JPY_RATE  # 36 USD: 5,400 yen
    add_yen_client(store, f"{yen:.2f}")  # WHMCS writes two decimals: "5400.00"
    snapshot = session_for(url, tmp_path).fetch(YEN_CLIENT)
    catalog = catalog_of(snapshot)
    assert (catalog.currency, catalog.digits) == ("JPY", 0)
    assert catalog.plans["1-cpu"].prices["monthly"] == yen
    assert unpaid_of(snapshot, 5001) == yen
    assert Formatter("en_US").money(catalog.money(unpaid_of(snapshot, 5001))) == \
        "¥5,400 JPY"


def test_a_yen_amount_with_decimals_is_a_store_error(
        url: str, store: DemoStore, tmp_path: Path) -> None:
    add_yen_client(store, "5400.50")  # half a yen: not money in JPY
    with pytest.raises(StoreError) as caught:
        session_for(url, tmp_path).fetch(YEN_CLIENT)
    assert str(caught.value) == ("the store's GetInvoice (invoice 1) answer: "
                                 "items.item[0].amount is 5400.50 JPY, more decimals than "
                                 "JPY has (0)")


def test_a_product_not_priced_in_the_clients_currency_is_not_sold_to_it(
        url: str, store: DemoStore, tmp_path: Path) -> None:
    add_yen_client(store, "5400.00")
    two_cpus = [p for p in store.products.values() if p.name == f"{LITESPEED.title} 2-CPU"]
    two_cpu = next(p for p in two_cpus if not p.hidden)
    for product in two_cpus:  # the visible one and the hidden special deal: no yen price
        product.currencies = ("USD", "EUR")
    snapshot = session_for(url, tmp_path).fetch(YEN_CLIENT)
    yen = catalog_of(snapshot)
    assert set(yen.plans["2-cpu"].prices) == {"owned"}  # only its owned product has yen
    assert yen.plans["1-cpu"].prices["monthly"] == \
        LITESPEED.plans["1-cpu"].prices["monthly"] * JPY_RATE
    assert (f"LiteSpeed Web Server: the store does not price '{two_cpu.name}' in JPY, the "
            "client's currency: not sold to this client") in snapshot.errors


def test_an_invoice_in_another_currency_is_refused_by_name(
        url: str, store: DemoStore, tmp_path: Path) -> None:
    store.invoices[9103] = Invoice(9103, EURO_CLIENT, store.today,
                                   [(1101, Decimal("36.00"), "1-CPU renewal")],
                                   currency="USD")
    with pytest.raises(StoreError) as caught:
        session_for(url, tmp_path).fetch(EURO_CLIENT)
    said = str(caught.value)
    assert "\n" not in said
    assert said.startswith("unpaid invoice #9103 of client 3 is in USD, the client pays "
                           "in EUR")


def test_the_cache_keeps_the_clients_currency(url: str, store: DemoStore,
                                              tmp_path: Path) -> None:
    session = session_for(url, tmp_path)
    session.fetch(EURO_CLIENT)
    cached = session.load_cached(EURO_CLIENT)
    assert cached is not None
    assert cached.cached
    assert cached.currency == "EUR"
    assert catalog_of(cached).currency == "EUR"
    assert unpaid_of(cached, 1102) == eur(LITESPEED.plans["2-cpu"].prices["monthly"])


def test_an_older_cache_without_the_clients_details_is_discarded(tmp_path: Path) -> None:
    session = session_for("http://127.0.0.1:9", tmp_path)
    older = session.folder / f"client-{EURO_CLIENT}.json"
    older.parent.mkdir(parents=True)
    # Version 1, the cache before GetClientsDetails: answers the app would otherwise read.
    assert CACHE_VERSION > 1
    older.write_text(json.dumps({"version": 1, "fetched_at": NOW.isoformat(),
                                 "client_id": EURO_CLIENT, "GetProducts": {"products": ""},
                                 "GetClientsProducts": {"products": ""},
                                 "GetInvoices": {"invoices": ""}, "GetInvoice": []}))
    assert session.load_cached(EURO_CLIENT) is None
    assert not older.exists()
    assert session.cache_problem == ("the cached copy could not be read (it is not a cache "
                                     "file of this version) and was removed")


# --- a 1,500-service client in euros ----------------------------------------------------


@pytest.fixture
def bulk(store: DemoStore, url: str) -> str:
    store.add_bulk_client(BULK, 1500, unpaid=30, currency="EUR")
    return url


def test_store_licenses_of_a_bulk_euro_client_is_complete(
        bulk: str, tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LIC_STORE_SECRET", "s3cr3t-value")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    argv = ["store", "licenses", "--url", bulk, "--identifier", "demo-id", "--client-id",
            str(BULK)]
    assert main([*argv, "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["currency"] == "EUR"
    assert len(data["licenses"]) == 1500
    monthly = eur(LITESPEED.plans["1-cpu"].prices["monthly"])
    unpaid = [row["unpaid"] for row in data["licenses"] if row["unpaid"] != "0"]
    assert unpaid == [str(monthly)] * 30
    assert main(["--locale", "en_US", *argv]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("1,500 licenses")
    assert "unpaid EUR" in lines[1].split("\t")
    assert len(lines) == 2 + 1500


def test_the_licenses_tab_shows_a_bulk_euro_client_in_euros(
        qtbot: QtBot, window: MainWindow, bulk: str, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("lic_desktop.gui.store_tab.store_cache_dir", lambda: tmp_path / "c")
    tab = window.store_tab
    with qtbot.waitSignal(tab.finished, timeout=30_000) as done:
        assert tab.connect_with(bulk, "demo-id", "s3cr3t-value", BULK)
    assert done.args[0] is True
    assert tab.model.rowCount() == 1500
    monthly = eur(LITESPEED.plans["1-cpu"].prices["monthly"])
    expected = f"{babel_currency(monthly, 'EUR', locale='en_US')} EUR"  # "€32.40 EUR"
    cells = [tab.model.index(r, LicenseColumn.UNPAID).data() for r in range(1500)]
    assert cells.count(expected) == 30
    assert set(cells) == {"", expected}
    assert "Amounts in EUR, the client's currency." in tab.message.text().splitlines()


def test_the_demo_answers_getclientsdetails_as_whmcs_documents_it(
        url: str, store: DemoStore, tmp_path: Path) -> None:
    """The documented shape (the `client` object, its `currency` id and `currency_code`,
    and the deprecated top-level copy) and the page's two error messages."""
    client = session_for(url, tmp_path).client
    answer = client.call("GetClientsDetails", clientid=EURO_CLIENT)
    documented = recorded("getclientsdetails")["client"]
    assert {"id", "userid", "client_id", "firstname", "lastname", "fullname", "companyname",
            "email", "currency", "currency_code", "status"} <= set(documented)
    for key in ("id", "firstname", "companyname", "email", "currency", "currency_code"):
        assert type(answer["client"][key]) is type(documented[key]), key
        assert answer[key] == answer["client"][key]  # the deprecated top-level copy
    assert answer["client"]["currency_code"] == "EUR"
    assert answer["client"]["currency"] == CURRENCIES["EUR"].id
    by_email = client.call("GetClientsDetails", email=store.clients[EURO_CLIENT].email)
    assert by_email["client"]["id"] == EURO_CLIENT
    for asked, said in (({"clientid": 999}, "Client Not Found"),
                        ({}, "Either clientid Or email Is Required")):
        with pytest.raises(StoreError) as caught:
            client.call("GetClientsDetails", **asked)
        assert said in str(caught.value)


def test_the_catalogs_fee_is_not_carried_into_another_currency(
        url: str, store: DemoStore, tmp_path: Path) -> None:
    """The owned-to-leased processing fee is the catalog's, in USD: a client paying in EUR
    is not charged "25.00" euros; a note says the estimate leaves it out."""
    owned = next(p for p in store.products.values()
                 if p.name == f"{LITESPEED.title} 2-CPU (owned)")
    store.services[1103] = Service(1103, EURO_CLIENT, owned.pid, "onetime",
                                   store.today - timedelta(days=100), store.today,
                                   eur(LITESPEED.plans["2-cpu"].prices["owned"]),
                                   "192.0.2.33")
    snapshot = session_for(url, tmp_path).fetch(EURO_CLIENT)
    assert catalog_of(snapshot).processing_fee == 0
    assert (f"LiteSpeed Web Server: its processing fee ({LITESPEED.processing_fee} USD) has "
            "no EUR amount: owned-to-leased estimates in EUR leave it out") in snapshot.errors
