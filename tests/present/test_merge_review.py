"""A second reviewer's findings on the merged issue-11 work, each a test that failed on
the merge (b6abdd1): what is still due with no order, file dates read as typed ones, a
bad plan going with its catalog, the Licenses tab's product words. Qt-free."""
from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

from lic_desktop import l10n
from lic_desktop.catalogs import load_catalog
from lic_desktop.core.engine import make_quote
from lic_desktop.core.periods import InputError
from lic_desktop.core.quote import Quote
from lic_desktop.core.scenario import parse_scenario_text
from lic_desktop.l10n import Formatter
from lic_desktop.present.editor import QuoteEditor
from lic_desktop.present.inputs import read_typed_moment
from lic_desktop.present.panes import headline
from lic_desktop.present.quote_text import quote_text
from lic_desktop.present.scenario_file import read_scenario_file
from lic_desktop.present.store_view import product_text
from tests.conftest import SCENARIOS

NO_CHANGE_UNPAID = """
version = 1
catalog = "ezeelogin"
plan = "servers"
quantity = 10
cycle = "monthly"
start = "2022-11-01 09:00"
at = "2022-11-16 00:23"
pending = "19.90"
"""


def _quote(text: str) -> Quote:
    s = parse_scenario_text(text, "x.toml")
    return make_quote(s.license(load_catalog(s.catalog)), s.request())


def test_no_change_with_an_unpaid_invoice_still_shows_what_is_due() -> None:
    q = _quote(NO_CHANGE_UNPAID)
    fmt = Formatter("en_US")
    assert headline(q, fmt).startswith("Due now $19.90")
    # The headline's figure must be in the panes (it was before the merge: Order details
    # listed "Unpaid invoice $19.90 USD" and "Total due $19.90 USD").
    assert "Total due\t$19.90 USD" in quote_text(q, fmt)


REFUSED_UNPAID = """
version = 1
catalog = "litespeed"
plan = "4-cpu"
cycle = "owned"
start = "2022-03-10 10:00"
at = "2022-11-16 00:23"
to_plan = "1-cpu"
to_cycle = "owned"
pending = "36.00"
"""


def test_refused_with_an_unpaid_invoice_still_shows_what_is_due() -> None:
    q = _quote(REFUSED_UNPAID)
    fmt = Formatter("en_US")
    assert "36.00" in headline(q, fmt)
    assert "$36.00 USD" in quote_text(q, fmt)


def test_licenses_tab_names_the_product_as_the_quote_tab_does_in_german() -> None:
    l10n.set_language("de_DE")
    fmt = Formatter("de_DE")
    cat = load_catalog("ezeelogin")
    text = product_text(cat, "servers", 10, fmt)
    assert "Ezeelogin SSH-Jump-Server" in text, text
    assert "Server:" in text, text


SEED = (SCENARIOS / "seed-upgrade.toml").read_text(encoding="utf-8")


def _seed_with(key: str, line: str) -> str:
    return "\n".join([*(x for x in SEED.splitlines() if not x.startswith(f"{key} =")), line])


def test_a_file_date_the_field_would_accept_is_refused() -> None:
    assert read_typed_moment("start", "2022-11-01")  # the field takes a date alone
    inputs = read_scenario_file(_seed_with("start", 'start = "2022-11-01"'), "s.toml",
                                load_catalog, datetime(2026, 12, 1))
    assert inputs.unreadable == (), inputs.unreadable


def test_a_bad_file_date_is_explained_in_german() -> None:
    l10n.set_language("de_DE")
    with pytest.raises(InputError) as typed:
        read_typed_moment("start", "2022-11-31 09:00")
    inputs = read_scenario_file(_seed_with("start", 'start = "2022-11-31 09:00"'), "s.toml",
                                load_catalog, datetime(2026, 12, 1))
    from_file = inputs.unreadable[0].message
    assert "out of range" not in from_file  # Python's English reason
    assert from_file == typed.value.message  # as if typed: "2022-11 hat 30 Tage"


class _View:
    def refresh(self, state: object) -> None:
        pass


def test_switching_catalog_clears_a_bad_plan_read_from_a_file() -> None:
    text = (SCENARIOS / "litespeed-leased-upgrade.toml").read_text(encoding="utf-8")
    text = "\n".join(x for x in text.splitlines() if not x.startswith("plan ="))
    text += '\nplan = "16-cpu"\n'
    editor = QuoteEditor(_View(), catalog="ezeelogin")
    inputs = read_scenario_file(text, "s.toml", editor.catalog, datetime(2026, 12, 1))
    editor.load_inputs(inputs, None)
    assert "plan" in editor.state.errors
    editor.set_field("catalog", "ezeelogin")  # a different product altogether
    assert editor.state.inputs.plan == "servers"
    assert editor.state.errors == {}, editor.state.errors


def test_a_catalog_file_named_relative_is_kept_by_its_absolute_path(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Saved as "./my-prices.toml", the scenario would not open from another folder.
    shipped = SCENARIOS.parent / "catalogs" / "ezeelogin.toml"
    (tmp_path / "my-prices.toml").write_text(shipped.read_text(encoding="utf-8"),
                                            encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    editor = QuoteEditor(_View(), catalog="./my-prices.toml")
    assert editor.inputs.catalog == str(tmp_path / "my-prices.toml")
    editor.set_field("catalog", "my-prices.toml")
    assert editor.inputs.catalog == str(tmp_path / "my-prices.toml")
    assert editor.scenario().catalog == str(tmp_path / "my-prices.toml")
