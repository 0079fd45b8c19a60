from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path

import keyring
import pytest
from keyring.backend import KeyringBackend

from lic_desktop import l10n
from lic_desktop.catalogs import load_all_embedded
from lic_desktop.store.client import Credentials, Limits, StoreClient
from lic_desktop.store.demo import DemoStore, serve
from lic_desktop.store.session import StoreSession

TODAY = date(2022, 11, 16)
NOW = datetime(2022, 11, 16, 10, 0)
FAST = Limits(connect_seconds=1.0, read_seconds=1.0, attempts=3, backoff_seconds=0.01,
              max_bytes=64 * 1024)


@pytest.fixture
def demo() -> Iterator[tuple[DemoStore, str]]:
    store = DemoStore(load_all_embedded(), today=TODAY, identifier="demo-id",
                      secret="s3cr3t-value")
    server = serve(store)
    yield store, f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def session_for(url: str, cache: Path, secret: str = "s3cr3t-value",
                limits: Limits = FAST) -> StoreSession:
    client = StoreClient(Credentials(url, "demo-id", secret), limits, sleep=lambda s: None)
    return StoreSession(client, load_all_embedded(), cache, l10n.currency_digits,
                        now=lambda: NOW)


class MemoryKeyring(KeyringBackend):
    """A keyring in memory: tests never touch the user's own."""

    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.saved: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.saved.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.saved[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.saved.pop((service, username), None)


@pytest.fixture
def memory_keyring() -> Iterator[MemoryKeyring]:
    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)
