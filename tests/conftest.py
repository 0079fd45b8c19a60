"""Test-wide settings: Qt draws offscreen, so the suite runs on a machine with no screen."""

from __future__ import annotations

import os
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# The tests read en_US, the portal's own formats, whatever the machine's locale is.
os.environ["LIC_DESKTOP_LOCALE"] = "en_US"

FIXTURES = Path(__file__).parent / "fixtures"
SCENARIOS = Path(__file__).parent.parent / "resources" / "scenarios"
