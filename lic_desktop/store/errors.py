"""The store's errors: worded for the user, always one clean line."""

from __future__ import annotations

from lic_desktop.store.safe_text import clean


class StoreError(Exception):
    """Anything that stops a store call, worded for the user: always one clean line."""

    def __init__(self, message: str) -> None:
        super().__init__(clean(message, 600))


class StoreRefusedError(StoreError):
    """The store answered `result: error` (wrong credentials, unknown service, ...)."""
