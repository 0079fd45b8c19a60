"""The command line's options: every command's parser, with nothing else imported, so
`lic-desktop --help` and the window start without loading what other commands need."""

from __future__ import annotations

import argparse
from typing import NoReturn

from lic_desktop import __version__

# The quote inputs a scenario file and the command line share.
SCENARIO_FIELDS = ("catalog", "plan", "quantity", "cycle", "to_plan", "to_quantity",
                   "to_cycle", "ip", "secondary_ip", "auto_renew", "customer")

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
                   "(seed quote, locale data, catalogs, every command's code, the window "
                   "and each of its tabs) offscreen and exit")
    add_locale_option(p)


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
    add_locale_option(c)
    return parser


def add_batch_parser(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    b = sub.add_parser("batch", help="re-price a license book (CSV) at one change moment")
    b.add_argument("licenses", metavar="LICENSES.csv", help="columns: catalog, plan, cycle, "
                   "start (required); quantity, paid, pending, to_plan, to_quantity, "
                   "to_cycle, ip, customer")
    b.add_argument("--at", required=True, metavar="'YYYY-MM-DD HH:MM'",
                   help="the change moment for every license")
    b.add_argument("--out", metavar="OUT.csv", help="write the priced book here "
                   "(default: standard output)")
    b.add_argument("--locale", metavar="LOCALE", help="language of the reasons and the "
                   "summary (money columns stay plain numbers)")


def add_store_parsers(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    s = sub.add_parser("store", help="read the store: licenses, products, invoices, "
                       "its own upgrade price")
    s.add_argument("what", choices=("licenses", "products", "invoices", "check-upgrade"))
    s.add_argument("--url", required=True, help="the store's address (https://...)")
    s.add_argument("--identifier", required=True, help="the API identifier; the secret "
                   "comes from the keyring or LIC_STORE_SECRET")
    s.add_argument("--client-id", type=int, default=1, help="the store's client id")
    s.add_argument("--service", type=int, help="check-upgrade: the license's service id")
    s.add_argument("--to-plan", help="check-upgrade: the new plan")
    s.add_argument("--to-quantity", type=int, help="check-upgrade: the new quantity")
    s.add_argument("--to-cycle", help="check-upgrade: the new billing cycle")
    s.add_argument("--at", metavar="'YYYY-MM-DD HH:MM'", help="our quote's change moment "
                   "(default: now)")
    s.add_argument("--format", choices=("text", "json"), default="text")
    s.add_argument("--locale", metavar="LOCALE", help="formats and language")
    d = sub.add_parser("store-demo", help="serve a demo store on 127.0.0.1 to try the "
                       "connection")
    d.add_argument("--port", type=int, default=8765)


def add_locale_option(p: argparse.ArgumentParser) -> None:
    p.add_argument("--locale", metavar="LOCALE", help="formats and language, e.g. en_US, "
                   "de_DE, fr_FR (default: the system's, else en_US; en_US reads as the "
                   "vendor portal)")
