"""A catalog's labels in other languages: `label_de`, `title_fr`, ... beside each key
(README, "Catalogs"). The keys SPEC.md names keep working; the core picks a language by a
plain code and never translates anything itself."""

from __future__ import annotations

import tomllib

import pytest

from lic_desktop.catalogs import embedded_catalogs, load_catalog
from lic_desktop.core.catalog import CatalogError
from lic_desktop.resources_path import resources_dir
from tests.core.conftest import WriteCatalog
from tests.core.test_catalog import RESET_TOML

GERMAN = RESET_TOML.replace('quantity_label = "Servers"\n', '''quantity_label = "Servers"
quantity_label_de = "Server"
title_de = "Wiederverkäufer-Gateway"
new_quantity_label = "More servers"
new_quantity_label_de = "Neue Server"
note = "Example prices."
note_de = "Beispielpreise."
''').replace('label = "Monthly"\n', 'label = "Monthly"\nlabel_de = "Monatlich"\n') \
    .replace('label = "Servers"\nunit_price',
             'label = "Servers"\nlabel_fr = "Serveurs"\nunit_price')


def test_translated_labels_are_read_beside_their_keys(write_catalog: WriteCatalog) -> None:
    cat = load_catalog(str(write_catalog(GERMAN)))
    assert cat.cycles["monthly"].label == "Monthly"  # the portal's word, as written
    assert cat.cycles["monthly"].label_in("de") == "Monatlich"
    assert cat.cycles["monthly"].label_in("de_DE") == "Monatlich"  # a locale reads too
    assert cat.cycles["monthly"].label_in("fr") == "Monthly"  # not translated: as written
    assert cat.cycles["yearly"].label_in("de") == "Yearly"
    assert cat.plans["servers"].label_in("fr_FR") == "Serveurs"
    assert cat.text_in("title", "de") == "Wiederverkäufer-Gateway"
    assert cat.text_in("title", "en") == "Reseller gateway"
    assert cat.text_in("quantity_label", "de") == "Server"
    assert cat.text_in("new_quantity_label", "de") == "Neue Server"
    assert cat.text_in("new_quantity_label", "en") == "More servers"
    assert cat.text_in("note", "de") == "Beispielpreise."


def test_a_catalog_without_translations_reads_as_before(write_catalog: WriteCatalog) -> None:
    cat = load_catalog(str(write_catalog(RESET_TOML)))
    assert cat.quantity_label == "Servers"
    assert cat.new_quantity_label is None
    assert cat.texts == {}
    assert cat.text_in("note", "de") == ""
    assert cat.cycles["monthly"].label_in("de") == "Monthly"


@pytest.mark.parametrize(("old", "new", "key"), [
    ('label_de = "Monatlich"', "label_de = 3", "cycles.monthly.label_de"),
    ('label_de = "Monatlich"', 'label_de = ""', "cycles.monthly.label_de"),
    ('label_de = "Monatlich"', 'label_DE = "Monatlich"', "cycles.monthly.label_DE"),
    ('label_de = "Monatlich"', 'months_de = "Monatlich"', "cycles.monthly.months_de"),
    ('title_de = "Wiederverkäufer-Gateway"', 'currency_de = "EUR"', "catalog.currency_de"),
    ('note = "Example prices."\n', "", "catalog.note_de"),  # a translation of nothing
])
def test_a_bad_translation_names_its_key(write_catalog: WriteCatalog, old: str, new: str,
                                         key: str) -> None:
    assert old in GERMAN
    path = write_catalog(GERMAN.replace(old, new, 1))
    with pytest.raises(CatalogError) as info:
        load_catalog(str(path))
    assert info.value.key == key


@pytest.mark.parametrize("name", list(embedded_catalogs()))
def test_the_embedded_catalogs_speak_german_and_french(name: str) -> None:
    # Issue 11, point 10: "Monthly (no discount)" and the status-bar note stayed English.
    path = resources_dir() / "catalogs" / f"{name}.toml"
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    head = data["catalog"]
    tables = [*data["cycles"].values()]
    # Plan labels that are words ("Servers"), not names ("VPS", "1-CPU").
    tables += [p for p in data["plans"].values() if not p["label"].isupper()
               and not any(c.isdigit() for c in p["label"])]
    for language in ("de", "fr"):
        for table in tables:
            assert table.get(f"label_{language}"), (name, table["label"], language)
        for key in ("quantity_label", "new_quantity_label", "note"):
            if key in head:
                assert head.get(f"{key}_{language}"), (name, key, language)
    cat = load_catalog(name)
    assert cat.cycles[next(iter(cat.cycles))].label_in("de") != \
        cat.cycles[next(iter(cat.cycles))].label
