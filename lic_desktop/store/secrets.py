"""The store secret lives in the OS keyring (or LIC_STORE_SECRET), never in a file."""

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


def read_secret(url: str, identifier: str) -> str | None:
    env = os.environ.get("LIC_STORE_SECRET")
    if env:
        return env
    keyring, failure = _keyring()
    try:
        found = keyring.get_password(SERVICE, _account(url, identifier))
    except failure:
        return None
    return str(found) if found is not None else None


def save_secret(url: str, identifier: str, secret: str) -> str | None:
    """Remember the secret; the reason when no keyring can hold it, else None."""
    keyring, failure = _keyring()
    try:
        keyring.set_password(SERVICE, _account(url, identifier), secret)
    except failure as exc:
        return f"the system keyring is not available ({type(exc).__name__})"
    return None


def forget_secret(url: str, identifier: str) -> None:
    keyring, failure = _keyring()
    with contextlib.suppress(failure):
        keyring.delete_password(SERVICE, _account(url, identifier))
