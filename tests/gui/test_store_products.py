"""The Licenses tab matches the store's products with the user's own catalog, opened
with File → Open Catalog… (issue #13 point 5: store_pids), and says which products match
no plan."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog
from pytestqt.qtbot import QtBot

from lic_desktop.gui.main_window import MainWindow
from lic_desktop.present.store_view import LicenseColumn
from lic_desktop.store.demo import DemoStore
from tests.gui.test_scenario_files import menu
from tests.gui.test_store_tab import connect, demo, store

__all__ = ["demo", "store"]  # the demo store fixtures

CATALOGS = Path(__file__).parents[2] / "resources" / "catalogs"


def test_the_forms_own_catalog_maps_the_stores_product_ids(
        qtbot: QtBot, window: MainWindow, demo: str, store: DemoStore, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    one_cpu = store.products[store._pid("LiteSpeed Web Server 1-CPU")]
    one_cpu.name = "LSWS 1 core"  # a store that names it unlike any plan
    # Not mapped: the license on it (203.0.113.10) is not the catalog's, and the tab
    # names the product among those matching no plan.
    message = connect(qtbot, window, demo)
    assert window.store_tab.model.rowCount() == 1
    assert f"'LSWS 1 core' (pid {one_cpu.pid})" in window.store_tab.message.text()
    # The reseller's copy of the catalog maps it; opened in the form, the tab uses it.
    text = (CATALOGS / "litespeed.toml").read_text("utf-8")
    path = tmp_path / "my-litespeed.toml"
    path.write_text(text.replace("[plans.1-cpu]\n",
                                 f"[plans.1-cpu]\nstore_pids = [{one_cpu.pid}]\n"), "utf-8")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(path), ""))
    menu(window, "&File", "Open &Catalog…").trigger()
    assert window.editor.inputs.catalog == str(path)
    message = connect(qtbot, window, demo)
    model = window.store_tab.model
    assert message.startswith("2 licenses of Acme Hosting — Jane Doe (client 1)")
    assert {model.index(r, LicenseColumn.IP).data() for r in range(model.rowCount())} == \
        {"172.23.44.240", "203.0.113.10"}
    assert "LSWS" not in window.store_tab.message.text()
