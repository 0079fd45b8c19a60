"""The one place that calls babel: money, dates, numbers, currency data and the UI's
translations.

en_US reads exactly as the vendor portal does (SPEC.md, "The panes"); other locales use
babel's own patterns (de_DE "31,84 $"). Amounts arrive already rounded by the engine:
babel's half-even rounding never gets a say, because every amount passed here has at most
the currency's decimals.

UI text is marked `_("...")` where it is shown, or `N_("...")` where it is defined and
translated later; a text with a count is `ngettext("{count} license", "{count} licenses",
n)`. `pybabel extract` (babel.cfg) collects all three.
"""

from __future__ import annotations

import os
from datetime import date, datetime, timedelta
from decimal import Decimal

from babel import Locale, UnknownLocaleError
from babel import dates as babel_dates
from babel import numbers as babel_numbers
from babel.core import default_locale
from babel.support import NullTranslations, Translations

from lic_desktop.core import text as core_text
from lic_desktop.core.money import Money
from lic_desktop.resources_path import resources_dir

DEFAULT_LOCALE = "en_US"
PORTAL_LOCALE = "en_US"  # the locale whose formats are the vendor portal's, to the letter
DOMAIN = "lic_desktop"
LANGUAGES = {"en_US": "English (US)", "de_DE": "Deutsch", "fr_FR": "Français"}

_translations: NullTranslations = NullTranslations()
_locale = PORTAL_LOCALE


def _(text: str) -> str:
    """The current language's translation of a UI text."""
    return str(_translations.gettext(text))


def ngettext(singular: str, plural: str, count: int) -> str:
    """The current language's form of a text for `count` ("1 license", "2 licenses"),
    by the catalog's plural rule (French says "0 licence", English "0 licenses")."""
    return str(_translations.ngettext(singular, plural, count))


def N_(text: str) -> str:
    """Marks a text for extraction where it is defined; `_()` translates it when shown."""
    return text


core_text.install(_)  # the core's messages follow the UI's language from the start


def set_language(locale: str) -> None:
    """Translate the UI into `locale`'s language (English when there is no catalog)."""
    global _translations, _locale  # noqa: PLW0603 - one language at a time, app-wide
    _locale = locale
    found = Translations.load(str(resources_dir() / "locale"), [locale], DOMAIN)
    _translations = found if isinstance(found, Translations) else NullTranslations()
    core_text.install(_, locale.replace("-", "_").split("_", 1)[0].lower())


def current_locale() -> str:
    """The locale the UI speaks now (set_language's last), e.g. for Qt's own formats."""
    return _locale


def system_locale() -> str:
    """LIC_DESKTOP_LOCALE, else the system's locale, else en_US."""
    for name in (os.environ.get("LIC_DESKTOP_LOCALE"),
                 default_locale(("LC_ALL", "LC_MESSAGES", "LANG"))):
        if name and not name.startswith(("C", "POSIX", "en_US_POSIX")):  # "C": no choice
            try:
                return check_locale(name)
            except ValueError:
                continue
    return DEFAULT_LOCALE


def day_month_format(locale: str | None = None) -> str:
    """The locale's short day-and-month pattern (CLDR's "MMMd" skeleton: "MMM d" in en_US,
    "d. MMM" in de_DE, "d MMM" in fr_FR), written as a Qt date format for a chart axis.
    Qt reads d, M and quotes as CLDR does; any other letter is quoted to stay literal."""
    found = Locale.parse(check_locale(locale or _locale)).datetime_skeletons.get("MMMd")
    pattern, out, i = str(found or "MMM d"), [], 0
    while i < len(pattern):
        char = pattern[i]
        if char == "'":  # a quoted literal: Qt quotes the same way
            end = pattern.find("'", i + 1)
            end = len(pattern) - 1 if end < 0 else end
            out.append(pattern[i:end + 1])
            i = end + 1
            continue
        run = len(pattern[i:]) - len(pattern[i:].lstrip(char))
        if char in "dML":  # day, month; "L" is the stand-alone month, Qt's "M"
            out.append(("M" if char == "L" else char) * run)
        elif char.isascii() and char.isalpha():
            out.append(f"'{char * run}'")
        else:
            out.append(char * run)
        i += run
    return "".join(out)


def currency_digits(code: str) -> int:
    """The currency's minor-unit decimals (USD 2, JPY 0, KWD 3); LookupError if unknown."""
    if not babel_numbers.is_currency(code):
        raise LookupError(code)
    return int(babel_numbers.get_currency_precision(code))


def check_locale(name: str) -> str:
    """Return a normalised locale name, or raise ValueError naming the problem."""
    try:
        return str(Locale.parse(name.split(".", maxsplit=1)[0].replace("-", "_")))
    except (UnknownLocaleError, ValueError, TypeError):
        raise ValueError(f"{name!r} is not a known locale (try en_US, de_DE, fr_FR)") from None


class Formatter:
    """Formats values for one locale: the portal's shapes in en_US, babel's elsewhere."""

    def __init__(self, locale: str = DEFAULT_LOCALE) -> None:
        self.locale = check_locale(locale)
        self.portal = self.locale == PORTAL_LOCALE
        # Parsed once: given the name, babel parses it again for every amount and date.
        self._babel = Locale.parse(self.locale)

    @property
    def language(self) -> str:
        """The language code ("de"), which picks a catalog's translated labels."""
        return str(self._babel.language)

    def in_sentence(self, noun: str) -> str:
        """A label as it reads inside a sentence: "servers", German "Server"."""
        return core_text.in_sentence(noun, self.language)

    def _digits_pattern(self, digits: int) -> str:
        return "0." + "0" * digits if digits else "0"

    def number(self, value: Decimal, digits: int) -> str:
        """A bare number with the currency's decimals and no grouping: "19.90", "19,90"."""
        return str(babel_numbers.format_decimal(value, format=self._digits_pattern(digits),
                                                locale=self._babel, decimal_quantization=True))

    def money(self, value: Money) -> str:
        """The portal's symbol form in en_US, "$31.84 USD"; babel's elsewhere, "31,84 $"."""
        text = str(babel_numbers.format_currency(value.amount, value.currency,
                                                 locale=self._babel))
        return f"{text} {value.currency}" if self.portal else text

    def money_plain(self, value: Money, digits: int) -> str:
        """The portal's plain form: "31.84 USD" ("31,84 USD" in de_DE)."""
        return f"{self.number(value.amount, digits)} {value.currency}"

    def date(self, value: date | datetime) -> str:
        """"Nov 16, 2022" in en_US; babel's medium date elsewhere ("16.11.2022")."""
        day = value.date() if isinstance(value, datetime) else value
        return str(babel_dates.format_date(day, "medium", locale=self._babel))

    def created(self, value: datetime) -> str:
        """"2022-11-16 12:23 AM" in en_US; the locale's date and short time elsewhere."""
        if self.portal:
            return str(babel_dates.format_datetime(value, "yyyy-MM-dd hh:mm a",
                                                   locale=self._babel))
        return (f"{babel_dates.format_date(value.date(), 'medium', locale=self._babel)} "
                f"{babel_dates.format_time(value, 'short', locale=self._babel)}")

    def duration(self, value: timedelta) -> str:
        """A rounded length of time in words: "3 years", "2 Monate", "5 jours"."""
        return str(babel_dates.format_timedelta(value, granularity="minute",
                                                locale=self._babel))

    def integer(self, value: int) -> str:
        return str(babel_numbers.format_decimal(value, locale=self._babel))

    def percent(self, value: Decimal) -> str:
        return str(babel_numbers.format_percent(value, locale=self._babel))
