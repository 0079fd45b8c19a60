"""Issue #13, point 1: a client's whole list is read, page after page (WHMCS answers
`limitnum` records from `limitstart`, 25 unless asked, and says `totalresults`), and a
store that lies about its pages is a store error naming the field, never a short list.
Every test runs against a real HTTP server on 127.0.0.1."""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from lic_desktop import l10n
from lic_desktop.catalogs import load_all_embedded
from lic_desktop.cli import main
from lic_desktop.store.client import Credentials, Limits, StoreClient, StoreError
from lic_desktop.store.demo import DemoStore, serve
from lic_desktop.store.session import StoreSession
from tests.faults.fault_store import IDENTIFIER, SECRET, FaultStore, json_answer
from tests.store.conftest import NOW, TODAY
from tests.store.test_timeouts import bounded

BULK = 7  # the client with 1,500 services
SERVICES = 1500  # the example: more than the 1,000 asked for once
UNPAID = 40  # more than WHMCS's default page of 25 invoices
SERVICE_IDS = list(range(BULK * 100000 + 1, BULK * 100000 + SERVICES + 1))
LIMITS = Limits(connect_seconds=2.0, read_seconds=5.0, deadline_seconds=10.0,
                backoff_seconds=0.01)


@pytest.fixture
def bulk() -> Iterator[str]:
    store = DemoStore(load_all_embedded(), today=TODAY, identifier="demo-id",
                      secret="s3cr3t-value")
    store.add_bulk_client(BULK, SERVICES, unpaid=UNPAID)
    server = serve(store)
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def session(url: str, cache: Path, identifier: str = "demo-id",
            secret: str = "s3cr3t-value") -> StoreSession:
    client = StoreClient(Credentials(url, identifier, secret), LIMITS, sleep=lambda s: None)
    return StoreSession(client, load_all_embedded(), cache, l10n.currency_digits,
                        now=lambda: NOW)


def cli(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
        *argv: str) -> tuple[int, str, str]:
    monkeypatch.setenv("LIC_STORE_SECRET", "s3cr3t-value")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    code = main(["store", *argv, "--identifier", "demo-id"])
    out, err = capsys.readouterr()
    return code, out, err


def test_store_licenses_lists_all_1500_services(
        bulk: str, tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    code, out, err = cli(capsys, monkeypatch, tmp_path, "licenses", "--url", bulk,
                         "--client-id", str(BULK), "--format", "json")
    assert code == 0, err
    rows = json.loads(out)["licenses"]
    assert sorted(row["service"] for row in rows) == SERVICE_IDS
    # The first 40 each owe their month of 1-CPU ($36, the example price).
    owed = {row["service"]: row["unpaid"] for row in rows}
    assert [owed[sid] for sid in SERVICE_IDS[:UNPAID]] == ["36.00"] * UNPAID
    assert {owed[sid] for sid in SERVICE_IDS[UNPAID:]} == {"0"}
    code, out, err = cli(capsys, monkeypatch, tmp_path, "licenses", "--url", bulk,
                         "--client-id", str(BULK))
    assert code == 0, err
    assert out.splitlines()[0].startswith("1,500 licenses")  # grouped as en_US writes it
    assert len(out.splitlines()) == 2 + SERVICES  # the count, the header, every row


def test_store_invoices_lists_every_unpaid_invoice(
        bulk: str, tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    code, out, err = cli(capsys, monkeypatch, tmp_path, "invoices", "--url", bulk,
                         "--client-id", str(BULK), "--format", "json")
    assert code == 0, err
    invoices = json.loads(out)["invoices"]["invoice"]
    assert sorted(i["id"] for i in invoices) == SERVICE_IDS[:UNPAID]


def test_the_session_reads_every_page_and_says_how_far(bulk: str, tmp_path: Path) -> None:
    told: list[tuple[str, int, int]] = []
    snapshot = session(bulk, tmp_path).fetch(
        BULK, progress=lambda action, done, total: told.append((action, done, total)))
    assert sorted(lic.service_id for _, lic, _ in snapshot.licenses) == SERVICE_IDS
    services = [(done, total) for action, done, total in told
                if action == "GetClientsProducts"]
    assert len(services) > 1  # more than one page, each told
    assert all(total == SERVICES for _, total in services)
    assert [done for done, _ in services] == sorted({done for done, _ in services})
    assert services[-1] == (SERVICES, SERVICES)
    # The cached copy holds them all too.
    cached = session(bulk, tmp_path).load_cached(BULK)
    assert cached is not None
    assert len(cached.licenses) == SERVICES


# --- a store that lies about its pages -------------------------------------------------

@pytest.fixture
def liar() -> Iterator[FaultStore]:
    server = FaultStore()
    server.store.add_bulk_client(BULK, SERVICES)
    yield server
    server.stop()


def test_a_list_without_totalresults_is_refused_naming_it(liar: FaultStore,
                                                         tmp_path: Path) -> None:
    def spoil(action: str, data: dict[str, Any]) -> None:
        if action == "GetClientsProducts":
            del data["totalresults"]

    liar.answer = json_answer(liar.store, spoil)
    with pytest.raises(StoreError) as caught:
        session(liar.url(), tmp_path, IDENTIFIER, SECRET).fetch(BULK)
    assert str(caught.value).startswith("the store's GetClientsProducts answer: has no "
                                        "'totalresults' field")


def test_a_store_that_stops_before_its_total_is_refused(liar: FaultStore,
                                                        tmp_path: Path) -> None:
    def spoil(action: str, data: dict[str, Any]) -> None:
        if action == "GetClientsProducts":
            data["totalresults"] = "3000"  # says 3,000, has 1,500

    liar.answer = json_answer(liar.store, spoil)
    with pytest.raises(StoreError) as caught:
        session(liar.url(), tmp_path, IDENTIFIER, SECRET).fetch(BULK)
    text = str(caught.value)
    assert text.startswith("the store's GetClientsProducts answer: numreturned is 0 ")
    assert "1,500 of the totalresults 3,000" in text


def test_a_store_that_never_reaches_its_total_is_cut_off(liar: FaultStore,
                                                         tmp_path: Path) -> None:
    from lic_desktop.store.paging import MAX_PAGES  # noqa: PLC0415

    def spoil(action: str, data: dict[str, Any]) -> None:
        data["totalresults"] = 10**9  # and one record a page, new ones each time

    def one_record(action: str, form: dict[str, str]) -> tuple[int, bytes]:
        start = int(form.get("limitstart", "0"))
        return answer(action, {**form, "limitstart": str(start), "limitnum": "1"})

    answer = json_answer(liar.store, spoil)
    liar.answer = one_record
    with pytest.raises(StoreError) as caught:
        bounded(lambda: session(liar.url(), tmp_path, IDENTIFIER, SECRET).fetch(BULK))
    assert str(caught.value) == ("the store's GetClientsProducts answer: totalresults was "
                                 f"not reached in {MAX_PAGES:,} pages of 250 records: "
                                 "refused")
    assert liar.requests.count("GetClientsProducts") == MAX_PAGES == 1000


def test_a_list_that_changes_while_it_is_read_is_refused(liar: FaultStore,
                                                          tmp_path: Path) -> None:
    """Offset paging over a list that changes (a service ordered between two pages)
    skips a record or gives one twice: refused, to be read again, never a wrong list."""
    def grows(action: str, data: dict[str, Any]) -> None:
        if action == "GetClientsProducts" and data.get("startnumber"):
            data["totalresults"] = str(SERVICES + 1)  # one more since the first page

    liar.answer = json_answer(liar.store, grows)
    with pytest.raises(StoreError) as caught:
        session(liar.url(), tmp_path, IDENTIFIER, SECRET).fetch(BULK)
    assert str(caught.value) == ("the store's GetClientsProducts answer: the list changed "
                                 "while it was read (its totalresults went from 1,500 to "
                                 "1,501): try again")

    def shifted(action: str, form: dict[str, str]) -> tuple[int, bytes]:
        # One record removed before the second page: the first record of the second
        # page is the last of the first, once more.
        start = int(form.get("limitstart", "0"))
        return answer(action, {**form, "limitstart": str(max(start - 1, 0))})

    answer = json_answer(liar.store, lambda action, data: None)
    liar.answer = shifted
    with pytest.raises(StoreError) as caught:
        session(liar.url(), tmp_path, IDENTIFIER, SECRET).fetch(BULK)
    assert str(caught.value) == ("the store's GetClientsProducts answer: the list changed "
                                 f"while it was read (the record with id {SERVICE_IDS[249]} "
                                 "came twice): try again")


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_the_command_line_says_how_far_on_a_terminal_only() -> None:
    from lic_desktop.cli.store import TerminalProgress  # noqa: PLC0415

    terminal, pipe = Terminal(), io.StringIO()
    for stream in (terminal, pipe):
        with TerminalProgress(stream) as progress:
            progress("GetClientsProducts", 250, 1500)
            progress("GetClientsProducts", 1500, 1500)
            progress("GetInvoices", 3, 3)  # one page: nothing to show
    assert terminal.getvalue() == ("\rlic-desktop: store: 250 of 1,500 services read"
                                   "\rlic-desktop: store: 1,500 of 1,500 services read\n")
    assert pipe.getvalue() == ""
