"""The window's lenient reading of a scenario file (issue #11.3): a good file reads as the
command line reads it; a bad value is kept marked on its field, the rest of the file kept."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

from lic_desktop.catalogs import load_catalog
from lic_desktop.core.catalog import CatalogError
from lic_desktop.core.periods import InputError
from lic_desktop.core.scenario import parse_scenario_text
from lic_desktop.present.editor import QuoteEditor
from lic_desktop.present.inputs import Inputs, Unreadable
from lic_desktop.present.scenario_file import read_scenario_file, refusal
from tests.conftest import SCENARIOS
from tests.present.test_editor import FakeView

NOW = datetime(2026, 12, 1, 15, 0)
SEED = (SCENARIOS / "seed-upgrade.toml").read_text(encoding="utf-8")


def read(text: str, name: str = "s.toml") -> Inputs:
    return read_scenario_file(text, name, load_catalog, NOW)


def seed_with(key: str, line: str) -> str:
    return "\n".join([*(x for x in SEED.splitlines() if not x.startswith(f"{key} =")),
                      line]) + "\n"


@pytest.mark.parametrize("path", sorted(SCENARIOS.glob("*.toml")), ids=lambda p: p.name)
def test_a_good_file_reads_as_the_command_line_reads_it(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert read(text, path.name) == Inputs.from_scenario(parse_scenario_text(text, path.name))


@pytest.mark.parametrize(("key", "line", "shown"), [
    ("paid", 'paid = "19.9x"', "19.9x"),
    ("paid", "paid = 19.9", "19.9"),  # amounts are written as text in a file
    ("pending", 'pending = "-5"', "-5"),
    ("ip", 'ip = "172.23.44"', "172.23.44"),
    ("secondary_ip", 'secondary_ip = "not an ip"', "not an ip"),
    ("customer", "customer = 42", "42"),
])
def test_a_bad_text_field_keeps_the_text_as_the_form_would(key: str, line: str,
                                                            shown: str) -> None:
    inputs = read(seed_with(key, line))
    assert getattr(inputs, key) == shown
    assert [bad.field for bad in inputs.unreadable] == [key]
    assert key in inputs.field_errors()
    with pytest.raises(InputError) as refused:
        inputs.to_scenario()
    assert refused.value.field == key
    assert inputs.to_quantity == 16  # and the rest of the file
    assert inputs.start == datetime(2022, 11, 1, 9, 0)


@pytest.mark.parametrize(("key", "line", "field", "text", "value"), [
    ("start", 'start = "2022-11-31 09:00"', "start", "2022-11-31 09:00",
     datetime(2026, 12, 1, 0, 0)),  # no such day: the form's default in its place
    ("at", "at = 2022-11-16", "at", "2022-11-16", NOW),  # a TOML date alone
    ("quantity", 'quantity = "ten"', "quantity", "ten", 1),
    ("to_quantity", "to_quantity = 16.5", "to_quantity", "16.5", 10),
    ("plan", 'plan = "serverz"', "plan", "serverz", "servers"),
    ("plan", "plan = 3", "plan", "3", "servers"),
    ("cycle", 'cycle = "weekly"', "cycle", "weekly", "monthly"),
    ("to_cycle", 'to_cycle = "owned"', "to_cycle", "owned", "monthly"),
    ("auto_renew", 'auto_renew = "yes"', "auto_renew", "yes", False),
])
def test_a_bad_value_falls_back_with_the_readers_message(
        key: str, line: str, field: str, text: str, value: object) -> None:
    inputs = read(seed_with(key, line))
    [bad] = inputs.unreadable
    assert (bad.field, bad.text) == (field, text)
    assert bad.message
    assert getattr(inputs, field) == value
    assert set(inputs.field_errors()) == {field}
    assert inputs.ip == "172.23.44.240"


def test_a_missing_required_value_is_marked_too() -> None:
    inputs = read(SEED.replace('at = "2022-11-16 00:23"\n', ""))
    assert inputs.unreadable == (Unreadable("at", "", "is required in a scenario"),)
    assert inputs.at == NOW


def test_every_bad_value_is_marked_at_once() -> None:
    text = seed_with("paid", 'paid = "x"').replace('quantity = 10', 'quantity = "ten"') \
        .replace('ip = "172.23.44.240"', 'ip = "1.2.3"')
    assert set(read(text).field_errors()) == {"paid", "quantity", "ip"}


@pytest.mark.parametrize(("text", "name", "field"), [
    ("hello = [", "s.toml", "scenario"),
    ("{", "s.json", "scenario"),
    ("[1]", "s.json", "scenario"),
    (SEED + "quantiy = 3\n", "s.toml", "quantiy"),
    (SEED.replace("version = 1", "version = 2"), "s.toml", "version"),
    (SEED.replace('catalog = "ezeelogin"\n', ""), "s.toml", "catalog"),
    (SEED.replace('catalog = "ezeelogin"', "catalog = 7"), "s.toml", "catalog"),
])
def test_a_file_that_is_no_scenario_is_refused(text: str, name: str, field: str) -> None:
    with pytest.raises(InputError) as refused:
        read(text, name)
    assert refused.value.field == field
    assert "To open it" in refusal(name, refused.value)


def test_an_unknown_catalog_is_refused_with_the_catalogs_to_choose() -> None:
    with pytest.raises(CatalogError) as refused:
        read(SEED.replace('"ezeelogin"', '"ezeelogn"'))
    message = refusal("/x/s.toml", refused.value)
    assert message.startswith("/x/s.toml is not a scenario lic-desktop can open.")
    assert "'ezeelogn' is neither an embedded catalog" in message
    assert "(ezeelogin, litespeed)" in message


def test_the_editor_opens_inputs_as_read_and_quotes_once_fixed() -> None:
    editor = QuoteEditor(FakeView(), now=lambda: NOW)
    editor.load_inputs(read(seed_with("paid", 'paid = "19.9x"')), Path("s.toml"))
    state = editor.state
    assert state.stale
    assert state.paid_text == "19.9x"
    assert not state.paid_follows_catalog
    assert not state.modified
    assert state.path == Path("s.toml")
    editor.set_field("paid", "19.90")
    assert not editor.state.stale
    assert editor.state.errors == {}


def test_a_bad_first_period_start_goes_with_a_new_period_start() -> None:
    # The form has no field for it: typing the period start replaces it, as it replaces
    # a good one (a typed start is a period of its own).
    editor = QuoteEditor(FakeView(), now=lambda: NOW)
    editor.load_inputs(read(seed_with("anchor", 'anchor = "2022-13-01 09:00"')), None)
    assert set(editor.state.errors) == {"anchor"}
    editor.set_field("start", datetime(2022, 11, 1, 9, 0))
    assert editor.state.errors == {}
    assert editor.inputs.anchor is None
    assert not editor.state.stale
