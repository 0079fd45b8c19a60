"""Planner speed: a year of days on every plan of each embedded catalog.

Prints milliseconds per catalog and, as the baseline measured in the same run, the time
the same days take through the full engine one by one (what a naive planner would do).
Run: python benchmarks/bench_planner.py
"""

from __future__ import annotations

import statistics
import time
from datetime import datetime, timedelta

from lic_desktop.catalogs import load_catalog
from lic_desktop.core.planner import Plan, plan_change, quote_on
from lic_desktop.core.quote import ChangeRequest, License

START = datetime(2022, 11, 1, 9, 0)
AT = datetime(2022, 11, 16, 0, 23)
UNTIL = AT + timedelta(days=365)
REPEAT = 7


def cases(name: str) -> list[tuple[License, ChangeRequest]]:
    cat = load_catalog(name)
    first = next(iter(cat.plans))
    cycle = cat.monthly_cycle() or next(iter(cat.cycles))
    lic = License(cat, first, cycle, START, cat.plans[first].min_quantity)
    # Every plan of the catalog as the target (a per-server plan: twice the servers).
    return [(lic, ChangeRequest(plan, cycle, AT, 2 * lic.quantity if cat.plans[plan].per_unit
                                else 1)) for plan in cat.plans]


def best_of(fn: object) -> float:
    times = []
    for _ in range(REPEAT):
        t = time.perf_counter()
        fn()  # type: ignore[operator]
        times.append(time.perf_counter() - t)
    return min(times)


def main() -> None:
    print(f"{'catalog':<10} {'plans':>5} {'days':>6} {'planner ms':>11} "
          f"{'per plan':>9} {'naive ms':>9} {'speed-up':>8}")
    for name in ("ezeelogin", "litespeed"):
        work = cases(name)
        days = [len(plan_change(lic, req, UNTIL).days) for lic, req in work]

        def planner(work: list[tuple[License, ChangeRequest]] = work) -> None:
            for lic, req in work:
                plan_change(lic, req, UNTIL)

        plans = [plan_change(lic, req, UNTIL) for lic, req in work]

        def naive(plans: list[Plan] = plans) -> None:
            # The same days, each through the full engine (make_quote on the license as
            # it stands that day): what the planner would cost without its day rule.
            for plan in plans:
                for day in plan.days:
                    quote_on(plan, day)

        fast, slow = best_of(planner), best_of(naive)
        print(f"{name:<10} {len(work):>5} {statistics.mean(days):>6.0f} {fast * 1000:>11.2f} "
              f"{fast * 1000 / len(work):>9.2f} {slow * 1000:>9.2f} {slow / fast:>7.1f}x")


if __name__ == "__main__":
    main()
