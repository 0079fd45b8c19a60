"""One money type and the one rounding function (SPEC.md C5-C7)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

from lic_desktop.core.text import _

Number = Decimal | int


_CHECKED_CODES: set[str] = set()  # currency codes already found well-formed
_MINOR_UNITS: dict[int, Decimal] = {}  # decimals -> the quantum to round to
_ZEROS: dict[str, Money] = {}  # one immutable zero per currency


class CurrencyMismatchError(ValueError):
    """Two amounts in different currencies were combined."""


def _as_decimal(value: object) -> Decimal:
    # A float never touches money (C7): 0.1 is not one tenth.
    if isinstance(value, bool) or not isinstance(value, Decimal | int):
        raise TypeError(f"money needs a Decimal or an int, not {type(value).__name__}")
    return Decimal(value)


@dataclass(frozen=True, slots=True)
class Money:
    """An amount of one currency. Immutable; floats are refused; currencies never mix."""

    amount: Decimal
    currency: str

    def __post_init__(self) -> None:
        if type(self.amount) is not Decimal:
            object.__setattr__(self, "amount", _as_decimal(self.amount))
        if not self.amount.is_finite():
            raise ValueError("money must be a finite amount")
        code = self.currency
        if code not in _CHECKED_CODES:
            if not isinstance(code, str) or len(code) != 3 or not code.isalpha() \
                    or not code.isupper():
                raise ValueError(f"currency must be an ISO 4217 code such as USD, not {code!r}")
            _CHECKED_CODES.add(code)

    @classmethod
    def _of(cls, amount: Decimal, currency: str) -> Money:
        """A result of arithmetic on valid money: valid already, so not checked again."""
        money = object.__new__(cls)
        object.__setattr__(money, "amount", amount)
        object.__setattr__(money, "currency", currency)
        return money

    @classmethod
    def zero(cls, currency: str) -> Money:
        zero = _ZEROS.get(currency)
        if zero is None:
            zero = _ZEROS[currency] = cls(Decimal(0), currency)
        return zero

    @classmethod
    def parse(cls, text: str, currency: str) -> Money:
        """Read a plain decimal string ("19.90") as money; raise ValueError otherwise."""
        try:
            amount = Decimal(text.strip())
        except InvalidOperation:
            raise ValueError(_("{text!r} is not a number such as 19.90").format(text=text)) \
                from None
        if not amount.is_finite():
            raise ValueError(_("{text!r} is not a number such as 19.90").format(text=text))
        return cls(amount, currency)

    def _other(self, other: object) -> Money:
        if type(other) is Money and other.currency == self.currency:
            return other
        if not isinstance(other, Money):
            raise TypeError(f"cannot combine money with {type(other).__name__}")
        if other.currency != self.currency:
            raise CurrencyMismatchError(f"cannot combine {self.currency} with {other.currency}")
        return other

    def __add__(self, other: Money) -> Money:
        return Money._of(self.amount + self._other(other).amount, self.currency)

    def __radd__(self, other: Any) -> Money:
        if other == 0:  # sum() starts from 0
            return self
        return self._other(other) + self

    def __sub__(self, other: Money) -> Money:
        return Money._of(self.amount - self._other(other).amount, self.currency)

    def __neg__(self) -> Money:
        return Money._of(-self.amount, self.currency)

    def __abs__(self) -> Money:
        return Money._of(abs(self.amount), self.currency)

    def __mul__(self, factor: Number) -> Money:
        return Money._of(self.amount * _as_decimal(factor), self.currency)

    __rmul__ = __mul__

    def __lt__(self, other: Money) -> bool:
        return self.amount < self._other(other).amount

    def __le__(self, other: Money) -> bool:
        return self.amount <= self._other(other).amount

    def __gt__(self, other: Money) -> bool:
        return self.amount > self._other(other).amount

    def __ge__(self, other: Money) -> bool:
        return self.amount >= self._other(other).amount

    def __bool__(self) -> bool:
        return bool(self.amount)

    def is_negative(self) -> bool:
        return self.amount < 0


def round_money(amount: Money, digits: int) -> Money:
    """Round half-up to the currency's minor unit (C5). Money is rounded only here and in
    prorate, and both go through the one rule in _rounded.

    `digits` is the currency's number of decimals (USD 2, JPY 0, KWD 3), looked up once
    when the catalog is loaded.
    """
    return Money._of(_rounded(amount.amount, digits), amount.currency)


def _rounded(amount: Decimal, digits: int) -> Decimal:
    """The rounding rule: half-up to `digits` decimals."""
    exponent = _MINOR_UNITS.get(digits)
    if exponent is None:
        if digits < 0:
            raise ValueError("a currency has zero or more decimals")
        exponent = _MINOR_UNITS.setdefault(digits, Decimal(1).scaleb(-digits))
    return amount.quantize(exponent, rounding=ROUND_HALF_UP)


def prorate(amount: Money, part: int, whole: int, digits: int) -> Money:
    """amount x part / whole, rounded once, half-up (C6): the share of a period's price.
    Rounded as round_money rounds, without an unrounded Money in between (a book
    prorates a million times)."""
    return Money._of(_rounded(amount.amount * part / whole, digits), amount.currency)


def max_money(a: Money, b: Money) -> Money:
    return a if a >= b else b
