"""Connected to the demo store: licenses listed, a picked one quoted, the store's price
beside ours, and a store that never answers cancelled without freezing the window."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from babel.numbers import format_currency
from PySide6.QtCore import QPoint, QSettings, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QLabel, QMenu
from pytestqt.qtbot import QtBot

from lic_desktop.catalogs import load_all_embedded
from lic_desktop.gui.main_window import MainWindow
from lic_desktop.l10n import LANGUAGES
from lic_desktop.present.store_view import LICENSE_HEADERS, LicenseColumn
from lic_desktop.store.demo import DemoStore, Invoice, Service, add_date_months, serve
from tests.present.test_locales import po_translations


@pytest.fixture
def store() -> DemoStore:
    return DemoStore(load_all_embedded(), today=date.today(), identifier="demo-id",
                     secret="s3cr3t-value")


@pytest.fixture
def demo(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, store: DemoStore) -> Iterator[str]:
    monkeypatch.setattr("lic_desktop.gui.store_tab.store_cache_dir", lambda: tmp_path / "cache")
    server = serve(store)
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def connect(qtbot: QtBot, window: MainWindow, url: str, client: int = 1) -> str:
    """Connect to the demo store; the tab's message (what `finished` reports)."""
    with qtbot.waitSignal(window.store_tab.finished, timeout=10_000) as done:
        assert window.store_tab.connect_with(url, "demo-id", "s3cr3t-value", client)
    assert done.args[0] is True
    return str(done.args[1])


def row_of(window: MainWindow, ip: str) -> int:
    """The table's row (as sorted) of the license on `ip`."""
    view = window.store_tab.table.model()
    return next(r for r in range(view.rowCount())
                if view.index(r, LicenseColumn.IP).data() == ip)


def pick(qtbot: QtBot, window: MainWindow, ip: str) -> None:
    """Select the license on `ip` with the keyboard and press Enter, as a user does."""
    window.pages.show("store")
    table = window.store_tab.table
    table.setFocus()
    qtbot.keyClick(table, Qt.Key.Key_Home, Qt.KeyboardModifier.ControlModifier)
    for _ in range(row_of(window, ip)):
        qtbot.keyClick(table, Qt.Key.Key_Down)
    assert table.currentIndex().row() == row_of(window, ip)
    qtbot.keyClick(table, Qt.Key.Key_Return)


def test_licenses_listed_and_the_secret_kept_out_of_settings(
        qtbot: QtBot, window: MainWindow, demo: str, settings: QSettings) -> None:
    connect(qtbot, window, demo)
    model = window.store_tab.model
    assert model.rowCount() == 2
    ips = {model.index(r, LicenseColumn.IP).data() for r in range(model.rowCount())}
    assert ips == {"172.23.44.240", "203.0.113.10"}
    assert window.store_status.text().startswith("Online: 127.0.0.1:")
    settings.sync()
    text = Path(settings.fileName()).read_text()
    assert "demo-id" in text
    assert "s3cr3t-value" not in text


def test_a_picked_license_quotes_with_its_unpaid_invoice_blocking(
        qtbot: QtBot, window: MainWindow, demo: str) -> None:
    connect(qtbot, window, demo)
    pick(qtbot, window, "203.0.113.10")
    assert window.tabs.currentWidget() is window.quote_tab
    assert window.editor.inputs.plan == "1-cpu"
    window.editor.set_field("to_plan", "2-cpu")
    quote = window.editor.state.quote
    assert quote is not None
    assert quote.blocked
    assert "unpaid invoice of $36.00 USD" in window.banner.text()
    # The after pane was empty (nothing changed yet) and filled while its tab was
    # hidden: once shown it must be as tall as all its rows.
    after = window.panes[2]
    qtbot.wait(50)
    rows = after.model.rowCount()
    assert rows == 7
    assert after.table.height() >= sum(after.table.rowHeight(r) for r in range(rows))


def test_the_store_price_beside_ours(qtbot: QtBot, window: MainWindow, demo: str) -> None:
    connect(qtbot, window, demo)
    tab = window.store_tab
    pick(qtbot, window, "203.0.113.10")
    window.editor.set_field("to_plan", "2-cpu")
    with qtbot.waitSignal(tab.finished, timeout=10_000) as done:
        tab.check_price()
    assert done.args[0] is True
    text = tab.message.text()
    assert text.startswith("lic-desktop: $")
    assert "\nstore:       $" in text
    # The store is asked about the new plan's product, not the current one (matched
    # against the vendor's catalog, not the store-priced copy): `lic-desktop store
    # check-upgrade` agrees to the cent on this license, and so must the window.
    assert "\nstore:       $0.00 USD" not in text
    assert text.endswith("The store agrees to the cent."), text


@pytest.fixture
def silent_port() -> Iterator[int]:
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(8)  # accepted by the kernel, never answered
    yield listener.getsockname()[1]
    listener.close()


def test_cancel_works_and_the_window_stays_responsive(
        qtbot: QtBot, window: MainWindow, silent_port: int) -> None:
    tab = window.store_tab
    tab.connect_with(f"http://127.0.0.1:{silent_port}", "demo-id", "s3cr3t-value", 1)
    assert tab.busy.isVisibleTo(tab)
    assert window.store_status.text().startswith("Connecting to 127.0.0.1:")
    window.editor.set_field("to_quantity", 7)  # the form still works meanwhile
    assert window.editor.inputs.to_quantity == 7
    with qtbot.waitSignal(tab.finished, timeout=1000) as done:
        tab.cancel_button.click()
    assert done.args == [False, "cancelled"]
    assert not tab.busy.isVisibleTo(tab)
    assert tab.message.text() == "Cancelled."


# --- the Licenses tab reads as the rest of the window (issue 11, point 13) ---------------


def test_the_product_column_names_the_product_as_the_quote_tab_does(
        qtbot: QtBot, window: MainWindow, demo: str) -> None:
    connect(qtbot, window, demo)
    view = window.store_tab.table.model()
    products = {view.index(r, LicenseColumn.IP).data():
                view.index(r, LicenseColumn.PRODUCT).data() for r in range(view.rowCount())}
    titles = {c.name: c.title for c in load_all_embedded()}
    for ip, catalog in (("203.0.113.10", "litespeed"), ("172.23.44.240", "ezeelogin")):
        pick(qtbot, window, ip)
        product = products[ip]
        # The catalog's title, the Plan selector's label: not the raw "litespeed 1-cpu".
        assert product.startswith(titles[catalog])
        assert window.form.plan.currentText() in product
        assert window.editor.inputs.plan not in product.split()
        if catalog == "ezeelogin":  # a plan priced per server: its count too
            assert window.form.quantity.value() == 10
            assert product.endswith("10")


def choose_language(window: MainWindow, locale: str) -> None:
    """View → Language → the locale's entry, as a user picks it."""
    def actions(menu: QMenu) -> Iterator[QAction]:
        for action in menu.actions():
            yield action
            if action.menu() is not None:
                yield from actions(action.menu())

    entry = next(a for m in window.menuBar().findChildren(QMenu) for a in actions(m)
                 if a.text() == LANGUAGES[locale])
    entry.trigger()
    assert window.language == locale


def unpaid_cell(window: MainWindow) -> tuple[str, object]:
    index = window.store_tab.table.model().index(row_of(window, "203.0.113.10"),
                                                 LicenseColumn.UNPAID)
    return index.data(), index.data(Qt.ItemDataRole.TextAlignmentRole)


@pytest.mark.parametrize("locale", ["en_US", "de_DE"])
def test_the_unpaid_amount_is_money_in_the_ui_locale(
        qtbot: QtBot, window: MainWindow, demo: str, locale: str) -> None:
    choose_language(window, locale)
    connect(qtbot, window, demo)
    text, alignment = unpaid_cell(window)
    # The demo's invoice is 36.00 USD; en_US in the portal's "$36.00 USD", German babel's.
    expected = "$36.00 USD" if locale == "en_US" else format_currency(36, "USD",
                                                                       locale="de_DE")
    assert text == expected
    assert int(alignment) & Qt.AlignmentFlag.AlignRight  # type: ignore[call-overload]


def status_bar_texts(window: MainWindow) -> str:
    return " | ".join(label.text() for label in window.statusBar().findChildren(QLabel)
                      if label.isVisible() and label.text())


def test_the_status_bar_says_where_the_prices_come_from_once(
        qtbot: QtBot, window: MainWindow, demo: str) -> None:
    connect(qtbot, window, demo)
    pick(qtbot, window, "203.0.113.10")  # the form now quotes from the store's prices
    fetched = f"{window.store_tab.snapshot.fetched_at:%Y-%m-%d %H:%M}"  # type: ignore[union-attr]
    host = demo.removeprefix("http://")
    texts = status_bar_texts(window)
    assert texts.count(fetched) == 1, texts
    assert texts.count(host) == 1, texts
    assert window.store_status.text().startswith(f"Online: {host}")


def services_of(store: DemoStore, client: int) -> int:
    """The client's services that can be changed (the others are hidden by default)."""
    return sum(1 for s in store.services.values() if s.clientid == client
               and s.status in ("Active", "Suspended"))


def test_the_count_is_the_clients_licenses_worded_for_the_number(
        qtbot: QtBot, window: MainWindow, demo: str, store: DemoStore) -> None:
    assert services_of(store, 1) == 2
    message = connect(qtbot, window, demo, client=1)
    assert message.startswith("2 licenses of Acme Hosting — Jane Doe (client 1)")
    assert window.store_tab.message.text().count("2 licenses") == 1
    assert window.store_tab.model.rowCount() == 2
    assert services_of(store, 2) == 1
    message = connect(qtbot, window, demo, client=2)
    assert message.startswith("1 license of Bernd Müller (client 2)")
    assert "1 licenses" not in window.store_tab.message.text()
    assert window.store_tab.model.rowCount() == 1


def add_license(store: DemoStore, ip: str, unpaid: str) -> None:
    """One more LiteSpeed license of client 1, with an unpaid invoice of `unpaid`."""
    start = store.today - timedelta(days=10)
    pid = next(p.pid for p in store.products.values() if p.name.endswith(" 2-CPU"))
    store.services[1004] = Service(1004, 1, pid, "monthly", start,
                                   add_date_months(start, 1), Decimal("46.00"), ip,
                                   orderid=99)
    store.invoices[9002] = Invoice(9002, 1, store.today, [(1004, Decimal(unpaid), "2-CPU")])


def sort_by(qtbot: QtBot, window: MainWindow, column: int) -> list[object]:
    """Click the column's header; its raw values from top to bottom, ascending."""
    header = window.store_tab.table.horizontalHeader()
    spot = QPoint(header.sectionViewportPosition(column) + header.sectionSize(column) // 2,
                  header.height() // 2)
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=spot)
    assert header.sortIndicatorSection() == column
    view = window.store_tab.table.model()
    shown = [view.index(r, column).data() for r in range(view.rowCount())]
    if header.sortIndicatorOrder() == Qt.SortOrder.DescendingOrder:
        shown.reverse()
    return shown


def test_columns_sort_by_value_not_by_text(
        qtbot: QtBot, window: MainWindow, demo: str, store: DemoStore) -> None:
    add_license(store, "203.0.113.9", "100.00")
    connect(qtbot, window, demo)
    window.pages.show("store")
    # .9 before .10, and $36 before $100: as text, both would be the other way round.
    assert sort_by(qtbot, window, LicenseColumn.IP) == [
        "172.23.44.240", "203.0.113.9", "203.0.113.10"]
    assert sort_by(qtbot, window, LicenseColumn.UNPAID) == [
        "", "$36.00 USD", "$100.00 USD"]
    assert sort_by(qtbot, window, LicenseColumn.NUMBER) == ["1", "2", "3"]


def test_tab_leaves_the_license_table(qtbot: QtBot, window: MainWindow, demo: str) -> None:
    connect(qtbot, window, demo)
    window.pages.show("store")
    table = window.store_tab.table
    table.setFocus()
    qtbot.keyClick(table, Qt.Key.Key_Home, Qt.KeyboardModifier.ControlModifier)
    assert table.hasFocus()
    qtbot.keyClick(table, Qt.Key.Key_Tab)
    assert not table.hasFocus()  # not the next cell: the next control
    assert table.currentIndex().column() == 0


def test_the_license_model_passes_the_model_tester(
        qtbot: QtBot, window: MainWindow, demo: str, qtmodeltester: object) -> None:
    connect(qtbot, window, demo)
    qtmodeltester.check(window.store_tab.model)  # type: ignore[attr-defined]
    qtmodeltester.check(window.store_tab.proxy)  # type: ignore[attr-defined]


@pytest.mark.parametrize("locale", ["de_DE", "fr_FR"])
def test_headers_and_cells_follow_the_language(
        qtbot: QtBot, window: MainWindow, demo: str, locale: str) -> None:
    connect(qtbot, window, demo)
    choose_language(window, locale)  # after connecting: the rows are worded again
    po = po_translations(locale[:2])
    model = window.store_tab.table.model()
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in LicenseColumn]
    assert headers[1:] == [po[h] for h in LICENSE_HEADERS[1:]]
    text, _alignment = unpaid_cell(window)
    assert text == format_currency(36, "USD", locale=locale)


# --- issue 13, point 1: a client with more services than one page ----------------------

def test_a_client_with_1500_services_is_listed_whole(qtbot: QtBot, window: MainWindow,
                                                     store: DemoStore, demo: str) -> None:
    store.add_bulk_client(7, 1500)  # the example: more than 1,000 asked for once
    tab = window.store_tab
    seen: list[tuple[int, int]] = []
    tab.busy.valueChanged.connect(lambda value: seen.append((value, tab.busy.maximum())))
    connect(qtbot, window, demo, client=7)
    assert tab.model.rowCount() == 1500
    assert tab.table.model().rowCount() == 1500
    # The indicator showed how far the pages had got, out of the 1,500.
    assert (1500, 1500) in seen
    assert any(0 < value < 1500 for value, _ in seen)
    assert not tab.busy.isVisibleTo(tab)
