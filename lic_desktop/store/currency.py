"""The client's currency: WHMCS prices every product per currency (GetProducts
`pricing.EUR`), and each client pays in one (GetClientsDetails `client.currency_code`);
its services' recurring amounts and its invoices are in that currency
(developers.whmcs.com/api-reference/getclientsdetails, getproducts, getinvoices).
The store catalogs are built in it; amounts in another currency are refused, never added."""

from __future__ import annotations

import dataclasses
from decimal import Decimal
from typing import Any

from lic_desktop.core.catalog import Catalog, CurrencyDigits
from lic_desktop.store.client import StoreError
from lic_desktop.store.convert import WHMCS_MONTHS, StoreLicense, match_catalog
from lic_desktop.store.fields import At, amount, integer, need, records, table, text
from lic_desktop.store.products import flag
from lic_desktop.store.safe_text import sample


@dataclasses.dataclass(frozen=True, slots=True)
class ClientCurrency:
    code: str  # ISO 4217, as the store names it: "EUR"
    digits: int  # its minor unit (babel's): JPY 0, KWD 3


def client_currency(details: dict[str, Any], currency_digits: CurrencyDigits) \
        -> ClientCurrency:
    """The client's currency from a GetClientsDetails answer: `client.currency_code`
    (WHMCS before 7 answered only the top-level copy, now deprecated: read when there is
    no `client` object). Missing or not a currency: a StoreError naming the field."""
    at = At("GetClientsDetails")
    if "client" in details:
        record, at = table(details["client"], at.key("client")), at.key("client")
    else:
        record = details
    where = at.key("currency_code")
    code = text(need(record, "currency_code", at), where, 20)
    try:
        if len(code) != 3 or not code.isascii() or not code.isupper():
            raise LookupError(code)
        digits = currency_digits(code)
    except LookupError:
        raise where.fail(f"is not an ISO 4217 currency code such as USD "
                         f"({sample(code)})") from None
    return ClientCurrency(code, digits)


def exact(value: Decimal, where: At, currency: ClientCurrency) -> Decimal:
    """`value` when it is a whole number of the currency's minor units ("36.00" in JPY
    is 36 yen: WHMCS writes two decimals for every currency); else the store's error,
    never rounded silently."""
    if value != value.quantize(Decimal(1).scaleb(-currency.digits)):
        raise where.fail(f"is {value} {currency.code}, more decimals than {currency.code} "
                         f"has ({currency.digits})")
    return value


def in_currency(base: Catalog, currency: ClientCurrency) -> Catalog:
    """`base`'s rules for a client paying in `currency`: the catalog the store's prices in
    that currency are put into. The processing fee is the base catalog's, in its own
    currency: it is not carried into another (see fee_note)."""
    if currency.code == base.currency:
        return base
    return dataclasses.replace(base, currency=currency.code, digits=currency.digits,
                               processing_fee=Decimal(0), _prices={})


def fee_note(base: Catalog, currency: ClientCurrency) -> str | None:
    """What a catalog in another currency leaves out (English, as store notes are)."""
    if currency.code == base.currency or not base.processing_fee:
        return None
    return (f"{base.title}: its processing fee ({base.processing_fee} {base.currency}) has "
            f"no {currency.code} amount: owned-to-leased estimates in {currency.code} "
            "leave it out")


def priced_products(base: Catalog, products: dict[str, Any], currency: ClientCurrency) \
        -> tuple[dict[str, Any], list[str]]:
    """The GetProducts answer without `base`'s products the store does not price in the
    client's currency (that plan is not sold to this client: a note each), and every
    kept product's prices checked against the currency's minor unit."""
    kept, notes = [], []
    # base's products as the catalog matches them: by its store_pids, else by name.
    mine = match_catalog(base, products).kinds
    for at, product in records(products.get("products"), At("GetProducts"), "products",
                               "product"):
        name = text(product.get("name"), at.key("name"))
        pid = integer(need(product, "pid", at), at.key("pid"))
        if pid in mine and not flag(product.get("retired"), at.key("retired")) \
                and not _priced(product, at, currency):
            notes.append(f"{base.title}: the store does not price {name!r} in "
                         f"{currency.code}, the client's currency: not sold to this client")
            continue
        kept.append(product)
    return {**products, "products": {"product": kept}}, notes


def _priced(product: dict[str, Any], at: At, currency: ClientCurrency) -> bool:
    """Whether the product has a price in the currency (a cycle not "-1.00"; for a
    product priced a unit, its quantity option's); each price checked exact."""
    where = at.key("pricing")
    prices = table(need(product, "pricing", at), where).get(currency.code)
    if prices is None:
        return False
    where = where.key(currency.code)
    sold = [exact(amount(value, where.key(cycle)), where.key(cycle), currency)
            for cycle, value in table(prices, where).items() if cycle in WHMCS_MONTHS]
    for option_at, option in records(product.get("configoptions"), at, "configoptions",
                                     "configoption"):
        if str(option.get("type")) != "4":
            continue
        for place, choice in records(option.get("options"), option_at, "options", "option"):
            unit = table(need(choice, "pricing", place), place.key("pricing"))
            if currency.code not in unit:
                return False
            here = place.key("pricing").key(currency.code)
            for cycle, value in table(unit[currency.code], here).items():
                if cycle in WHMCS_MONTHS:
                    exact(amount(value, here.key(cycle)), here.key(cycle), currency)
    return any(price >= 0 for price in sold)


def check_licenses(licenses: list[StoreLicense], services: dict[str, Any],
                   currency: ClientCurrency) -> None:
    """Each license's recurring amount exact in the client's currency (the field named)."""
    paid = {lic.service_id: lic.paid for lic in licenses}
    for at, service in records(services.get("products"), At("GetClientsProducts"),
                               "products", "product"):
        sid = integer(service.get("id"), at.key("id"))
        if sid in paid:
            exact(paid[sid], at.key("recurringamount"), currency)


def check_invoices(listing: dict[str, Any], currency: ClientCurrency, client: int) -> None:
    """Every unpaid invoice in the client's currency (GetInvoices `currencycode`): one in
    another is refused by its number, never added to amounts in this one."""
    for at, invoice in records(listing.get("invoices"), At("GetInvoices"), "invoices",
                               "invoice"):
        code = invoice.get("currencycode")
        if code in (None, ""):
            continue  # an older WHMCS: the invoice is in the client's currency
        said = text(code, at.key("currencycode"), 20)
        if said != currency.code:
            number = text(invoice.get("invoicenum"), at.key("invoicenum"), 40) or \
                text(invoice.get("id"), at.key("id"), 40)
            raise StoreError(f"unpaid invoice #{number} of client {client} is in {said}, "
                             f"the client pays in {currency.code}: amounts in two "
                             "currencies are not added (have the store reissue it in "
                             f"{currency.code})")
