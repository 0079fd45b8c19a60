"""The Book tab's rows and cells, without Qt."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from lic_desktop import l10n
from lic_desktop.catalogs import load_catalog
from lic_desktop.core.book_totals import Priced
from lic_desktop.core.engine import make_quote
from lic_desktop.core.money import Money
from lic_desktop.core.quote import ChangeKind, ChangeRequest, License
from lic_desktop.l10n import Formatter
from lic_desktop.present.batch import output_columns
from lic_desktop.present.book_table import (
    COLUMNS,
    DEFAULT_VISIBLE,
    KEYS,
    Kind,
    book_row,
    cell_text,
    header_text,
    visible_keys,
)


def test_every_csv_column_is_in_the_table_once() -> None:
    assert sorted(KEYS) == sorted(output_columns(best_days=True))
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
    assert cell_text(Kind.FLAG, "", Formatter("en_US")) == ""
    assert cell_text(Kind.FLAG, "refused", Formatter("en_US")) == "refused"
    l10n.set_language("de_DE")
    assert cell_text(Kind.FLAG, "refused", Formatter("de_DE")) == "abgelehnt"
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


def test_a_refused_change_reads_refused_and_an_unpaid_one_blocked() -> None:
    # SPEC: owned -> cheaper owned is refused; an unpaid invoice blocks. Not the same word.
    ls = load_catalog("litespeed")
    start, at = datetime(2022, 3, 10, 10, 0), datetime(2022, 11, 16, 0, 23)
    refused = make_quote(License(ls, "4-cpu", "owned", start), ChangeRequest("1-cpu", "owned", at))
    unpaid = make_quote(License(ls, "1-cpu", "owned", start,
                                pending=Money(Decimal("36.00"), "USD")),
                        ChangeRequest("4-cpu", "owned", at))
    status = [c.key for c in COLUMNS].index("blocked")
    assert book_row(1, "litespeed", Priced.of(refused), "")[status] == "refused"
    assert book_row(2, "litespeed", Priced.of(unpaid), "")[status] == "blocked"
