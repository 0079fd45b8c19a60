"""The command line's options: every command's parser, with nothing else imported, so
`lic-desktop --help` and the window start without loading what other commands need."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import Any, NoReturn

from lic_desktop import __version__
from lic_desktop.core.numbers import given, parse_amount, parse_quantity, parse_whole
from lic_desktop.core.periods import InputError

# The quote inputs a scenario file and the command line share.
SCENARIO_FIELDS = ("catalog", "plan", "quantity", "cycle", "to_plan", "to_quantity",
                   "to_cycle", "ip", "secondary_ip", "auto_renew", "customer")

class UsageError(Exception):
    """argparse's complaint, raised instead of printed so main() reports it on one line."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise UsageError(f"{self.prog}: {message}")


def _checked(field: str, read: Callable[[str, str], object]) -> Callable[[str], Any]:
    """An option's argparse type: `read(field, text)` from core.numbers, its InputError
    becoming argparse's one-line complaint about the option."""
    def check(text: str) -> object:
        try:
            return read(field, text)
        except InputError as exc:
            raise argparse.ArgumentTypeError(exc.message) from None

    check.__name__ = field
    return check


def whole_number(field: str, low: int | None = None, high: int | None = None, *,
                 required: bool = False) -> Callable[[str], int]:
    """A whole number option (ASCII digits only: int() would take "3_0" and "１２");
    given empty, a `required` one (no default to fall back on) asks for a value."""
    def read(name: str, text: str) -> int:
        given(name, text, required=required)
        return parse_whole(name, text, low=low, high=high)

    return _checked(field, read)


def quantity(field: str) -> Callable[[str], int]:
    return _checked(field, parse_quantity)


def amount(field: str) -> Callable[[str], str]:
    """An amount option, checked here, kept as typed: the command reads it with the same
    parser (core.numbers.parse_amount)."""
    def read(name: str, text: str) -> str:
        parse_amount(name, text)
        return text

    return _checked(field, read)


def value(field: str, *, required: bool = False) -> Callable[[str], str]:
    """Any other option that takes a value: an empty one is refused, never the default.
    The value is kept as given (a path may end in a space)."""
    def read(name: str, text: str) -> str:
        given(name, text, required=required)
        return text

    return _checked(field, read)


def _add_quote_inputs(p: argparse.ArgumentParser) -> None:
    p.add_argument("--scenario", metavar="FILE", type=value("scenario"),
                   help="read the inputs from a TOML or JSON "
                   "scenario file; options given as well override it")
    p.add_argument("--catalog", metavar="NAME|PATH", type=value("catalog"),
                   help="embedded catalog or a .toml file")
    p.add_argument("--plan", type=value("plan"), help="the current plan")
    p.add_argument("--quantity", type=quantity("quantity"),
                   help="current number of units (servers)")
    p.add_argument("--cycle", type=value("cycle"),
                   help="current billing cycle ('owned' for an owned license)")
    p.add_argument("--start", metavar="'YYYY-MM-DD HH:MM'", type=value("start"),
                   help="current period start")
    p.add_argument("--paid", metavar="AMOUNT", type=amount("paid"),
                   help="amount paid for the current period "
                   "(default: the catalog price)")
    p.add_argument("--pending", metavar="AMOUNT", type=amount("pending"),
                   help="an unpaid invoice on the license")
    p.add_argument("--at", metavar="'YYYY-MM-DD HH:MM'", type=value("at"),
                   help="the change moment")
    p.add_argument("--to-plan", type=value("to_plan"),
                   help="the new plan (default: the current one)")
    p.add_argument("--to-quantity", type=quantity("to_quantity"),
                   help="the new number of units")
    p.add_argument("--to-cycle", type=value("to_cycle"), help="the new billing cycle")
    p.add_argument("--ip", help="the license's IP address")
    p.add_argument("--secondary-ip", help="the license's secondary IP address")
    p.add_argument("--auto-renew", action="store_true", default=None,
                   help="the license renews automatically")
    p.add_argument("--customer", help="who the quote is for (on the quote document)")
    p.add_argument("--anchor", metavar="'YYYY-MM-DD HH:MM'", type=value("anchor"),
                   help="the first period's start, "
                   "when --start is a renewal: keeps month-end renewals on their day")


def _add_gui_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--scenario", metavar="FILE", type=value("scenario"),
                   help="open this scenario file")
    p.add_argument("--catalog", metavar="NAME|PATH", type=value("catalog"),
                   help="start on this catalog")
    p.add_argument("--screenshot", metavar="PNG", type=value("screenshot"),
                   help="render the window to a PNG and exit "
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
    q.add_argument("--pdf", metavar="FILE", type=value("pdf"),
                   help="also write the one-page quote document "
                   "as a PDF (no window needed)")
    q.add_argument("--seller", metavar="SELLER.toml", type=value("seller"),
                   help="the seller's details for the PDF (name, address, email, phone, "
                   "website, vat_number, logo, validity_days, terms: README, \"Quote "
                   "documents\")")
    q.add_argument("--paper", choices=("a4", "letter"), default=None,
                   help="the PDF's paper (default: from the locale, en_US Letter, "
                   "de_DE and fr_FR A4)")

    p = sub.add_parser("plan", help="the same change on every day up to the due date")
    _add_quote_inputs(p)
    p.add_argument("--until", metavar="'YYYY-MM-DD HH:MM'", type=value("until"),
                   help="plan up to this moment (default: the due date; from the due "
                   "moment itself, or for an owned license: the 30 days after the change "
                   "moment)")
    p.add_argument("--format", choices=("text", "json", "csv"), default="text")
    add_locale_option(p)

    add_batch_parser(sub)
    add_store_parsers(sub)

    g = sub.add_parser("gui", help="open the window (the default)")
    _add_gui_options(g)

    c = sub.add_parser("catalogs", help="list catalogs, their plans and cycles")
    c.add_argument("--catalog", metavar="NAME|PATH", type=value("catalog"),
                   help="only this catalog (checks a file)")
    c.add_argument("--format", choices=("text", "json"), default="text")
    add_locale_option(c)
    return parser


def add_batch_parser(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    b = sub.add_parser("batch", help="re-price a license book (CSV) at one change moment")
    b.add_argument("licenses", metavar="LICENSES.csv", help="columns: catalog, plan, cycle, "
                   "start (required); quantity, paid, pending, to_plan, to_quantity, "
                   "to_cycle, ip, customer, anchor")
    b.add_argument("--at", required=True, metavar="'YYYY-MM-DD HH:MM'",
                   type=value("at", required=True),
                   help="the change moment for every license")
    b.add_argument("--out", metavar="OUT.csv", type=value("out"), help="write the priced book here "
                   "(default: standard output)")
    b.add_argument("--locale", metavar="LOCALE", type=value("locale"),
                   help="language of the reasons and the "
                   "summary (money columns stay plain numbers)")
    b.add_argument("--best-day", action="store_true",
                   help="also each license's best day to change, through its due date (as "
                   "`plan` finds it): best_day, due_now_at_best, cost_now, cost_at_best, "
                   "saving, why")
    b.add_argument("--ics", metavar="FILE.ics", type=value("ics"),
                   help="also write a calendar (iCalendar): one event a license that saves "
                   "by waiting, on its best day, with a reminder the day before (implies "
                   "--best-day)")


def add_store_parsers(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    s = sub.add_parser("store", help="read the store: licenses, products, invoices, "
                       "its own upgrade price, clients")
    s.add_argument("what", choices=("licenses", "products", "invoices", "check-upgrade",
                                    "clients"))
    s.add_argument("--url", required=True, type=value("url", required=True),
                   help="the store's address (https://...)")
    s.add_argument("--identifier", required=True, type=value("identifier", required=True),
                   help="the API identifier; the secret "
                   "comes from the keyring or LIC_STORE_SECRET")
    s.add_argument("--access-key", metavar="KEY", type=value("access_key", required=True),
                   help="WHMCS's API access key, for a store that allows only some IPs "
                   "(default: LIC_STORE_ACCESS_KEY, else the keyring's; prefer those: an "
                   "option is seen by other users of this machine)")
    s.add_argument("--catalog", metavar="FILE", type=value("catalog", required=True),
                   action="append", help="your catalog (repeatable): it replaces the "
                   "embedded one of its name, so its rules and store_pids match the "
                   "store's products")
    # No default here: cli.store tells --client-id from --client, then takes client 1.
    s.add_argument("--client-id", type=whole_number("client_id", low=1),
                   help="the store's client id (default: 1)")
    s.add_argument("--client", metavar="TEXT", type=value("client", required=True),
                   help="the client by the start of their e-mail, name or company (or "
                   "their id): it must match one client")
    s.add_argument("--search", metavar="TEXT", type=value("search", required=True),
                   help="clients: the start of the e-mail, name or company to look for")
    s.add_argument("--service", type=whole_number("service", low=1, required=True),
                   help="check-upgrade: the license's service id")
    s.add_argument("--to-plan", type=value("to_plan"), help="check-upgrade: the new plan")
    s.add_argument("--to-quantity", type=quantity("to_quantity"),
                   help="check-upgrade: the new quantity")
    s.add_argument("--to-cycle", type=value("to_cycle"),
                   help="check-upgrade: the new billing cycle")
    s.add_argument("--at", metavar="'YYYY-MM-DD HH:MM'", type=value("at"),
                   help="our quote's change moment "
                   "(default: now)")
    s.add_argument("--format", choices=("text", "json"), default="text")
    s.add_argument("--locale", metavar="LOCALE", type=value("locale"),
                   help="formats and language")
    d = sub.add_parser("store-demo", help="serve a demo store on 127.0.0.1 to try the "
                       "connection")
    d.add_argument("--port", type=whole_number("port", low=0, high=65535), default=8765)
    d.add_argument("--access-key", metavar="KEY", type=value("access_key", required=True),
                   help="allow no IP without this API access key (as a WHMCS store "
                   "restricted by IP)")
    d.add_argument("--bulk-services", metavar="N", default=1500,
                   type=whole_number("bulk_services", low=0, high=100_000),
                   help="services of the demo's large client 7, read page by page "
                   "(default 1500; 0: no such client)")


def add_locale_option(p: argparse.ArgumentParser) -> None:
    p.add_argument("--locale", metavar="LOCALE", type=value("locale"),
                   help="formats and language, e.g. en_US, "
                   "de_DE, fr_FR (default: the system's, else en_US; en_US reads as the "
                   "vendor portal)")
