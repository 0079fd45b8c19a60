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
from datetime import date, timedelta
from decimal import Decimal
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs

from lic_desktop.core.catalog import Catalog
from lic_desktop.store.convert import WHMCS_CYCLES
from lic_desktop.store.demo_clients import client_json, matching
from lic_desktop.store.demo_money import (
    client_details,
    currency_fields,
    in_currency,
    pricing,
)
from lic_desktop.store.demo_records import (
    DISPLAY_CYCLES,
    PAGE_SIZE,
    Client,
    Invoice,
    Product,
    Service,
    Upgrade,
    add_date_months,
    money,
    months_of,
)
from lic_desktop.store.demo_samples import SampleData

# The records, where the demo's users (tests, the store-demo command) find them.
__all__ = ["Client", "DemoStore", "Invoice", "Product", "Service", "Upgrade",
           "add_date_months", "serve"]
from lic_desktop.store.demo_upgrade import (
    GATEWAYS,
    cycle_days,
    owned_price,
    prorate,
)


@dataclass
class DemoStore(SampleData):
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
