"""Pinned quotes side by side."""

from __future__ import annotations

from datetime import datetime

from lic_desktop.catalogs import load_catalog
from lic_desktop.core.engine import make_quote
from lic_desktop.core.quote import ChangeRequest, License, Quote
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
    assert compare.headers() == ["1: 16 servers, 2022-11-16", "2: 6 servers, 2022-11-16",
                                 "3: 16 servers, 2022-12-01"]


def test_at_most_four_and_unpin() -> None:
    compare = ComparePresenter()
    assert all(compare.pin(seed(q)) for q in range(11, 11 + MAX_PINNED))
    assert not compare.pin(seed(20))
    compare.unpin(0)
    assert next(r for r in compare.rows() if r.label == "Plan").values[0] == \
        "Servers → 12 servers"
    compare.clear()
    assert compare.headers() == []
