"""The quote's identity and its change in words (issue 14, point 2), without Qt."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from decimal import Decimal

from lic_desktop.catalogs import load_catalog
from lic_desktop.core.engine import make_quote
from lic_desktop.core.money import Money
from lic_desktop.core.quote import ChangeRequest, License
from lic_desktop.l10n import Formatter
from lic_desktop.present.quote_identity import (
    change_line,
    paper_for_locale,
    quote_number,
    totals,
)

EZ = load_catalog("ezeelogin")
START, AT = datetime(2022, 11, 1, 9, 0), datetime(2022, 11, 16, 0, 23)


def seed(**changes: object) -> License:
    return replace(License(EZ, "servers", "monthly", START, 10, ip="172.23.44.240"),
                   **changes)


def test_the_seed_upgrade_in_one_line_as_the_issue_words_it() -> None:
    quote = make_quote(seed(), ChangeRequest("servers", "monthly", AT, 16))
    assert change_line(quote, Formatter()) == "10 → 16 servers, monthly, from Nov 16, 2022"


def test_the_totals_of_the_seed_upgrade_and_of_the_blocked_one() -> None:
    quote = make_quote(seed(), ChangeRequest("servers", "monthly", AT, 16))
    assert [(t.label, t.value) for t in totals(quote, Formatter())] == [
        ("Due now for the change", "$21.23 USD"), ("Total due", "$21.23 USD"),
        ("Next invoice", "$31.84 USD on Dec 16, 2022")]
    blocked = make_quote(seed(pending=Money(Decimal("19.90"), "USD")),
                         ChangeRequest("servers", "monthly", AT, 16))
    found = {t.label: t.value for t in totals(blocked, Formatter())}
    assert found["Unpaid invoice"] == "$19.90 USD"
    assert found["Total due"] == "$41.13 USD"  # 21.23 + 19.90


def test_the_quote_number_is_stable_for_the_same_inputs_only() -> None:
    request = ChangeRequest("servers", "monthly", AT, 16)
    number = quote_number(make_quote(seed(), request))
    assert number.startswith("Q-20221116-")
    assert len(number) == len("Q-20221116-") + 8
    assert quote_number(make_quote(seed(), request)) == number
    assert quote_number(make_quote(seed(customer="Acme"), request)) != number
    assert quote_number(make_quote(seed(), replace(request, quantity=17))) != number


def test_letter_for_en_us_a4_for_de_and_fr() -> None:
    assert paper_for_locale("en_US") == "letter"
    assert paper_for_locale("de_DE") == "a4"
    assert paper_for_locale("fr_FR") == "a4"
    assert paper_for_locale("en_GB") == "a4"
