"""The store's own upgrade price: WHMCS's UpgradeProduct answer with calconly, read
(developers.whmcs.com/api-reference/upgradeproduct).

The page documents `result` and `upgradeinprogress` ("for calconly") and shows, for a
product upgrade, `oldproductid`/`oldproductname`, `newproductid`/`newproductname`,
`daysuntilrenewal`, `totaldays`, `newproductbillingcycle` and `price` ("$-8.67 USD",
formatted). For a configurable-option upgrade it documents no figure; WHMCS's code sends
`configname1`, `originalvalue1`, `newvalue1`, `price1`, ... and `subtotal`, `discount`,
`total`, which are read when they are there. Every value is checked where it is read
(store.fields); a field the page does not promise may be absent."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from lic_desktop.store.convert import parse_price
from lic_desktop.store.errors import StoreError
from lic_desktop.store.fields import At, integer, text
from lic_desktop.store.safe_text import sample

AT = At("UpgradeProduct")


@dataclass(frozen=True, slots=True)
class UpgradeAnswer:
    """What the store said its change costs. `price` None: the answer has no figure to
    compare (`in_progress`, or a configurable-option answer without one)."""

    kind: str  # "product" or "configoptions", as asked
    price: Decimal | None
    in_progress: bool = False  # an unpaid upgrade order: WHMCS refuses another change
    counted: str = ""  # what was changed, as the app words it ("10 → 16 servers")
    old_name: str = ""
    new_name: str = ""
    new_cycle: str = ""
    days: int | None = None  # daysuntilrenewal
    total_days: int | None = None  # totaldays (0: a one-time product, no renewal)


def flag(value: Any, at: At) -> bool:
    """A WHMCS boolean: true/false, 1/0 (what its code sends) or "1"/"0"; absent: false."""
    if value in (None, "", False, 0, "0", "false"):
        return False
    if value in (True, 1, "1", "true"):
        return True
    raise at.fail(f"is not true or false ({sample(value)})")


def product_answer(answer: dict[str, Any], currency: str, digits: int) -> UpgradeAnswer:
    """A product (or billing cycle) upgrade's answer."""
    in_progress = flag(answer.get("upgradeinprogress"), AT.key("upgradeinprogress"))
    days = _count(answer, "daysuntilrenewal")
    total = _count(answer, "totaldays")
    if days is not None and total is not None and days > total > 0:
        raise AT.key("daysuntilrenewal").fail(f"is {days}, more than totaldays ({total})")
    price = None
    if answer.get("price") not in (None, "") and not in_progress:
        price = _price(answer["price"], "price", currency, digits)
    return UpgradeAnswer(
        "product", price, in_progress,
        old_name=text(answer.get("oldproductname"), AT.key("oldproductname")),
        new_name=text(answer.get("newproductname"), AT.key("newproductname")),
        new_cycle=text(answer.get("newproductbillingcycle"),
                       AT.key("newproductbillingcycle"), 40),
        days=days, total_days=total)


def options_answer(answer: dict[str, Any], currency: str, digits: int,
                   counted: str) -> UpgradeAnswer:
    """A configurable-option (server count) upgrade's answer: its `total` (else
    `subtotal`, else the one option's `price1`) when it has one, else no figure."""
    in_progress = flag(answer.get("upgradeinprogress"), AT.key("upgradeinprogress"))
    price = None
    if not in_progress:
        for key in ("total", "subtotal", "price1"):
            if answer.get(key) not in (None, ""):
                price = _price(answer[key], key, currency, digits)
                break
    return UpgradeAnswer("configoptions", price, in_progress, counted)


def _count(answer: dict[str, Any], key: str) -> int | None:
    value = answer.get(key)
    return None if value in (None, "") else integer(value, AT.key(key), minimum=0)


def _price(value: Any, key: str, currency: str, digits: int) -> Decimal:
    """A formatted price ("$-8.67 USD"), its field named when it cannot be read."""
    try:
        return parse_price(value, currency, digits)
    except StoreError as exc:
        raise AT.key(key).fail(f"cannot be read: {exc}") from None
