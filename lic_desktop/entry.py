"""The `lic-desktop` program's first code: nothing imported yet but this, so that a
Ctrl+C while the command line itself is still loading (the first tenth of a second) is
one line and exit 130 too, not a traceback of half-imported modules."""

from __future__ import annotations

import sys


def main() -> int:
    try:
        from lic_desktop.cli import main as run  # noqa: PLC0415 - the point of this module
    except KeyboardInterrupt:
        print("\nlic-desktop: interrupted" if sys.stderr.isatty() else
              "lic-desktop: interrupted", file=sys.stderr)
        return 130
    return run()
