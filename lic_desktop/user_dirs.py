"""The user's folders for lic-desktop, one answer for the command line and the window:
platformdirs knows each platform's convention (XDG on Linux, ~/Library on macOS,
%LOCALAPPDATA% on Windows), which a hand-written ~/.cache got wrong on two of three."""

from __future__ import annotations

from pathlib import Path

import platformdirs

APP = "lic-desktop"


def cache_dir() -> Path:
    """Where the store's offline copies live (safe to delete)."""
    return Path(platformdirs.user_cache_dir(APP, appauthor=False))


def config_dir() -> Path:
    """Where settings, recent files and the crash-recovery copy live."""
    return Path(platformdirs.user_config_dir(APP, appauthor=False))


def store_cache_dir() -> Path:
    return cache_dir() / "store"


def settings_file() -> Path:
    """The window's settings (an INI file on every platform, so the recovery copy can
    sit beside it: Qt's default on Windows is the registry)."""
    return config_dir() / "settings.ini"


def data_dir() -> Path:
    """Where files the user gave the app are kept (the seller's logo)."""
    return Path(platformdirs.user_data_dir(APP, appauthor=False))
