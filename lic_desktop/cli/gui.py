"""`lic-desktop [gui]`: the window, or its self-test. Qt loads only here, so quote and
catalogs stay fast and need no display."""

from __future__ import annotations

import argparse
import sys

from lic_desktop.cli.commands import EXIT_INPUT, import_all


def run_gui(args: argparse.Namespace) -> int:
    from lic_desktop.gui.app import run_gui as start  # noqa: PLC0415
    from lic_desktop.gui.display import NoDisplayError  # noqa: PLC0415

    try:
        if args.self_test:
            from lic_desktop.gui.app import self_test  # noqa: PLC0415

            return self_test(import_all)
        return start(args.scenario, args.screenshot, args.catalog, args.locale)
    except NoDisplayError as exc:  # one line instead of Qt's abort
        print(f"lic-desktop: {exc}", file=sys.stderr)
        return EXIT_INPUT
