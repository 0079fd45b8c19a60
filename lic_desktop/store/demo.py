"""A demo store on 127.0.0.1 speaking the WHMCS API subset lic-desktop reads.

Products come from the embedded catalogs; a few sample clients own licenses, one with an
unpaid invoice. Response shapes follow WHMCS's API reference (lists wrapped as
`products.product[]`, money as two-decimal strings, "-1.00" for a cycle not sold), the
client's services and invoices paged as WHMCS pages them (`limitstart`, `limitnum` 25
unless asked, `totalresults`/`startnumber`/`numreturned`).
UpgradeProduct with calconly prorates the way WHMCS does: the price difference times
the days until the renewal over the days in the cycle. A one-time (owned) product has no
renewal: another one-time product is the difference of the two prices, in full, and a
recurring one is refused with a message, as a store answers (`result: error`).
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
    items: list[tuple[int, Decimal, str]]  # service id, amount, description
    status: str = "Unpaid"


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

    def add_bulk_client(self, client_id: int, count: int, unpaid: int = 0) -> None:
        """A client with `count` monthly 1-CPU LiteSpeed services (ids from
        client_id * 100000 + 1, IPs 10.x.y.z), more than one page of any list; the first
        `unpaid` of them have an unpaid invoice of their monthly price each (invoice ids
        from client_id * 100000 + 1 as well)."""
        self.clients.setdefault(client_id, Client(client_id, "Bulk", f"Reseller {client_id}",
                                                  f"Bulk Reseller {client_id}",
                                                  f"bulk{client_id}@reseller.example"))
        ls = next(c for c in self.catalogs if c.name == "litespeed")
        pid = self._pid(f"{ls.title} 1-CPU")
        start = self.today - timedelta(days=15)
        price = Decimal(self.products[pid].pricing["monthly"])
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
        licenses, 1 unpaid invoice), 2 (1 license, owned)". English, as the banner is."""
        def counted(n: int, noun: str) -> str:
            return f"{n} {noun}" + ("" if n == 1 else "s")

        parts = []
        for client in sorted({s.clientid for s in self.services.values()}):
            services = [s for s in self.services.values() if s.clientid == client]
            words = [counted(len(services), "license")]
            unpaid = sum(1 for i in self.invoices.values()
                         if i.userid == client and i.status == "Unpaid")
            if unpaid:
                words.append(counted(unpaid, "unpaid invoice"))
            if all(s.billingcycle == "onetime" for s in services):
                words.append("owned" if len(services) == 1 else "all owned")
            known = self.clients.get(client)
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
            "pricing": {"USD": {"prefix": "$", "suffix": " USD", **fees, **p.pricing}},
            "customfields": {"customfield": []}, "configoptions": {"configoption": []},
        }
        if p.unit_option is not None:
            oid, name, unit = p.unit_option
            prices = {name_: unit.get(name_, "0.00") for name_ in WHMCS_CYCLES.values()}
            data["configoptions"]["configoption"].append({
                "id": oid, "name": name, "type": "4", "minqty": 1, "maxqty": 100000,
                "options": {"option": [{"id": oid, "name": name, "recurring": 1,
                                        "pricing": {"USD": {**fees, **prices}}}]}})
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
            "translated_name": p.name, "groupname": "", "domain": "",
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
                     "currencycode": "USD", "currencyprefix": "$", "currencysuffix": " USD"}
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
                "items": {"item": [{"id": n + 1, "type": "Hosting", "relid": sid,
                                    "description": text, "amount": money(amount), "taxed": 0}
                                   for n, (sid, amount, text) in enumerate(invoice.items)]},
                "transactions": ""}

    def _action_UpgradeProduct(self, form: dict[str, str]) -> dict[str, Any]:  # noqa: PLR0911
        service = self.services.get(_number(form.get("serviceid")))
        if service is None:
            return {"result": "error", "message": "Service ID Not Found"}
        if form.get("calconly") not in ("true", "1"):
            return {"result": "error", "message": "This demo store only calculates"}
        product = self.products[service.pid]
        if service.billingcycle == "onetime":
            return self._upgrade_owned(product, form)
        days = max((service.nextduedate - self.today).days, 0)
        total_days = (service.nextduedate - add_date_months(service.nextduedate, -months_of(
            service.billingcycle))).days or 1
        if form.get("type") == "configoptions" and product.unit_option is not None:
            oid, name, unit = product.unit_option
            new_qty = _number(form.get(f"configoptions[{oid}]", str(service.quantity or 0)))
            per_unit = Decimal(unit[service.billingcycle])
            diff = (new_qty - (service.quantity or 0)) * per_unit * days / total_days
            return {"result": "success", "configname1": name,
                    "originalvalue1": str(service.quantity), "newvalue1": str(new_qty),
                    "price1": f"${money(diff)} USD", "subtotal": f"${money(diff)} USD",
                    "discount": "$0.00 USD", "total": f"${money(diff)} USD",
                    "upgradeinprogress": 0}
        if form.get("type") != "product":
            return {"result": "error", "message": "Invalid Upgrade Type"}
        new = self.products.get(_number(form.get("newproductid")))
        cycle = form.get("newproductbillingcycle", service.billingcycle)
        if new is None or new.pricing.get(cycle, "-1.00") == "-1.00":
            return {"result": "error", "message": "Invalid New Product ID or Billing Cycle"}
        diff = (Decimal(new.pricing[cycle]) - service.recurringamount) * days / total_days
        return {"result": "success", "oldproductid": str(product.pid),
                "oldproductname": product.name, "newproductid": new.pid,
                "newproductname": new.name, "daysuntilrenewal": days, "totaldays": total_days,
                "newproductbillingcycle": cycle, "price": f"${money(diff)} USD",
                "upgradeinprogress": 0}


    def _upgrade_owned(self, product: Product, form: dict[str, str]) -> dict[str, Any]:
        """A one-time purchase: no renewal to prorate to. Another one-time product is the
        difference of the two prices, in full; a recurring one is not an upgrade order
        (the vendor's license department handles it)."""
        new = self.products.get(_number(form.get("newproductid")))
        if form.get("type") != "product" or new is None:
            return {"result": "error", "message": "Invalid New Product ID or Billing Cycle"}
        if new.paytype != "onetime" or form.get("newproductbillingcycle") != "onetime":
            return {"result": "error", "message": "A one-time product cannot be upgraded to a "
                    "recurring one: ask the license department"}
        diff = Decimal(new.pricing["monthly"]) - Decimal(product.pricing["monthly"])
        if diff < 0:
            return {"result": "error", "message": "A one-time product can only be upgraded "
                    "to a dearer one"}
        return {"result": "success", "oldproductid": str(product.pid),
                "oldproductname": product.name, "newproductid": new.pid,
                "newproductname": new.name, "newproductbillingcycle": "onetime",
                "price": f"${money(diff)} USD", "upgradeinprogress": 0}


def _page(rows: list[Any], form: dict[str, str]) -> tuple[int, list[Any]]:
    """One page of a list as WHMCS answers it: `limitnum` records (25 unless asked)
    from `limitstart` (developers.whmcs.com/api-reference/getclientsproducts)."""
    start = _number(form.get("limitstart"))
    size = _number(form.get("limitnum")) if form.get("limitnum") else PAGE_SIZE
    return start, rows[start:start + size]


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
