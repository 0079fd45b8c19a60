"""The window opens with only the Quote tab built; each other tab is built, in its place
and in the current language, the first time it is shown or used."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QPushButton
from pytestqt.qtbot import QtBot

from lic_desktop import l10n
from lic_desktop.gui.main_window import MainWindow
from tests.conftest import SCENARIOS

LAZY = ("planner", "compare", "book", "store")


def test_only_the_quote_tab_is_built_at_start(window: MainWindow) -> None:
    assert [window.pages.built(name) for name in LAZY] == [None] * 4
    assert window.pages.waiting() == list(LAZY)
    assert [window.tabs.tabText(i) for i in range(5)] == \
        ["Quote", "Planner", "Compare", "Book", "Licenses"]


def test_showing_a_tab_builds_it_in_place_and_fills_it(window: MainWindow,
                                                      qtbot: QtBot) -> None:
    window.open_path(SCENARIOS / "seed-upgrade.toml")
    seen: list[tuple[int, str]] = []  # what the tab bar (and a screen reader) is told
    bar = window.tabs.tabBar()
    bar.currentChanged.connect(lambda i: seen.append((i, bar.tabText(i))))
    window.tabs.setCurrentIndex(1)  # as a click on "Planner" does
    planner = window.pages.built("planner")
    assert planner is window.planner_tab
    assert planner.parent() is window.tabs.widget(1)
    assert window.pages.is_current("planner")
    assert seen == [(1, "Planner")]
    assert window.tabs.tabText(1) == "Planner"
    assert window.tabs.count() == 5
    assert "Dec 1, 2022" in window.planner_tab.advice.text()  # planned for the seed license
    assert window.pages.built("book") is None  # the others still wait


def test_a_tab_built_by_use_does_not_take_the_focus(window: MainWindow) -> None:
    window.book_tab.at = window.editor.state.inputs.at  # e.g. the window's own refresh
    assert window.tabs.currentIndex() == 0
    assert window.book_tab.parent() is window.tabs.widget(3)


def test_a_tab_built_after_a_language_switch_speaks_the_new_language(
        window: MainWindow) -> None:
    window.tabs.setCurrentIndex(1)
    before = window.planner_tab.findChildren(QPushButton)
    window.set_language("de_DE")
    assert "Bis zum Fälligkeitsdatum" in [b.text() for b in before]  # built: retranslated
    assert window.store_status.text() == "Offline: integrierte Kataloge"
    store = window.store_tab  # built now, in German
    assert store.status() == "Offline: integrierte Kataloge"
    assert window.tabs.tabText(4) == l10n._("Licenses")


def test_closing_with_tabs_never_built_cancels_nothing_and_builds_nothing(
        window: MainWindow) -> None:
    window.editor.mark_saved(SCENARIOS / "x.toml")
    window.close()
    assert [window.pages.built(name) for name in LAZY] == [None] * 4


@pytest.mark.parametrize("language", ["en_US", "de_DE", "fr_FR"])
def test_building_the_tabs_never_widens_the_right_pane(window: MainWindow,
                                                       language: str) -> None:
    # Else a splitter dragged far left jumps back when a tab is first opened.
    window.set_language(language)
    smallest = window.tabs.minimumSizeHint().expandedTo(window.tabs.minimumSize())
    for name in LAZY:
        window.pages.show(name)
    after = window.tabs.minimumSizeHint().expandedTo(window.tabs.minimumSize())
    assert after == smallest


def test_the_planner_chart_follows_the_language(window: MainWindow) -> None:
    window.pages.show("planner")
    chart = window.planner_tab.chart
    assert [s.name() for s in chart.chart().series()][:2] == \
        ["Charged now", "Cost through horizon"]
    window.set_language("de_DE")
    assert [s.name() for s in chart.chart().series()][:2] == \
        ["Jetzt berechnet", "Kosten bis Horizont"]
    assert chart.chart().locale().name() == "de_DE"  # "50,00" and "Nov." on the axes
