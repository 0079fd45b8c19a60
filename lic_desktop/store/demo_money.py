"""The demo store's currencies, as WHMCS keeps them (Setup → Payments → Currencies;
developers.whmcs.com/api-reference/getcurrencies: id, code, prefix, suffix, format,
rate): every product priced in each (GetProducts `pricing.EUR`), each client paying in
one (GetClientsDetails `currency_code`), money written as WHMCS writes it."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any


@dataclass(frozen=True, slots=True)
class Currency:
    id: int
    code: str
    prefix: str
    suffix: str
    format: int  # WHMCS's: 1 "1234.56", 2 "1,234.56", 3 "1.234,56", 4 "1,234"
    rate: Decimal  # against the default currency (USD), as "Update Product Prices" uses
    decimals: int  # what its prices are rounded to (the yen has no cents)


CURRENCIES = {c.code: c for c in (
    Currency(1, "USD", "$", " USD", 1, Decimal("1.00000"), 2),
    Currency(2, "EUR", "€", " EUR", 1, Decimal("0.90000"), 2),
    Currency(3, "JPY", "¥", " JPY", 4, Decimal("150.00000"), 0),
)}
DEFAULT = "USD"


def converted(usd: str, code: str) -> str:
    """A USD price ("36.00"; "-1.00" not sold) in another currency as WHMCS stores it:
    two decimals, the amount rounded to the currency's own unit ("5400.00" yen)."""
    value = Decimal(usd)
    if value < 0 or code == DEFAULT:
        return usd
    currency = CURRENCIES[code]
    whole = (value * currency.rate).quantize(Decimal(1).scaleb(-currency.decimals),
                                             rounding=ROUND_HALF_UP)
    return str(whole.quantize(Decimal("0.01")))


def pricing(prices: dict[str, str], fees: dict[str, str], codes: tuple[str, ...] | None,
            labels: bool = True) -> dict[str, dict[str, str]]:
    """GetProducts' `pricing` object: one entry a currency (of `codes`, None: all), with
    its prefix and suffix for a product (a configurable option's has none)."""
    out = {}
    for code, currency in CURRENCIES.items():
        if codes is not None and code not in codes:
            continue
        head = {"prefix": currency.prefix, "suffix": currency.suffix} if labels else {}
        out[code] = {**head, **fees, **{k: converted(v, code) for k, v in prices.items()}}
    return out


def format_currency(amount: Decimal, code: str) -> str:
    """WHMCS's formatCurrency: prefix, the amount in the currency's format, suffix
    ("$-8.67 USD", "€-8.67 EUR", "¥-1,301 JPY")."""
    currency = CURRENCIES.get(code, CURRENCIES[DEFAULT])
    places = 0 if currency.format == 4 else 2
    value = amount.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    sign, digits = ("-" if value < 0 else ""), f"{abs(value):.{places}f}"
    whole, _, cents = digits.partition(".")
    grouped = f"{int(whole):,}"
    number = {1: digits, 2: f"{grouped}.{cents}",
              3: f"{grouped.replace(',', '.')},{cents}", 4: grouped}[currency.format]
    return f"{currency.prefix}{sign}{number}{currency.suffix}"


def in_currency(amount: Decimal, code: str) -> Decimal:
    """A USD amount in the client's currency, rounded as its prices are."""
    return Decimal(converted(f"{amount:.2f}", code))


def currency_fields(code: str) -> dict[str, str]:
    """An invoice's currency as GetInvoices lists it."""
    currency = CURRENCIES.get(code, CURRENCIES[DEFAULT])
    return {"currencycode": currency.code, "currencyprefix": currency.prefix,
            "currencysuffix": currency.suffix}


def client_details(client: Any, credit: str = "0.00") -> dict[str, Any]:
    """GetClientsDetails' answer for a demo Client: the `client` object and, as WHMCS
    still sends it, the deprecated top-level copy of the same fields."""
    currency = CURRENCIES.get(client.currency_code, CURRENCIES[DEFAULT])
    record = {
        "client_id": client.id, "owner_user_id": client.id, "userid": client.id,
        "id": client.id, "firstname": client.firstname, "lastname": client.lastname,
        "fullname": client.fullname, "companyname": client.companyname,
        "email": client.email, "groupid": client.groupid, "status": client.status,
        "credit": credit,
        "currency": currency.id, "currency_code": currency.code,
    }
    return {"result": "success", **record, "client": record}
