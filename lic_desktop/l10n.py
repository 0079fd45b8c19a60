"""The one place that calls babel: money, dates, numbers and currency data.

en_US reads exactly as the vendor portal does (SPEC.md, "The panes"). Amounts arrive
already rounded by the engine; babel's own (half-even) rounding never gets a say because
every amount passed here has at most the currency's decimals.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from babel import Locale, UnknownLocaleError
from babel import dates as babel_dates
from babel import numbers as babel_numbers

from lic_desktop.core.money import Money

DEFAULT_LOCALE = "en_US"


def currency_digits(code: str) -> int:
    """The currency's minor-unit decimals (USD 2, JPY 0, KWD 3); LookupError if unknown."""
    if not babel_numbers.is_currency(code):
        raise LookupError(code)
    return int(babel_numbers.get_currency_precision(code))


def check_locale(name: str) -> str:
    """Return a normalised locale name, or raise ValueError naming the problem."""
    try:
        return str(Locale.parse(name.replace("-", "_")))
    except (UnknownLocaleError, ValueError, TypeError):
        raise ValueError(f"{name!r} is not a known locale (try en_US, de_DE, fr_FR)") from None


class Formatter:
    """Formats values for one locale in the portal's shapes."""

    def __init__(self, locale: str = DEFAULT_LOCALE) -> None:
        self.locale = check_locale(locale)

    def _digits_pattern(self, digits: int) -> str:
        return "0." + "0" * digits if digits else "0"

    def number(self, value: Decimal, digits: int) -> str:
        """A bare number with the currency's decimals and no grouping: "19.90"."""
        return str(babel_numbers.format_decimal(value, format=self._digits_pattern(digits),
                                                locale=self.locale, decimal_quantization=True))

    def money(self, value: Money) -> str:
        """The portal's symbol form: "$31.84 USD", "-$10.61 USD"."""
        text = babel_numbers.format_currency(value.amount, value.currency, locale=self.locale)
        return f"{text} {value.currency}"

    def money_plain(self, value: Money, digits: int) -> str:
        """The portal's plain form: "31.84 USD"."""
        return f"{self.number(value.amount, digits)} {value.currency}"

    def date(self, value: date | datetime) -> str:
        """"Nov 16, 2022"."""
        day = value.date() if isinstance(value, datetime) else value
        return str(babel_dates.format_date(day, "medium", locale=self.locale))

    def created(self, value: datetime) -> str:
        """"2022-11-16 12:23 AM"."""
        return str(babel_dates.format_datetime(value, "yyyy-MM-dd hh:mm a", locale=self.locale))

    def integer(self, value: int) -> str:
        return str(babel_numbers.format_decimal(value, locale=self.locale))
