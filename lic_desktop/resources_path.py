"""Where the shipped data files are: installed inside the package, or at the repo's top."""

from __future__ import annotations

import sys
from pathlib import Path


def resources_dir() -> Path:
    frozen = getattr(sys, "_MEIPASS", None)  # a PyInstaller bundle
    if frozen:
        return Path(frozen) / "resources"
    installed = Path(__file__).resolve().parent / "resources"
    if (installed / "catalogs").is_dir():
        return installed
    return Path(__file__).resolve().parent.parent / "resources"
