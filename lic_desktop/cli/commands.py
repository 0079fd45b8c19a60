"""The command table: each command's module is imported by name only when it runs, so
the window starts without the batch, the store client or the PDF writer, and `quote`
without Qt."""

from __future__ import annotations

import argparse
import importlib
from collections.abc import Callable

EXIT_INPUT = 2
COMMANDS = {"gui": "gui:run_gui", "quote": "quote:run_quote",
            "plan": "quote:run_plan", "catalogs": "quote:run_catalogs",
            "batch": "batch:run_batch", "store": "store:run_store",
            "store-demo": "store:run_store_demo"}


def command(name: str) -> Callable[[argparse.Namespace], int]:
    """The function that runs command `name`, its module imported now."""
    module, function = COMMANDS[name].split(":")
    run: Callable[[argparse.Namespace], int] = getattr(
        importlib.import_module(f"lic_desktop.cli.{module}"), function)
    return run


def import_all() -> list[str]:
    """Every command's module imported (a bundle missing one would only fail when a
    user runs that command); the commands' names."""
    for name in COMMANDS:
        command(name)
    return list(COMMANDS)
