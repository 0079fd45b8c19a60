"""The README's two commands stay true: CI runs the test command word for word."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV = "python3 -m venv .venv"


def readme_commands() -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    return re.findall(r"```sh\n(.+?)\n```", text)[:2]


def ci_commands() -> list[str]:
    """.ci/run's commands, one per line (a trailing backslash joins lines), no comments."""
    text = (ROOT / ".ci" / "run").read_text(encoding="utf-8").replace("\\\n", " ")
    lines = (line.strip() for line in text.splitlines())
    return [line for line in lines if line and not line.startswith("#")]


def steps(command: str) -> list[list[str]]:
    return [shlex.split(step) for step in command.split(" && ")]


def test_readme_starts_with_install_and_test_commands() -> None:
    install, test = readme_commands()
    assert install == f"{VENV} && .venv/bin/pip install . && .venv/bin/lic-desktop"
    assert "[test]" in test
    assert "pytest" in test


def test_both_commands_make_the_virtual_environment_they_use() -> None:
    """Debian's own Python refuses `pip install` outside a virtual environment (PEP 668):
    each command makes one first, and every later step runs from it."""
    for command in readme_commands():
        first, *rest = steps(command)
        assert first == shlex.split(VENV), command
        assert rest, command
        assert all(step[0].startswith(".venv/bin/") for step in rest), command


def test_ci_runs_the_readme_test_command_verbatim_and_last() -> None:
    """Word for word, and the last command, so the test summary ends CI's output."""
    _, test = readme_commands()
    assert ci_commands()[-1] == test


def test_the_readmes_debian_packages_cover_venv_and_qts_xcb_plugin() -> None:
    """The README's `apt-get install` line installs `.ci/apt-packages.txt`: python3-venv
    for `python3 -m venv`, the xcb libraries Qt's X11 plugin aborts without (the issue
    names these three), and the X server CI opens the window in."""
    packages = set((ROOT / ".ci" / "apt-packages.txt").read_text(encoding="utf-8").split())
    assert {"python3-venv", "libxcb-cursor0", "libxcb-icccm4", "libxcb-keysyms1",
            "xvfb", "xauth"} <= packages
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "xargs -a .ci/apt-packages.txt apt-get install" in readme
