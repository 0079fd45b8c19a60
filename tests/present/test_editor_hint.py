"""The window's first quote (nothing changes yet) says where to pick the change."""

from __future__ import annotations

from lic_desktop import l10n
from lic_desktop.present.editor import QuoteEditor


class View:
    def refresh(self, state: object) -> None:
        self.state = state


def test_nothing_to_change_points_at_the_change_group() -> None:
    view = View()
    editor = QuoteEditor(view, catalog="ezeelogin")
    texts = [n.text for n in editor.state.notices]
    assert texts[-1] == ("To quote a change, pick a new plan, number of servers or billing "
                         "cycle under Change.")
    assert not editor.state.notices[-1].blocking
    editor.set_field("to_quantity", 2)
    assert all("To quote a change" not in n.text for n in editor.state.notices)


def test_a_catalog_without_counts_names_plan_and_cycle_only() -> None:
    editor = QuoteEditor(View(), catalog="litespeed")
    assert editor.state.notices[-1].text == \
        "To quote a change, pick a new plan or billing cycle under Change."


def test_the_hint_speaks_the_language() -> None:
    l10n.set_language("de_DE")
    editor = QuoteEditor(View(), catalog="ezeelogin", formatter=l10n.Formatter("de_DE"))
    assert editor.state.notices[-1].text.startswith("Für ein Angebot wählen Sie unter")
    # The catalog's own German word, capitalised as German nouns are (issue 11, point 10:
    # "eine neue Anzahl servers").
    assert "eine neue Anzahl Server oder" in editor.state.notices[-1].text
