"""The window's settings live in the user's config folder (user_dirs), and what the
versions before kept in Qt's own place comes along on the first start."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from lic_desktop.gui.app import user_settings
from lic_desktop.user_dirs import settings_file


@pytest.fixture
def qt_own_place(tmp_path: Path) -> QSettings:
    """Qt's native settings of the versions before, in a folder of the test's."""
    QSettings.setPath(QSettings.Format.NativeFormat, QSettings.Scope.UserScope,
                      str(tmp_path / "qt"))
    return QSettings(QSettings.Format.NativeFormat, QSettings.Scope.UserScope,
                     "lic-desktop", "lic-desktop")


def test_the_first_start_carries_the_old_settings_over(qt_own_place: QSettings) -> None:
    qt_own_place.setValue("language", "de_DE")
    qt_own_place.setValue("recent", ["/home/a/one.toml", "/home/a/two.toml"])
    qt_own_place.sync()
    settings = user_settings()
    assert Path(settings.fileName()) == settings_file()
    assert settings.value("language") == "de_DE"
    assert settings.value("recent") == ["/home/a/one.toml", "/home/a/two.toml"]
    assert settings_file().is_file()


def test_later_starts_keep_their_own_settings(qt_own_place: QSettings) -> None:
    first = user_settings()
    first.setValue("language", "fr_FR")
    first.sync()
    qt_own_place.setValue("language", "de_DE")  # an old version run again meanwhile
    qt_own_place.sync()
    assert user_settings().value("language") == "fr_FR"
