"""What blocks a change on the invoice side: a license's unpaid renewal (an invoice item
of type "Hosting", relid = the service id) and an unpaid upgrade order (type "Upgrade",
relid = the upgrade order's id, tblupgrades.id, not the service's). WHMCS refuses another
upgrade of a service while its upgrade invoice is unpaid ("Unable to accept upgrade
order. Previous upgrade invoice for service is still unpaid.";
developers.whmcs.com/api-reference/upgradeproduct, getinvoice).

The API does not say which service an upgrade order is for; WHMCS writes it into the
item's description, "Upgrade/Downgrade: <old product> - <domain>" on the first line (in
the client's language), then "<old> => <new> (<dates>)" or the new recurring and credit
amounts. An upgrade item is the license's whose domain or dedicated IP (and, when
several share it, product name) that first line names; one naming no license or
several is said in a note and blocks nothing."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from lic_desktop.store.currency import ClientCurrency, exact
from lic_desktop.store.fields import At, amount, integer, records, table, text

RENEWAL, UPGRADE = "renewal", "upgrade"  # the kinds of item that block a license


@dataclass(frozen=True, slots=True)
class UnpaidItem:
    invoice: str  # the number the client sees: invoicenum if set, else the invoice id
    kind: str  # RENEWAL or UPGRADE
    amount: Decimal


@dataclass(frozen=True, slots=True)
class _Service:
    id: int
    name: str
    names: tuple[str, ...]  # its domain and dedicated IP, those it has


def blocking_items(invoices: list[Any], services: dict[str, Any],
                   currency: ClientCurrency) -> tuple[dict[int, list[UnpaidItem]], list[str]]:
    """The unpaid items of each license (by service id) from the GetInvoice answers, and
    notes on upgrade items no single license of the client can be told from."""
    owed: dict[int, list[UnpaidItem]] = {}
    notes: list[str] = []
    known: list[_Service] | None = None  # read once, when an upgrade item needs it
    for number, answer in enumerate(invoices):
        at = At(f"GetInvoice (invoice {number + 1})")
        invoice = table(answer, at)
        shown = text(invoice.get("invoicenum"), at.key("invoicenum"), 40) or \
            text(invoice.get("invoiceid"), at.key("invoiceid"), 40)
        for where, item in records(invoice.get("items"), at, "items", "item"):
            kind = str(item.get("type"))
            if kind not in ("Hosting", "Upgrade") or item.get("relid") is None:
                continue  # AddFunds, Invoice, Item, PromoHosting, …: no license's
            integer(item["relid"], where.key("relid"))
            value = exact(amount(item.get("amount"), where.key("amount")),
                          where.key("amount"), currency)
            if kind == "Hosting":
                sid = integer(item["relid"], where.key("relid"))
                owed.setdefault(sid, []).append(UnpaidItem(shown, RENEWAL, value))
                continue
            if known is None:
                known = _services(services)
            found = _named(_first_line(item.get("description"), where), known)
            if len(found) == 1:
                owed.setdefault(found[0].id, []).append(UnpaidItem(shown, UPGRADE, value))
            elif not found:
                notes.append(f"the client has an unpaid upgrade invoice #{shown} for a "
                             "license the store does not name: it blocks that license's "
                             "changes in the store")
            else:
                ids = ", ".join(str(s.id) for s in found)
                notes.append(f"the client has an unpaid upgrade invoice #{shown} naming "
                             f"several licenses ({ids}): it blocks one of them in the store")
    return owed, notes


def _services(services: dict[str, Any]) -> list[_Service]:
    found = []
    for at, s in records(services.get("products"), At("GetClientsProducts"), "products",
                         "product"):
        names = tuple(n for n in (text(s.get("domain"), at.key("domain"), 200),
                                  text(s.get("dedicatedip"), at.key("dedicatedip"), 100))
                      if n)
        found.append(_Service(integer(s.get("id"), at.key("id")),
                              text(s.get("name"), at.key("name")), names))
    return found


def _first_line(description: Any, at: At) -> str:
    """The description's first line, shown clean: WHMCS's second ("<old> => <new>",
    "New Recurring Amount: …") names the new product, not the license's."""
    raw = description if isinstance(description, str) else ""
    return text(raw.replace("\r", "\n").split("\n", 1)[0] or description,
                at.key("description"), 1000)


def _named(line: str, services: list[_Service]) -> list[_Service]:
    """The services the line names by domain or IP (a whole word: 10.0.0.1 is not
    10.0.0.10); several sharing it, those it also names by product."""
    found = [s for s in services if any(_has(line, n) for n in s.names)]
    if len(found) > 1:
        by_product = [s for s in found if s.name and s.name in line]
        found = by_product or found
    return found


def _has(line: str, word: str) -> bool:
    return re.search(rf"(?<![\w.-]){re.escape(word)}(?![\w.-])", line) is not None
