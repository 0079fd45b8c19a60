"""Issue #15 point 8: `batch --best-day` gives every license the planner's answer from the
change moment through its due date: the same figures `plan` gives for that license."""

from __future__ import annotations

import csv
import io
import random
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from lic_desktop.catalogs import load_catalog
from lic_desktop.cli import main
from lic_desktop.core.batch import BookPricer
from lic_desktop.core.best_day import BestDay, summary
from lic_desktop.core.periods import InputError
from lic_desktop.core.planner import plan_change

AT = datetime(2022, 11, 16, 0, 23)
HEADER = "catalog,plan,quantity,cycle,start,paid,pending,to_plan,to_quantity,to_cycle,ip,customer"


def random_licenses(rng: random.Random, count: int) -> list[list[str]]:
    """Distinct licenses: reset and difference, every cycle, starts by the minute over the
    year before the change moment, some with an unpaid invoice or a price paid."""
    out = []
    for _ in range(count):
        start = AT - timedelta(minutes=rng.randint(0, 400 * 1440))
        if rng.random() < 0.6:
            out.append(["ezeelogin", "servers", str(rng.randint(1, 40)),
                        rng.choice(["monthly", "quarterly", "half_yearly", "yearly"]),
                        f"{start:%Y-%m-%d %H:%M}", rng.choice(["", "", "", "25.00"]),
                        rng.choice(["", "", "", "", "9.95"]), "", str(rng.randint(1, 40)),
                        rng.choice(["", "", "monthly", "yearly"])])
        else:
            out.append(["litespeed", rng.choice(["vps", "1-cpu", "4-cpu"]), "",
                        rng.choice(["monthly", "yearly", "owned"]), f"{start:%Y-%m-%d %H:%M}",
                        "", "", rng.choice(["vps", "2-cpu", "8-cpu"]), "",
                        rng.choice(["", "monthly", "yearly", "owned"])])
    return out


def planned(pricer: BookPricer, cells: list[str]) -> BestDay:
    """What `plan` gives for the row's license (every day priced), in the book's terms."""
    lic, req = pricer.license(dict(zip(HEADER.split(","), cells, strict=False)))
    plan = plan_change(lic, req)
    return summary(plan.first, plan.due_date, plan.days[0], plan.best_day)


def test_batch_and_plan_agree_for_every_row_of_a_50k_book() -> None:
    rng = random.Random(15)
    licenses = random_licenses(rng, 1500)
    rows = [(*rng.choice(licenses), f"10.0.{n % 250}.{n // 250 % 250}", f"c{n}")
            for n in range(50_000)]
    book = [HEADER, *(",".join(row) for row in rows)]
    pricer = BookPricer(AT, load_catalog, best_days=True)
    got = {line: priced.best for line, _catalog, priced in pricer.quotes(book)}
    reference = BookPricer(AT, load_catalog)
    expected: dict[tuple[str, ...], BestDay | None] = {}
    checked = 0
    for line, row in enumerate(rows, start=2):
        key = tuple(row[:10])
        if key not in expected:
            try:
                expected[key] = planned(reference, list(row))
            except InputError:
                expected[key] = None  # refused by the engine: a bad row of the book too
        if expected[key] is None:
            assert line not in got
            continue
        assert got[line] == expected[key], (line, row)
        checked += 1
    assert checked > 30_000  # most rows are licenses the engine quotes
    waiting = [b for b in got.values() if b is not None and b.why.saves]
    assert pricer.totals.waiting == len(waiting) > 1000


def test_the_best_day_columns_and_the_summary(tmp_path: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    book = tmp_path / "book.csv"
    book.write_text(HEADER + "\n"
                    "ezeelogin,servers,10,monthly,2022-11-01 09:00,,,,16,,1.1.1.1,seed\n"
                    "ezeelogin,servers,16,monthly,2022-11-01 09:00,,,,10,,1.1.1.2,down\n"
                    "litespeed,1-cpu,,monthly,2022-11-01 09:00,,,2-cpu,,,,lease\n")
    assert main(["batch", str(book), "--at", "2022-11-16 00:23", "--best-day"]) == 0
    out, err = capsys.readouterr()
    rows = {row["customer"]: row for row in csv.DictReader(io.StringIO(out))}
    seed = rows["seed"]
    # The seed upgrade: now 38.03 through the horizon Jan 1 09:00 (tests/core/
    # test_planner.py, by hand). Best: Dec 1 00:23, the due date's day before 09:00: one
    # begun day left, 19.90 x 1/30 = 0.66 deducted, 31.84 - 0.66 = 31.18 due; its renewal
    # on Jan 1 00:23 (31.84) buys 44,640 minutes of which 44,123 lie past the horizon:
    # 31.84 x 44123 / 44640 = 31.47; cost 31.18 + 31.84 - 31.47 = 31.55; saving 6.48.
    assert (seed["best_day"], seed["due_now_at_best"], seed["cost_now"],
            seed["cost_at_best"], seed["saving"], seed["why"]) == \
        ("2022-12-01 00:23", "31.18", "38.03", "31.55", "6.48", "due_date")
    assert (rows["down"]["why"], rows["down"]["saving"]) == ("now", "0.00")
    assert rows["down"]["best_day"] == "2022-11-16 00:23"
    assert (rows["lease"]["why"], rows["lease"]["saving"]) == ("no_difference", "0.00")
    assert err.splitlines()[-2:] == ["Licenses that save by waiting for their best day: 1",
                                     "USD: waiting saves $6.48 USD"]


def test_without_best_day_the_book_has_no_such_columns(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    book = tmp_path / "book.csv"
    book.write_text(HEADER + "\nezeelogin,servers,10,monthly,2022-11-01 09:00,,,,16,,,x\n")
    assert main(["batch", str(book), "--at", "2022-11-16 00:23"]) == 0
    out, err = capsys.readouterr()
    assert "best_day" not in out.splitlines()[0]
    assert "waiting" not in err
