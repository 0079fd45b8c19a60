"""Issue #13, point 7 (the invoice side): an unpaid renewal (invoice item of type
"Hosting", relid = the service) and an unpaid upgrade order (type "Upgrade", relid = the
upgrade order's id, not the service's) both block a license's change: WHMCS refuses
another upgrade while an upgrade invoice is unpaid ("Previous upgrade invoice for service
is still unpaid", developers.whmcs.com/api-reference/upgradeproduct). The upgrade's
license is the one its WHMCS-written description names; otherwise a note says so.
Other item types are no license's. Recorded answers and the demo store over HTTP."""

from __future__ import annotations

import copy
import json
import tempfile
from dataclasses import replace
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given
from hypothesis import settings as settings_
from hypothesis import strategies as st
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from lic_desktop import l10n
from lic_desktop.catalogs import load_all_embedded, load_catalog
from lic_desktop.cli import main
from lic_desktop.core.engine import make_quote
from lic_desktop.gui.main_window import MainWindow
from lic_desktop.present.store_view import LicenseColumn
from lic_desktop.store.blocking import UnpaidItem, blocking_items
from lic_desktop.store.client import StoreError
from lic_desktop.store.currency import client_currency
from lic_desktop.store.demo import DemoStore
from lic_desktop.store.session import StoreSession
from tests.faults.test_store_faults import JSON_VALUES, CannedClient, _paths, clean_line
from tests.gui.conftest import collect_on_the_gui_thread_only, settings, window
from tests.store.conftest import NOW, session_for

__all__ = ["collect_on_the_gui_thread_only", "settings", "window"]  # the GUI fixtures

DOCS = Path(__file__).parent.parent / "fixtures" / "whmcs_docs"
EURO_CLIENT, UPGRADED, UPGRADE_INVOICE = 3, 1101, 9101  # the demo's sample


def recorded(name: str) -> dict[str, Any]:
    result: dict[str, Any] = json.loads((DOCS / f"{name}.json").read_text(encoding="utf-8"))
    return result


USD = client_currency(recorded("getclientsdetails"), l10n.currency_digits)


def invoice_with(*items: dict[str, Any]) -> dict[str, Any]:
    """The recorded GetInvoice answer with other items on it."""
    answer = copy.deepcopy(recorded("getinvoice"))
    answer["items"]["item"] = list(items)
    return answer


def upgrade_item(description: str, relid: int = 44) -> dict[str, Any]:
    return {"id": 2, "type": "Upgrade", "relid": relid, "description": description,
            "amount": "5.00", "taxed": 0}


def test_the_recorded_invoice_blocks_its_hosting_service() -> None:
    """getinvoice.json: one Hosting item, relid 1, 15.95: service 1's renewal."""
    owed, notes = blocking_items([recorded("getinvoice")], recorded("getclientsproducts"),
                                 USD)
    assert owed == {1: [UnpaidItem("1", "renewal", Decimal("15.95"))]}
    assert notes == []


@pytest.mark.parametrize("description", [
    # WHMCS's older description, then its newer one (the new recurring and credit lines)
    "Upgrade/Downgrade: Plus - demodomain2.net\nPlus => Starter (01/01/2016 - 20/01/2017)",
    "Upgrade/Downgrade: Plus - demodomain2.net\nNew Recurring Amount: $12.95 USD\n"
    "Credit Amount: $5.00 USD",
])
def test_an_upgrade_item_blocks_the_license_its_description_names(description: str) -> None:
    """relid 44 is the upgrade order, not a service: the domain says which license."""
    owed, notes = blocking_items([invoice_with(upgrade_item(description))],
                                 recorded("getclientsproducts"), USD)
    assert owed == {2: [UnpaidItem("1", "upgrade", Decimal("5.00"))]}
    assert 44 not in owed
    assert notes == []


def test_an_upgrade_item_naming_no_license_is_said_and_blocks_none() -> None:
    owed, notes = blocking_items(
        [invoice_with(upgrade_item("Upgrade/Downgrade: Plus - other.example\nPlus => "
                                   "Starter (01/01/2016 - 20/01/2017)"))],
        recorded("getclientsproducts"), USD)
    assert owed == {}
    assert notes == ["the client has an unpaid upgrade invoice #1 for a license the store "
                     "does not name: it blocks that license's changes in the store"]


def test_an_upgrade_item_naming_several_licenses_is_said_and_blocks_none() -> None:
    services = copy.deepcopy(recorded("getclientsproducts"))
    for service in services["products"]["product"]:
        service["domain"], service["name"] = "shared.example", "Plus"
    owed, notes = blocking_items(
        [invoice_with(upgrade_item("Upgrade/Downgrade: Plus - shared.example\nPlus => "
                                   "Starter (01/01/2016 - 20/01/2017)"))], services, USD)
    assert owed == {}
    assert notes == ["the client has an unpaid upgrade invoice #1 naming several licenses "
                     "(1, 2): it blocks one of them in the store"]


def test_a_domain_is_named_as_a_whole_word() -> None:
    """demodomain.com is not named by "www.demodomain.com" nor "demodomain.com.au"."""
    for other in ("www.demodomain.com", "demodomain.com.au", "mydemodomain.com"):
        owed, _ = blocking_items(
            [invoice_with(upgrade_item(f"Upgrade/Downgrade: Starter - {other}\nx"))],
            recorded("getclientsproducts"), USD)
        assert owed == {}, other


def test_other_item_types_are_no_licenses() -> None:
    items = [{"id": n, "type": kind, "relid": 1, "description": kind, "amount": "3.00",
              "taxed": 0}
             for n, kind in enumerate(["AddFunds", "Invoice", "Item", "PromoHosting",
                                       "Domain", "Addon", "LateFee"], start=1)]
    owed, notes = blocking_items([invoice_with(*items)], recorded("getclientsproducts"), USD)
    assert (owed, notes) == ({}, [])


# --- the demo store over HTTP ----------------------------------------------------------


def test_the_demos_upgrade_invoice_is_whmcs_shaped(demo: tuple[DemoStore, str],
                                                   tmp_path: Path) -> None:
    store, url = demo
    assert store.upgrade_in_progress(UPGRADED)
    upgrade = next(u for u in store.upgrades.values() if u.service_id == UPGRADED)
    session = session_for(url, tmp_path)
    answer = session.client.call("GetInvoice", invoiceid=UPGRADE_INVOICE)
    (item,) = answer["items"]["item"]
    assert item["type"] == "Upgrade"
    assert item["relid"] == upgrade.id != UPGRADED
    assert item["description"].startswith("Upgrade/Downgrade: LiteSpeed Web Server 1-CPU - ")
    assert " => LiteSpeed Web Server 2-CPU (" in item["description"]
    listed = session.client.call("GetInvoices", userid=EURO_CLIENT, status="Unpaid")
    row = next(i for i in listed["invoices"]["invoice"] if i["id"] == UPGRADE_INVOICE)
    assert (row["currencycode"], row["currencyprefix"], row["currencysuffix"]) == \
        ("EUR", "€", " EUR")


def test_an_unpaid_upgrade_invoice_blocks_its_license(demo: tuple[DemoStore, str],
                                                     tmp_path: Path) -> None:
    store, url = demo
    owed = store.invoices[UPGRADE_INVOICE].items[0][1]
    snapshot = session_for(url, tmp_path).fetch(EURO_CLIENT)
    assert snapshot.unpaid_items[UPGRADED] == [UnpaidItem(str(UPGRADE_INVOICE), "upgrade",
                                                          owed)]
    index, unpaid = next((i, unpaid) for i, (_, lic, unpaid) in
                         enumerate(snapshot.licenses) if lic.service_id == UPGRADED)
    assert unpaid == owed
    scenario = snapshot.scenario(index, NOW)
    catalog = load_catalog(scenario.catalog)
    quote = make_quote(scenario.license(catalog), replace(scenario, to_plan="4-cpu").request())
    assert quote.blocked
    assert quote.license.unpaid.amount == owed


def test_store_licenses_names_the_blocking_invoice(
        demo: tuple[DemoStore, str], tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    store, url = demo
    monkeypatch.setenv("LIC_STORE_SECRET", "s3cr3t-value")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    argv = ["store", "licenses", "--url", url, "--identifier", "demo-id", "--client-id",
            str(EURO_CLIENT)]
    assert main([*argv, "--format", "json"]) == 0
    rows = {row["service"]: row for row in json.loads(capsys.readouterr().out)["licenses"]}
    owed = store.invoices[UPGRADE_INVOICE].items[0][1]
    assert rows[UPGRADED]["invoices"] == [{"invoice": str(UPGRADE_INVOICE),
                                           "kind": "upgrade", "amount": str(owed)}]
    assert rows[1102]["invoices"][0]["kind"] == "renewal"
    assert main(argv) == 0
    lines = capsys.readouterr().out.splitlines()
    header = lines[1].split("\t")
    by_ip = {line.split("\t")[1]: dict(zip(header, line.split("\t"), strict=True))
             for line in lines[2:]}
    assert by_ip["192.0.2.31"]["invoices"] == f"upgrade #{UPGRADE_INVOICE}"


def test_the_licenses_tab_says_which_invoice_blocks(
        qtbot: QtBot, window: MainWindow, demo: tuple[DemoStore, str], tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    store, url = demo
    monkeypatch.setattr("lic_desktop.gui.store_tab.store_cache_dir", lambda: tmp_path / "c")
    tab = window.store_tab
    with qtbot.waitSignal(tab.finished, timeout=10_000) as done:
        assert tab.connect_with(url, "demo-id", "s3cr3t-value", EURO_CLIENT)
    assert done.args[0] is True
    model = tab.model
    row = next(r for r in range(model.rowCount())
               if model.index(r, LicenseColumn.IP).data() == "192.0.2.31")
    tip = model.index(row, LicenseColumn.UNPAID).data(
        Qt.ItemDataRole.ToolTipRole)
    owed = store.invoices[UPGRADE_INVOICE].items[0][1]
    assert tip == (f"Changes to this license are blocked: unpaid upgrade invoice "
                   f"#{UPGRADE_INVOICE} (€{owed} EUR)")


@settings_(max_examples=80, deadline=None,
           suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(action=st.sampled_from(["GetClientsDetails", "GetInvoices", "GetInvoice",
                               "GetClientsProducts"]),
       pick=st.integers(0, 10_000), value=JSON_VALUES)
def test_the_euro_clients_answers_spoiled_are_a_snapshot_or_a_store_error(
        tmp_path: Path, action: str, pick: int, value: Any) -> None:
    """Client 3 (EUR, an upgrade invoice): any value anywhere in its currency, invoices
    or services is used or refused as a one-line store error, never a crash."""
    def spoil(called: str, data: dict[str, Any]) -> None:
        if called != action:
            return
        paths = [p for p in _paths(data) if p]
        where = paths[pick % len(paths)]
        parent = data
        for step in where[:-1]:
            parent = parent[step]
        parent[where[-1]] = value

    fuzz = StoreSession(CannedClient(spoil), load_all_embedded(),
                        Path(tempfile.mkdtemp(dir=tmp_path)), l10n.currency_digits,
                        now=lambda: NOW)
    try:
        snapshot = fuzz.fetch(EURO_CLIENT)
    except StoreError as exc:
        clean_line(str(exc))  # one printable line
    else:
        assert snapshot.currency
        for items in snapshot.unpaid_items.values():
            assert {item.kind for item in items} <= {"renewal", "upgrade"}
