"""`lic-desktop --self-test`: proves a build works end to end, offscreen.

Renders the main window, computes the article's seed upgrade and compares it to the
cent, formats a de_DE amount (babel's locale data is there), loads every embedded
catalog, imports every command's module. Prints one line a check and exits non-zero when any fails.
"""

from __future__ import annotations

import sys
import tempfile
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication

from lic_desktop import l10n
from lic_desktop.catalogs import embedded_catalogs, load_all_embedded, load_catalog
from lic_desktop.core.engine import make_quote
from lic_desktop.core.money import Money
from lic_desktop.core.scenario import parse_scenario_text
from lic_desktop.resources_path import resources_dir


def check_seed() -> str:
    path = resources_dir() / "scenarios" / "seed-upgrade.toml"
    scenario = parse_scenario_text(path.read_text(encoding="utf-8"), path.name)
    quote = make_quote(scenario.license(load_catalog(scenario.catalog)), scenario.request())
    got = (quote.order.grand_total.amount, quote.order.deduction.amount,
           quote.order.first_bill_amount.amount)
    want = (Decimal("31.84"), Decimal("10.61"), Decimal("21.23"))  # the article's figures
    if got != want:
        raise AssertionError(f"seed upgrade gave {got}, the article says {want}")
    return "seed upgrade: 31.84 - 10.61 = 21.23 USD"


def check_babel() -> str:
    text = l10n.Formatter("de_DE").money(Money(Decimal("31.84"), "USD"))
    if not text.startswith("31,84"):
        raise AssertionError(f"de_DE formatted 31.84 USD as {text!r}")
    digits = (l10n.currency_digits("JPY"), l10n.currency_digits("KWD"))
    if digits != (0, 3):
        raise AssertionError(f"currency decimals JPY/KWD are {digits}, not (0, 3)")
    return f"babel data: de_DE {text!r}, JPY 0 and KWD 3 decimals"


def check_catalogs() -> str:
    names = list(embedded_catalogs())
    catalogs = load_all_embedded()
    if len(catalogs) < 2:
        raise AssertionError(f"only {names} embedded")
    return f"catalogs: {', '.join(c.name for c in catalogs)}"


def check_commands(import_commands: Callable[[], list[str]]) -> str:
    # The command line imports each command's module by name when it runs; a bundle
    # missing one would only fail when a user runs that command. The command line
    # passes its loader in, so the window never imports the command line.
    return f"commands: {', '.join(import_commands())}"


def check_window(app: QApplication) -> str:
    from lic_desktop.gui.main_window import MainWindow  # noqa: PLC0415 - after the app

    with tempfile.TemporaryDirectory() as folder:
        settings = QSettings(str(Path(folder) / "s.ini"), QSettings.Format.IniFormat)
        window = MainWindow(settings)
        window.resize(1280, 820)
        window.show()
        app.processEvents()
        image = window.grab().toImage()
        # Every tab once: the window builds them on first use, so a bundle missing a Qt
        # module one of them needs (Charts for the planner) fails here, not for a user.
        for index in range(window.tabs.count()):
            window.tabs.setCurrentIndex(index)
            app.processEvents()
        tabs = [window.tabs.tabText(i) for i in range(window.tabs.count())]
        waiting = window.pages.waiting()
        window.editor.mark_saved(Path(folder) / "x.toml")
        window.close()
        del window, settings
    if waiting:
        raise AssertionError(f"tabs never built: {', '.join(waiting)}")
    if image.width() < 1000 or image.height() < 600:
        raise AssertionError(f"the window rendered at {image.width()}x{image.height()}")
    return f"window rendered {image.width()}x{image.height()}, tabs {', '.join(tabs)}"


def run_self_test(app: QApplication, import_commands: Callable[[], list[str]]) -> int:
    checks: list[tuple[str, Callable[[], str]]] = [
        ("seed", check_seed), ("babel", check_babel), ("catalogs", check_catalogs),
        ("commands", lambda: check_commands(import_commands)),
        ("window", lambda: check_window(app))]
    failed = 0
    for name, check in checks:
        try:
            print(f"ok   {check()}")
        except Exception as exc:
            failed += 1
            print(f"FAIL {name}: {type(exc).__name__}: {exc}")
    print(f"self-test: {len(checks) - failed} passed, {failed} failed")
    sys.stdout.flush()
    return 1 if failed else 0
