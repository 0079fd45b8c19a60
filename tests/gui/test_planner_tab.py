"""The planner tab: advice, chart and table agree, and a click sets the change moment."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QPushButton
from pytestqt.qtbot import QtBot

from lic_desktop.core.planner import plan_change
from lic_desktop.gui.main_window import MainWindow
from lic_desktop.gui.planner_chart import amount, msecs
from lic_desktop.gui.planner_model import PlanColumn
from lic_desktop.present.planner import plan_csv
from tests.conftest import SCENARIOS


@pytest.fixture
def planner(window: MainWindow) -> MainWindow:
    window.open_path(SCENARIOS / "seed-upgrade.toml")
    window.pages.show("planner")
    return window


def test_the_planner_waits_until_its_tab_shows(window: MainWindow) -> None:
    window.open_path(SCENARIOS / "seed-upgrade.toml")
    assert window.pages.built("planner") is None
    window.pages.show("planner")
    planned = window.planner_tab.presenter.state
    assert planned.plan is not None
    window.tabs.setCurrentIndex(0)  # hidden again: edits do not plan
    window.form.to_quantity.setValue(20)
    assert window.planner_tab.presenter.state is planned
    window.pages.show("planner")
    assert window.planner_tab.presenter.state is not planned


def test_advice_names_the_due_date(planner: MainWindow) -> None:
    text = planner.planner_tab.advice.text()
    assert text.startswith("Change on Dec 1, 2022 (the due date)")


def test_chart_series_equal_the_table(planner: MainWindow) -> None:
    model = planner.planner_tab.model
    chart = planner.planner_tab.chart
    charged = [(p.x(), p.y()) for p in chart.charged.points()]
    cost = [(p.x(), p.y()) for p in chart.cost.points()]
    assert len(charged) == model.rowCount() == 17
    for r in range(model.rowCount()):
        moment = model.index(r, PlanColumn.MOMENT).data(Qt.ItemDataRole.UserRole)
        now = model.index(r, PlanColumn.CHARGED).data(Qt.ItemDataRole.UserRole)
        through = model.index(r, PlanColumn.COST).data(Qt.ItemDataRole.UserRole)
        assert charged[r] == (msecs(moment), amount(now))
        assert cost[r] == (msecs(moment), amount(through))
    # The due date is marked, the chosen day (the change moment) highlighted.
    due = chart.due.points()
    assert {p.x() for p in due} == {msecs(datetime(2022, 12, 1, 9, 0))}
    assert [p.x() for p in chart.chosen.points()] == [msecs(datetime(2022, 11, 16, 0, 23))]


def test_clicking_a_row_sets_the_change_moment(qtbot: QtBot, planner: MainWindow) -> None:
    tab = planner.planner_tab
    row = next(r for r in range(tab.proxy.rowCount())
               if tab.proxy.index(r, 0).data(Qt.ItemDataRole.UserRole)
               == datetime(2022, 12, 1, 9, 0))
    tab.table.activated.emit(tab.proxy.index(row, 0))
    assert planner.form.at.text() == "2022-12-01 09:00"
    order = {r.label: r.value for r in planner.editor.state.panes[1].rows}  # type: ignore[index]
    assert order["Deduction"] == "$0.00 USD"
    assert order["First bill amount"] == "$31.84 USD"


def test_clicking_the_chart_picks_the_nearest_day(planner: MainWindow) -> None:
    x = msecs(datetime(2022, 11, 20, 3, 0))  # closest planned day: Nov 20 00:23
    planner.planner_tab.chart.day_clicked.emit(x)
    assert planner.editor.inputs.at == datetime(2022, 11, 20, 0, 23)


def test_sorting_compares_amounts_not_text(planner: MainWindow) -> None:
    tab = planner.planner_tab
    tab.table.sortByColumn(PlanColumn.COST, Qt.SortOrder.AscendingOrder)
    costs = [tab.proxy.index(r, PlanColumn.COST).data(Qt.ItemDataRole.UserRole)
             for r in range(tab.proxy.rowCount())]
    assert costs == sorted(costs)
    best = planner.planner_tab.presenter.state.plan.best_day  # type: ignore[union-attr]
    assert tab.proxy.index(0, PlanColumn.MOMENT).data(Qt.ItemDataRole.UserRole) == best.moment


def test_a_day_past_the_due_date_renews_the_license(qtbot: QtBot,
                                                   planner: MainWindow) -> None:
    tab = planner.planner_tab
    qtbot.keyClick(tab.until, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(tab.until, "2023-01-20 00:00")
    assert tab.presenter.until == datetime(2023, 1, 20, 0, 0)
    plan = planner.planner_tab.presenter.state.plan
    assert plan is not None
    day = next(d for d in plan.days if d.moment == datetime(2022, 12, 16, 0, 23))
    planner.planner_tab.day_chosen.emit(day.moment, day.period_start)
    inputs = planner.editor.inputs
    assert inputs.start == datetime(2022, 12, 1, 9, 0)
    assert inputs.anchor == datetime(2022, 11, 1, 9, 0)
    assert inputs.paid is None  # renewed at the catalog price
    assert planner.editor.state.quote is not None
    assert planner.editor.state.quote.order.due_now == day.charged_now


def test_export_csv_writes_the_plan(planner: MainWindow, tmp_path: Path,
                                    monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "plan.csv"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    planner.planner_tab.export_csv()
    quote = planner.editor.state.quote
    assert quote is not None
    expected = plan_csv(plan_change(quote.license, quote.request))
    assert target.read_text(encoding="utf-8") == expected
    assert expected.splitlines()[0].startswith("date,time,charged_now")


def test_planner_model_passes_the_model_tester(planner: MainWindow,
                                               qtmodeltester: object) -> None:
    qtmodeltester.check(planner.planner_tab.model)  # type: ignore[attr-defined]
    qtmodeltester.check(planner.planner_tab.proxy)  # type: ignore[attr-defined]


def test_plan_until_takes_the_typed_day_or_says_what_is_wrong(qtbot: QtBot,
                                                              planner: MainWindow) -> None:
    tab = planner.planner_tab
    qtbot.keyClick(tab.until, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(tab.until, "2023-01-20")
    assert tab.presenter.until == datetime(2023, 1, 20, 0, 0)
    assert tab.until.text() == "2023-01-20"
    plan = tab.presenter.state.plan
    assert plan is not None
    assert plan.days[-1].moment.date() == datetime(2023, 1, 19).date()  # 00:23 each day
    qtbot.keyClick(tab.until, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(tab.until, "2023-02-30")
    assert tab.until.property("invalid") is True
    assert "2023-02-30" in tab.until.toolTip()
    assert tab.until_error.isVisible()
    assert "2023-02 has 28 days" in tab.until_error.text()
    assert tab.presenter.state.plan is plan  # the plan stays until the text reads
    assert tab.until.text() == "2023-02-30"
    qtbot.mouseClick(next(b for b in tab.findChildren(QPushButton)
                          if b.text() == "To the due date"), Qt.MouseButton.LeftButton)
    assert tab.until.property("invalid") is False
    assert not tab.until_error.isVisible()
    assert tab.until.text() == "2022-12-01 09:00"  # the due date: the period end
