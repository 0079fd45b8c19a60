"""The store secret lives in the OS keyring (or LIC_STORE_SECRET), never in a file."""

from __future__ import annotations

import contextlib
import os

import keyring
from keyring.errors import KeyringError

SERVICE = "lic-desktop"


def _account(url: str, identifier: str) -> str:
    return f"{url.strip().rstrip('/')}|{identifier}"


def read_secret(url: str, identifier: str) -> str | None:
    env = os.environ.get("LIC_STORE_SECRET")
    if env:
        return env
    try:
        return keyring.get_password(SERVICE, _account(url, identifier))
    except KeyringError:
        return None


def save_secret(url: str, identifier: str, secret: str) -> str | None:
    """Remember the secret; the reason when no keyring can hold it, else None."""
    try:
        keyring.set_password(SERVICE, _account(url, identifier), secret)
    except KeyringError as exc:
        return f"the system keyring is not available ({type(exc).__name__})"
    return None


def forget_secret(url: str, identifier: str) -> None:
    with contextlib.suppress(KeyringError):
        keyring.delete_password(SERVICE, _account(url, identifier))
