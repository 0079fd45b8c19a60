"""Issue #13, point 9: a connect timeout is retried like a refused connection and named
as one ("could not connect ... within 5 s", not "did not answer within 20 s"), and a
TLS failure is told by the ssl exception in the chain, wherever httpx raised it."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from lic_desktop.store.client import Credentials, Limits, StoreClient, StoreError
from tests.faults.fault_store import IDENTIFIER, SECRET, FaultStore, Tls
from tests.faults.test_store_faults import bounded

LIMITS = Limits(connect_seconds=0.3, read_seconds=1.0, deadline_seconds=5.0, attempts=3,
                backoff_seconds=0.01)


@pytest.fixture
def full_backlog() -> Iterator[int]:
    """A port whose listener never accepts and whose backlog (0: one connection) is
    already taken: the kernel drops every further SYN, so a connect times out."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(0)
    port = listener.getsockname()[1]
    taken = socket.create_connection(("127.0.0.1", port), timeout=5)
    yield port
    taken.close()
    listener.close()


def test_a_connect_timeout_is_retried_and_named(full_backlog: int) -> None:
    waits: list[float] = []
    url = f"http://127.0.0.1:{full_backlog}"
    client = StoreClient(Credentials(url, IDENTIFIER, SECRET), LIMITS, sleep=waits.append)
    with pytest.raises(StoreError) as caught:
        bounded(lambda: client.call("GetProducts"))
    assert str(caught.value) == f"could not connect to the store at {url} within 0.3 s"
    assert len(waits) == LIMITS.attempts - 1  # retried, as a refused connection is


def test_a_connect_timeout_then_an_answer(monkeypatch: pytest.MonkeyPatch) -> None:
    store = FaultStore()
    try:
        client = StoreClient(Credentials(store.url(), IDENTIFIER, SECRET), LIMITS,
                             sleep=lambda s: None)
        transport = client._http._transport  # where httpx connects
        real = transport.handle_request
        timeouts = ["the store's SYN queue overflowed once"]

        def handle(request: httpx.Request) -> httpx.Response:
            if timeouts:
                raise httpx.ConnectTimeout(timeouts.pop(), request=request)
            return real(request)

        monkeypatch.setattr(transport, "handle_request", handle)
        answer = bounded(lambda: client.call("GetProducts"))
        assert answer["result"] == "success"
        assert store.requests == ["GetProducts"]
    finally:
        store.stop()


def test_a_tls_refusal_on_the_first_read_is_told_by_its_type(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # TLS 1.3: the handshake completes, then the server's alert (no client certificate)
    # arrives with the first read, as an httpx.ReadError whose cause is an ssl.SSLError.
    tls = Tls(client_certificate=True)
    monkeypatch.setenv("SSL_CERT_FILE", str(tls.write_ca(tmp_path)))
    store = FaultStore(tls=tls)
    waits: list[float] = []
    try:
        client = StoreClient(Credentials(store.url(), IDENTIFIER, SECRET), LIMITS,
                             sleep=waits.append)
        with pytest.raises(StoreError) as caught:
            bounded(lambda: client.call("GetProducts"))
    finally:
        store.stop()
    text = str(caught.value)
    assert text.startswith(f"the TLS handshake with the store at {store.url()} failed ("), \
        text
    assert waits == []  # a TLS refusal is not retried
