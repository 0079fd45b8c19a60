"""Command-line entry points: `lic-desktop [gui|quote|plan|batch|store|catalogs] ...`."""

from lic_desktop.cli.dispatch import main

__all__ = ["main"]
