"""Reading one field of a store answer: its place named in every refusal
("the store's GetProducts answer: products.product[3].pid is not a number ('abc')").

Store data is not the user's input: a value that does not fit is the store's fault, a
StoreError, never the quote's "invalid input" nor a crash."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from lic_desktop.store.client import StoreError
from lic_desktop.store.safe_text import clean, sample

MAX_ID_DIGITS = 18  # WHMCS ids are database integers
MAX_AMOUNT = Decimal(10) ** 12  # a store price or invoice line above this is not money
MAX_AMOUNT_CHARS = 40
FIRST_YEAR, LAST_YEAR = 1970, 9000  # store dates outside these are not real dates
DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})(?:[ T]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?")
INTEGER = re.compile(r"[+-]?\d+")


@dataclass(frozen=True, slots=True)
class At:
    """Where a value sits in a store answer: the action and the path inside it."""

    action: str
    path: str = ""

    def key(self, name: str) -> At:
        return At(self.action, f"{self.path}.{name}" if self.path else name)

    def item(self, index: int | None) -> At:
        return self if index is None else At(self.action, f"{self.path}[{index}]")

    def fail(self, problem: str) -> StoreError:
        place = f"{self.path} " if self.path else ""
        return StoreError(f"the store's {self.action} answer: {place}{problem}")


def records(container: Any, at: At, plural: str, singular: str) \
        -> Iterator[tuple[At, dict[str, Any]]]:
    """The objects of a WHMCS list (`products.product[]`; a single object for a list of
    one; "" or [] or nothing when there are none), each with its place."""
    where = at.key(plural)
    if container in (None, "", []):
        return
    if not isinstance(container, dict):
        raise where.fail(f"is not an object ({sample(container)})")
    items = container.get(singular)
    where = where.key(singular)
    if items in (None, "", []):
        return
    if isinstance(items, dict):
        yield where, items
        return
    if not isinstance(items, list):
        raise where.fail(f"is not a list ({sample(items)})")
    for index, item in enumerate(items):
        if not isinstance(item, dict):
            raise where.item(index).fail(f"is not an object ({sample(item)})")
        yield where.item(index), item


def need(record: dict[str, Any], key: str, at: At) -> Any:
    if key not in record or record[key] is None:
        raise at.fail(f"has no {key!r} field")
    return record[key]


def table(value: Any, at: At) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise at.fail(f"is not an object ({sample(value)})")
    return value


def integer(value: Any, at: At, minimum: int | None = None) -> int:
    """A whole number the store sent as a number or as text ("203")."""
    if isinstance(value, bool) or not isinstance(value, (int, str)):
        raise at.fail(f"is not a number ({sample(value)})")
    text = str(value).strip() if isinstance(value, str) else None
    if text is not None and not INTEGER.fullmatch(text):
        raise at.fail(f"is not a number ({sample(value)})")
    digits = len((text if text is not None else str(value)).lstrip("+-"))
    if digits > MAX_ID_DIGITS:
        raise at.fail(f"is a number of {digits:,} digits (at most {MAX_ID_DIGITS})")
    number = int(value)
    if minimum is not None and number < minimum:
        raise at.fail(f"is {number}, less than {minimum}")
    return number


def text(value: Any, at: At, limit: int = 200) -> str:
    """A short text field as it can be shown (no control characters)."""
    if value is None:
        return ""
    if isinstance(value, (dict, list)):
        raise at.fail(f"is not a text ({sample(value)})")
    return clean(value, limit)


def amount(value: Any, at: At, minimum: Decimal | int | None = None) -> Decimal:
    """An amount ("46.00", 46.0, "-1.00"); refuses what is not plain money."""
    if isinstance(value, bool) or not isinstance(value, (str, int, float, Decimal)):
        raise at.fail(f"is not an amount ({sample(value)})")
    raw = str(value).strip()
    if len(raw) > MAX_AMOUNT_CHARS:
        raise at.fail(f"is not an amount ({sample(raw)})")
    try:
        number = Decimal(raw)
    except InvalidOperation:
        raise at.fail(f"is not an amount ({sample(value)})") from None
    if not number.is_finite() or abs(number) >= MAX_AMOUNT:
        raise at.fail(f"is not an amount ({sample(value)})")
    if minimum is not None and number < minimum:
        raise at.fail(f"is {number}, less than {minimum}")
    return number


def day(value: Any, at: At) -> date | None:
    """A store date ("2022-11-01", "2022-11-01 10:00:00"); WHMCS's "0000-00-00" and ""
    mean none. Dates before 1970 or after 9000 are refused: no store sold then."""
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise at.fail(f"is not a date ({sample(value)})")
    found = DATE.fullmatch(value.strip())
    if found is None:
        raise at.fail(f"is not a date YYYY-MM-DD ({sample(value)})")
    year, month, number = (int(part) for part in found.groups())
    if (year, month, number) == (0, 0, 0):
        return None
    try:
        result = date(year, month, number)
    except ValueError:
        raise at.fail(f"is not a possible date ({sample(value)})") from None
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise at.fail(f"is not a possible date ({sample(value)}: before {FIRST_YEAR} "
                      f"or after {LAST_YEAR})")
    return result
