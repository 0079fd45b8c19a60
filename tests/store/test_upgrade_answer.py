"""The store's own upgrade price (#13 points 8 and 10): WHMCS's UpgradeProduct calconly
answer read as documented (developers.whmcs.com/api-reference/upgradeproduct, the
recorded example), and the demo store pricing and refusing as WHMCS does, over HTTP."""

from __future__ import annotations

import json
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

import httpx
import pytest

from lic_desktop.catalogs import load_catalog
from lic_desktop.cli import main
from lic_desktop.store.demo import DemoStore, Invoice, Upgrade
from tests.store.conftest import TODAY, session_for

FIXTURES = Path(__file__).parents[1] / "fixtures" / "whmcs_docs"
CENT = Decimal("0.01")


class Recorded:
    """A store client answering UpgradeProduct with a recorded body."""

    def __init__(self, body: dict[str, Any]) -> None:
        self.body = body
        self.url = "https://store.example.com"

    def call(self, action: str, **params: Any) -> dict[str, Any]:
        assert (action, params["calconly"]) == ("UpgradeProduct", True)
        return self.body


def store_price_of(demo: tuple[DemoStore, str], tmp_path: Path, body: dict[str, Any],
                   **change: Any) -> Any:
    """The store's price of a change of license 1001 (servers) or 1002 (1-CPU), the
    store answering with `body`."""
    _, url = demo
    session = session_for(url, tmp_path)
    snapshot = session.fetch(1)
    service = 1001 if "new_quantity" in change else 1002
    name, lic, _ = next(x for x in snapshot.licenses if x[1].service_id == service)
    catalog = load_catalog(str(snapshot.catalogs[name]))
    session.client = Recorded(body)  # type: ignore[assignment]
    return session.store_price(lic, catalog, **{"new_pid": None, "new_cycle": None,
                                                "new_quantity": None, **change})


def test_the_documented_answer_is_read(demo: tuple[DemoStore, str], tmp_path: Path) -> None:
    recorded = json.loads((FIXTURES / "upgradeproduct.json").read_text())
    answer = store_price_of(demo, tmp_path, recorded, new_pid=203)
    assert answer.price == Decimal("-8.67")  # "$-8.67 USD"
    assert (answer.days, answer.total_days) == (13, 30)
    assert (answer.old_name, answer.new_name, answer.new_cycle) == ("5 Years", "4 Years",
                                                                    "monthly")
    assert not answer.in_progress
    from lic_desktop.present.store_check import counted_text  # noqa: PLC0415 - new

    assert counted_text(answer) == "5 Years → 4 Years; 13 of 30 days until the renewal"


def test_a_configoptions_answer_with_only_the_documented_fields_has_no_figure(
        demo: tuple[DemoStore, str], tmp_path: Path) -> None:
    # All the page documents for type=configoptions: result and upgradeinprogress.
    answer = store_price_of(demo, tmp_path, {"result": "success", "upgradeinprogress": False},
                            new_quantity=16)
    assert answer.price is None
    assert not answer.in_progress
    assert answer.counted == "10 → 16 servers"


def check_upgrade(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
                  url: str, *options: str) -> tuple[int, list[str], str]:
    monkeypatch.setenv("LIC_STORE_SECRET", "s3cr3t-value")
    code = main(["store", "check-upgrade", "--url", url, "--identifier", "demo-id",
                 "--at", "2022-11-16 10:00", *options])
    out, err = capsys.readouterr()
    return code, out.splitlines(), err


def test_no_price_in_a_configoptions_answer_is_said_plainly(
        demo: tuple[DemoStore, str], capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    store, url = demo
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    # A store answering a server-count upgrade with what the docs document, no figure.
    answer = store.answer

    def documented(form: dict[str, str], ip: str = "127.0.0.1") -> tuple[int, dict[str, Any]]:
        if form.get("type") == "configoptions":
            return 200, {"result": "success", "upgradeinprogress": 0}
        return answer(form, ip)

    monkeypatch.setattr(store, "answer", documented)
    code, lines, err = check_upgrade(capsys, monkeypatch, url, "--service", "1001",
                                     "--to-quantity", "16")
    assert (code, err) == (0, "")
    assert lines[1:] == ["store:       the store's answer has no price to compare with "
                         "(WHMCS documents none for a configurable-option upgrade)"]


def unpaid_upgrade(store: DemoStore, service: int) -> None:
    """An upgrade order of `service` whose invoice is unpaid (WHMCS's tblupgrades)."""
    store.invoices[9100] = Invoice(9100, 1, store.today, [(77, Decimal("5.00"), "Upgrade")])
    store.upgrades[77] = Upgrade(77, service, 9100)


def test_an_upgrade_in_progress_blocks_and_compares_nothing(
        demo: tuple[DemoStore, str], capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    store, url = demo
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    unpaid_upgrade(store, 1002)
    code, lines, err = check_upgrade(capsys, monkeypatch, url, "--service", "1002",
                                     "--to-plan", "2-cpu")
    assert (code, err) == (0, "")
    assert lines[1:] == ["store:       the store has an upgrade of this license in progress "
                         "(an unpaid upgrade order): WHMCS refuses another change until it "
                         "is paid"]
    code, lines, err = check_upgrade(capsys, monkeypatch, url, "--service", "1002",
                                     "--to-plan", "2-cpu", "--format", "json")
    data = json.loads("\n".join(lines))
    assert (data["upgrade_in_progress"], data["store"]) == (True, None)


def test_the_demo_prorates_a_cycle_change_as_whmcs_documents(
        demo: tuple[DemoStore, str], tmp_path: Path) -> None:
    """The issue's example: 1-CPU monthly $36 to 2-CPU annually $460, 15 of 30 days left
    (service 1002: Nov 1 -> Dec 1 2022, today Nov 16)."""
    _, url = demo
    session = session_for(url, tmp_path)
    snapshot = session.fetch(1)
    _, lic, _ = next(x for x in snapshot.licenses if x[1].service_id == 1002)
    catalog = load_catalog(str(snapshot.catalogs["litespeed"]))
    answer = session.store_price(lic, catalog, new_pid=203, new_cycle="annually",
                                 new_quantity=None)
    due = date(2022, 12, 1)
    days = (due - TODAY).days  # 15
    old_cycle = (due - date(2022, 11, 1)).days  # 30
    new_cycle = (due - date(2021, 12, 1)).days  # 365: the new cycle ending on the due date
    debited = (Decimal(460) / new_cycle * days).quantize(CENT, rounding=ROUND_HALF_UP)
    credited = Decimal(36) / old_cycle * days
    assert answer.price == (debited - credited).quantize(CENT) == Decimal("0.90")
    assert (answer.days, answer.total_days) == (15, 30)
    assert (answer.old_name, answer.new_name) == ("LiteSpeed Web Server 1-CPU",
                                                  "LiteSpeed Web Server 2-CPU")


def test_the_demo_charges_a_one_time_purchase_in_full(
        demo: tuple[DemoStore, str], tmp_path: Path) -> None:
    """WHMCS on a One Time service: the new price in full less the one-time amount paid,
    renewing one cycle (30 days) from today: owned 2-CPU ($899) to a monthly 4-CPU."""
    _, url = demo
    session = session_for(url, tmp_path)
    snapshot = session.fetch(2)
    _, lic, _ = next(x for x in snapshot.licenses if x[1].service_id == 1003)
    catalog = load_catalog(str(snapshot.catalogs["litespeed"]))
    answer = session.store_price(lic, catalog, new_pid=204, new_cycle="monthly",
                                 new_quantity=None)
    assert answer.price == catalog.plans["4-cpu"].prices["monthly"] - Decimal("899.00")
    assert (answer.days, answer.total_days) == (30, 30)


def raw(url: str, **form: Any) -> dict[str, Any]:
    """An UpgradeProduct call as any API client may send it (lic-desktop never orders)."""
    answer = httpx.post(f"{url}/includes/api.php", data={
        "action": "UpgradeProduct", "identifier": "demo-id", "secret": "s3cr3t-value",
        "responsetype": "json", **form})
    data: dict[str, Any] = answer.json()
    return data


def test_the_demo_refuses_with_whmcss_own_messages(demo: tuple[DemoStore, str]) -> None:
    store, url = demo
    product = {"type": "product", "newproductid": "203", "newproductbillingcycle": "monthly"}
    assert raw(url, serviceid="999", calconly="true", **product)["message"] == \
        "Service ID Not Found"
    assert raw(url, serviceid="1002", calconly="true", type="addon")["message"] == \
        "Invalid Upgrade Type"
    # An order (no calconly): WHMCS checks the payment method against its gateways.
    assert raw(url, serviceid="1002", **product)["message"] == \
        "Invalid Payment Method. Valid options include banktransfer,paypal"
    assert raw(url, serviceid="1002", paymentmethod="paypal", **product)["message"] == \
        'Invalid Permissions: API action "upgradeproduct" is not allowed'
    unpaid_upgrade(store, 1002)
    assert raw(url, serviceid="1002", paymentmethod="paypal", **product)["message"] == \
        "Unable to accept upgrade order. Previous upgrade invoice for service is still unpaid."
    said = raw(url, serviceid="1002", calconly="true", **product)
    assert (said["result"], said["upgradeinprogress"]) == ("success", 1)
