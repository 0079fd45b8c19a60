"""A demo store on 127.0.0.1 speaking the WHMCS API subset lic-desktop reads.

Products come from the embedded catalogs; a few sample clients own licenses, one with an
unpaid invoice. Response shapes follow WHMCS's API reference (lists wrapped as
`products.product[]`, money as two-decimal strings, "-1.00" for a cycle not sold), the
client's services and invoices paged as WHMCS pages them (`limitstart`, `limitnum` 25
unless asked, `totalresults`/`startnumber`/`numreturned`).
UpgradeProduct with calconly prorates as WHMCS documents it (docs.whmcs.com "Automated
Upgrades and Downgrades"; see store.demo_upgrade), answers `upgradeinprogress` 1 while an upgrade
order of the service is unpaid, and refuses with WHMCS's own error messages
(developers.whmcs.com/api-reference/upgradeproduct). A few sample services are
Terminated, Cancelled, Fraud or Pending, as a real store lists them.
Every product is priced in USD, EUR and JPY (demo_money: WHMCS's prefixes, suffixes
and formats); client 3 pays in EUR, with an unpaid upgrade order (an invoice item of type
"Upgrade", relid = the order's id) on one license and an unpaid renewal on the other.
Whatever goes wrong inside the demo is a 500 with a message, never a dropped connection.
"""

from __future__ import annotations

import json
import secrets
import threading
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs

from lic_desktop.core.catalog import Catalog
from lic_desktop.core.periods import add_months
from lic_desktop.store.convert import WHMCS_CYCLES
from lic_desktop.store.demo_clients import client_json, matching
from lic_desktop.store.demo_money import (
    client_details,
    currency_fields,
    format_currency,
    in_currency,
    pricing,
)
from lic_desktop.store.demo_upgrade import (
    CHANGEABLE,
    GATEWAYS,
    cycle_days,
    owned_price,
    prorate,
)

DISPLAY_CYCLES = {"monthly": "Monthly", "quarterly": "Quarterly",
                  "semiannually": "Semi-Annually", "annually": "Annually",
                  "biennially": "Biennially", "triennially": "Triennially",
                  "onetime": "One Time"}
CENT = Decimal("0.01")
PAGE_SIZE = 25  # WHMCS's default limitnum


def money(value: Decimal) -> str:
    return str(value.quantize(CENT, rounding=ROUND_HALF_UP))


@dataclass
class Product:
    pid: int
    gid: int
    name: str
    paytype: str  # "recurring" | "onetime"
    pricing: dict[str, str]  # WHMCS cycle name -> price ("-1.00": not sold)
    unit_option: tuple[int, str, dict[str, str]] | None = None  # id, name, per-unit prices
    currencies: tuple[str, ...] | None = None  # priced in these (None: every currency)
    # WHMCS's tblproducts columns: hidden from the order form, retired (no longer sold).
    hidden: bool = False
    retired: bool = False
    type: str = "other"  # WHMCS: hostingaccount, reselleraccount, server or other
    module: str = "licensing"


@dataclass
class Service:
    id: int
    clientid: int
    pid: int
    billingcycle: str  # WHMCS system name
    regdate: date
    nextduedate: date
    recurringamount: Decimal
    dedicatedip: str
    secondary_ip: str = ""
    quantity: int | None = None
    status: str = "Active"
    orderid: int = 0
    domain: str = ""  # what the upgrade invoice's description names it by


@dataclass
class Client:
    """A client as GetClients and GetClientsDetails describe one
    (developers.whmcs.com/api-reference/getclients, getclientsdetails)."""

    id: int
    firstname: str
    lastname: str
    companyname: str
    email: str
    currency_code: str = "USD"
    status: str = "Active"  # WHMCS: Active, Inactive or Closed
    datecreated: date = date(2016, 1, 1)
    groupid: int = 0

    @property
    def fullname(self) -> str:
        return f"{self.firstname} {self.lastname}".strip()


@dataclass
class Invoice:
    id: int
    userid: int
    date: date
    items: list[tuple[int, Decimal, str]]  # relid (service id), amount, description
    status: str = "Unpaid"
    kinds: list[str] = field(default_factory=list)  # item n's type; "Hosting" if none
    currency: str = ""  # its currency code; "": the client's


@dataclass
class Upgrade:
    """An upgrade order (WHMCS's tblupgrades): its invoice item is of type "Upgrade" with
    relid = this id, not the service's id."""

    id: int
    service_id: int
    invoice_id: int


@dataclass
class DemoStore:
    catalogs: list[Catalog]
    today: date = field(default_factory=date.today)
    identifier: str = field(default_factory=lambda: "demo-" + secrets.token_hex(4))
    secret: str = field(default_factory=lambda: secrets.token_urlsafe(12))
    products: dict[int, Product] = field(default_factory=dict)
    services: dict[int, Service] = field(default_factory=dict)
    invoices: dict[int, Invoice] = field(default_factory=dict)
    clients: dict[int, Client] = field(default_factory=dict)
    upgrades: dict[int, Upgrade] = field(default_factory=dict)
    # WHMCS answers API calls only from allowed IPs unless the caller sends the access
    # key (developers.whmcs.com/api/access-control). Set: this store allows no IP.
    access_key: str | None = None

    def __post_init__(self) -> None:
        for gid, cat in enumerate(self.catalogs, start=1):
            self._add_products(cat, gid)
        self._add_other_products(len(self.catalogs) + 1)
        self._add_sample_clients()
        self._add_search_sample_clients()

    # --- the store's data -----------------------------------------------------------

    def _add_products(self, cat: Catalog, gid: int) -> None:
        cycles = {c.months: key for key, c in cat.cycles.items() if not c.perpetual}
        for index, plan in enumerate(cat.plans.values(), start=1):
            pid = gid * 100 + index  # an owned version of the plan: pid + 50
            if plan.per_unit:
                unit = {WHMCS_CYCLES[m]: money(cat.period_price(plan.key, 1, key).amount)
                        for m, key in cycles.items() if m in WHMCS_CYCLES}
                pricing = {name: ("0.00" if name in unit else "-1.00")
                           for name in WHMCS_CYCLES.values()}
                self.products[pid] = Product(pid, gid, f"{cat.title}", "recurring", pricing,
                                             (pid, cat.quantity_label or "Quantity", unit))
                continue
            pricing = dict.fromkeys(WHMCS_CYCLES.values(), "-1.00")
            for months, key in cycles.items():
                if key in plan.prices and months in WHMCS_CYCLES:
                    pricing[WHMCS_CYCLES[months]] = money(plan.prices[key])
            self.products[pid] = Product(pid, gid, f"{cat.title} {plan.label}", "recurring",
                                         pricing)
            owned = next((k for k, c in cat.cycles.items() if c.perpetual), None)
            if owned and owned in plan.prices:
                opid = pid + 50
                self.products[opid] = Product(
                    opid, gid, f"{cat.title} {plan.label} (owned)", "onetime",
                    {"monthly": money(plan.prices[owned]),
                     **dict.fromkeys(list(WHMCS_CYCLES.values())[1:], "-1.00")})

    def _add_other_products(self, gid: int) -> None:
        """What a real store keeps beside the products it sells: a retired 1-CPU at its
        older price, a hidden 2-CPU for a special deal (a visible one is sold), and
        products of its other business that are no catalog's."""
        ls = next((c for c in self.catalogs if c.name == "litespeed"), None)
        if ls is not None:
            for pid, label, monthly, annually, hidden, retired in (
                    (290, "1-CPU", "32.00", "320.00", False, True),
                    (291, "2-CPU", "41.00", "410.00", True, False)):
                pricing = {**dict.fromkeys(WHMCS_CYCLES.values(), "-1.00"),
                           "monthly": monthly, "annually": annually}
                self.products[pid] = Product(pid, 2, f"{ls.title} {label}", "recurring",
                                             pricing, hidden=hidden, retired=retired)
        for pid, name, kind, module, cycle, price in (
                (gid * 100 + 1, "Starter Web Hosting", "hostingaccount", "cpanel",
                 "monthly", "4.99"),
                (gid * 100 + 2, "RapidSSL Certificate", "other", "marketconnect",
                 "annually", "14.99")):
            pricing = {**dict.fromkeys(WHMCS_CYCLES.values(), "-1.00"), cycle: price}
            self.products[pid] = Product(pid, gid, name, "recurring", pricing, type=kind,
                                         module=module)

    def _pid(self, name: str) -> int:
        return next(p.pid for p in self.products.values() if p.name == name)

    def _add_sample_clients(self) -> None:
        t = self.today
        self.clients[1] = Client(1, "Jane", "Doe", "Acme Hosting", "jane.doe@acme.example")
        self.clients[2] = Client(2, "Bernd", "Müller", "", "bernd.mueller@example.de")
        start = t - timedelta(days=15)
        ez = next((c for c in self.catalogs if c.name == "ezeelogin"), None)
        ls = next((c for c in self.catalogs if c.name == "litespeed"), None)
        if ez is not None:
            pid = self._pid(ez.title)
            self.services[1001] = Service(
                1001, 1, pid, "monthly", start, add_date_months(start, 1),
                Decimal("19.90"), "172.23.44.240", "172.23.44.241", quantity=10, orderid=501)
        if ls is not None:
            self.services[1002] = Service(
                1002, 1, self._pid(f"{ls.title} 1-CPU"), "monthly", start,
                add_date_months(start, 1), Decimal("36.00"), "203.0.113.10", orderid=502)
            self.services[1003] = Service(
                1003, 2, self._pid(f"{ls.title} 2-CPU (owned)"), "onetime",
                t - timedelta(days=200), date(1, 1, 1), Decimal("899.00"), "198.51.100.7",
                orderid=503)
            self.invoices[9001] = Invoice(9001, 1, t - timedelta(days=3),
                                          [(1002, Decimal("36.00"), "1-CPU renewal")])
            self._add_euro_client(ls)
            self._add_closed_services(self._pid(f"{ls.title} 1-CPU"))

    def _add_closed_services(self, pid: int) -> None:
        """Services a real store lists beside the live ones: client 1's Terminated (not
        renewed), Cancelled and Fraud ones, and client 2's order still Pending. WHMCS's
        service statuses: Pending, Active, Suspended, Terminated, Cancelled, Fraud,
        Completed (developers.whmcs.com/api-reference/getclientsproducts)."""
        t = self.today
        for sid, client, status, start, months, ip in (  # months paid for
                (1005, 1, "Terminated", t - timedelta(days=410), 13, "203.0.113.20"),
                (1006, 1, "Cancelled", t - timedelta(days=100), 3, "203.0.113.21"),
                (1007, 1, "Fraud", t - timedelta(days=2), 1, "203.0.113.22"),
                (1008, 2, "Pending", t, 1, "198.51.100.8")):
            self.services[sid] = Service(sid, client, pid, "monthly", start,
                                         add_date_months(start, months), Decimal("36.00"),
                                         ip, status=status, orderid=sid - 500)

    def _add_euro_client(self, ls: Catalog) -> None:
        """Client 3 pays in EUR: its services and invoices are in euros, one license has
        an unpaid upgrade order (its invoice item of type "Upgrade", relid = the order's
        id, described as WHMCS describes it), the other an unpaid renewal."""
        t = self.today
        self.clients[3] = Client(3, "Anna", "Schmidt", "Nordlicht Hosting GmbH",
                                 "anna.schmidt@nordlicht.example", currency_code="EUR")
        one, two = (self.products[self._pid(f"{ls.title} {p}")] for p in ("1-CPU", "2-CPU"))
        start = t - timedelta(days=10)
        due = add_date_months(start, 1)
        self.services[1101] = Service(
            1101, 3, one.pid, "monthly", start, due, self._cycle_price(one, "monthly", 3),
            "192.0.2.31", orderid=601, domain="lsws1.nordlicht.example")
        ordered = t - timedelta(days=2)
        days, total = (due - ordered).days, (due - start).days
        prorated = (self._cycle_price(two, "monthly", 3)
                    - self._cycle_price(one, "monthly", 3)) * days / total
        self.upgrades[1] = Upgrade(1, 1101, 9101)
        self.invoices[9101] = Invoice(
            9101, 3, ordered, [(1, Decimal(money(prorated)),
                                f"Upgrade/Downgrade: {one.name} - lsws1.nordlicht.example\n"
                                f"{one.name} => {two.name} "
                                f"({ordered:%d/%m/%Y} - {due:%d/%m/%Y})")], kinds=["Upgrade"])
        self.services[1102] = Service(
            1102, 3, two.pid, "monthly", t - timedelta(days=29), t + timedelta(days=1),
            self._cycle_price(two, "monthly", 3), "192.0.2.32", orderid=602,
            domain="lsws2.nordlicht.example")
        self.invoices[9102] = Invoice(9102, 3, t - timedelta(days=6),
                                      [(1102, self._cycle_price(two, "monthly", 3),
                                        f"{two.name} - lsws2.nordlicht.example "
                                        f"({t + timedelta(days=1):%d/%m/%Y} - "
                                        f"{add_date_months(t + timedelta(days=1), 1):%d/%m/%Y})")])

    def _currency_of(self, client_id: int) -> str:
        client = self.clients.get(client_id)
        return client.currency_code if client is not None else "USD"

    def _cycle_price(self, product: Product, cycle: str, client_id: int) -> Decimal:
        """The product's price for the cycle in the client's currency."""
        return in_currency(Decimal(product.pricing[cycle]), self._currency_of(client_id))

    def _price_text(self, client_id: int, amount: Decimal) -> str:
        """A price as UpgradeProduct writes it: WHMCS's formatCurrency in the client's
        currency ("$-8.67 USD", "€-8.67 EUR", "¥-1,301 JPY")."""
        return format_currency(amount, self._currency_of(client_id))

    def add_bulk_client(self, client_id: int, count: int, unpaid: int = 0,
                        currency: str = "USD") -> None:
        """A client with `count` monthly 1-CPU LiteSpeed services (ids from
        client_id * 100000 + 1, IPs 10.x.y.z), more than one page of any list; the first
        `unpaid` of them have an unpaid invoice of their monthly price each (invoice ids
        from client_id * 100000 + 1 as well). The client pays in `currency`."""
        self.clients.setdefault(client_id, Client(client_id, "Bulk", f"Reseller {client_id}",
                                                  f"Bulk Reseller {client_id}",
                                                  f"bulk{client_id}@reseller.example",
                                                  currency_code=currency))
        ls = next(c for c in self.catalogs if c.name == "litespeed")
        pid = self._pid(f"{ls.title} 1-CPU")
        start = self.today - timedelta(days=15)
        price = self._cycle_price(self.products[pid], "monthly", client_id)
        for n in range(1, count + 1):
            sid = client_id * 100000 + n
            self.services[sid] = Service(
                sid, client_id, pid, "monthly", start, add_date_months(start, 1), price,
                f"10.{n >> 16 & 255}.{n >> 8 & 255}.{n & 255}", orderid=sid)
            if n <= unpaid:
                self.invoices[sid] = Invoice(sid, client_id, self.today - timedelta(days=3),
                                             [(sid, price, "1-CPU renewal")])

    def _add_search_sample_clients(self) -> None:
        """Clients with no licenses, so that a search finds several ("jane": Jane Doe,
        Jane Roe, Janet Smith) or one ("acme", "roe"), and shows a closed client."""
        for client in (Client(10, "Janet", "Smith", "Smith Web Services",
                              "janet@smithweb.example", datecreated=date(2019, 3, 4)),
                       Client(11, "Jan", "Kowalski", "", "jan.kowalski@example.pl",
                              status="Inactive", datecreated=date(2020, 6, 1)),
                       Client(12, "Jane", "Roe", "Roe Hosting", "jane.roe@roe.example",
                              status="Closed", datecreated=date(2018, 9, 12))):
            self.clients.setdefault(client.id, client)

    def add_many_clients(self, count: int, first_id: int = 100000) -> None:
        """`count` clients of one reseller ("Globex Reseller 1", globex1@globex.example,
        ...), ids from `first_id`: a search ("globex") with more than one page."""
        for n in range(1, count + 1):
            self.clients[first_id + n - 1] = Client(
                first_id + n - 1, "Buyer", f"Globex {n}", f"Globex Reseller {n}",
                f"globex{n}@globex.example", datecreated=date(2021, 1, 1))

    def upgrade_in_progress(self, service_id: int) -> bool:
        """An upgrade of the service is ordered and its invoice unpaid: WHMCS refuses
        another ("Previous upgrade invoice for service is still unpaid")."""
        return any(u.service_id == service_id and u.invoice_id in self.invoices
                   and self.invoices[u.invoice_id].status == "Unpaid"
                   for u in self.upgrades.values())

    def clients_summary(self) -> str:
        """The sample clients as the data has them, for the banner: "1 (Acme Hosting: 2
        licenses, 1 unpaid invoice, 1 Terminated, ...), 2 (1 license, owned, 1 Pending)":
        the licenses that can be changed (Active, Suspended), then the others by status.
        English, as the banner is."""
        def counted(n: int, noun: str) -> str:
            return f"{n:,} {noun}" + ("" if n == 1 else "s")

        parts = []
        for client in sorted({s.clientid for s in self.services.values()}):
            every = [s for s in self.services.values() if s.clientid == client]
            services = [s for s in every if s.status in CHANGEABLE]
            words = [counted(len(services), "license")]
            unpaid = sum(1 for i in self.invoices.values()
                         if i.userid == client and i.status == "Unpaid")
            if unpaid:
                words.append(counted(unpaid, "unpaid invoice"))
            if services and all(s.billingcycle == "onetime" for s in services):
                words.append("owned" if len(services) == 1 else "all owned")
            words.extend(_closed_words(every))
            known = self.clients.get(client)
            if known is not None and known.currency_code != "USD":
                words.append(f"pays in {known.currency_code}")
            name = known.companyname or known.fullname if known else ""
            parts.append(f"{client} (" + (f"{name}: " if name else "") + ", ".join(words)
                         + ")")
        return ", ".join(parts)

    # --- the API -----------------------------------------------------------------------

    def answer(self, form: dict[str, str], ip: str = "127.0.0.1") -> tuple[int, dict[str, Any]]:
        if self.access_key is not None and form.get("accesskey") != self.access_key:
            # WHMCS's own answer to a caller outside its allowed IPs.
            return 403, {"result": "error", "message": f"Invalid IP {ip}"}
        if (form.get("identifier") or form.get("username")) != self.identifier or \
                (form.get("secret") or form.get("password")) != self.secret:
            return 403, {"result": "error", "message": "Authentication Failed"}
        action = form.get("action", "")
        handler = getattr(self, f"_action_{action}", None)
        if handler is None:
            return 200, {"result": "error", "message": "Command Not Found"}
        result: dict[str, Any] = handler(form)
        return 200, result

    def _action_GetProducts(self, form: dict[str, str]) -> dict[str, Any]:
        products = [self._product_json(p) for p in self.products.values()
                    if not form.get("pid") or str(p.pid) in form["pid"].split(",")]
        return {"result": "success", "totalresults": len(products),
                "products": {"product": products}}

    def _product_json(self, p: Product) -> dict[str, Any]:
        fees = {f"{c}setupfee": "0.00" for c in "mqsabt"}
        data: dict[str, Any] = {
            "pid": p.pid, "gid": p.gid, "type": "other", "name": p.name, "description": "",
            "module": "licensing", "paytype": p.paytype,
            "pricing": pricing(p.pricing, fees, p.currencies),
            "customfields": {"customfield": []}, "configoptions": {"configoption": []},
        }
        data.update(_product_standing(p))
        if p.unit_option is not None:
            oid, name, unit = p.unit_option
            prices = {name_: unit.get(name_, "0.00") for name_ in WHMCS_CYCLES.values()}
            data["configoptions"]["configoption"].append({
                "id": oid, "name": name, "type": "4", "minqty": 1, "maxqty": 100000,
                "options": {"option": [{"id": oid, "name": name, "recurring": 1,
                                        "pricing": pricing(prices, fees, p.currencies,
                                                           labels=False)}]}})
        return data

    def _action_GetClients(self, form: dict[str, str]) -> dict[str, Any]:
        """developers.whmcs.com/api-reference/getclients (demo_clients: the search)."""
        rows = matching(self.clients.values(), form)
        start, page = _page(rows, form)
        return {"result": "success", "totalresults": len(rows), "startnumber": start,
                "numreturned": len(page), "clients": {"client": [client_json(c) for c in page]}}

    def _action_GetClientsProducts(self, form: dict[str, str]) -> dict[str, Any]:
        rows = [s for s in self.services.values()
                if not form.get("clientid") or str(s.clientid) == form["clientid"]]
        if form.get("serviceid"):
            rows = [s for s in rows if str(s.id) == form["serviceid"]]
        start, page = _page(rows, form)
        products = [self._service_json(s) for s in page]
        return {"result": "success", "clientid": form.get("clientid"),
                "serviceid": form.get("serviceid"), "pid": None, "domain": None,
                "totalresults": str(len(rows)), "startnumber": start,
                "numreturned": len(products),
                "products": {"product": products} if products else ""}

    def _service_json(self, s: Service) -> dict[str, Any]:
        p = self.products[s.pid]
        options = []
        if p.unit_option is not None and s.quantity is not None:
            options.append({"id": str(p.unit_option[0]), "option": p.unit_option[1],
                            "type": "quantity", "value": str(s.quantity)})
        custom = [{"id": "1", "name": "Secondary IP", "value": s.secondary_ip}]
        return {
            "id": str(s.id), "qty": "1", "clientid": str(s.clientid), "orderid": str(s.orderid),
            "pid": str(s.pid), "regdate": s.regdate.isoformat(), "name": p.name,
            "translated_name": p.name, "groupname": "", "domain": s.domain,
            "dedicatedip": s.dedicatedip, "firstpaymentamount": money(s.recurringamount),
            "recurringamount": money(s.recurringamount), "paymentmethod": "banktransfer",
            "billingcycle": DISPLAY_CYCLES[s.billingcycle],
            "nextduedate": "0000-00-00" if s.billingcycle == "onetime"
            else s.nextduedate.isoformat(),
            "status": s.status, "lastupdate": "0000-00-00 00:00:00",
            "customfields": {"customfield": custom},
            "configoptions": {"configoption": options},
        }

    def _action_GetInvoices(self, form: dict[str, str]) -> dict[str, Any]:
        rows = [i for i in self.invoices.values()
                if (not form.get("userid") or str(i.userid) == form["userid"])
                and (not form.get("status") or i.status == form["status"])]
        invoices = [{"id": i.id, "userid": i.userid, "invoicenum": "",
                     "date": i.date.isoformat(),
                     "duedate": (i.date + timedelta(days=7)).isoformat(),
                     "datepaid": "0000-00-00 00:00:00",
                     "subtotal": money(sum((a for _, a, _ in i.items), Decimal(0))),
                     "credit": "0.00", "tax": "0.00",
                     "total": money(sum((a for _, a, _ in i.items), Decimal(0))),
                     "status": i.status, "paymentmethod": "banktransfer",
                     **currency_fields(i.currency or self._currency_of(i.userid))}
                    for i in _page(rows, form)[1]]
        return {"result": "success", "totalresults": len(rows),
                "startnumber": _page(rows, form)[0], "numreturned": len(invoices),
                "invoices": {"invoice": invoices}}

    def _action_GetInvoice(self, form: dict[str, str]) -> dict[str, Any]:
        invoice = self.invoices.get(_number(form.get("invoiceid")))
        if invoice is None:
            return {"result": "error", "message": "Invoice ID Not Found"}
        total = money(sum((a for _, a, _ in invoice.items), Decimal(0)))
        return {"result": "success", "invoiceid": invoice.id, "userid": invoice.userid,
                "date": invoice.date.isoformat(), "total": total, "balance": total,
                "status": invoice.status,
                "items": {"item": [{"id": n + 1, "type": _item_type(invoice, n), "relid": sid,
                                    "description": text, "amount": money(amount), "taxed": 0}
                                   for n, (sid, amount, text) in enumerate(invoice.items)]},
                "transactions": ""}

    def _action_GetClientsDetails(self, form: dict[str, str]) -> dict[str, Any]:
        """developers.whmcs.com/api-reference/getclientsdetails: by clientid or email."""
        if not form.get("clientid") and not form.get("email"):
            return {"result": "error", "message": "Either clientid Or email Is Required"}
        client = (self.clients.get(_number(form["clientid"])) if form.get("clientid")
                  else next((c for c in self.clients.values()
                             if c.email.lower() == form["email"].lower()), None))
        if client is None:
            return {"result": "error", "message": "Client Not Found"}
        return client_details(client)

    def _action_UpgradeProduct(self, form: dict[str, str]) -> dict[str, Any]:  # noqa: PLR0911
        """WHMCS's checks in its order (developers.whmcs.com/api-reference/upgradeproduct):
        the service, then for an order (not calconly) an unpaid upgrade and the payment
        method, then the upgrade type; calconly answers `upgradeinprogress` (0 or 1, as
        WHMCS's code sends it) beside the price and never refuses for it."""
        service = self.services.get(_number(form.get("serviceid")))
        if service is None:
            return {"result": "error", "message": "Service ID Not Found"}
        order = form.get("calconly") not in ("true", "1")
        if order and self.upgrade_in_progress(service.id):
            return {"result": "error", "message": "Unable to accept upgrade order. Previous "
                    "upgrade invoice for service is still unpaid."}
        if order and form.get("paymentmethod") not in GATEWAYS:
            return {"result": "error", "message": "Invalid Payment Method. Valid options "
                    "include " + ",".join(GATEWAYS)}
        kind = form.get("type")
        if kind == "product":
            answer = self._upgrade_product(service, form)
        elif kind == "configoptions":
            answer = self._upgrade_options(service, form)
        else:
            return {"result": "error", "message": "Invalid Upgrade Type"}
        if answer.get("result") == "error":
            return answer
        if order:
            # This demo places no orders: it answers as WHMCS answers a credential whose
            # API role does not allow the action (its wording, from WHMCS's API
            # authorisation; the client only ever asks with calconly).
            return {"result": "error",
                    "message": 'Invalid Permissions: API action "upgradeproduct" is not allowed'}
        return {**answer, "upgradeinprogress": int(self.upgrade_in_progress(service.id))}

    def _upgrade_options(self, service: Service, form: dict[str, str]) -> dict[str, Any]:
        """A quantity option (the servers of a per-server license): the option's recurring
        amount now and after, prorated over the service's own cycle (demo_upgrade), in WHMCS's
        answer shape: configname1, originalvalue1, newvalue1, price1, subtotal, discount,
        total. An option left unchanged is not listed, and the totals are zero."""
        product = self.products[service.pid]
        client = service.clientid
        zero = {"subtotal": self._price_text(client, Decimal(0)),
                "discount": self._price_text(client, Decimal(0)),
                "total": self._price_text(client, Decimal(0))}
        if product.unit_option is None or service.billingcycle == "onetime":
            return {"result": "success", **zero}
        oid, name, unit = product.unit_option
        old_qty = service.quantity or 0
        new_qty = _number(form.get(f"configoptions[{oid}]", str(old_qty)))
        if new_qty == old_qty:
            return {"result": "success", **zero}
        per_unit = in_currency(Decimal(unit[service.billingcycle]), self._currency_of(client))
        days, total = cycle_days(service.nextduedate, months_of(service.billingcycle),
                                 self.today)
        # The same formula over one cycle; WHMCS rounds the option's difference once.
        price = prorate(Decimal(0), total, (new_qty - old_qty) * per_unit, total, days)
        return {"result": "success", "configname1": name, "originalvalue1": str(old_qty),
                "newvalue1": f"{new_qty} x {name}", "price1": self._price_text(client, price),
                "subtotal": self._price_text(client, price),
                "discount": self._price_text(client, Decimal(0)),
                "total": self._price_text(client, price)}

    def _upgrade_product(self, service: Service, form: dict[str, str]) -> dict[str, Any]:
        """Another product (or cycle), priced as demo_upgrade says. WHMCS's calculation
        refuses an unknown product with "Invalid New Product ID" and a cycle the product
        is not sold in with "Invalid Billing Cycle Requested" (texts of WHMCS's own
        upgrade code; the API page lists only the four errors above)."""
        old = self.products[service.pid]
        new = self.products.get(_number(form.get("newproductid")))
        if new is None:
            return {"result": "error", "message": "Invalid New Product ID"}
        cycle = form.get("newproductbillingcycle", "").lower().replace("-", "")
        column = "monthly" if cycle == "onetime" else cycle  # WHMCS keeps a one-time price
        sold = cycle == "onetime" if new.paytype == "onetime" else cycle in WHMCS_CYCLES.values()
        if not sold or new.pricing.get(column, "-1.00") == "-1.00":
            return {"result": "error", "message": "Invalid Billing Cycle Requested"}
        new_price = self._cycle_price(new, column, service.clientid)
        due = service.nextduedate
        if service.billingcycle == "onetime":
            days, total_days, price = owned_price(cycle, new_price, service.recurringamount)
        else:
            days, total_days = cycle_days(due, months_of(service.billingcycle), self.today)
            new_days = (total_days if cycle == "onetime"
                        else cycle_days(due, months_of(cycle), self.today)[1])
            price = prorate(service.recurringamount, total_days, new_price, new_days, days)
        return {"result": "success", "oldproductid": str(old.pid), "oldproductname": old.name,
                "newproductid": new.pid, "newproductname": new.name,
                "daysuntilrenewal": days, "totaldays": total_days,
                "newproductbillingcycle": form.get("newproductbillingcycle", ""),
                "price": self._price_text(service.clientid, price)}


def _closed_words(services: list[Service]) -> list[str]:
    """ "1 Terminated", "2 Cancelled": the services that cannot be changed, by status."""
    counts: dict[str, int] = {}
    for s in services:
        if s.status not in CHANGEABLE:
            counts[s.status] = counts.get(s.status, 0) + 1
    return [f"{n} {status}" for status, n in counts.items()]


def _product_standing(p: Product) -> dict[str, Any]:
    """A product's type and module, and its tblproducts flags as WHMCS writes them (1/0)."""
    return {"type": p.type, "module": p.module, "hidden": int(p.hidden),
            "retired": int(p.retired)}


def _page(rows: list[Any], form: dict[str, str]) -> tuple[int, list[Any]]:
    """One page of a list as WHMCS answers it: `limitnum` records (25 unless asked)
    from `limitstart` (developers.whmcs.com/api-reference/getclientsproducts)."""
    start = _number(form.get("limitstart"))
    size = _number(form.get("limitnum")) if form.get("limitnum") else PAGE_SIZE
    return start, rows[start:start + size]


def _item_type(invoice: Invoice, n: int) -> str:
    """An invoice item's type as GetInvoice answers it (Hosting, Upgrade, AddFunds, …)."""
    return invoice.kinds[n] if n < len(invoice.kinds) else "Hosting"


def _number(text: str | None) -> int:
    return int(text) if text and text.isascii() and text.isdigit() and len(text) < 19 else 0


def months_of(whmcs_cycle: str) -> int:
    return {v: k for k, v in WHMCS_CYCLES.items()}.get(whmcs_cycle, 1)


def add_date_months(day: date, months: int) -> date:
    return add_months(datetime(day.year, day.month, day.day), months).date()


class _Handler(BaseHTTPRequestHandler):
    store: DemoStore

    def do_POST(self) -> None:
        if self.path.rstrip("/") != "/includes/api.php":
            self._send(404, {"result": "error", "message": "Not Found"})
            return
        length = _number(self.headers.get("content-length"))
        body = self.rfile.read(min(length, 1_000_000)).decode("utf-8", "replace")
        form = {k: v[-1] for k, v in parse_qs(body, keep_blank_values=True).items()}
        try:
            status, data = self.store.answer(form, str(self.client_address[0]))
        except Exception as exc:  # answer as a store does, never hang up
            status, data = 500, {"result": "error",
                                 "message": f"the demo store failed ({type(exc).__name__})"}
        self._send(status, data)

    def _send(self, status: int, data: dict[str, Any]) -> None:
        payload = json.dumps(data).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    def log_message(self, format: str, *args: Any) -> None:
        pass  # quiet: requests carry the secret in their bodies, never log them


def serve(store: DemoStore, port: int = 0) -> ThreadingHTTPServer:
    """Start the demo store on 127.0.0.1 in a background thread; `port` 0 picks one."""
    handler = type("DemoHandler", (_Handler,), {"store": store})
    server = ThreadingHTTPServer(("127.0.0.1", port), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server
