"""Command-line entry points: `lic-desktop [gui|quote|catalogs] ...`; none opens the window.

Exit status: 0 for any quote (a blocked one included), 2 for invalid input with one
line on stderr naming the field, 1 for an unexpected failure (also one line; set
LIC_DESKTOP_DEBUG=1 for the traceback).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from typing import Any, NoReturn

from lic_desktop import __version__, l10n
from lic_desktop.catalogs import embedded_catalogs, load_catalog
from lic_desktop.cli_batch import add_parser as add_batch_parser
from lic_desktop.cli_batch import run_batch
from lic_desktop.cli_store import add_parsers as add_store_parsers
from lic_desktop.cli_store import run_store, run_store_demo
from lic_desktop.core.catalog import Catalog, CatalogError
from lic_desktop.core.engine import make_quote
from lic_desktop.core.periods import InputError
from lic_desktop.core.planner import plan_change
from lic_desktop.core.quote import minute
from lic_desktop.core.scenario import Scenario, parse_amount, parse_moment, parse_scenario_text
from lic_desktop.l10n import Formatter
from lic_desktop.present.catalog_text import catalog_dict, catalog_text
from lic_desktop.present.planner import plan_csv, plan_dict, plan_text
from lic_desktop.present.quote_document import quote_document
from lic_desktop.present.quote_json import quote_dict
from lic_desktop.present.quote_text import quote_text

EXIT_INPUT = 2


class UsageError(Exception):
    """argparse's complaint, raised instead of printed so main() reports it on one line."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise UsageError(f"{self.prog}: {message}")


def whole_number(text: str) -> int:
    try:
        return int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None


def _add_quote_inputs(p: argparse.ArgumentParser) -> None:
    p.add_argument("--scenario", metavar="FILE", help="read the inputs from a TOML or JSON "
                   "scenario file; options given as well override it")
    p.add_argument("--catalog", metavar="NAME|PATH", help="embedded catalog or a .toml file")
    p.add_argument("--plan", help="the current plan")
    p.add_argument("--quantity", type=whole_number, help="current number of units (servers)")
    p.add_argument("--cycle", help="current billing cycle ('owned' for an owned license)")
    p.add_argument("--start", metavar="'YYYY-MM-DD HH:MM'", help="current period start")
    p.add_argument("--paid", metavar="AMOUNT", help="amount paid for the current period "
                   "(default: the catalog price)")
    p.add_argument("--pending", metavar="AMOUNT", help="an unpaid invoice on the license")
    p.add_argument("--at", metavar="'YYYY-MM-DD HH:MM'", help="the change moment")
    p.add_argument("--to-plan", help="the new plan (default: the current one)")
    p.add_argument("--to-quantity", type=whole_number, help="the new number of units")
    p.add_argument("--to-cycle", help="the new billing cycle")
    p.add_argument("--ip", help="the license's IP address")
    p.add_argument("--secondary-ip", help="the license's secondary IP address")
    p.add_argument("--auto-renew", action="store_true", default=None,
                   help="the license renews automatically")
    p.add_argument("--customer", help="who the quote is for (on the quote document)")
    p.add_argument("--anchor", metavar="'YYYY-MM-DD HH:MM'", help="the first period's start, "
                   "when --start is a renewal: keeps month-end renewals on their day")


def _add_gui_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--scenario", metavar="FILE", help="open this scenario file")
    p.add_argument("--catalog", metavar="NAME|PATH", help="start on this catalog")
    p.add_argument("--screenshot", metavar="PNG", help="render the window to a PNG and exit "
                   "(works with QT_QPA_PLATFORM=offscreen)")
    p.add_argument("--self-test", action="store_true", help="check this installation "
                   "(window, seed quote, locale data, catalogs) offscreen and exit")
    add_locale_option(p)


def run_gui(args: argparse.Namespace) -> int:
    # Qt loads only for the window: quote and catalogs stay fast and need no display.
    from lic_desktop.gui.app import run_gui as start  # noqa: PLC0415

    if args.self_test:
        from lic_desktop.gui.app import self_test  # noqa: PLC0415

        return self_test()
    return start(args.scenario, args.screenshot, args.catalog, args.locale)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="lic-desktop", description="What does it cost to change this "
                     "software license, and when is the best day to do it?")
    parser.add_argument("--version", action="version", version=f"lic-desktop {__version__}")
    sub = parser.add_subparsers(dest="command", parser_class=_Parser)

    q = sub.add_parser("quote", help="quote one license change")
    _add_quote_inputs(q)
    q.add_argument("--format", choices=("text", "json"), default="text")
    add_locale_option(q)
    q.add_argument("--pdf", metavar="FILE", help="also write the one-page quote document "
                   "as a PDF (no window needed)")

    p = sub.add_parser("plan", help="the same change on every day up to the due date")
    _add_quote_inputs(p)
    p.add_argument("--until", metavar="'YYYY-MM-DD HH:MM'", help="plan up to this moment "
                   "(default: the due date; an owned license: 30 days)")
    p.add_argument("--format", choices=("text", "json", "csv"), default="text")
    add_locale_option(p)

    add_batch_parser(sub)
    add_store_parsers(sub)

    g = sub.add_parser("gui", help="open the window (the default)")
    _add_gui_options(g)

    c = sub.add_parser("catalogs", help="list catalogs, their plans and cycles")
    c.add_argument("--catalog", metavar="NAME|PATH", help="only this catalog (checks a file)")
    c.add_argument("--format", choices=("text", "json"), default="text")
    return parser


_SCENARIO_FIELDS = ("catalog", "plan", "quantity", "cycle", "to_plan", "to_quantity",
                    "to_cycle", "ip", "secondary_ip", "auto_renew", "customer")


def scenario_from_args(args: argparse.Namespace) -> Scenario:
    """The scenario file (if any) with every option given on the command line on top."""
    base: dict[str, Any] = {}
    if args.scenario:
        path = Path(args.scenario)
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise InputError("scenario", f"cannot read {path}: {exc}") from None
        base = _as_dict(parse_scenario_text(text, path.name))
    for name in _SCENARIO_FIELDS:
        value = getattr(args, name)
        if value is not None:
            base[name] = value
    for name in ("start", "at", "anchor"):
        if getattr(args, name) is not None:
            base[name] = parse_moment(name, getattr(args, name))
    for name in ("paid", "pending"):
        if getattr(args, name) is not None:
            base[name] = parse_amount(name, getattr(args, name))
    for name in ("catalog", "plan", "cycle", "start", "at"):
        if base.get(name) is None:
            raise InputError(name, "is required (or give it in --scenario FILE)")
    return Scenario(**base)


def option_name(field: str) -> str:
    """The command-line option for an input field: "to_plan" -> "--to-plan"."""
    if field == "licenses":
        return "LICENSES.csv"
    if field in {*_SCENARIO_FIELDS, "start", "at", "anchor", "paid", "pending", "scenario",
                 "until", "pdf", "out", "url", "service", "port", "locale"}:
        return "--" + field.replace("_", "-")
    return field


def _as_dict(scenario: Scenario) -> dict[str, Any]:
    return {name: getattr(scenario, name) for name in scenario.__dataclass_fields__}


def run_quote(args: argparse.Namespace) -> int:
    scenario = scenario_from_args(args)
    catalog = load_catalog(scenario.catalog)
    quote = make_quote(scenario.license(catalog), scenario.request())
    fmt = Formatter(args.locale)
    if args.pdf:
        write_quote_pdf(Path(args.pdf), quote_document(quote, fmt, minute(datetime.now())))
    if args.format == "json":
        print(json.dumps(quote_dict(quote, fmt), indent=2))
    else:
        sys.stdout.write(quote_text(quote, fmt))
    return 0


def write_quote_pdf(path: Path, html: str) -> None:
    # Qt loads only when a PDF is asked for.
    from lic_desktop.gui.export import ensure_gui_application, write_pdf  # noqa: PLC0415

    if path.is_dir() or not path.parent.is_dir():
        raise InputError("pdf", f"{path} is not a file in an existing folder")
    ensure_gui_application()
    try:
        write_pdf(path, html)
    except OSError as exc:
        raise InputError("pdf", str(exc)) from None


def run_plan(args: argparse.Namespace) -> int:
    scenario = scenario_from_args(args)
    catalog = load_catalog(scenario.catalog)
    until = parse_moment("until", args.until) if args.until else None
    plan = plan_change(scenario.license(catalog), scenario.request(), until)
    fmt = Formatter(args.locale)
    if args.format == "json":
        print(json.dumps(plan_dict(plan, fmt), indent=2))
    elif args.format == "csv":
        sys.stdout.write(plan_csv(plan))
    else:
        sys.stdout.write(plan_text(plan, fmt))
    return 0


def run_catalogs(args: argparse.Namespace) -> int:
    catalogs: list[Catalog] = (
        [load_catalog(args.catalog)] if args.catalog
        else [load_catalog(name) for name in embedded_catalogs()]
    )
    if args.format == "json":
        print(json.dumps([catalog_dict(c) for c in catalogs], indent=2))
    else:
        sys.stdout.write("\n".join(catalog_text(c) for c in catalogs))
    return 0


def add_locale_option(p: argparse.ArgumentParser) -> None:
    p.add_argument("--locale", metavar="LOCALE", help="formats and language, e.g. en_US, "
                   "de_DE, fr_FR (default: the system's, else en_US; en_US reads as the "
                   "vendor portal)")


def choose_locale(asked: str | None) -> str:
    """The locale asked for (checked), else the system's; the UI language follows it."""
    if asked:
        try:
            locale = l10n.check_locale(asked)
        except ValueError as exc:
            raise InputError("locale", str(exc)) from None
    else:
        locale = l10n.system_locale()
    l10n.set_language(locale)
    return locale


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or (argv[0].startswith("--") and argv[0] not in ("--help", "--version")):
        argv.insert(0, "gui")  # `lic-desktop [--scenario F]` opens the window
    try:
        args = build_parser().parse_args(argv)
        args.locale = choose_locale(getattr(args, "locale", None))
        commands = {"quote": run_quote, "plan": run_plan, "catalogs": run_catalogs,
                    "gui": run_gui, "batch": run_batch, "store": run_store,
                    "store-demo": run_store_demo}
        if args.command in commands:
            return commands[args.command](args)
        build_parser().print_help()
        return 0
    except UsageError as exc:
        print(exc, file=sys.stderr)
        return EXIT_INPUT
    except InputError as exc:
        print(f"lic-desktop: {option_name(exc.field)}: {exc.message}", file=sys.stderr)
        return EXIT_INPUT
    except CatalogError as exc:
        print(f"lic-desktop: {exc}", file=sys.stderr)
        return EXIT_INPUT
    except Exception as exc:
        if os.environ.get("LIC_DESKTOP_DEBUG"):
            raise
        print(f"lic-desktop: internal error: {type(exc).__name__}: {exc} "
              "(set LIC_DESKTOP_DEBUG=1 for details)", file=sys.stderr)
        return 1
