"""The demo store's records, as WHMCS keeps them: products, services, clients, invoices
and upgrade orders, and the money and date helpers their answers use."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal

from lic_desktop.core.periods import add_months
from lic_desktop.store.convert import WHMCS_CYCLES

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


def months_of(whmcs_cycle: str) -> int:
    return {v: k for k, v in WHMCS_CYCLES.items()}.get(whmcs_cycle, 1)


def add_date_months(day: date, months: int) -> date:
    return add_months(datetime(day.year, day.month, day.day), months).date()
