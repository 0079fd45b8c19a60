"""No screen: `lic-desktop` says so in one line and exits 2, instead of Qt's core dump."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from lic_desktop.gui.display import missing_display

SEED = Path(__file__).resolve().parents[2] / "resources" / "scenarios" / "seed-upgrade.toml"


def run_app(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    """`lic-desktop ARGS` in a fresh process with no display but the variables in `env`."""
    base = {k: v for k, v in os.environ.items()
            if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    return subprocess.run([sys.executable, "-m", "lic_desktop", *args], env={**base, **env},
                          capture_output=True, text=True, timeout=120, check=False)


def unused_x_display() -> str:
    """A display number no X server listens on (no socket of that name, file or abstract)."""
    sockets = Path("/proc/net/unix").read_text() if Path("/proc/net/unix").exists() else ""
    number = next(n for n in range(917, 999) if f"/tmp/.X11-unix/X{n}" not in sockets
                  and not Path(f"/tmp/.X11-unix/X{n}").exists())
    return f":{number}"


def assert_one_line_exit_2(done: subprocess.CompletedProcess[str], *words: str) -> None:
    assert done.returncode == 2, done.stderr  # Qt's abort is -6 (SIGABRT)
    lines = done.stderr.splitlines()
    assert len(lines) == 1, done.stderr
    assert lines[0].startswith("lic-desktop: ")
    # How to do without a screen, as the issue asks: offscreen with --screenshot.
    for word in ("QT_QPA_PLATFORM=offscreen", "--screenshot", *words):
        assert word in lines[0]
    assert done.stdout == ""


@pytest.mark.skipif(sys.platform in ("win32", "darwin"), reason="X11 and Wayland only")
def test_xcb_with_no_display_is_one_line_and_exit_2() -> None:
    assert_one_line_exit_2(run_app(QT_QPA_PLATFORM="xcb"), "DISPLAY")


@pytest.mark.skipif(sys.platform in ("win32", "darwin"), reason="X11 and Wayland only")
def test_qt_default_platform_with_no_display_either() -> None:
    assert_one_line_exit_2(run_app("--scenario", str(SEED)), "DISPLAY", "WAYLAND_DISPLAY")


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="X11 sockets")
def test_a_display_with_no_x_server_behind_it_is_caught_at_qts_fatal() -> None:
    display = unused_x_display()
    assert_one_line_exit_2(run_app(QT_QPA_PLATFORM="xcb", DISPLAY=display),
                           f"could not connect to display {display}")


def test_self_test_and_screenshot_still_work_without_a_screen(tmp_path: Path) -> None:
    selftest = run_app("--self-test")  # offscreen unless told otherwise
    assert selftest.returncode == 0, selftest.stdout + selftest.stderr
    png = tmp_path / "window.png"
    shot = run_app("--scenario", str(SEED), "--screenshot", str(png),
                   QT_QPA_PLATFORM="offscreen")
    assert shot.returncode == 0, shot.stderr
    assert png.stat().st_size > 0


@pytest.mark.parametrize(("environ", "missing"), [
    ({}, True),
    ({"QT_QPA_PLATFORM": "xcb"}, True),
    ({"QT_QPA_PLATFORM": "xcb", "WAYLAND_DISPLAY": "wayland-0"}, True),  # xcb wants X
    ({"WAYLAND_DISPLAY": "wayland-0"}, False),
    ({"DISPLAY": ":0"}, False),
    ({"QT_QPA_PLATFORM": "xcb", "DISPLAY": ":0"}, False),
    ({"QT_QPA_PLATFORM": "offscreen"}, False),
    ({"QT_QPA_PLATFORM": "xcb;offscreen"}, False),  # Qt falls back to offscreen itself
    ({"QT_QPA_PLATFORM": "wayland"}, False),  # Wayland finds its default socket
])
def test_which_environments_have_no_display(environ: dict[str, str], missing: bool) -> None:
    assert (missing_display(environ, "linux") is not None) is missing
    assert missing_display(environ, "win32") is None
