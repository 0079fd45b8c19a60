"""`lic-desktop store ...` and `lic-desktop store-demo`: the store connection from a shell."""

from __future__ import annotations

import argparse
import json
import shlex
import sys
from collections.abc import Callable
from dataclasses import replace
from datetime import datetime
from typing import Any, TextIO

from lic_desktop import l10n
from lic_desktop.catalogs import load_all_embedded, load_catalog, store_bases
from lic_desktop.cli.commands import EXIT_INPUT
from lic_desktop.core.engine import make_quote
from lic_desktop.core.periods import InputError
from lic_desktop.core.quote import minute
from lic_desktop.core.scenario import parse_moment
from lic_desktop.l10n import Formatter, ngettext
from lic_desktop.present.store_check import comparison
from lic_desktop.present.store_status import changeable, closed_counts, status_word, why_not
from lic_desktop.store.client import Credentials, StoreClient, StoreError
from lic_desktop.store.clients import ClientSearchError, find_clients, resolve_client
from lic_desktop.store.convert import match_catalog, product_id, whmcs_cycle
from lic_desktop.store.fields import At, amount, day, integer, need, records, text
from lic_desktop.store.paging import read_all
from lic_desktop.store.products import product_match_text, read_products
from lic_desktop.store.safe_text import clean
from lic_desktop.store.secrets import read_access_key, read_secret
from lic_desktop.store.session import Snapshot, StoreSession
from lic_desktop.user_dirs import store_cache_dir

ASKED = {"to_plan", "to_cycle", "to_quantity", "at", "service", "catalog"}  # the user's


def open_session(args: argparse.Namespace) -> StoreSession:
    secret = read_secret(args.url, args.identifier)
    if not secret:
        raise InputError("secret", "no secret: set LIC_STORE_SECRET or save it in the "
                         "keyring from the window (Store -> Connect, Remember)")
    # The access key: the option, else LIC_STORE_ACCESS_KEY, else the keyring's.
    access_key = args.access_key or read_access_key(args.url, args.identifier) or ""
    client = StoreClient(Credentials(args.url, args.identifier, secret, access_key))
    return StoreSession(client, store_bases(args.catalog or []), store_cache_dir(),
                        l10n.currency_digits)


def run_store(args: argparse.Namespace) -> int:
    """Exit 2 with one line when the store cannot be read or its answer not used: store
    data is input to this app (the cached copy is used when there is one)."""
    check_client_options(args)
    if args.what == "check-upgrade" and args.service is None:
        raise InputError("service", "is required: give the license's service id (see "
                         f"'lic-desktop store licenses {client_option(args)}')")
    try:
        session = open_session(args)
    except StoreError as exc:
        raise InputError("url", str(exc)) from None
    with session.client:
        try:
            # products and invoices show the store's live answer (never the cache);
            # licenses and check-upgrade fall back to the cached copy and say so.
            if args.what == "clients":
                return _clients(args, session.client)
            if args.what != "products":
                args.client_id = chosen_client(args, session.client)
            if args.what == "products":
                return _products(args, session)
            if args.what == "invoices":
                with TerminalProgress(sys.stderr) as progress:
                    invoices = read_all(session.client, "GetInvoices", progress=progress,
                                        userid=args.client_id, status="Unpaid")
                return _print(args, invoices, "GetInvoices", INVOICE_COLUMNS)
            with TerminalProgress(sys.stderr) as progress:
                snapshot = session.fetch(args.client_id, progress=progress)
            if args.what == "licenses":
                return _licenses(args, snapshot)
            return _check_upgrade(args, session, snapshot)
        except StoreError as exc:
            print(f"lic-desktop: store: {exc}", file=sys.stderr)
            return EXIT_INPUT


PROGRESS_NOUNS = {"GetClientsProducts": "services", "GetInvoices": "invoices",
                  "GetClients": "clients"}


class TerminalProgress:
    """How much of a long list has been read, as one stderr line rewritten in place;
    nothing when stderr is not a terminal (a pipe, a log, a test)."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self.shown = ""  # the action whose line is on the terminal
        self.on = stream.isatty()

    def __call__(self, action: str, done: int, total: int) -> None:
        """Shown from the first page of a list that has more, until its last."""
        if not self.on or (done >= total and self.shown != action):
            return
        if self.shown and self.shown != action:
            self.stream.write("\n")
        noun = PROGRESS_NOUNS.get(action, "records")
        self.stream.write(f"\rlic-desktop: store: {done:,} of {total:,} {noun} read")
        self.stream.flush()
        self.shown = action

    def __enter__(self) -> TerminalProgress:
        return self

    def __exit__(self, *exc: object) -> None:
        """The line ended, so that what follows (an error, say) starts a line."""
        if self.shown:
            self.stream.write("\n")
            self.shown = ""


Check = Callable[[Any, At], object]  # a store.fields reader: the value, or a StoreError
PRODUCT_COLUMNS: dict[str, Check] = {"pid": integer, "name": text, "paytype": text,
                                     "type": text}
INVOICE_COLUMNS: dict[str, Check] = {"id": lambda v, at: integer(v, at, minimum=1),
                                     "date": day, "duedate": day, "total": amount,
                                     "currencycode": text, "status": text}
IDS = {"pid", "id"}  # every product and invoice has one
LISTS = {"GetProducts": ("products", "product"), "GetInvoices": ("invoices", "invoice")}


def _products(args: argparse.Namespace, session: StoreSession) -> int:
    """The store's products; the table says, for each, whether it is hidden or retired
    and which catalog's plan it is (or why it prices none): what `store licenses`
    then quotes from."""
    data = session.client.call("GetProducts")
    products = read_products(data)  # the flags checked as the licenses' fetch checks them
    matchings = [match_catalog(base, data) for base in session.bases]
    standing = [", ".join(word for word, on in (("hidden", p.hidden), ("retired", p.retired))
                          if on) for p in products]
    return _print(args, data, "GetProducts", PRODUCT_COLUMNS, {
        "standing": standing,
        "matches": [product_match_text(p, matchings) for p in products]})


def _print(args: argparse.Namespace, data: dict[str, Any], action: str,
           columns: dict[str, Check], extra: dict[str, list[str]] | None = None) -> int:
    """The store's answer, each shown field checked first as `store licenses` checks it
    (a StoreError naming the field): as it came (json), or a table of them (text), with
    the `extra` columns (a value per item) after the store's."""
    plural, singular = LISTS[action]
    items = list(records(data.get(plural), At(action), plural, singular))
    for at, item in items:
        for column, check in columns.items():
            if column in IDS or item.get(column) not in (None, ""):
                check(need(item, column, at), at.key(column))
    if args.format == "json":
        print(json.dumps(data, indent=2))
        return 0
    extra = extra or {}
    print("\t".join([*columns, *extra]))
    for number, (_, item) in enumerate(items):
        print("\t".join([*(_cell(item.get(c, "")) for c in columns),
                         *(_cell(values[number]) for values in extra.values())]))
    return 0


def _cell(value: Any) -> str:
    """A store value in a table cell: no escapes, tabs or line breaks from the store."""
    return clean("" if isinstance(value, (dict, list)) or value is None else value, 200)


def check_client_options(args: argparse.Namespace) -> None:
    """--client or --client-id (not both; neither: client 1, as before --client was
    there); --search only for `store clients`, which needs it."""
    if args.client is not None and args.client_id is not None:
        raise InputError("client", "give either --client or --client-id, not both")
    if args.what == "clients":
        if args.search is None:
            raise InputError("search", "is required: give the start of the client's "
                             "e-mail, name or company")
        if args.client is not None or args.client_id is not None:
            raise InputError("client", "'store clients' finds clients by --search alone")
    elif args.search is not None:
        raise InputError("search", "is only for 'store clients'; to pick the client of "
                         f"'store {args.what}', give --client")
    if args.client is None and args.client_id is None:
        args.client_id = 1


def client_option(args: argparse.Namespace) -> str:
    """How the user named the client, for a hint: "--client acme", "--client-id 3"."""
    if args.client is not None:
        return f"--client {shlex.quote(clean(args.client, 60))}"
    return f"--client-id {args.client_id}"


def chosen_client(args: argparse.Namespace, client: StoreClient) -> int:
    """The client id of --client (digits: the id; else a search naming one client) or
    of --client-id."""
    if args.client is None:
        return int(args.client_id)
    try:
        with TerminalProgress(sys.stderr) as progress:
            return resolve_client(client, args.client, progress=progress)
    except ClientSearchError as exc:
        several = str(exc).endswith("give the client's id")
        raise InputError("client", f"{exc} (--client ID)" if several else str(exc)) from None


CLIENT_COLUMNS = ("id", "name", "company", "email", "status")


def _clients(args: argparse.Namespace, client: StoreClient) -> int:
    """`store clients --search TEXT`: the matching clients, a table or JSON."""
    try:
        with TerminalProgress(sys.stderr) as progress:
            found = find_clients(client, args.search, progress=progress)
    except ClientSearchError as exc:
        raise InputError("search", str(exc)) from None
    if args.format == "json":
        print(json.dumps({"search": args.search, "clients": [
            {"id": m.id, "firstname": m.firstname, "lastname": m.lastname,
             "companyname": m.companyname, "email": m.email, "status": m.status,
             "datecreated": m.datecreated.isoformat() if m.datecreated else None,
             "groupid": m.groupid} for m in found]}, indent=2))
        return 0
    print("\t".join(CLIENT_COLUMNS))
    for m in found:
        print("\t".join(_cell(v) for v in (m.id, m.fullname, m.companyname, m.email,
                                            m.status)))
    if not found:
        print(f"lic-desktop: store: no client's e-mail, name or company starts with "
              f"{clean(args.search, 60)!r}", file=sys.stderr)
    return 0


def _licenses(args: argparse.Namespace, snapshot: Snapshot) -> int:
    for problem in [*snapshot.errors, *snapshot.notes]:
        print(f"lic-desktop: {problem}", file=sys.stderr)
    rows = [{"#": n + 1, "catalog": name, "service": lic.service_id, "ip": lic.ip,
             "secondary_ip": lic.secondary_ip, "plan": lic.plan, "servers": lic.quantity,
             "cycle": lic.cycle,
             "expiry": lic.expiry.isoformat() if lic.expiry else "never",
             "status": lic.status, "order_id": lic.order_id, "created": lic.created,
             "modified": lic.modified, "unpaid": str(unpaid),
             "invoices": _invoices(snapshot, lic.service_id),
             "quotable": changeable(lic.status), "why": why_not(lic.service_id, lic.status)}
            for n, (name, lic, unpaid) in enumerate(snapshot.licenses)]
    # The ones that can be changed (Active, Suspended), then the others apart.
    rows.sort(key=lambda row: not row["quotable"])
    for n, row in enumerate(rows, start=1):
        row["#"] = n  # numbered as listed
    quotable = sum(1 for row in rows if row["quotable"])
    closed = closed_counts(str(row["status"]) for row in rows)
    if args.format == "json":
        print(json.dumps({"fetched_at": snapshot.fetched_at.isoformat(),
                          "cached": snapshot.cached, "currency": snapshot.currency,
                          "client_id": args.client_id, "client_name": snapshot.client_name,
                          "counts": {"quotable": quotable, "not_quotable": len(rows) - quotable,
                                     "by_status": closed},
                          "licenses": rows}, indent=2))
        return 0
    fmt = Formatter(args.locale)
    print(licenses_line(quotable, snapshot.cached, f"{snapshot.fetched_at:%Y-%m-%d %H:%M}",
                        fmt, client=args.client_id, name=snapshot.client_name))
    columns = ["#", "ip", "secondary_ip", "plan", "servers", "expiry", "status", "order_id",
               "created", "modified", "unpaid"]
    # The amounts are in the client's currency: the unpaid column says which.
    header = "\t".join([*(c.replace("_", " ") for c in columns[:-1]),
                        f"unpaid {snapshot.currency}".strip(), "invoices"])
    print(header)

    def line(row: dict[str, Any]) -> str:
        blocking = ", ".join(f"{i['kind']} #{i['invoice']}" for i in row["invoices"])
        return "\t".join([*(str(row[c]) for c in columns), blocking])

    for row in rows[:quotable]:
        print(line(row))
    if closed:
        print(f"\n{closed_line(closed, fmt)}\n{header}")
        for row in rows[quotable:]:
            print(line(row))
    return 0


def _invoices(snapshot: Snapshot, service: int) -> list[dict[str, str]]:
    """The unpaid invoice items blocking a license: which invoice, renewal or upgrade."""
    return [{"invoice": item.invoice, "kind": item.kind, "amount": str(item.amount)}
            for item in snapshot.unpaid_items.get(service, [])]


def closed_line(counts: dict[str, int], fmt: Formatter) -> str:
    """The heading of the licenses that cannot be changed, with how many of each status:
    "3 licenses that cannot be changed (only Active and Suspended ones can): 1
    Terminated, 1 Cancelled, 1 Fraud"."""
    total = sum(counts.values())
    text = ngettext("{count} license that cannot be changed (only Active and Suspended "
                    "ones can): {statuses}",
                    "{count} licenses that cannot be changed (only Active and Suspended "
                    "ones can): {statuses}", total)
    return text.format(count=fmt.integer(total), statuses=", ".join(
        f"{fmt.integer(n)} {status_word(status)}" for status, n in counts.items()))


def licenses_line(count: int, cached: bool, when: str, fmt: Formatter, *,
                  client: int = 0, name: str = "") -> str:
    """ "2 licenses (as of …)", "1 license (cached, as of …)": the count worded right;
    "… of Acme Hosting — Jane Doe (client 1)" when the store names the client."""
    if name:
        text = ngettext("{count} license (cached, as of {when}) of {name} (client {client})",
                        "{count} licenses (cached, as of {when}) of {name} (client {client})",
                        count) if cached else \
            ngettext("{count} license (as of {when}) of {name} (client {client})",
                     "{count} licenses (as of {when}) of {name} (client {client})", count)
        return text.format(count=fmt.integer(count), when=when, name=name, client=client)
    if cached:
        text = ngettext("{count} license (cached, as of {when})",
                        "{count} licenses (cached, as of {when})", count)
    else:
        text = ngettext("{count} license (as of {when})", "{count} licenses (as of {when})",
                        count)
    return text.format(count=fmt.integer(count), when=when)


def _check_upgrade(args: argparse.Namespace, session: StoreSession,
                   snapshot: Snapshot) -> int:
    for problem in snapshot.errors:  # "offline: ...": the license comes from the cache
        print(f"lic-desktop: {problem}", file=sys.stderr)
    if snapshot.cached:
        whose = (f"the licenses of {snapshot.client_name} (client {args.client_id})"
                 if snapshot.client_name else f"client {args.client_id}'s licenses")
        print(f"lic-desktop: {whose} from the cached copy of "
              f"{snapshot.fetched_at:%Y-%m-%d %H:%M}", file=sys.stderr)
    index = next((i for i, (_, lic, _) in enumerate(snapshot.licenses)
                  if lic.service_id == args.service), None)
    if index is None:
        raise InputError("service", f"{args.service} is not one of client {args.client_id}'s "
                         "licenses (see 'lic-desktop store licenses')")
    _, picked, _ = snapshot.licenses[index]
    if not changeable(picked.status):
        raise InputError("service", why_not(picked.service_id, picked.status))
    at = parse_moment("at", args.at) if args.at else minute(datetime.now())
    scenario = snapshot.scenario(index, at)
    # Each option left out keeps the license's value; one given empty or 0 never gets
    # here (cli.args refuses it), so `None` is the only "left out".
    scenario = replace(
        scenario,
        to_plan=scenario.plan if args.to_plan is None else args.to_plan,
        to_cycle=scenario.cycle if args.to_cycle is None else args.to_cycle,
        to_quantity=scenario.quantity if args.to_quantity is None else args.to_quantity)
    catalog = load_catalog(scenario.catalog)
    try:
        quote = make_quote(scenario.license(catalog), scenario.request())
    except InputError as exc:
        if exc.field in ASKED:
            raise
        # The license as the store has it (its dates, amount, cycle) cannot be quoted:
        # the store's data, not the user's --options.
        raise StoreError(f"the store's license {args.service} cannot be quoted "
                         f"({exc.field.replace('_', ' ')}: {exc.message})") from None
    name, lic, _ = snapshot.licenses[index]
    base = next(b for b in session.bases if b.name == name)
    owned = catalog.cycles[quote.request.cycle].perpetual
    new_pid = product_id(base, session.client.call("GetProducts"), quote.request.plan, owned)
    answer = session.store_price(lic, catalog, new_pid=new_pid,
                                 new_cycle=whmcs_cycle(catalog, quote.request.cycle),
                                 new_quantity=quote.request.quantity)
    lines = comparison(quote, answer, Formatter(args.locale))
    if args.format == "json":
        print(json.dumps({"ours": str(quote.order.due_now.amount),
                          "store": None if answer.price is None else str(answer.price),
                          "upgrade_in_progress": answer.in_progress,
                          "store_counted": {"old_product": answer.old_name,
                                            "new_product": answer.new_name,
                                            "new_cycle": answer.new_cycle,
                                            "days_until_renewal": answer.days,
                                            "total_days": answer.total_days},
                          "explanation": lines, "cached": snapshot.cached,
                          "fetched_at": snapshot.fetched_at.isoformat()}, indent=2))
    else:
        print("\n".join(lines))
    return 0


BULK_CLIENT = 7


def run_store_demo(args: argparse.Namespace) -> int:
    from lic_desktop.store.demo import DemoStore, serve  # noqa: PLC0415

    store = DemoStore(load_all_embedded(), access_key=args.access_key)
    if args.bulk_services:  # a reseller's many licenses: more than one page of each list
        store.add_bulk_client(BULK_CLIENT, args.bulk_services,
                              unpaid=min(40, args.bulk_services))
    try:
        server = serve(store, args.port)
    except OSError as exc:
        raise InputError("port", f"{args.port} cannot be used: {exc.strerror}") from None
    host, port = str(server.server_address[0]), int(server.server_address[1])
    print(f"Demo store at http://{host}:{port}\nidentifier: {store.identifier}\n"
          f"secret: {store.secret}\n"
          + (f"access key: {store.access_key} (no IP is allowed without it)\n"
             if store.access_key else "")
          + f"clients: {store.clients_summary()}\n"
          "find a client by the start of an e-mail, name or company: 'acme' (one), "
          "'jane' (several)\n"
          "Press Ctrl+C to stop.", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
    return 0
