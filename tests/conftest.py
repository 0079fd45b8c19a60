"""Test-wide settings: Qt draws offscreen, so the suite runs on a machine with no screen."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
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
