"""A date field's text is read by the presenter: exactly the moment typed, or an error."""

from __future__ import annotations

from datetime import datetime

import pytest

from lic_desktop.core.periods import InputError
from lic_desktop.present.editor import QuoteEditor
from lic_desktop.present.inputs import read_typed_moment
from tests.present.test_editor import FakeView, editor  # noqa: F401 - the fixture

NOW = datetime(2022, 11, 16, 0, 23)


@pytest.mark.parametrize(("text", "moment"), [
    ("2022-11-20 10:00", datetime(2022, 11, 20, 10, 0)),
    ("2022-11-01 09:00", datetime(2022, 11, 1, 9, 0)),
    (" 2022-11-20T10:00 ", datetime(2022, 11, 20, 10, 0)),
    ("2022-11-20", datetime(2022, 11, 20, 0, 0)),
])
def test_a_whole_typed_moment_is_that_moment(text: str, moment: datetime) -> None:
    assert read_typed_moment("at", text) == moment


def test_a_half_typed_moment_keeps_the_last_one_and_makes_the_quote_stale(
        editor: QuoteEditor) -> None:  # noqa: F811
    before = editor.inputs.at
    editor.set_field("at", "2022-11-2")
    state = editor.state
    assert state.stale
    assert "at" in state.errors
    assert state.inputs.at == before
    assert state.inputs.unreadable_text("at") == "2022-11-2"
    editor.set_field("at", "2022-11-20 10:00")
    assert not editor.state.stale
    assert editor.state.inputs.at == datetime(2022, 11, 20, 10, 0)
    assert editor.state.inputs.unreadable_text("at") is None


def test_no_such_day_is_named(editor: QuoteEditor) -> None:  # noqa: F811
    editor.set_field("start", "2022-02-30 09:00")
    assert "no such date" in editor.state.errors["start"]


def test_typing_a_moment_is_one_undo_step(editor: QuoteEditor) -> None:  # noqa: F811
    before = editor.inputs.at
    for i in range(1, len("2022-11-20 10:00") + 1):
        editor.set_field("at", "2022-11-20 10:00"[:i])
    assert editor.inputs.at == datetime(2022, 11, 20, 10, 0)
    editor.undo()
    assert editor.inputs.at == before
    assert editor.inputs.unreadable == ()


def test_a_fresh_editor_reads_typed_text_too() -> None:
    ed = QuoteEditor(FakeView(), now=lambda: NOW)
    ed.set_field("start", "2022-11-01")
    assert ed.inputs.start == datetime(2022, 11, 1, 0, 0)


@pytest.mark.parametrize(("text", "reason"), [
    ("2022-13-01 10:00", "there is no month 13"),
    ("2022-02-30 09:00", "2022-02 has 28 days"),
    ("2024-02-30", "2024-02 has 29 days"),  # a leap year; a date alone
    ("2022-11-31 09:00", "2022-11 has 30 days"),
    ("2022-11-20 24:00", "there is no hour 24"),
    ("2022-11-20 10:60", "there is no minute 60"),
    ("0000-01-01 00:00", "there is no year 0"),
])
def test_what_does_not_exist_is_named_in_the_ui_language(text: str, reason: str) -> None:
    """The reason is the app's own (translated) words, not Python's English."""
    with pytest.raises(InputError) as caught:
        read_typed_moment("at", text)
    assert caught.value.message == f"{text!r} is no such date or time: {reason}"
