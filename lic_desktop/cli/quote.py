"""`lic-desktop quote`, `plan` and `catalogs`: one license change from the shell."""

from __future__ import annotations

import argparse
import json
import sys
from datetime import datetime
from pathlib import Path
from typing import Any

from lic_desktop.atomic_write import WriteError
from lic_desktop.catalogs import embedded_catalogs, load_catalog
from lic_desktop.cli.args import SCENARIO_FIELDS
from lic_desktop.core.catalog import Catalog
from lic_desktop.core.engine import make_quote
from lic_desktop.core.periods import InputError
from lic_desktop.core.planner import plan_change
from lic_desktop.core.quote import Quote, minute
from lic_desktop.core.scenario import Scenario, parse_amount, parse_moment, parse_scenario_text
from lic_desktop.l10n import Formatter
from lic_desktop.present.catalog_text import catalog_dict, catalog_text
from lic_desktop.present.planner import plan_csv, plan_dict, plan_text
from lic_desktop.present.quote_document import document_info, quote_document
from lic_desktop.present.quote_identity import paper_for_locale
from lic_desktop.present.quote_json import quote_dict
from lic_desktop.present.quote_text import quote_text
from lic_desktop.present.seller import Seller, read_seller_file
from lic_desktop.user_files import UnreadableFileError, read_text, scenario_too_large

# The scenario keys that are options too: an error in one names the option.
OPTION_FIELDS = {*SCENARIO_FIELDS, "start", "at", "anchor", "paid", "pending", "scenario"}


def scenario_from_args(args: argparse.Namespace) -> Scenario:
    """The scenario file (if any) with every option given on the command line on top."""
    base: dict[str, Any] = {}
    if args.scenario:
        path = Path(args.scenario)
        try:  # /dev/zero, a FIFO, a folder or a disk image: refused at once, unread
            text = read_text(path, scenario_too_large())
        except UnreadableFileError as exc:
            raise InputError("scenario", str(exc)) from None
        try:
            base = _as_dict(parse_scenario_text(text, path.name))
        except InputError as exc:
            if exc.field in OPTION_FIELDS:
                raise  # "--quantity: ...": the option of the same name
            # A key no option has ("version", a mistyped one): named with its file.
            raise InputError("scenario", f"{path}: {exc.field}: {exc.message}") from None
    for name in SCENARIO_FIELDS:
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


def _as_dict(scenario: Scenario) -> dict[str, Any]:
    return {name: getattr(scenario, name) for name in scenario.__dataclass_fields__}


def run_quote(args: argparse.Namespace) -> int:
    scenario = scenario_from_args(args)
    catalog = load_catalog(scenario.catalog)
    quote = make_quote(scenario.license(catalog), scenario.request())
    fmt = Formatter(args.locale)
    seller = read_seller_file(Path(args.seller)) if args.seller else None
    if args.pdf:
        write_quote_pdf(Path(args.pdf), quote, fmt, seller,
                        args.paper or paper_for_locale(fmt.locale))
    elif args.seller or args.paper:
        raise InputError("seller" if args.seller else "paper", "is for the PDF: give --pdf FILE")
    if args.format == "json":
        print(json.dumps(quote_dict(quote, fmt), indent=2))
    else:
        sys.stdout.write(quote_text(quote, fmt))
    return 0


def write_quote_pdf(path: Path, quote: Quote, fmt: Formatter, seller: Seller | None,
                    paper: str) -> None:
    # Qt loads only when a PDF is asked for.
    from lic_desktop.gui.export import (  # noqa: PLC0415
        Paper,
        ensure_gui_application,
        logo_url,
        write_pdf,
    )

    ensure_gui_application()
    created = minute(datetime.now())
    logo = logo_url(seller.logo) if seller is not None else ""
    info = document_info(quote, seller)
    try:  # through atomic_write: whole, or the old file as it was
        write_pdf(path, lambda layout, size: quote_document(
            quote, fmt, created, seller, layout=layout, size=size, logo_src=logo,
            paged=True),
                  Paper(paper, info.title, info.author, info.number, info.made_with))
    except WriteError as exc:
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
        fmt = Formatter(args.locale)
        sys.stdout.write("\n".join(catalog_text(c, fmt) for c in catalogs))
    return 0
