"""One reading of every number and every empty value a person gives: the command line,
scenario files, license books and the window's form all parse through here, so the same
text gives the same answer (or the same refusal) wherever it is typed.

The rules:
- A whole number is ASCII digits 0-9 with an optional leading "+": no underscores, no
  spaces inside, no other scripts' digits ("１２", "٣"; Python's int() takes all three),
  no minus sign. Space around it is ignored. Each field gives its range; a text longer
  than the range can hold is refused before it is ever turned into an int (Python's own
  4,300-digit limit is never met).
- An amount is ASCII digits with at most one decimal mark: a point, or a lone comma where
  a person types in their own language (`comma`: the form, a spreadsheet saved with
  semicolons). No exponent, no NaN or Infinity, no thousands separators, at most 12 digits
  either side of the mark. Never negative; "-0" is 0 (it showed as "-$0.00 USD").
- An empty value given explicitly is an error naming the field and saying how to get the
  default (leave it out), never silently the default.

Every refusal is an InputError(field, message) whose message says what is wrong and the fix.
"""

from __future__ import annotations

import re
from decimal import Decimal

from lic_desktop.core.periods import InputError
from lic_desktop.core.text import _

MAX_QUANTITY = 1_000_000  # a sanity bound for any per-unit plan
MAX_DIGITS = 18  # a whole number with no upper bound of its own (an id): fits 64 bits
SHOWN = 24  # a longer text is quoted cut

WHOLE = re.compile(r"\+?[0-9]+")
AMOUNT = re.compile(r"[+-]?[0-9]{1,12}(\.[0-9]{1,12})?")  # up to 999,999,999,999.xx
FRACTION = re.compile(r"[+-]?[0-9]{1,12}\.[0-9]{13,}")  # right but for too many decimals
# "1,000" or "1.000": a thousands separator in one convention, a decimal mark in another.
GROUPED = re.compile(r"[+-]?[0-9]{1,3}[.,][0-9]{3}")


def cut(text: str) -> str:
    """A text as a message quotes it ({text!r}): cut when it is long, so a 5,000-digit
    number is not echoed whole."""
    return text if len(text) <= SHOWN else text[:SHOWN - 1] + "…"


def empty_message(field: str, *, required: bool = False) -> str:
    """What to say of an empty value given explicitly: how to get the default instead
    (an option that is `required` has none)."""
    if required:
        return _("is empty: give a value")
    fixes = {
        "to_plan": _("is empty: leave it out for the current plan, or name a plan"),
        "to_cycle": _("is empty: leave it out for the current billing cycle, or name a "
                      "cycle"),
        "quantity": _("is empty: leave it out for 1, or give a whole number like 10"),
        "to_quantity": _("is empty: leave it out for the current quantity, or give a whole "
                         "number like 16"),
        "until": _("is empty: leave it out to plan up to the due date, or give a date like "
                   "2022-12-16 00:23"),
        "paid": _("is empty: leave it out for the catalog price, or give an amount like "
                  "19.90"),
        "pending": _("is empty: leave it out for no unpaid invoice, or give an amount like "
                     "19.90"),
    }
    return fixes.get(field) or _("is empty: leave it out, or give a value")


def given(field: str, text: str, *, required: bool = False) -> str:
    """A value given explicitly, without the space around it; InputError when empty."""
    plain = text.strip()
    if not plain:
        raise InputError(field, empty_message(field, required=required))
    return plain


def parse_whole(field: str, text: str, *, low: int | None = None,
                high: int | None = None) -> int:
    """A whole number within [low, high] (either bound may be left out)."""
    plain = given(field, text)
    if not WHOLE.fullmatch(plain):
        raise InputError(field, _("{text!r} is not a whole number: write it with the digits "
                                  "0-9 only, like 12").format(text=cut(text)))
    digits = plain.lstrip("+").lstrip("0") or "0"
    if high is not None and len(digits) > len(str(high)):
        raise InputError(field, too_high(high))
    if len(digits) > MAX_DIGITS:
        raise InputError(field, _("{text!r} is too large: at most {digits} digits")
                         .format(text=cut(text), digits=MAX_DIGITS))
    return check_whole(field, int(digits), low=low, high=high)


def check_whole(field: str, value: int, *, low: int | None = None,
                high: int | None = None) -> int:
    """A whole number already read (a file's integer) held to the same range."""
    if low is not None and value < low:
        raise InputError(field, _("must be at least {least}").format(least=f"{low:,}"))
    if high is not None and value > high:
        raise InputError(field, too_high(high))
    return value


def too_high(high: int) -> str:
    return _("must be at most {most}").format(most=f"{high:,}")


def parse_quantity(field: str, text: str) -> int:
    """A number of units (servers): 0 means nothing, so it is at least 1; the plan's own
    range is the engine's to check."""
    return parse_whole(field, text, low=1, high=MAX_QUANTITY)


def check_quantity(field: str, value: int) -> int:
    return check_whole(field, value, low=1, high=MAX_QUANTITY)


def parse_amount(field: str, text: str, *, comma: bool = False) -> Decimal:
    """A plain amount, "19.90". With `comma`, "19,90" too (a person typing in German or
    French, or a spreadsheet saved with semicolons): a lone comma with no point is read
    as the decimal mark. Amounts never take grouping, so there a separator followed by
    exactly three digits ("1,000", "1.000") is refused as ambiguous rather than read one
    way or the other."""
    plain = given(field, text)
    if comma and GROUPED.fullmatch(plain):
        raise InputError(field, _("{text!r} could mean a thousand or one: write amounts "
                                  "without thousands separators, e.g. 1000 or 1000.00")
                         .format(text=cut(text)))
    if comma and "," in plain and "." not in plain and plain.count(",") == 1:
        plain = plain.replace(",", ".")
    if not AMOUNT.fullmatch(plain):
        # Where a comma is accepted, the example is the language's own ("19,90" in
        # German and French); messages quote what was typed, as it was typed.
        problem = _("{text!r} is not an amount like 19.90 (digits and a decimal mark, at "
                    "most 12 before it)") if comma else \
            _("{text!r} is not an amount like 19.90 (digits and a point, at most 12 before "
              "it)")
        if FRACTION.fullmatch(plain):
            problem = _("{text!r} has more than 12 digits after the decimal mark")
        raise InputError(field, problem.format(text=cut(text)))
    value = Decimal(plain)
    if value < 0:
        raise InputError(field, _("must not be negative ({value})").format(value=cut(text)))
    return value.copy_abs()  # "-0" is 0: it must never show as "-$0.00"


def format_amount(value: Decimal) -> str:
    """An amount as files and fields keep it: plain digits, never an exponent
    (str(Decimal("0.0000001")) is "1E-7", which no amount field reads back)."""
    return format(value, "f")
