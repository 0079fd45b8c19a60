"""The planner tab's presenter: the editor's inputs in, the plan's rows, series and advice
out. Qt-free. Planning runs only when asked (the tab is showing), never per keystroke
on a hidden tab."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from lic_desktop.core.catalog import CatalogError
from lic_desktop.core.periods import InputError
from lic_desktop.core.planner import Plan, PlanDay, plan_change
from lic_desktop.l10n import Formatter, _
from lic_desktop.present.editor import FormState
from lic_desktop.present.inputs import read_typed_moment
from lic_desktop.present.planner import PlannerRow, plan_csv, planner_rows, recommendation


@dataclass(frozen=True, slots=True)
class PlannerState:
    plan: Plan | None
    rows: tuple[PlannerRow, ...]
    advice: str
    error: str  # why there is no plan ("" when there is one)
    chosen: datetime | None  # the change moment the quote uses now
    until: datetime | None  # the last day planned; None: the due date


class PlannerPresenter:
    def __init__(self, formatter: Formatter | None = None) -> None:
        self.fmt = formatter or Formatter()
        self.until: datetime | None = None
        self.until_unreadable: str | None = None  # "Plan until" text that does not read
        self.state = PlannerState(None, (), "", _("No plan yet."), None, None)

    def update(self, form: FormState) -> PlannerState:
        """Plan the form's change; a stale form leaves the last plan, marked by `error`."""
        quote = form.quote
        if form.stale or quote is None:
            problem = "; ".join(f"{k}: {v}" for k, v in form.errors.items())
            self.state = PlannerState(self.state.plan, self.state.rows, self.state.advice,
                                      _("Fix the inputs to plan again ({problem}).").format(
                                          problem=problem),
                                      self.state.chosen, self.until)
            return self.state
        until = self.until if self.until is not None and self.until >= quote.request.at \
            else None
        try:
            plan = plan_change(quote.license, quote.request, until)
        except (InputError, CatalogError) as exc:
            self.state = PlannerState(None, (), "", str(exc), quote.request.at, until)
            return self.state
        self.state = PlannerState(plan, tuple(planner_rows(plan, self.fmt)),
                                  recommendation(plan, self.fmt), "", quote.request.at, until)
        return self.state

    def type_until(self, text: str) -> str:
        """The "Plan until" field's text as typed: read into the last day to plan, or what
        is wrong with it ("" when it reads); until it reads, the plan stays as it was."""
        try:
            self.until = read_typed_moment("until", text)
        except InputError as exc:
            self.until_unreadable = text
            return exc.message
        self.until_unreadable = None
        return ""

    def csv(self) -> str | None:
        return None if self.state.plan is None else plan_csv(self.state.plan)

    def day_at(self, index: int) -> PlanDay | None:
        plan = self.state.plan
        return plan.days[index] if plan is not None and 0 <= index < len(plan.days) else None

    def nearest_day(self, moment: datetime) -> PlanDay | None:
        """The planned day closest to `moment` (a click on the chart)."""
        plan = self.state.plan
        if plan is None:
            return None
        return min(plan.days, key=lambda d: abs(d.moment - moment))
