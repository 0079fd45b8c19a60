"""The store in the window: the license table rows and the status line. Qt-free."""

from __future__ import annotations

import ipaddress
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from enum import IntEnum

from lic_desktop.core.catalog import Catalog
from lic_desktop.core.money import Money
from lic_desktop.l10n import N_, Formatter, _, ngettext
from lic_desktop.present import catalog_words as words
from lic_desktop.store.blocking import UPGRADE, UnpaidItem
from lic_desktop.store.clients import NAME_LIMIT
from lic_desktop.store.convert import StoreLicense
from lic_desktop.store.safe_text import clean
from lic_desktop.store.session import Snapshot


class LicenseColumn(IntEnum):
    """What a reseller reads first (which product, on which IP, until when, what is
    unpaid), then the rest of the portal's columns in its order."""

    NUMBER = 0
    PRODUCT = 1
    IP = 2
    EXPIRY = 3
    UNPAID = 4
    STATUS = 5
    SECONDARY_IP = 6
    SERVERS = 7
    ORDER_ID = 8
    CREATED = 9
    MODIFIED = 10


LICENSE_HEADERS = ("#", N_("Product"), N_("IP"), N_("Expiry"), N_("Unpaid"), N_("Status"),
                   N_("Secondary IP"), N_("Servers"), N_("Order ID"), N_("Created"),
                   N_("Modified"))
# Read right-aligned, as numbers and money are.
NUMERIC_COLUMNS = frozenset({LicenseColumn.NUMBER, LicenseColumn.SERVERS,
                             LicenseColumn.UNPAID})
# WHMCS's service statuses, in the UI's language; another status shows as the store says.
STORE_STATUSES = {"Active": N_("Active"), "Pending": N_("Pending"),
                  "Suspended": N_("Suspended"), "Terminated": N_("Terminated"),
                  "Cancelled": N_("Cancelled"), "Fraud": N_("Fraud"),
                  "Completed": N_("Completed")}

Sortable = object  # a cell's raw value: compared only with its own column's values


@dataclass(frozen=True, slots=True)
class LicenseRow:
    index: int  # into the snapshot's licenses
    texts: tuple[str, ...]  # as shown, in the UI's language
    values: tuple[Sortable, ...]  # raw, for sorting: numbers, dates, amounts (None: none)
    blocked: bool  # an unpaid invoice is on it
    why: str = ""  # why it cannot be changed (not Active or Suspended); "": it can
    blocking: str = ""  # which invoices block it (renewal or upgrade, number, amount)


def product_text(catalog: Catalog | None, plan: str, quantity: int, fmt: Formatter) -> str:
    """The product as the Quote tab's selectors name it: the catalog's title and the
    plan's label, with the count of a plan priced per server ("… · Servers: 10")."""
    if catalog is None or plan not in catalog.plans:
        return plan
    p = catalog.plans[plan]
    name = words.plan_label(catalog, plan, fmt)
    label = (_("{label}:").format(label=words.quantity_label(catalog, fmt)) + " "
             + fmt.integer(quantity) if p.per_unit else name)
    return f"{words.title(catalog, fmt)} · {label}"


def license_rows(snapshot: Snapshot | None, catalogs: Iterable[Catalog],
                 fmt: Formatter) -> list[LicenseRow]:
    """One row a license, worded by `fmt` and the catalogs (by name) that price them."""
    if snapshot is None:
        return []
    by_name = {c.name: c for c in catalogs}
    return [_row(i, by_name.get(name), lic, unpaid, fmt,
                 owed=_Owed(snapshot.currency, snapshot.unpaid_items.get(lic.service_id, [])))
            for i, (name, lic, unpaid) in enumerate(snapshot.licenses)]


@dataclass(frozen=True, slots=True)
class _Owed:
    currency: str  # the client's: what every amount is in ("": the catalog's)
    items: list[UnpaidItem]


def _row(i: int, catalog: Catalog | None, lic: StoreLicense, unpaid: Decimal,
         fmt: Formatter, *, owed: _Owed | None = None) -> LicenseRow:
    created, modified = _day(lic.created), _day(lic.modified)
    product = product_text(catalog, lic.plan, lic.quantity, fmt)
    column = LicenseColumn
    cells: dict[LicenseColumn, tuple[str, Sortable]] = {
        column.NUMBER: (str(i + 1), i + 1),
        column.PRODUCT: (product, product.casefold()),
        column.IP: (lic.ip, _ip_key(lic.ip)),
        column.SECONDARY_IP: (lic.secondary_ip, _ip_key(lic.secondary_ip)),
        column.SERVERS: (fmt.integer(lic.quantity), lic.quantity),
        column.EXPIRY: (fmt.date(lic.expiry) if lic.expiry else _("never"), lic.expiry),
        column.UNPAID: (_unpaid_cell(catalog, unpaid, fmt, owed), unpaid),
        column.STATUS: (_(STORE_STATUSES[lic.status]) if lic.status in STORE_STATUSES
                        else lic.status, lic.status),
        column.ORDER_ID: (lic.order_id, _id_key(lic.order_id)),
        column.CREATED: (fmt.date(created) if created else lic.created[:10], created),
        column.MODIFIED: (fmt.date(modified) if modified else lic.modified[:10], modified),
    }
    ordered = [cells[c] for c in LicenseColumn]
    return LicenseRow(i, tuple(t for t, _v in ordered), tuple(v for _t, v in ordered),
                      bool(unpaid), blocking=_blocking_text(owed, fmt) if unpaid else "")


def _unpaid_cell(catalog: Catalog | None, unpaid: Decimal, fmt: Formatter,
                 owed: _Owed | None) -> str:
    """The unpaid amount in the client's currency ("€6.60 EUR"); the invoices it is on
    are in the row's tooltip."""
    if owed is None or not owed.currency or not unpaid:
        return _unpaid_text(catalog, unpaid, fmt)
    return fmt.money(Money(unpaid, owed.currency))


def _blocking_text(owed: _Owed | None, fmt: Formatter) -> str:
    """Which unpaid invoices block the license, for its tooltip."""
    if owed is None or not owed.items or not owed.currency:
        return _("An unpaid invoice blocks changes to this license")
    parts = [(_("unpaid upgrade invoice #{number} ({amount})") if item.kind == UPGRADE
              else _("unpaid renewal invoice #{number} ({amount})"))
             .format(number=item.invoice, amount=fmt.money(Money(item.amount, owed.currency)))
             for item in owed.items]
    return _("Changes to this license are blocked: {invoices}").format(
        invoices="; ".join(parts))


def currency_line(snapshot: Snapshot | None) -> str:
    """The currency every amount of the client's is in, for the tab's message."""
    if snapshot is None or not snapshot.currency:
        return ""
    return _("Amounts in {currency}, the client's currency.").format(
        currency=snapshot.currency)


def _unpaid_text(catalog: Catalog | None, unpaid: Decimal, fmt: Formatter) -> str:
    """Money in the catalog's currency ("$36.00 USD", "36,00 $"); nothing when none."""
    if not unpaid:
        return ""
    if catalog is None:
        return fmt.number(unpaid, 2)
    return fmt.money(catalog.money(unpaid))


def _day(text: str) -> date | None:
    """The day of a store timestamp ("2022-11-16", "2022-11-16 10:00:00"), if it is one."""
    try:
        return date.fromisoformat(text[:10])
    except ValueError:
        return None


def _ip_key(text: str) -> tuple[int, int, str] | None:
    """IPs in numeric order (10.0.0.9 before 10.0.0.10), IPv4 before IPv6; none last."""
    if not text:
        return None
    try:
        ip = ipaddress.ip_address(text)
    except ValueError:
        return (99, 0, text)
    return (ip.version, int(ip), "")


def _id_key(text: str) -> tuple[int, str] | None:
    """Numeric ids by number (99 before 501), any other id after them by its text."""
    if not text:
        return None
    return (int(text), "") if text.isdigit() else (1 << 62, text)


def licenses_message(count: int, client: int, cached: bool, fmt: Formatter,
                     name: str = "") -> str:
    """How many licenses the client has, for the tab's message ("1,500" grouped as the
    locale groups numbers). The client by its name and id ("Acme Hosting — Jane Doe
    (client 7)") when the store gives a name, else by its id alone. The name is store
    text: one clean line, cut to NAME_LIMIT characters (the label shows it as plain text)."""
    where = " " + _("(cached)") if cached else ""
    shown = clean(name, NAME_LIMIT)
    if shown and count == 0:
        return _("{name} (client {client}) has no licenses here{cached}.").format(
            name=shown, client=client, cached=where)
    if shown:
        return ngettext("{count} license of {name} (client {client}){cached}. "
                        "Double-click it to quote it.",
                        "{count} licenses of {name} (client {client}){cached}. "
                        "Double-click one to quote it.", count).format(
            count=fmt.integer(count), name=shown, client=client, cached=where)
    if count == 0:
        return _("Client {client} has no licenses here{cached}.").format(client=client,
                                                                         cached=where)
    return ngettext("{count} license of client {client}{cached}. Double-click it to "
                    "quote it.",
                    "{count} licenses of client {client}{cached}. Double-click one to "
                    "quote it.", count).format(count=fmt.integer(count), client=client,
                                               cached=where)


def status_text(host: str | None, snapshot: Snapshot | None, busy: bool,
                now: datetime) -> str:
    """Online or offline, and how old the prices are."""
    if busy:
        return _("Connecting to {host}…").format(host=host)
    if host is None or snapshot is None:
        return _("Offline: embedded catalogs")
    age = now - snapshot.fetched_at
    minutes = int(age.total_seconds() // 60)
    when = f"{snapshot.fetched_at:%Y-%m-%d %H:%M}" + (
        " " + _("({minutes} min ago)").format(minutes=minutes) if 0 <= minutes < 120 else "")
    if snapshot.cached:
        return _("Offline: cached store data from {when}").format(when=when)
    return _("Online: {host} · prices fetched {when}").format(host=host, when=when)
