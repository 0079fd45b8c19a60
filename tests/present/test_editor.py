"""The window's presenter, without Qt: every pane state the window can show."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from pathlib import Path

import pytest

from lic_desktop.core.periods import InputError
from lic_desktop.core.scenario import parse_scenario_text
from lic_desktop.present.editor import FormState, QuoteEditor
from tests.conftest import SCENARIOS

NOW = datetime(2022, 11, 16, 0, 23)


class FakeView:
    def __init__(self) -> None:
        self.states: list[FormState] = []

    def refresh(self, state: FormState) -> None:
        self.states.append(state)


def rows(state: FormState, pane: int) -> dict[str, str]:
    assert state.panes is not None
    return {r.key: r.value for r in state.panes[pane].rows}


@pytest.fixture
def editor() -> QuoteEditor:
    ed = QuoteEditor(FakeView(), now=lambda: NOW)
    path = SCENARIOS / "seed-upgrade.toml"
    ed.load(parse_scenario_text(path.read_text(encoding="utf-8"), path.name), path)
    return ed


def test_a_fresh_editor_quotes_the_first_catalog_now() -> None:
    view = FakeView()
    ed = QuoteEditor(view, now=lambda: NOW)
    assert ed.inputs.catalog == "ezeelogin"
    assert ed.inputs.at == NOW
    assert ed.inputs.start == datetime(2022, 11, 1, 0, 0)
    assert not ed.state.stale
    assert ed.state.errors == {}
    assert ed.state.paid_text == "1.99"  # one server, one month, the catalog price


def test_the_seed_upgrade(editor: QuoteEditor) -> None:
    order = rows(editor.state, 1)
    assert order["grand_total"] == "$31.84 USD"
    assert order["deduction"] == "-$10.61 USD"
    assert order["first_bill_amount"] == "$21.23 USD"
    assert editor.state.headline.replace("\xa0", " ").startswith("Due now $21.23 USD")
    assert editor.state.modified is False


def test_every_edit_recomputes(editor: QuoteEditor) -> None:
    editor.set_field("to_quantity", 6)
    assert rows(editor.state, 1)["first_bill_amount"] == "$1.33 USD"
    assert editor.state.modified is True
    assert len(editor.view.states) >= 1  # type: ignore[attr-defined]


def test_invalid_input_keeps_the_last_quote_marked_stale(editor: QuoteEditor) -> None:
    before = editor.state.panes
    editor.set_field("paid", "19,9x")
    state = editor.state
    assert state.stale is True
    assert "paid" in state.errors
    assert "19,9x" in state.errors["paid"]
    assert state.panes == before  # the last valid quote, not a new number
    assert state.notices == ()
    assert editor.quote_text() is None  # nothing stale is copied out
    editor.set_field("paid", "19.90")
    assert editor.state.stale is False


@pytest.mark.parametrize(("name", "value", "field"), [
    ("ip", "172.23.44", "ip"),
    ("secondary_ip", "not an ip", "secondary_ip"),
    ("pending", "-5", "pending"),
    ("paid", "19.999", "paid"),
    ("at", datetime(2022, 10, 1, 0, 0), "at"),
])
def test_each_bad_field_is_named(editor: QuoteEditor, name: str, value: object,
                                 field: str) -> None:
    editor.set_field(name, value)
    assert set(editor.state.errors) == {field}
    assert editor.state.stale


def test_amount_paid_follows_the_catalog_until_edited(editor: QuoteEditor) -> None:
    assert editor.state.paid_follows_catalog
    editor.set_field("quantity", 12)
    assert editor.state.paid_text == "23.88"  # 12 x 1.99
    editor.set_field("paid", "20.00")
    assert not editor.state.paid_follows_catalog
    assert rows(editor.state, 0)["amount"] == "$20.00 USD"
    editor.use_catalog_price()
    assert editor.state.paid_follows_catalog
    assert rows(editor.state, 0)["amount"] == "$23.88 USD"


def test_due_date_deducts_nothing(editor: QuoteEditor) -> None:
    editor.set_change_to_due_date()
    assert editor.inputs.at == datetime(2022, 12, 1, 9, 0)
    order = rows(editor.state, 1)
    assert order["deduction"] == "$0.00 USD"  # a zero deduction carries no minus sign
    assert order["first_bill_amount"] == "$31.84 USD"


def test_a_pending_invoice_blocks(editor: QuoteEditor) -> None:
    editor.set_field("pending", "5")
    state = editor.state
    assert not state.stale
    assert state.quote is not None
    assert state.quote.blocked
    assert any(n.blocking and "$5.00 USD" in n.text for n in state.notices)
    assert rows(state, 1)["total_due"] == "$26.23 USD"  # 5.00 + 21.23


def test_same_plan_is_nothing_to_order(editor: QuoteEditor) -> None:
    editor.set_field("to_quantity", 10)
    assert editor.state.panes is not None
    order = editor.state.panes[1]
    assert order.rows == ()  # no order at all, rather than an order of type "none"
    # Said once, by the pane's notice, not again by a "No order: ..." placeholder.
    assert [n.text for n in order.notices] == [
        "Nothing changes: the new plan and billing cycle are the current ones."]
    assert order.placeholder == ""
    assert editor.state.panes[2].rows == ()
    assert editor.state.headline.replace("\xa0", " ").startswith("Nothing to pay")


def test_switching_catalog_resets_the_plan(editor: QuoteEditor) -> None:
    editor.set_field("catalog", "litespeed")
    state = editor.state
    assert state.inputs.plan == "vps"
    assert state.inputs.to_plan == "vps"
    assert state.inputs.cycle == "monthly"
    assert state.per_unit is False
    assert [o.key for o in state.plans] == ["vps", "1-cpu", "2-cpu", "4-cpu", "8-cpu"]
    assert state.inputs.ip == "172.23.44.240"  # what is not catalog-bound stays


def test_an_owned_license_cannot_pick_a_cheaper_owned_plan(editor: QuoteEditor) -> None:
    editor.set_field("catalog", "litespeed")
    editor.set_field("plan", "4-cpu")
    editor.set_field("cycle", "owned")
    editor.set_field("to_cycle", "owned")
    options = {o.key: o for o in editor.state.to_plans}
    assert not options["vps"].enabled
    assert not options["2-cpu"].enabled
    assert "only be upgraded" in options["1-cpu"].why
    assert options["8-cpu"].enabled
    assert options["4-cpu"].enabled
    assert editor.state.due_date is None  # an owned license has no due date


def test_current_plan_edits_carry_an_unchanged_target_along(editor: QuoteEditor) -> None:
    editor.set_field("catalog", "litespeed")
    editor.set_field("plan", "2-cpu")
    assert editor.inputs.to_plan == "2-cpu"
    editor.set_field("to_plan", "8-cpu")
    editor.set_field("plan", "1-cpu")
    assert editor.inputs.to_plan == "8-cpu"


def test_undo_merges_keystrokes_in_one_field(editor: QuoteEditor) -> None:
    for text in ("1", "17", "172", "172.1"):
        editor.set_field("secondary_ip", text)
    editor.set_field("to_quantity", 20)
    editor.undo()
    assert editor.inputs.to_quantity == 16
    assert editor.inputs.secondary_ip == "172.1"
    editor.undo()
    assert editor.inputs.secondary_ip == ""
    assert not editor.state.can_undo
    editor.redo()
    editor.redo()
    assert editor.inputs.to_quantity == 20
    assert not editor.state.can_redo


def test_saving_clears_modified(editor: QuoteEditor, tmp_path: Path) -> None:
    editor.set_field("to_quantity", 20)
    assert editor.state.modified
    editor.mark_saved(tmp_path / "s.toml")
    assert not editor.state.modified
    assert editor.state.path == tmp_path / "s.toml"


def test_a_bad_scenario_is_refused_whole(editor: QuoteEditor) -> None:
    before = editor.inputs
    bad = parse_scenario_text('catalog = "ezeelogin"\nplan = "servers"\ncycle = "monthly"\n'
                              'start = "2022-11-01 09:00"\nat = "2022-10-01 09:00"\n', "b.toml")
    with pytest.raises(InputError):
        editor.load(bad, None)
    assert editor.inputs == before


def test_scenario_round_trip(editor: QuoteEditor) -> None:
    editor.set_field("paid", "18.00")
    editor.set_field("auto_renew", True)
    scenario = editor.scenario()
    other = QuoteEditor(FakeView(), now=lambda: NOW)
    other.load(scenario, None)
    assert other.state.panes == editor.state.panes


def test_all_bad_fields_are_named_at_once(editor: QuoteEditor) -> None:
    editor.set_field("paid", "19.9x")
    editor.set_field("ip", "172.23.44")
    editor.set_field("pending", "-1")
    assert set(editor.state.errors) == {"paid", "ip", "pending"}


@pytest.mark.parametrize("typed", ["19,90", "19.90", " 19,9 "])
def test_an_amount_may_be_typed_with_a_decimal_comma(editor: QuoteEditor, typed: str) -> None:
    editor.set_field("paid", typed)
    assert not editor.state.stale
    assert rows(editor.state, 0)["amount"] == "$19.90 USD"
    assert editor.scenario().paid == Decimal("19.90")  # saved with a point


@pytest.mark.parametrize("typed", ["1,990.00", "1,99,0", "19,999", "1,000", "2,500", "1.000"])
def test_a_comma_that_is_not_a_decimal_mark_is_still_refused(editor: QuoteEditor,
                                                              typed: str) -> None:
    editor.set_field("paid", typed)
    assert set(editor.state.errors) == {"paid"}  # named, never silently read as 1990
