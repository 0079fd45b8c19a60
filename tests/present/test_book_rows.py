"""The Book tab's rows and cells, without Qt."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from lic_desktop.core.money import Money
from lic_desktop.core.quote import ChangeKind
from lic_desktop.l10n import Formatter
from lic_desktop.present.batch import OUTPUT_COLUMNS
from lic_desktop.present.book_table import (
    DEFAULT_VISIBLE,
    KEYS,
    Kind,
    cell_text,
    header_text,
    visible_keys,
)


def test_every_csv_column_is_in_the_table_once() -> None:
    assert sorted(KEYS) == sorted(OUTPUT_COLUMNS)
    assert DEFAULT_VISIBLE == ("customer", "ip", "change", "due_now", "total_due",
                               "new_expiry", "blocked", "reason")


def test_cells_in_the_portal_and_german_formats() -> None:
    seed = Money(Decimal("21.23"), "USD")  # the article's due now
    assert cell_text(Kind.MONEY, seed, Formatter("en_US")) == "$21.23 USD"
    assert cell_text(Kind.MONEY, seed, Formatter("de_DE")) == "21,23\xa0$"
    assert cell_text(Kind.DATE, date(2022, 12, 16), Formatter("en_US")) == "Dec 16, 2022"
    assert cell_text(Kind.DATE, date(2022, 12, 16), Formatter("de_DE")) == "16.12.2022"
    assert cell_text(Kind.EXPIRY, None, Formatter("en_US")) == "never"  # owned
    assert cell_text(Kind.CHANGE, ChangeKind.CYCLE_CHANGE, Formatter("en_US")) == "cycle change"
    assert cell_text(Kind.FLAG, False, Formatter("en_US")) == ""
    assert cell_text(Kind.NUMBER, 1600, Formatter("en_US")) == "1,600"


def test_long_headers_take_two_lines() -> None:
    assert header_text("Due now") == "Due now"
    assert header_text("À payer maintenant") == "À payer\nmaintenant"
    assert header_text("Fälliger Gesamtbetrag") == "Fälliger\nGesamtbetrag"
    assert header_text("Gesamtsummenbetrag") == "Gesamtsummenbetrag"  # one word stays


def test_a_saved_choice_of_columns() -> None:
    assert visible_keys("line,due_now,customer") == ("customer", "due_now", "line")
    assert visible_keys("") == DEFAULT_VISIBLE
    assert visible_keys("no_such_column") == DEFAULT_VISIBLE  # from a newer version
