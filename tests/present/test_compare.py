"""Pinned quotes side by side."""

from __future__ import annotations

from datetime import datetime

from lic_desktop.catalogs import load_catalog
from lic_desktop.core.engine import make_quote
from lic_desktop.core.quote import ChangeRequest, License, Quote
from lic_desktop.l10n import Formatter, set_language
from lic_desktop.present.compare import MAX_PINNED, ComparePresenter

EZ = load_catalog("ezeelogin")
START = datetime(2022, 11, 1, 9, 0)


def seed(quantity: int, at: datetime = datetime(2022, 11, 16, 0, 23),
         cycle: str = "monthly") -> Quote:
    return make_quote(License(EZ, "servers", "monthly", START, 10),
                      ChangeRequest("servers", cycle, at, quantity))


def test_differences_are_marked_against_the_first() -> None:
    compare = ComparePresenter()
    compare.pin(seed(16))
    compare.pin(seed(6))
    compare.pin(seed(16, at=datetime(2022, 12, 1, 9, 0)))
    rows = {r.label: r for r in compare.rows()}
    assert rows["Charged now"].values == ("$21.23 USD", "$1.33 USD", "$31.84 USD")
    assert rows["Charged now"].differs == (False, True, True)
    assert rows["Deduction"].values == ("-$10.61 USD", "-$10.61 USD", "$0.00 USD")
    assert rows["Deduction"].differs == (False, False, True)
    assert rows["Product"].differs == (False, False, False)
    # The day as the UI locale writes dates (en_US: the portal's "Nov 16, 2022").
    assert compare.headers() == ["1: 16 servers · Nov 16, 2022", "2: 6 servers · Nov 16, 2022",
                                 "3: 16 servers · Dec 1, 2022"]


def test_at_most_four_and_unpin() -> None:
    compare = ComparePresenter()
    assert all(compare.pin(seed(q)) for q in range(11, 11 + MAX_PINNED))
    assert not compare.pin(seed(20))
    compare.unpin(0)
    rows = {r.label: r.values[0] for r in compare.rows()}
    assert rows["Plan"] == "Servers"  # the plan stays; its number of servers changes
    assert rows["Servers"] == "10 → 12"
    compare.clear()
    assert compare.headers() == []


def test_the_change_reads_from_to_in_the_catalogs_words() -> None:
    # Issue 11: "Servers → 16 servers" said neither what the license had nor what changes.
    compare = ComparePresenter()
    compare.pin(seed(16))
    compare.pin(seed(16, cycle="yearly"))
    rows = {r.label: r for r in compare.rows()}
    assert rows["Servers"].values == ("10 → 16", "10 → 16")
    assert rows["Billing cycle"].values[1] == \
        "Monthly (no discount) → Yearly (example: 15 % off)"


def test_compare_speaks_german() -> None:
    set_language("de_DE")
    try:
        compare = ComparePresenter(Formatter("de_DE"))
        compare.pin(seed(16))
        rows = {r.label: r.values[0] for r in compare.rows()}
    finally:
        set_language("en_US")
    assert rows["Server"] == "10 → 16"  # the catalog's German word for its quantity
    assert rows["Abrechnungsintervall"] == "Monatlich (kein Rabatt)"
    assert compare.headers() == ["1: 16 Server · 16.11.2022"]
