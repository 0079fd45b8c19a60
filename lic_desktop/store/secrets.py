"""The store's secret and API access key live in the OS keyring (or LIC_STORE_SECRET and
LIC_STORE_ACCESS_KEY), never in a file."""

from __future__ import annotations

import contextlib
import os
from types import ModuleType

SERVICE = "lic-desktop"


def _keyring() -> tuple[ModuleType, type[Exception]]:
    # Loaded when a secret is needed, not at start-up (it takes a twentieth of a second).
    import keyring  # noqa: PLC0415
    from keyring.errors import KeyringError  # noqa: PLC0415

    return keyring, KeyringError


def _account(url: str, identifier: str) -> str:
    return f"{url.strip().rstrip('/')}|{identifier}"


ACCESS_KEY = "|accesskey"  # the access key's keyring entry: the secret's account + this


def read_secret(url: str, identifier: str) -> str | None:
    return _read("LIC_STORE_SECRET", _account(url, identifier))


def read_access_key(url: str, identifier: str) -> str | None:
    return _read("LIC_STORE_ACCESS_KEY", _account(url, identifier) + ACCESS_KEY)


def _read(variable: str, account: str) -> str | None:
    env = os.environ.get(variable)
    if env:
        return env
    keyring, failure = _keyring()
    try:
        found = keyring.get_password(SERVICE, account)
    except failure:
        return None
    return str(found) if found is not None else None


def save_secret(url: str, identifier: str, secret: str, access_key: str = "") -> str | None:
    """Remember the secret and the access key (an empty key forgets a remembered one);
    the reason when no keyring can hold them, else None."""
    keyring, failure = _keyring()
    account = _account(url, identifier)
    try:
        keyring.set_password(SERVICE, account, secret)
        if access_key:
            keyring.set_password(SERVICE, account + ACCESS_KEY, access_key)
        else:
            with contextlib.suppress(failure):
                keyring.delete_password(SERVICE, account + ACCESS_KEY)
    except failure as exc:
        return f"the system keyring is not available ({type(exc).__name__})"
    return None


def forget_secret(url: str, identifier: str) -> None:
    keyring, failure = _keyring()
    for account in (_account(url, identifier), _account(url, identifier) + ACCESS_KEY):
        with contextlib.suppress(failure):
            keyring.delete_password(SERVICE, account)
