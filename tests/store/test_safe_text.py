"""What a store says, made safe to show (issue #12, store point 3)."""

from __future__ import annotations

import pytest

from lic_desktop.store.client import Credentials, StoreError
from lic_desktop.store.safe_text import clean, host_label, redact, sample


@pytest.mark.parametrize(("said", "shown"), [
    ("\x1b[31mDenied\x1b[0m", "Denied"),  # a colour (CSI)
    ("\x1b]0;owned\x07title", "title"),  # a window title (OSC)
    ("\x9b2Jwiped", "wiped"),  # an 8-bit CSI (C1)
    ("two\nlines\r\nand\ttab", "two lines and tab"),
    ("bell\x07 nul\x00 del\x7f", "bell nul del"),
    ("\u202eevil", "evil"),  # a right-to-left override
    ("  spaced   out  ", "spaced out"),
])
def test_clean_keeps_only_visible_text_on_one_line(said: str, shown: str) -> None:
    assert clean(said) == shown


def test_clean_bounds_the_length() -> None:
    assert clean("x" * 1000, 20) == "x" * 19 + "…"


@pytest.mark.parametrize(("url", "shown"), [
    ("http://user:pw@host", "http://user:***@host"),
    ("https://shop:s3:cr@store.example.com:8443/a", "https://shop:***@store.example.com:8443/a"),
    ("user:pw@store.example.com", "user:***@store.example.com"),
    ("http://user@host", "http://user@host"),  # no password to hide
    ("https://store.example.com/x", "https://store.example.com/x"),
])
def test_redact_hides_the_password(url: str, shown: str) -> None:
    assert redact(url) == shown


def test_the_host_label_has_no_user_nor_password() -> None:
    assert host_label("http://shop:pw@127.0.0.1:8765/includes/api.php") == "127.0.0.1:8765"


def test_a_long_value_is_sampled_with_its_length() -> None:
    assert sample("9" * 5000) == f"'{'9' * 39}…' (5,000 characters)"
    assert sample("abc") == "'abc'"


def test_every_store_error_is_one_clean_line() -> None:
    assert str(StoreError("the store said \x1b[2J\nhello")) == "the store said hello"


def test_credentials_never_show_a_password_nor_the_secret() -> None:
    shown = repr(Credentials("http://shop:pw@127.0.0.1", "id", "t0ps3cret"))
    assert "pw@" not in shown
    assert "t0ps3cret" not in shown
