"""Words in every language (issue 11, points 10 and 11): the catalog's own labels, the
order's Type, example amounts in error texts, and the planner's dates. Qt-free."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest

from lic_desktop import l10n
from lic_desktop.catalogs import load_catalog
from lic_desktop.core.periods import InputError
from lic_desktop.core.planner import plan_change
from lic_desktop.core.scenario import parse_amount
from lic_desktop.l10n import Formatter
from lic_desktop.present import catalog_words as words
from lic_desktop.present.inputs import cycle_options, plan_options
from lic_desktop.present.planner import recommendation
from lic_desktop.present.planner_view import planner_rows
from tests.present.test_locales import rows, seed


@pytest.fixture
def german() -> Iterator[Formatter]:
    l10n.set_language("de_DE")
    yield Formatter("de_DE")
    l10n.set_language("en_US")


@pytest.fixture
def french() -> Iterator[Formatter]:
    l10n.set_language("fr_FR")
    yield Formatter("fr_FR")
    l10n.set_language("en_US")


def test_the_quantity_reads_german(german: Formatter) -> None:
    # Issue 11: "Neue servers", "eine neue Anzahl servers".
    ez = load_catalog("ezeelogin")
    assert words.quantity_label(ez, german) == "Server"
    assert words.new_quantity_label(ez, german) == "Neue Server"
    assert words.units(ez, german) == "Server"  # German nouns keep their capital
    assert cycle_options(ez, "servers", german.language)[0].label == \
        "Monatlich (kein Rabatt)"
    assert [o.label for o in plan_options(ez, german.language)] == ["Server"]


def test_the_quantity_reads_french(french: Formatter) -> None:
    # Issue 11: "Nouveaux servers (z)".
    ez = load_catalog("ezeelogin")
    assert words.quantity_label(ez, french) == "Serveurs"
    assert words.new_quantity_label(ez, french) == "Nouveaux serveurs"
    assert words.units(ez, french) == "serveurs"
    assert words.note(ez, french).startswith("1,99 USD par serveur")


def test_en_us_keeps_the_portals_words() -> None:
    ez = load_catalog("ezeelogin")
    fmt = Formatter("en_US")
    assert words.quantity_label(ez, fmt) == "Servers"
    assert words.new_quantity_label(ez, fmt) == "New servers"
    assert words.units(ez, fmt) == "servers"
    assert rows(seed(), "en_US", 1)["type"] == "update"
    assert rows(seed(), "en_US", 1)["quantity"] == "16"


def test_a_catalog_naming_no_quantity_uses_the_uis_word(tmp_path: Path,
                                                        german: Formatter) -> None:
    path = tmp_path / "plain.toml"
    path.write_text('[catalog]\nname = "plain"\ncurrency = "USD"\npolicy = "reset"\n'
                    '[cycles.monthly]\nmonths = 1\n[plans.seats]\nunit_price = "2.00"\n',
                    encoding="utf-8")
    cat = load_catalog(str(path))
    assert words.quantity_label(cat, german) == "Anzahl"
    assert words.new_quantity_label(cat, german) == "Neue Anzahl"
    assert words.units(cat, german) == "Einheiten"


def test_the_order_type_is_translated_for_display(german: Formatter) -> None:
    # The portal writes "update"; en_US keeps it (above), German shows its own word.
    order = rows(seed(), "de_DE", 1)
    assert order["type"] == "Aktualisierung"
    assert order["quantity"] == "16"


@pytest.mark.parametrize(("locale", "example"), [("de_DE", "19,90"), ("fr_FR", "19,90"),
                                                 ("en_US", "19.90")])
def test_where_a_comma_is_accepted_the_example_has_one(locale: str, example: str) -> None:
    l10n.set_language(locale)
    try:
        with pytest.raises(InputError) as typed:
            parse_amount("paid", "19,9x", comma=True)
        with pytest.raises(InputError) as in_a_file:  # a scenario file takes a point only
            parse_amount("paid", "19.9x")
    finally:
        l10n.set_language("en_US")
    assert example in typed.value.message
    assert "'19,9x'" in typed.value.message  # what was typed, as it was typed
    assert "19.90" in in_a_file.value.message


@pytest.mark.parametrize(("locale", "due_date"), [("de_DE", "01.12.2022"),
                                                  ("en_US", "Dec 1, 2022")])
def test_advice_and_table_write_the_same_day_alike(locale: str, due_date: str) -> None:
    # Issue 11: the advice said "2022-12-01" above a table of "Dec 1, 2022".
    quote = seed()
    plan = plan_change(quote.license, quote.request)
    fmt = Formatter(locale)
    advice = recommendation(plan, fmt)
    # The seed period ends Dec 1, 2022 09:00; that day is the advice's and a table row's.
    due_row = next(r for r in planner_rows(plan, fmt) if r.day.moment == datetime(2022, 12, 1, 9))
    assert due_row.texts[0].startswith(due_date)
    assert due_date in advice
    assert "2022-12-01" not in advice
    assert "2022-11-16" not in advice


def test_an_untranslated_quantity_is_worded_safely(tmp_path: Path, french: Formatter) -> None:
    # A catalog with English words only: French cannot agree "Nouveaux" with a noun it
    # does not know ("Nouveaux licenses"), so it words the change around "nombre".
    path = tmp_path / "seats.toml"
    path.write_text('[catalog]\nname = "seats"\ncurrency = "USD"\npolicy = "reset"\n'
                    'quantity_label = "Licenses"\n[cycles.monthly]\nmonths = 1\n'
                    '[plans.seats]\nunit_price = "2.00"\n', encoding="utf-8")
    cat = load_catalog(str(path))
    assert words.quantity_label(cat, french) == "Licenses"  # the catalog's own word
    assert words.new_quantity_label(cat, french) == "Nouveau nombre de licenses"
