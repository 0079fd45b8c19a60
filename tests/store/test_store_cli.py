"""`lic-desktop store ...` against the demo store, and where the secret may live."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from lic_desktop.catalogs import load_all_embedded
from lic_desktop.cli import main
from lic_desktop.store.client import Credentials, StoreClient
from lic_desktop.store.convert import rows
from lic_desktop.store.demo import DemoStore
from lic_desktop.store.paging import read_all
from lic_desktop.store.secrets import read_secret, save_secret
from tests.store.conftest import MemoryKeyring


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_licenses_and_upgrade_check(demo: tuple[DemoStore, str], tmp_path: Path,
                                    capsys: pytest.CaptureFixture[str],
                                    monkeypatch: pytest.MonkeyPatch) -> None:
    _, url = demo
    monkeypatch.setenv("LIC_STORE_SECRET", "s3cr3t-value")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    code, out, _ = run(capsys, "store", "licenses", "--url", url, "--identifier", "demo-id",
                       "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert data["cached"] is False
    assert [(x["service"], x["unpaid"]) for x in data["licenses"] if x["quotable"]] == [
        (1001, "0"), (1002, "36.00")]
    code, out, _ = run(capsys, "store", "check-upgrade", "--url", url, "--identifier",
                       "demo-id", "--service", "1002", "--to-plan", "2-cpu",
                       "--at", "2022-11-16 10:00")
    assert code == 0
    # Nov 1 -> Dec 1, 15 days left at 10:00 on the 16th: (46 - 36) x 15 / 30 = 5.00,
    # and the demo store's WHMCS proration over its 15 days until renewal agrees.
    assert out.splitlines() == [
        "lic-desktop: $5.00 USD (difference policy; 15 of 30 days left)",
        "store:       $5.00 USD (LiteSpeed Web Server 1-CPU → LiteSpeed Web Server 2-CPU; "
        "15 of 30 days until the renewal)",
        "The store agrees to the cent."]


def test_no_secret_is_a_clear_error(capsys: pytest.CaptureFixture[str],
                                    monkeypatch: pytest.MonkeyPatch,
                                    memory_keyring: MemoryKeyring) -> None:
    monkeypatch.delenv("LIC_STORE_SECRET", raising=False)
    code, _, err = run(capsys, "store", "licenses", "--url", "https://store.example.com",
                       "--identifier", "x")
    assert code == 2
    assert "LIC_STORE_SECRET" in err


def test_the_secret_goes_to_the_keyring(memory_keyring: MemoryKeyring,
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("LIC_STORE_SECRET", raising=False)
    assert save_secret("https://store.example.com/", "api-id", "t0ps3cret") is None
    assert read_secret("https://store.example.com", "api-id") == "t0ps3cret"
    assert list(memory_keyring.saved.values()) == ["t0ps3cret"]


def test_text_output_is_a_table_and_never_dates_are_blank(
        demo: tuple[DemoStore, str], tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    _, url = demo
    monkeypatch.setenv("LIC_STORE_SECRET", "s3cr3t-value")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    store = ("store", "--url", url, "--identifier", "demo-id")
    code, out, _ = run(capsys, *store[:1], "products", *store[1:])
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == "pid\tname\tpaytype\ttype\tstanding\tmatches"
    assert len(lines) > 2
    assert not out.lstrip().startswith("{")  # a table, not the store's JSON
    code, out, _ = run(capsys, *store[:1], "products", *store[1:], "--format", "json")
    assert json.loads(out)["result"] == "success"
    code, out, _ = run(capsys, *store[:1], "licenses", *store[1:])
    assert code == 0
    assert "0000-00-00" not in out  # WHMCS's "never" shows as nothing


def test_the_licenses_line_counts_in_words(
        demo: tuple[DemoStore, str], tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    store, url = demo
    monkeypatch.setenv("LIC_STORE_SECRET", "s3cr3t-value")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    for client, words in ((1, "2 licenses ("), (2, "1 license (")):
        assert sum(1 for s in store.services.values() if s.clientid == client
                   and s.status == "Active") == int(words[0])
        code, out, _ = run(capsys, "--locale", "en_US", "store", "licenses", "--url", url,
                           "--identifier", "demo-id", "--client-id", str(client))
        assert code == 0
        assert out.splitlines()[0].startswith(words), out


def test_store_demo_names_the_clients_as_its_data_has_them(tmp_path: Path) -> None:
    """`lic-desktop store-demo` as a user runs it: its banner's counts are what the store
    then answers (client 1 has 2 licenses, not 3)."""
    demo = subprocess.Popen(
        [sys.executable, "-m", "lic_desktop", "store-demo", "--port", "0"],
        stdout=subprocess.PIPE, text=True, cwd=tmp_path,
        env={**os.environ, "XDG_CACHE_HOME": str(tmp_path)})
    try:
        assert demo.stdout is not None
        banner = []
        for line in demo.stdout:
            banner.append(line.rstrip("\n"))
            if line.startswith("Press Ctrl+C"):
                break
        fields = dict(line.split(": ", 1) for line in banner[1:-1])
        url = banner[0].removeprefix("Demo store at ")
        client = StoreClient(Credentials(url, fields["identifier"], fields["secret"]))
        with client:
            statuses = {c: sorted(s["status"] for s in rows(client.call(
                "GetClientsProducts", clientid=c).get("products"), "product"))
                for c in (1, 2)}
            # The large client, to try paging with: the banner's count, read whole.
            bulk = read_all(client, "GetClientsProducts", clientid=7)["numreturned"]
    finally:
        demo.terminate()  # not Ctrl+C: a background job may have SIGINT ignored
        demo.wait(timeout=20)
    assert statuses == {1: ["Active", "Active", "Cancelled", "Fraud", "Terminated"],
                        2: ["Active", "Pending"]}
    assert fields["clients"].startswith("1 (Acme Hosting: 2 licenses, 1 unpaid invoice, "
                                        "1 Terminated, 1 Cancelled, 1 Fraud), "
                                        "2 (Bernd Müller: 1 license, owned, 1 Pending)")
    assert "7 (Bulk Reseller 7: 1,500 licenses, 40 unpaid invoices)" in fields["clients"]
    assert bulk == 1500


def test_the_demo_stores_owned_sample_is_answered(
        demo: tuple[DemoStore, str], capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    """The banner's own sample (issue #12: it ended in "Server disconnected"): an owned
    2-CPU license to the owned 4-CPU is the difference of the two owned prices (SPEC.md),
    and the store, asked for the owned product, agrees."""
    _, url = demo
    monkeypatch.setenv("LIC_STORE_SECRET", "s3cr3t-value")
    sample = ("store", "check-upgrade", "--url", url, "--identifier", "demo-id",
              "--client-id", "2", "--service", "1003", "--to-plan", "4-cpu")
    code, out, err = run(capsys, *sample)
    assert (code, err) == (0, "")
    litespeed = next(c for c in load_all_embedded() if c.name == "litespeed")
    owned = next(key for key, c in litespeed.cycles.items() if c.perpetual)
    difference = (litespeed.plans["4-cpu"].prices[owned]
                  - litespeed.plans["2-cpu"].prices[owned])
    assert out.splitlines()[1:] == [
        f"store:       ${difference:,.2f} USD (LiteSpeed Web Server 2-CPU (owned) → "
        "LiteSpeed Web Server 4-CPU (owned))", "The store agrees to the cent."]
    # Owned to leased: WHMCS charges the new cycle's price in full less the one-time
    # amount paid, renewing a cycle (30 days) from today.
    code, out, err = run(capsys, *sample, "--to-cycle", "monthly")
    assert (code, err) == (0, "")
    leased = litespeed.plans["4-cpu"].prices["monthly"] - litespeed.plans["2-cpu"].prices[owned]
    assert out.splitlines()[1] == (
        f"store:       -${-leased:,.2f} USD (LiteSpeed Web Server 2-CPU (owned) → "
        "LiteSpeed Web Server 4-CPU; 30 of 30 days until the renewal)")
