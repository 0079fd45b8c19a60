"""Issue #15 point 8: `batch --best-day` gives every license the planner's answer from the
change moment through its due date: the same figures `plan` gives for that license."""

from __future__ import annotations

import csv
import io
import random
from datetime import datetime, timedelta
from decimal import Decimal
from pathlib import Path

import pytest

from lic_desktop.catalogs import load_catalog, load_user_catalog
from lic_desktop.cli import main
from lic_desktop.core.batch import BookPricer
from lic_desktop.core.best_day import BestDay, summary
from lic_desktop.core.book_best_day import (
    DAY_MINUTES,
    FLOAT_SAFE,
    Prices,
    ResetDays,
)
from lic_desktop.core.money import Money
from lic_desktop.core.periods import DAY, InputError, add_months
from lic_desktop.core.planner import OWNED_RANGE, plan_change, plan_moments
from lic_desktop.core.quote import ChangeRequest, License
from tests.core.test_best_day import RESET_CHANGES, book_path
from tests.core.test_planner_reference import three_decimal_catalog

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


EZ = load_catalog("ezeelogin")
FIRST_START = datetime(2023, 1, 1, 9, 0)


def every_day_planned(lic: License, req: ChangeRequest) -> BestDay:
    plan = plan_change(lic, req)
    return summary(plan.first, plan.due_date, plan.days[0], plan.best_day)


# Besides the planner's own cases: a yearly change of near-equal daily prices, and a
# cycle change at one count.
BOOK_CHANGES = [*RESET_CHANGES, ("yearly", 30, "yearly", 31),
                ("quarterly", 7, "half_yearly", 7)]


@pytest.mark.parametrize(("cycle", "servers", "new_cycle", "new_servers"), BOOK_CHANGES)
def test_the_book_path_is_the_full_planners_on_every_start_day_over_two_years(
        cycle: str, servers: int, new_cycle: str, new_servers: int) -> None:
    """Every day priced against the few days the book prices (book_best_day's even runs
    and the 2-minor-unit window around the lowest line)."""
    between = 0
    for day in range(731):
        start = FIRST_START + timedelta(days=day)
        # Every third license paid less than the catalog price (what its deduction uses).
        paid = Money(Decimal("7.77"), "USD") if day % 3 == 0 else None
        lic = License(EZ, "servers", cycle, start, servers, paid=paid)
        assert lic.period is not None
        end = lic.period.end
        # Early in the period, at the start's time of day (the due moment one of the
        # days), just before the end, and after the due date (renewed on the way).
        for at in (start + timedelta(days=2, minutes=37), start + timedelta(days=1),
                   end - timedelta(days=3, hours=2), end + timedelta(days=5, hours=3)):
            req = ChangeRequest("servers", new_cycle, at, new_servers)
            found = book_path(EZ, lic, req)
            assert found == every_day_planned(lic, req), (start, at)
            between += found.best.moment not in (end, at)
    if (cycle, servers, new_cycle, new_servers) == ("monthly", 30, "monthly", 31):
        assert between  # some cheapest days fall between the change moment and the due date


@pytest.mark.parametrize(("months", "new_months"), [(1, 1), (12, 1), (3, 1), (1, 12),
                                                    (6, 3), (12, 12)])
def test_the_even_runs_are_the_planned_days_with_the_dates_worked_out_for_each(
        months: int, new_months: int) -> None:
    """The runs cover the planner's moments one for one (plan_moments), and a run's
    dates step evenly (a day less left, the new periods a day later) on every one of its
    days, however the month ends clamp the dates around them: early in the period, at
    the start's time of day (the due moment on the grid), on the start and on the due
    moment, and past the due date."""
    checked = 0
    for day in range(0, 731, 2):
        start = FIRST_START + timedelta(days=day)
        due = add_months(start, months)
        for at in (start + timedelta(days=2, minutes=37), start + timedelta(days=9), start,
                   due, due - timedelta(days=1, minutes=1), due + timedelta(days=20, hours=5)):
            days = ResetDays(start, months, new_months, at)
            last = due if due > at else at + OWNED_RANGE
            planned_moments = iter(enumerate(plan_moments(at, last, due)))
            for run in days.runs:
                for step in range(run.length):
                    index, moment = next(planned_moments)
                    assert run.first + step == index
                    stepped = run.dates._replace(remaining=run.dates.remaining - step,
                                                 part=run.dates.part + step * DAY_MINUTES)
                    assert stepped == days._work_out(moment), (start, at, run, step)
                    assert run.moment + step * DAY == moment
                    checked += 1
            assert next(planned_moments, None) is None  # no moment left out
    assert checked > 10_000


def test_amounts_too_large_to_estimate_are_left_to_the_planner(tmp_path: Path) -> None:
    """Prices beyond FLOAT_SAFE minor units (a catalog's dearest plan at 100,000 servers):
    the book plans such licenses in full, and gives the planner's answer."""
    three_decimal_catalog(tmp_path)  # writes gateway-kwd.toml
    path = tmp_path / "dear.toml"
    path.write_text((tmp_path / "gateway-kwd.toml").read_text()
                    .replace('"gateway-kwd"', '"dear"').replace('"0.613"', '"999999999"'))
    dear = load_user_catalog(path)
    price = dear.period_price("servers", 100_000, "yearly")
    assert price.amount * 1000 > FLOAT_SAFE
    assert Prices.of(price, price, price, blocked=False, digits=3) is None
    row = "dear,servers,100000,yearly,2022-03-01 09:00,,,,99999,,,x"
    pricer = BookPricer(AT, lambda name: dear, best_days=True)
    [(_line, _catalog, priced)] = list(pricer.quotes([HEADER, row]))
    assert priced.best is not None
    assert priced.best == every_day_planned(*pricer.license(dict(zip(
        HEADER.split(","), row.split(","), strict=True))))


def test_the_tables_kept_for_best_days_stay_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    """However many starts, changes and leases a book has, only the most recent few are
    kept (memory stays flat), and every row still gets the planner's answer."""
    monkeypatch.setattr("lic_desktop.core.book_best_day.DAYS_KEPT", 3)
    monkeypatch.setattr("lic_desktop.core.book_best_day.PRICES_KEPT", 3)
    monkeypatch.setattr("lic_desktop.core.batch.BESTS_KEPT", 3)
    rows = random_licenses(random.Random(7), 60)
    pricer = BookPricer(AT, load_catalog, best_days=True)
    reference = BookPricer(AT, load_catalog)
    book = [HEADER, *(",".join([*row, "", f"c{n}"]) for n, row in enumerate(rows * 2))]
    checked = 0
    for line, _catalog, priced in pricer.quotes(book):
        row = book[line - 1].split(",")
        assert priced.best == planned(reference, row), line
        assert len(pricer._book_bests._days) <= 3
        assert len(pricer._book_bests._prices) <= 3
        assert len(pricer._bests) <= 3
        checked += 1
    assert checked > 80
