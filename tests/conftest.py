"""Test-wide settings: Qt draws offscreen, so the suite runs on a machine with no screen."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

# Offscreen, on a 1366×768 laptop screen (Qt's offscreen default is 800×800): the window's
# first size follows its screen.
if os.environ.get("QT_QPA_PLATFORM", "offscreen") == "offscreen":
    os.environ["QT_QPA_PLATFORM"] = \
        f"offscreen:configfile={Path(__file__).parent / 'fixtures' / 'laptop-screen.json'}"
# The tests read en_US, the portal's own formats, whatever the machine's locale is.
os.environ["LIC_DESKTOP_LOCALE"] = "en_US"

FIXTURES = Path(__file__).parent / "fixtures"
SCENARIOS = Path(__file__).parent.parent / "resources" / "scenarios"


@pytest.fixture(autouse=True)
def english_afterwards() -> Iterator[None]:
    """A test that switches the UI language (a window, --locale) switches it back."""
    yield
    from lic_desktop import l10n  # noqa: PLC0415 - after the environment above is set

    l10n.set_language("en_US")


@pytest.fixture(autouse=True)
def own_user_folders(tmp_path_factory: pytest.TempPathFactory,
                     monkeypatch: pytest.MonkeyPatch) -> None:
    """No test reads or writes the real user's cache, settings or recovery copy."""
    home = tmp_path_factory.mktemp("user")
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / "cache"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))  # the seller's logo
