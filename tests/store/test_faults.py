"""Every fault the store connection must survive, each against a real local server."""

from __future__ import annotations

import json
import socket
import ssl
import threading
from collections.abc import Iterator
from decimal import Decimal
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path

import pytest
import trustme
from pytest_httpserver import HTTPServer as FakeStore
from werkzeug import Response

from lic_desktop.store.client import Credentials, Limits, StoreClient, StoreError, endpoint
from lic_desktop.store.convert import parse_price
from lic_desktop.store.demo import DemoStore
from tests.store.conftest import FAST, session_for

SECRET = "s3cr3t-value"
API = "/includes/api.php"


def client(url: str, limits: Limits = FAST) -> StoreClient:
    return StoreClient(Credentials(url, "demo-id", SECRET), limits, sleep=lambda s: None)


def message(exc: pytest.ExceptionInfo[StoreError]) -> str:
    text = str(exc.value)
    assert SECRET not in text  # never in a message
    return text


@pytest.fixture
def cached(demo: tuple[DemoStore, str], tmp_path: Path) -> tuple[Path, bytes]:
    """A good fetch from the demo store: its cache file and bytes."""
    _, url = demo
    session = session_for(url, tmp_path)
    session.fetch(1)
    path = session.folder / "client-1.json"
    return path, path.read_bytes()


def test_http_500_then_success_is_retried(httpserver: FakeStore) -> None:
    httpserver.expect_ordered_request(API, method="POST").respond_with_data("oops", status=500)
    httpserver.expect_ordered_request(API, method="POST").respond_with_json(
        {"result": "success", "totalresults": 0, "products": ""})
    answer = client(httpserver.url_for("/")).call("GetProducts")
    assert answer["result"] == "success"
    assert len(httpserver.log) == 2


def test_5xx_every_time_gives_up_after_the_bounded_retries(httpserver: FakeStore) -> None:
    httpserver.expect_request(API).respond_with_data("down", status=503)
    with pytest.raises(StoreError) as caught:
        client(httpserver.url_for("/")).call("GetProducts")
    assert "kept failing (HTTP 503)" in message(caught)
    assert len(httpserver.log) == FAST.attempts


def test_an_answer_that_is_not_json(httpserver: FakeStore) -> None:
    httpserver.expect_request(API).respond_with_data("<html>maintenance</html>")
    with pytest.raises(StoreError) as caught:
        client(httpserver.url_for("/")).call("GetProducts")
    assert "is not JSON" in message(caught)
    assert "<html>maintenance" in message(caught)


def test_json_missing_fields(httpserver: FakeStore, tmp_path: Path) -> None:
    httpserver.expect_request(API).respond_with_handler(lambda request: Response(
        json.dumps(_answer(request.form["action"])), content_type="application/json"))
    session = session_for(httpserver.url_for("/"), tmp_path)
    with pytest.raises(StoreError) as caught:
        session.fetch(1)
    assert "has no 'recurringamount' field" in message(caught)
    assert not (session.folder / "client-1.json").exists()  # nothing cached from it


def _answer(action: str) -> dict[str, object]:
    if action == "GetProducts":
        return {"result": "success", "products": {"product": [{
            "pid": 203, "name": "LiteSpeed Web Server 2-CPU", "paytype": "recurring",
            "pricing": {"USD": {"monthly": "46.00", "annually": "460.00"}}}]}}
    if action == "GetClientsProducts":  # WHMCS always says how many there are
        return {"result": "success", "totalresults": 1, "products": {"product": [{
            "id": "7", "pid": "203", "regdate": "2022-11-01", "billingcycle": "Monthly",
            "nextduedate": "2022-12-01"}]}}
    if action == "GetClientsDetails":  # the client's currency
        return {"result": "success", "client": {"id": 1, "currency_code": "USD"}}
    return {"result": "success", "totalresults": 0, "invoices": []}


def test_an_absurdly_large_body_is_refused(httpserver: FakeStore) -> None:
    huge = json.dumps({"result": "success", "junk": "x" * 200_000})
    httpserver.expect_request(API).respond_with_data(huge, content_type="application/json")
    with pytest.raises(StoreError) as caught:
        client(httpserver.url_for("/")).call("GetProducts")
    assert "sent more than" in message(caught)


@pytest.mark.parametrize(("text", "currency", "expected"), [
    ("$-8.67 USD", "USD", Decimal("-8.67")),
    ("$1,234.56 USD", "USD", Decimal("1234.56")),
    ("-8,67 €", "EUR", Decimal("-8.67")),
    ("1.234,56 EUR", "EUR", Decimal("1234.56")),
    ("¥1,235", "JPY", Decimal("1235")),
])
def test_price_strings_in_several_formats(text: str, currency: str, expected: Decimal) -> None:
    digits = 0 if currency == "JPY" else 2
    assert parse_price(text, currency, digits) == expected


@pytest.mark.parametrize(("text", "problem"), [
    ("€8,67 EUR", "priced it in EUR"),
    ("about eight dollars", "has no amount"),
    ("$8.6.7 USD", "not in a format"),
])
def test_price_strings_that_cannot_be_used(text: str, problem: str) -> None:
    with pytest.raises(StoreError) as caught:
        parse_price(text, "USD", 2)
    assert problem in str(caught.value)


def test_connection_refused(tmp_path: Path, cached: tuple[Path, bytes]) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]  # closed again: nothing listens there
    with pytest.raises(StoreError) as caught:
        client(f"http://127.0.0.1:{port}").call("GetProducts")
    assert "cannot connect" in message(caught)


@pytest.fixture
def silent_server() -> Iterator[int]:
    """Accepts connections and never answers."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen()
    held: list[socket.socket] = []
    stop = threading.Event()

    def accept() -> None:
        listener.settimeout(0.1)
        while not stop.is_set():
            try:
                held.append(listener.accept()[0])
            except OSError:
                continue

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield listener.getsockname()[1]
    stop.set()
    thread.join()
    for conn in held:
        conn.close()
    listener.close()


def test_a_server_that_never_answers_times_out(silent_server: int) -> None:
    limits = Limits(connect_seconds=0.5, read_seconds=0.3, attempts=3, backoff_seconds=0.01)
    with pytest.raises(StoreError) as caught:
        client(f"http://127.0.0.1:{silent_server}", limits).call("GetProducts")
    assert "did not answer within 0.3 s" in message(caught)


def test_a_self_signed_certificate_is_refused(tmp_path: Path) -> None:
    ca = trustme.CA()  # a CA this machine does not trust
    cert = ca.issue_cert("127.0.0.1", "localhost")
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    cert.configure_cert(context)

    class Ok(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            self.send_response(200)
            self.end_headers()
            self.wfile.write(b'{"result": "success"}')

        def log_message(self, *args: object) -> None:
            pass

    server = HTTPServer(("127.0.0.1", 0), Ok)
    server.socket = context.wrap_socket(server.socket, server_side=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        with pytest.raises(StoreError) as caught:
            client(f"https://127.0.0.1:{server.server_address[1]}").call("GetProducts")
        assert "certificate is not trusted" in message(caught)
    finally:
        server.shutdown()
        server.server_close()


def test_plain_http_only_to_this_machine() -> None:
    with pytest.raises(StoreError) as caught:
        endpoint("http://store.example.com")
    assert "HTTPS" in str(caught.value)
    assert endpoint("store.example.com") == "https://store.example.com/includes/api.php"
    assert endpoint("http://localhost:8765/") == "http://localhost:8765/includes/api.php"


def test_only_read_only_calls_leave_the_app() -> None:
    c = client("http://127.0.0.1:9")
    with pytest.raises(StoreError):
        c.call("AddOrder")
    with pytest.raises(StoreError):
        c.call("UpgradeProduct", serviceid=1)  # without calconly it would order
    assert "s3cr3t" not in repr(c.credentials)


def test_after_any_fault_the_cache_is_used_and_untouched(
        demo: tuple[DemoStore, str], tmp_path: Path, cached: tuple[Path, bytes],
        httpserver: FakeStore) -> None:
    path, before = cached
    httpserver.expect_request(API).respond_with_data("not json")
    # The same store identity (host, port, identifier) decides the cache folder: point a
    # session with the demo's cache folder at the broken server.
    _, url = demo
    session = session_for(url, tmp_path)
    broken = session_for(httpserver.url_for("/"), tmp_path)
    broken.folder = session.folder
    snapshot = broken.fetch(1)
    assert snapshot.cached
    assert snapshot.errors[0].startswith("offline: the store's answer to GetProducts is not")
    assert {lic.service_id for _, lic, _ in snapshot.licenses
            if lic.status == "Active"} == {1001, 1002}
    assert path.read_bytes() == before
    assert not [p for p in path.parent.iterdir() if p.name.startswith(".")]


def test_a_refused_secret_is_an_error_not_offline_even_with_a_cache(
        demo: tuple[DemoStore, str], tmp_path: Path, cached: tuple[Path, bytes],
        httpserver: FakeStore) -> None:
    # The store is there and says no (a revoked secret): showing yesterday's cache as
    # "offline" would hide that the credentials need fixing.
    path, before = cached
    httpserver.expect_request(API).respond_with_json(
        {"result": "error", "message": "Authentication Failed"})
    _, url = demo
    refused = session_for(httpserver.url_for("/"), tmp_path)
    refused.folder = session_for(url, tmp_path).folder
    with pytest.raises(StoreError) as caught:
        refused.fetch(1)
    assert "refused GetProducts: Authentication Failed" in message(caught)
    assert path.read_bytes() == before  # the cache is kept for when the store is back
