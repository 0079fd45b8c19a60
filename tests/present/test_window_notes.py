"""What the window says beside the quote (issue #11.4 and .9): a change moment past the
period's end, and an amount paid typed as the catalog price."""

from __future__ import annotations

from datetime import datetime

import pytest

from lic_desktop import l10n
from lic_desktop.core.scenario import parse_scenario_text
from lic_desktop.present.editor import QuoteEditor
from tests.conftest import SCENARIOS
from tests.present.test_editor import FakeView

# The article's license: bought 2022-11-01 09:00, monthly, so its period ends on
# 2022-12-01 09:00 (Dec 1, 2022).
PERIOD_END = datetime(2022, 12, 1, 9, 0)
RENEWED = "after this period ended"


def seed_editor(now: datetime, locale: str = "en_US") -> QuoteEditor:
    l10n.set_language(locale)
    editor = QuoteEditor(FakeView(), now=lambda: now, formatter=l10n.Formatter(locale))
    path = SCENARIOS / "seed-upgrade.toml"
    editor.load(parse_scenario_text(path.read_text(encoding="utf-8"), path.name), path)
    return editor


def texts(editor: QuoteEditor) -> list[str]:
    return [n.text for n in editor.state.notices]


def test_now_years_after_the_period_says_the_license_has_renewed() -> None:
    editor = seed_editor(datetime(2026, 2, 10, 11, 30))  # 3 years and 2 months later
    assert not any(RENEWED in t for t in texts(editor))
    editor.set_change_to_now()
    assert not editor.state.stale  # a notice, not an error: the quote is still shown
    assert ("The change moment is 3 years after this period ended (Dec 1, 2022): the "
            "license has renewed since; check the period start.") in texts(editor)
    notice = next(n for n in editor.state.notices if RENEWED in n.text)
    assert not notice.blocking


@pytest.mark.parametrize(("at", "said"), [
    (datetime(2022, 11, 30, 9, 0), False),  # inside the period
    (PERIOD_END, False),  # the due date itself: nothing deducted, nothing renewed
    (datetime(2022, 12, 1, 9, 1), True),  # a minute later the license has renewed
    (datetime(2022, 12, 20, 0, 0), True),
])
def test_any_time_past_the_period_end_is_said(at: datetime, said: bool) -> None:
    editor = seed_editor(datetime(2022, 11, 16, 0, 23))
    editor.change_on(at, None)
    assert any(RENEWED in t for t in texts(editor)) is said


def test_an_owned_license_has_no_period_to_be_past() -> None:
    l10n.set_language("en_US")
    path = SCENARIOS / "litespeed-owned-upgrade.toml"
    editor = QuoteEditor(FakeView(), now=lambda: datetime(2030, 1, 1))
    editor.load(parse_scenario_text(path.read_text(encoding="utf-8"), path.name), path)
    editor.set_change_to_now()
    assert not any(RENEWED in t for t in texts(editor))


@pytest.mark.parametrize(("locale", "date", "time"), [
    ("de_DE", "01.12.2022", "3 Jahre"), ("fr_FR", "1 déc. 2022", "3 ans")])
def test_the_notice_writes_dates_and_times_in_the_locale(locale: str, date: str,
                                                          time: str) -> None:
    editor = seed_editor(datetime(2026, 2, 10, 11, 30), locale)
    editor.set_change_to_now()
    notice = texts(editor)[-1].replace("\xa0", " ")
    assert date in notice
    assert time in notice


@pytest.mark.parametrize(("typed", "follows"), [
    ("19.9", True), ("19,90", True), ("19.90", True), (" 19.9 ", True),
    ("19.91", False), ("19,9x", False), ("", False)])
def test_an_amount_typed_as_the_catalog_price_follows_it(typed: str, follows: bool) -> None:
    editor = seed_editor(datetime(2022, 11, 16, 0, 23))  # 10 servers: 10 x 1.99 = 19.90
    editor.set_field("paid", typed)
    assert editor.state.paid_follows_catalog is follows
    assert editor.state.paid_text == typed  # the text being typed is left as it is


def test_the_catalog_price_typed_goes_on_following_the_catalog() -> None:
    editor = seed_editor(datetime(2022, 11, 16, 0, 23))
    editor.set_field("paid", "19,9")
    editor.set_field("quantity", 12)  # 12 x 1.99
    assert editor.state.paid_text == "23.88"
    assert editor.state.paid_follows_catalog
    editor.set_field("paid", "20")
    editor.set_field("quantity", 10)
    assert editor.state.paid_text == "20"  # an amount of its own stays
