"""Issue #15 points 2 and 3: a book row can say its anchor (a renewed month-end license
is priced on its anchored period, as `quote --anchor` prices it), and the priced row
carries the refund estimate and the next invoice that `quote --format json` has."""

from __future__ import annotations

import csv
import io
from datetime import datetime
from decimal import Decimal
from pathlib import Path

import pytest

from lic_desktop.catalogs import load_catalog
from lic_desktop.cli import main
from lic_desktop.core.batch import BookPricer

AT = datetime(2024, 3, 20, 10, 0)
HEADER = "catalog,plan,quantity,cycle,start,anchor,to_quantity,to_plan,to_cycle,customer"


def priced(*rows: str) -> tuple[BookPricer, dict[int, object]]:
    pricer = BookPricer(AT, load_catalog)
    return pricer, {line: p for line, _c, p in pricer.quotes([HEADER, *rows])}


def test_a_renewed_month_end_license_deducts_on_its_anchored_period() -> None:
    # 10 servers, first start Jan 31, renewed Feb 29, to 16 on Mar 20: the period ends
    # Mar 31 (31 days, 11 left): 19.90 * 11 / 31 = 7.06, as `quote --anchor` gives; without
    # the anchor it ends Mar 29 (29 days, 9 left): 6.18 (the two figures).
    _pricer, rows = priced(
        "ezeelogin,servers,10,monthly,2024-02-29 10:00,2024-01-31 10:00,16,,,a",
        "ezeelogin,servers,10,monthly,2024-02-29 10:00,,16,,,b",
        # The same change again, after a template exists for it: still anchored.
        "ezeelogin,servers,10,monthly,2024-02-29 10:00,2024-01-31 10:00,16,,,c")
    assert rows[2].deduction.amount == Decimal("7.06")  # type: ignore[attr-defined]
    assert rows[3].deduction.amount == Decimal("6.18")  # type: ignore[attr-defined]
    assert rows[4].deduction.amount == Decimal("7.06")  # type: ignore[attr-defined]


def test_a_start_that_is_no_renewal_of_the_anchor_is_a_bad_row() -> None:
    pricer, rows = priced("ezeelogin,servers,10,monthly,2024-03-01 10:00,"
                          "2024-01-31 10:00,16,,,x")
    assert rows == {}
    assert [(e.line, e.field) for e in pricer.errors] == [(2, "anchor")]


def test_the_priced_book_has_the_refund_estimate_and_the_next_invoice(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    book = tmp_path / "book.csv"
    book.write_text(HEADER + "\n"
                    "litespeed,2-cpu,1,owned,2023-06-01 10:00,,,2-cpu,monthly,owned\n"
                    "ezeelogin,servers,10,monthly,2024-03-01 10:00,,16,,,leased\n")
    assert main(["batch", str(book), "--at", "2024-03-20 10:00"]) == 0
    out = {row["customer"]: row for row in csv.DictReader(io.StringIO(capsys.readouterr().out))}
    # Owned 2-CPU ($899 paid) to leased after 10 begun months (Jun 1 -> Mar 20) of the
    # monthly 2-CPU lease ($46) less the $25 processing fee (SPEC "owned to leased").
    lease = Decimal(load_catalog("litespeed").plans["2-cpu"].prices["monthly"])
    fee = load_catalog("litespeed").processing_fee
    assert out["owned"]["refund_estimate"] == str(Decimal("899.00") - 10 * lease - fee)
    assert out["owned"]["next_invoice_date"] == out["owned"]["next_invoice_amount"] == ""
    # A reset change starts a new month now; it renews at the new count's price.
    assert out["leased"]["refund_estimate"] == ""
    assert out["leased"]["next_invoice_date"] == "2024-04-20"
    assert out["leased"]["next_invoice_amount"] == "31.84"
