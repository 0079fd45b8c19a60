"""View -> Language switches every pane label, the tabs and the menus at once, and back."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings, Qt
from pytestqt.qtbot import QtBot

from lic_desktop.gui.main_window import MainWindow
from tests.conftest import FIXTURES, SCENARIOS
from tests.present.test_locales import po_translations


def labels(window: MainWindow) -> list[list[str]]:
    return [[pane.model.index(r, 0).data() for r in range(pane.model.rowCount())]
            for pane in window.panes]


def keys(window: MainWindow) -> list[list[str]]:
    return [[pane.model.index(r, 0).data(Qt.ItemDataRole.UserRole)
             for r in range(pane.model.rowCount())] for pane in window.panes]


@pytest.mark.parametrize("locale", ["de_DE", "fr_FR"])
def test_switching_language_relabels_everything(window: MainWindow, settings: QSettings,
                                                locale: str) -> None:
    window.open_path(SCENARIOS / "seed-upgrade.toml")
    english = labels(window)
    english_menus = [a.text() for a in window.menuBar().actions()]
    english_tabs = [window.tabs.tabText(i) for i in range(window.tabs.count())]
    english_form = window.form.labels["paid"].text()
    window.set_language(locale)
    translated = labels(window)
    po = po_translations(locale[:2])
    for before, after, names in zip(english, translated, keys(window), strict=True):
        # Every UI label translated; the quantity is the embedded catalog's own word in
        # that language (resources/catalogs/ezeelogin.toml: quantity_label_de, _fr).
        quantity = {"de_DE": "Server", "fr_FR": "Serveurs"}[locale]
        assert after == [quantity if key == "quantity" else po.get(label, label)
                         for label, key in zip(before, names, strict=True)]
    assert sum(a != b for a, b in zip(translated[1], english[1], strict=True)) >= 8
    assert [a.text() for a in window.menuBar().actions()] != english_menus
    assert [window.tabs.tabText(i) for i in range(window.tabs.count())] != english_tabs
    assert window.form.labels["paid"].text() != english_form
    assert window.panes[0].title() != "Current billing"
    first_bill = next(r.value for r in window.editor.state.panes[1].rows  # type: ignore[index]
                      if r.key == "first_bill_amount")
    assert first_bill.startswith("21,23")  # the locale's decimal comma
    assert settings.value("language") == locale

    window.set_language("en_US")
    article = (FIXTURES / "article_upgrade_order_details.txt").read_text().splitlines()[1:]
    assert labels(window)[1] == [line.split("\t")[0] for line in article]
    assert [a.text() for a in window.menuBar().actions()] == english_menus


def test_the_language_is_remembered(qtbot: QtBot, settings: QSettings) -> None:
    first = MainWindow(settings, catalog="ezeelogin")
    qtbot.addWidget(first)
    first.set_language("fr_FR")
    first.editor.mark_saved(SCENARIOS / "x.toml")
    first.close()
    again = MainWindow(settings)
    qtbot.addWidget(again)
    assert again.language == "fr_FR"
    again.editor.mark_saved(SCENARIOS / "x.toml")
    again.close()


def test_the_catalog_worded_labels_take_the_language_colon(window: MainWindow) -> None:
    window.set_language("fr_FR")
    assert window.form.labels["quantity"].text().endswith(" :")  # "&Servers :"
    assert window.form.labels["to_quantity"].text().endswith(" :")
    window.set_language("en_US")
    assert window.form.labels["quantity"].text() == "&Servers:"
