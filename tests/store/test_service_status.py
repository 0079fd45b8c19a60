"""Services that cannot be changed (#13 point 4): WHMCS's statuses Pending, Terminated,
Cancelled, Fraud and Completed are listed apart by `store licenses` and refused by
`store check-upgrade`; only Active and Suspended ones are quoted
(developers.whmcs.com/api-reference/getclientsproducts)."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from lic_desktop.cli import main
from lic_desktop.store.client import StoreError
from lic_desktop.store.demo import DemoStore
from tests.faults.fault_store import IDENTIFIER, SECRET, FaultStore, json_answer
from tests.store.test_paging import session

WHY = "only Active and Suspended licenses can be changed"


def run(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
        url: str, *argv: str) -> tuple[int, str, str]:
    monkeypatch.setenv("LIC_STORE_SECRET", "s3cr3t-value")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    code = main(["--locale", "en_US", "store", *argv, "--url", url, "--identifier",
                 "demo-id"])
    out, err = capsys.readouterr()
    return code, out, err


def test_licenses_lists_the_terminated_ones_apart(
        demo: tuple[DemoStore, str], capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    store, url = demo
    statuses = {s.id: s.status for s in store.services.values() if s.clientid == 1}
    assert sorted(statuses.values()) == ["Active", "Active", "Cancelled", "Fraud",
                                         "Terminated"]
    store.services[1002].status = "Suspended"  # still changeable in WHMCS
    code, out, _ = run(capsys, monkeypatch, tmp_path, url, "licenses", "--format", "json")
    assert code == 0
    data = json.loads(out)
    listed = [(x["service"], x["quotable"], x["why"]) for x in data["licenses"]]
    assert listed == [
        (1001, True, ""), (1002, True, ""),
        (1005, False, f"License 1005 is Terminated in the store: {WHY}"),
        (1006, False, f"License 1006 is Cancelled in the store: {WHY}"),
        (1007, False, f"License 1007 is Fraud in the store: {WHY}")]
    assert data["counts"] == {"quotable": 2, "not_quotable": 3,
                              "by_status": {"Terminated": 1, "Cancelled": 1, "Fraud": 1}}

    code, out, _ = run(capsys, monkeypatch, tmp_path, url, "licenses")
    assert code == 0
    head, apart = out.split("\n\n")
    assert head.splitlines()[0].startswith("2 licenses (as of ")
    assert [line.split("\t")[6] for line in head.splitlines()[2:]] == ["Active", "Suspended"]
    assert apart.splitlines()[0] == ("3 licenses that cannot be changed (only Active and "
                                     "Suspended ones can): 1 Terminated, 1 Cancelled, "
                                     "1 Fraud")
    assert [line.split("\t")[6] for line in apart.splitlines()[2:]] == [
        "Terminated", "Cancelled", "Fraud"]


def test_check_upgrade_on_a_terminated_license_exits_2_saying_why(
        demo: tuple[DemoStore, str], capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    _, url = demo
    code, out, err = run(capsys, monkeypatch, tmp_path, url, "check-upgrade",
                         "--service", "1005", "--to-plan", "2-cpu")
    assert (code, out) == (2, "")
    assert err.splitlines() == [
        f"lic-desktop: --service: License 1005 is Terminated in the store: {WHY}"]
    code, out, err = run(capsys, monkeypatch, tmp_path, url, "check-upgrade",
                         "--client-id", "2", "--service", "1008", "--to-plan", "2-cpu")
    assert (code, out) == (2, "")
    assert err.splitlines() == [
        "lic-desktop: --service: License 1008 is Pending in the store: its order is not "
        "accepted yet, and only Active and Suspended licenses can be changed"]


def test_a_service_that_cannot_be_changed_and_cannot_be_read_is_left_out(
        tmp_path: Path) -> None:
    """A real store may keep a Terminated service with no due date ("0000-00-00" on a
    monthly one): that one is left out with a line saying so, the others are listed; the
    same on an Active service is still a store error naming the field."""
    def no_due_date(service: str) -> Callable[[str, dict[str, Any]], None]:
        def spoil(action: str, data: dict[str, Any]) -> None:
            if action == "GetClientsProducts":
                for product in data["products"]["product"]:
                    if product["id"] == service:
                        product["nextduedate"] = "0000-00-00"
        return spoil

    server = FaultStore()
    try:
        server.answer = json_answer(server.store, no_due_date("1005"))  # Terminated
        snapshot = session(server.url(), tmp_path, IDENTIFIER, SECRET).fetch(1)
        listed = sorted(lic.service_id for _, lic, _ in snapshot.licenses)
        assert listed == [1001, 1002, 1006, 1007]
        assert any(line.startswith("LiteSpeed Web Server: a Terminated service is not "
                                   "listed: ") and "(license 1005)" in line
                   for line in snapshot.errors)
        server.answer = json_answer(server.store, no_due_date("1002"))  # Active
        with pytest.raises(StoreError) as caught:
            session(server.url(), tmp_path / "again", IDENTIFIER, SECRET).fetch(1)
        assert "(license 1002)" in str(caught.value)
    finally:
        server.stop()
