"""The demo store's sample data: its products (from the embedded catalogs, and what a
real store keeps beside them), its clients and their services and invoices, and the
banner that sums them up."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from lic_desktop.core.catalog import Catalog
from lic_desktop.store.convert import CHANGEABLE, WHMCS_CYCLES
from lic_desktop.store.demo_money import format_currency, in_currency
from lic_desktop.store.demo_records import (
    Client,
    Invoice,
    Product,
    Service,
    Upgrade,
    add_date_months,
    money,
)


class SampleData:
    """DemoStore's data and how it is made (its fields are declared there)."""

    catalogs: list[Catalog]
    today: date
    products: dict[int, Product]
    services: dict[int, Service]
    invoices: dict[int, Invoice]
    clients: dict[int, Client]
    upgrades: dict[int, Upgrade]

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


def _closed_words(services: list[Service]) -> list[str]:
    """ "1 Terminated", "2 Cancelled": the services that cannot be changed, by status."""
    counts: dict[str, int] = {}
    for s in services:
        if s.status not in CHANGEABLE:
            counts[s.status] = counts.get(s.status, 0) + 1
    return [f"{n} {status}" for status, n in counts.items()]
