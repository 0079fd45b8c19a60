"""The seed quote in en_US (the portal's text), de_DE, fr_FR, and a JPY catalog in
ja_JP: each value exactly as babel formats it for that locale."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from babel.dates import format_date
from babel.messages.pofile import read_po
from babel.numbers import format_currency, format_decimal

from lic_desktop import l10n
from lic_desktop.catalogs import load_catalog
from lic_desktop.core.engine import make_quote
from lic_desktop.core.quote import ChangeRequest, License, Quote
from lic_desktop.l10n import Formatter
from lic_desktop.present.panes import quote_panes

START, AT = datetime(2022, 11, 1, 9, 0), datetime(2022, 11, 16, 0, 23)


def seed(catalog: str = "ezeelogin") -> Quote:
    cat = load_catalog(catalog)
    return make_quote(License(cat, "servers", "monthly", START, 10),
                      ChangeRequest("servers", "monthly", AT, 16))


def rows(quote: Quote, locale: str, pane: int) -> dict[str, str]:
    return {r.key: r.value for r in quote_panes(quote, Formatter(locale))[pane].rows}


def test_en_us_is_the_portal() -> None:
    l10n.set_language("en_US")
    order = rows(seed(), "en_US", 1)
    assert (order["grand_total"], order["deduction"], order["first_bill_amount"]) == \
        ("$31.84 USD", "-$10.61 USD", "$21.23 USD")
    assert order["created"] == "2022-11-16 12:23 AM"
    assert rows(seed(), "en_US", 2)["start_date"] == "Nov 16, 2022"


@pytest.mark.parametrize("locale", ["de_DE", "fr_FR"])
def test_values_as_babel_formats_them(locale: str) -> None:
    l10n.set_language(locale)
    quote = seed()
    order, after = rows(quote, locale, 1), rows(quote, locale, 2)
    assert order["grand_total"] == format_currency(Decimal("31.84"), "USD", locale=locale)
    assert order["deduction"] == format_currency(Decimal("-10.61"), "USD", locale=locale)
    assert order["first_bill_amount"] == format_currency(Decimal("21.23"), "USD",
                                                         locale=locale)
    assert order["amount"] == format_decimal(Decimal("31.84"), format="0.00",
                                             locale=locale) + " USD"
    assert after["start_date"] == format_date(date(2022, 11, 16), "medium", locale=locale)
    remaining = rows(quote, locale, 0)["amount_remaining"]
    number = format_decimal(Decimal("19.90"), format="0.00", locale=locale)
    paid = format_currency(Decimal("10.61"), "USD", locale=locale)
    assert remaining == f"{number} * (16 / 30) = {paid}"


def po_translations(language: str) -> dict[str, str]:
    path = Path(__file__).resolve().parents[2] / "resources" / "locale" / language / \
        "LC_MESSAGES" / "lic_desktop.po"
    with path.open("rb") as handle:
        return {str(m.id): str(m.string) for m in read_po(handle) if m.id}


@pytest.mark.parametrize("locale", ["de_DE", "fr_FR"])
def test_pane_labels_are_translated_in_the_portal_order(locale: str) -> None:
    english = quote_panes(seed(), Formatter("en_US"))
    l10n.set_language(locale)
    translated = quote_panes(seed(), Formatter(locale))
    po = po_translations(locale[:2])
    for before, after in zip(english, translated, strict=True):
        assert after.title == po[before.title]
        assert [r.key for r in after.rows] == [r.key for r in before.rows]  # the order
        for old, new in zip(before.rows, after.rows, strict=True):
            # UI labels come from the translation; the quantity row's label is the
            # catalog's own word, in the language the embedded catalog gives it.
            expected = {"de_DE": "Server", "fr_FR": "Serveurs"}[locale] \
                if old.key == "quantity" else po.get(old.label, old.label)
            assert new.label == expected, old.key
    assert translated[1].rows[2].label == po["IP"]


def test_a_yen_catalog_in_japanese(tmp_path: Path) -> None:
    path = tmp_path / "yen.toml"
    path.write_text('[catalog]\nname = "yen"\ncurrency = "JPY"\npolicy = "reset"\n'
                    'quantity_label = "Servers"\n[cycles.monthly]\nmonths = 1\n'
                    '[plans.servers]\nunit_price = "199"\n', encoding="utf-8")
    quote = seed(str(path))
    # 10 x 199 = 1990 yen paid; 16 left of 30: 1990 x 16 / 30 = 1061.33 -> 1061 (no decimals)
    # 16 x 199 = 3184; 3184 - 1061 = 2123 yen
    assert quote.order.deduction.amount == Decimal("1061")
    assert quote.order.first_bill_amount.amount == Decimal("2123")
    order = rows(quote, "ja_JP", 1)
    assert order["first_bill_amount"] == format_currency(Decimal("2123"), "JPY",
                                                         locale="ja_JP")
    assert order["amount"] == "3184 JPY"


def test_three_decimals_for_kuwaiti_dinar(tmp_path: Path) -> None:
    path = tmp_path / "kwd.toml"
    path.write_text('[catalog]\nname = "kwd"\ncurrency = "KWD"\npolicy = "reset"\n'
                    '[cycles.monthly]\nmonths = 1\n[plans.servers]\nunit_price = "0.615"\n',
                    encoding="utf-8")
    quote = seed(str(path))
    # paid 6.150; 6.150 x 16 / 30 = 3.28 exactly; new 16 x 0.615 = 9.840; 9.840 - 3.280
    assert quote.order.deduction.amount == Decimal("3.280")
    assert quote.order.first_bill_amount.amount == Decimal("6.560")
    assert rows(quote, "en_US", 1)["first_bill_amount"] == \
        format_currency(Decimal("6.560"), "KWD", locale="en_US") + " KWD"


def test_the_system_locale_decides_and_c_means_en_us(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("LIC_DESKTOP_LOCALE")
    monkeypatch.setenv("LC_ALL", "de_DE.UTF-8")
    assert l10n.system_locale() == "de_DE"
    monkeypatch.setenv("LC_ALL", "C.UTF-8")
    monkeypatch.setenv("LC_MESSAGES", "")
    monkeypatch.setenv("LANG", "")
    assert l10n.system_locale() == "en_US"
