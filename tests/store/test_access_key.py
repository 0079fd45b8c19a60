"""WHMCS's API access key (#13 point 2): a store that answers only its allowed IPs lets a
caller through who sends `accesskey` (developers.whmcs.com/api/access-control). The key
comes from --access-key, LIC_STORE_ACCESS_KEY or the keyring, and is never shown."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from lic_desktop.catalogs import load_all_embedded
from lic_desktop.cli import main
from lic_desktop.store import secrets
from lic_desktop.store.client import Credentials
from lic_desktop.store.demo import DemoStore, serve
from tests.store.conftest import MemoryKeyring

KEY = "k3y!(x)-Acme_2026"  # letters, digits and WHMCS's allowed specials


@pytest.fixture
def restricted() -> Iterator[DemoStore]:
    """A demo store that allows no IP: only the access key lets a call through."""
    store = DemoStore(load_all_embedded(), access_key=KEY)
    server = serve(store)  # serving on a thread of its own
    store.url = f"http://127.0.0.1:{server.server_address[1]}"  # type: ignore[attr-defined]
    yield store
    server.shutdown()
    server.server_close()


def licenses(store: DemoStore, *extra: str) -> list[str]:
    return ["store", "licenses", "--url", store.url,  # type: ignore[attr-defined]
            "--identifier", store.identifier, "--client-id", "1", *extra]


def test_without_the_key_the_stores_refusal_says_what_to_do(
        restricted: DemoStore, monkeypatch: pytest.MonkeyPatch,
        memory_keyring: MemoryKeyring, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("LIC_STORE_SECRET", restricted.secret)
    monkeypatch.delenv("LIC_STORE_ACCESS_KEY", raising=False)
    assert main(licenses(restricted)) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "Invalid IP 127.0.0.1" in err
    assert "give its API access key with --access-key, LIC_STORE_ACCESS_KEY" in err


@pytest.mark.parametrize("source", ["option", "environment", "keyring"])
def test_the_key_from_the_option_the_environment_or_the_keyring_lets_the_call_through(
        restricted: DemoStore, monkeypatch: pytest.MonkeyPatch,
        memory_keyring: MemoryKeyring, capsys: pytest.CaptureFixture[str],
        source: str) -> None:
    monkeypatch.setenv("LIC_STORE_SECRET", restricted.secret)
    monkeypatch.delenv("LIC_STORE_ACCESS_KEY", raising=False)
    extra: list[str] = []
    if source == "option":
        extra = ["--access-key", KEY]
    elif source == "environment":
        monkeypatch.setenv("LIC_STORE_ACCESS_KEY", KEY)
    else:
        assert secrets.save_secret(restricted.url,  # type: ignore[attr-defined]
                                   restricted.identifier, restricted.secret, KEY) is None
    assert main(licenses(restricted, *extra)) == 0, capsys.readouterr().err
    assert capsys.readouterr().out.startswith("2 licenses")


def test_a_wrong_key_is_refused_and_never_shown(
        restricted: DemoStore, monkeypatch: pytest.MonkeyPatch,
        memory_keyring: MemoryKeyring, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("LIC_STORE_SECRET", restricted.secret)
    assert main(licenses(restricted, "--access-key", "wrong-key-123")) == 2
    err = capsys.readouterr().err
    assert "Invalid IP" in err
    assert "wrong-key-123" not in err


def test_an_empty_access_key_option_asks_for_a_value(
        capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["store", "licenses", "--url", "http://127.0.0.1:1", "--identifier", "x",
                 "--access-key", ""])
    assert code == 2
    assert "--access-key: is empty: give a value" in capsys.readouterr().err


def test_the_key_is_kept_beside_the_secret_and_forgotten_with_it(
        memory_keyring: MemoryKeyring) -> None:
    url, ident = "https://store.example.com", "api-id"
    assert secrets.save_secret(url, ident, "the-secret", KEY) is None
    assert secrets.read_access_key(url, ident) == KEY
    assert secrets.save_secret(url, ident, "the-secret") is None  # no key any more
    assert secrets.read_access_key(url, ident) is None
    secrets.save_secret(url, ident, "the-secret", KEY)
    secrets.forget_secret(url, ident)
    assert memory_keyring.saved == {}


def test_the_credentials_never_show_the_key() -> None:
    shown = repr(Credentials("https://s.example", "id", "secret-1", KEY))
    assert KEY not in shown
    assert "access_key='***'" in shown


def test_the_demo_store_says_its_key(tmp_path: Path) -> None:
    store = DemoStore(load_all_embedded(), access_key=KEY)
    status, answer = store.answer({"action": "GetProducts", "identifier": store.identifier,
                                   "secret": store.secret}, "203.0.113.7")
    assert (status, answer["message"]) == (403, "Invalid IP 203.0.113.7")
    status, answer = store.answer({"action": "GetProducts", "identifier": store.identifier,
                                   "secret": store.secret, "accesskey": KEY})
    assert (status, answer["result"]) == (200, "success")
