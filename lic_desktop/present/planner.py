"""The planner in words, rows and series: for the CLI's `plan`, the planner tab and its
CSV export. Qt-free."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from lic_desktop.core.money import Money, prorate
from lic_desktop.core.planner import Advice, Plan, PlanDay
from lic_desktop.core.quote import ChangeKind, Reason
from lic_desktop.l10n import N_, Formatter, _
from lic_desktop.present import catalog_words as words
from lic_desktop.present.quote_json import day, money_text

CSV_COLUMNS = ("date", "time", "charged_now", "account_credit", "new_expiry",
               "cash_through_horizon", "cost_through_horizon", "best", "due_date")


def recommendation(plan: Plan, fmt: Formatter) -> str:
    """The planner's advice in one or two sentences."""
    first = plan.first
    text = _advice_text(plan, fmt)
    if Reason.PENDING_INVOICE in first.reasons:
        text = _("First pay the unpaid invoice of {amount}: the change is blocked until "
                 "then.").format(amount=fmt.money(first.license.unpaid)) + " " + text
    if Reason.OWNED_DOWNGRADE_REFUSED in first.reasons:
        text = _("Owned licenses can only be upgraded: no day makes this change possible.")
    return text


def _advice_text(plan: Plan, fmt: Formatter) -> str:
    first, best = plan.first, plan.best_day
    # Dates as the table beside it writes them: the UI locale's ("Nov 16, 2022").
    when, horizon = fmt.date(best.moment), fmt.date(plan.horizon)
    if plan.advice is Advice.NOTHING:
        return _("Nothing changes: choose another plan, quantity or billing cycle to plan a "
                 "change.")
    if plan.advice is Advice.DUE_DATE:
        assert plan.due_date is not None
        if best.moment == plan.due_date:
            text = _("Change on {date} (the due date): nothing is deducted and no days "
                     "overlap.").format(date=when)
        else:
            deducted = first.order.grand_total - best.charged_now + best.account_credit
            text = _("Change on {date} (the due date) before {time}: that day has begun, so "
                     "it still counts as remaining and {amount} of it is deducted.").format(
                date=when, time=f"{plan.due_date:%H:%M}", amount=fmt.money(deducted))
        return text + _versus_first(plan, fmt)
    if plan.advice is Advice.CHEAPEST_DAY:
        return _("Change on {date}: it costs least through {horizon} ({amount}).").format(
            date=when, horizon=horizon, amount=fmt.money(best.cost_through_horizon)) \
            + _versus_first(plan, fmt)
    if plan.advice is Advice.DAILY_RATE:
        lic, order = first.license, first.order
        period = lic.period
        assert period is not None
        difference = abs(order.amount - lic.amount_paid)
        per_day = prorate(difference, 1, period.days_total, first.catalog.digits)
        target = words.plan_label(first.catalog, first.request.plan, fmt)
        return _("The day does not change the daily price: the price difference is charged "
                 "only for the days left, about {amount} a day, so change when {plan} is "
                 "needed.").format(amount=fmt.money(per_day), plan=target)
    return _("The day does not change the total: {why}").format(why=_why_constant(plan, fmt))


def _why_constant(plan: Plan, fmt: Formatter) -> str:
    first = plan.first
    if first.change is ChangeKind.DOWNGRADE and first.order.effective != first.request.at:
        return _("the downgrade takes effect on {date} (the due date) whichever day it is "
                 "ordered.").format(date=fmt.date(first.order.effective))
    if first.change is ChangeKind.CYCLE_CHANGE:
        return _("the new billing cycle starts at the renewal on {date} whichever day it is "
                 "ordered.").format(date=fmt.date(first.order.effective))
    return _("it costs {amount} whichever day it is ordered.").format(
        amount=fmt.money(first.order.due_now))


def _versus_first(plan: Plan, fmt: Formatter) -> str:
    first_day, best = plan.days[0], plan.best_day
    extra = first_day.cost_through_horizon - best.cost_through_horizon
    if first_day is best or not extra:
        return ""
    return " " + _("Changing on {date} instead costs {amount} more through {horizon}.").format(
        date=fmt.date(first_day.moment), amount=fmt.money(extra),
        horizon=fmt.date(plan.horizon))


@dataclass(frozen=True, slots=True)
class PlannerRow:
    """One day as the planner table shows it: display text plus the raw values."""

    day: PlanDay
    texts: tuple[str, ...]
    best: bool
    due: bool


# The chart's legend names the cost column the same way ("Cost through horizon").
PLANNER_HEADERS = (N_("Change on"), N_("Charged now"), N_("Credit"), N_("New expiry"),
                   N_("Cash through horizon"), N_("Cost through horizon"))


def planner_rows(plan: Plan, fmt: Formatter) -> list[PlannerRow]:
    rows = []
    for i, d in enumerate(plan.days):
        expiry = _("never") if d.new_expiry is None else fmt.date(d.new_expiry)
        texts = (f"{fmt.date(d.moment)} {d.moment:%H:%M}", fmt.money(d.charged_now),
                 fmt.money(d.account_credit), expiry, fmt.money(d.cash_through_horizon),
                 fmt.money(d.cost_through_horizon))
        rows.append(PlannerRow(d, texts, i == plan.best, d.moment == plan.due_date))
    return rows


def _day_values(plan: Plan, i: int, d: PlanDay) -> dict[str, Any]:
    digits = plan.first.catalog.digits
    return {
        "date": day(d.moment),
        "time": f"{d.moment:%H:%M}",
        "charged_now": money_text(d.charged_now, digits),
        "account_credit": money_text(d.account_credit, digits),
        "new_expiry": day(d.new_expiry),
        "cash_through_horizon": money_text(d.cash_through_horizon, digits),
        "cost_through_horizon": money_text(d.cost_through_horizon, digits),
        "best": i == plan.best,
        "due_date": d.moment == plan.due_date,
    }


def plan_dict(plan: Plan, fmt: Formatter) -> dict[str, Any]:
    return {
        "catalog": plan.first.catalog.name,
        "currency": plan.first.catalog.currency,
        "recommendation": recommendation(plan, fmt),
        "advice": plan.advice.value,
        "best_date": day(plan.best_day.moment),
        "due_date": day(plan.due_date),
        "horizon": day(plan.horizon),
        "days": [_day_values(plan, i, d) for i, d in enumerate(plan.days)],
    }


def plan_csv(plan: Plan) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for i, d in enumerate(plan.days):
        values = _day_values(plan, i, d)
        values["best"] = "yes" if values["best"] else ""
        values["due_date"] = "yes" if values["due_date"] else ""
        writer.writerow(values)
    return out.getvalue()


def plan_text(plan: Plan, fmt: Formatter) -> str:
    lines = [recommendation(plan, fmt), "",
             _("Cash and cost are counted through {date} {time}, the same horizon for every "
               "day.").format(date=fmt.date(plan.horizon), time=f"{plan.horizon:%H:%M}"), "",
             "\t".join(_(h) for h in PLANNER_HEADERS)]
    for row in planner_rows(plan, fmt):
        marks = (" " + _("best") if row.best else "") + (" " + _("due date") if row.due
                                                          else "")
        lines.append("\t".join(row.texts) + (f"\t<-{marks}" if marks else ""))
    return "\n".join(lines) + "\n"


def chart_points(plan: Plan) -> list[tuple[datetime, Money, Money]]:
    """(day, charged now, cost through horizon) for each day: the chart's series."""
    return [(d.moment, d.charged_now, d.cost_through_horizon) for d in plan.days]
