"""The Licenses tab's rows and message, Qt-free: raw values to sort by, counts in words."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from lic_desktop import l10n
from lic_desktop.catalogs import load_catalog
from lic_desktop.l10n import Formatter
from lic_desktop.present.store_view import LicenseColumn, license_rows, licenses_message
from lic_desktop.store.convert import StoreLicense
from lic_desktop.store.session import Snapshot


def store_license(service: int, plan: str, quantity: int, ip: str) -> StoreLicense:
    start = datetime(2022, 11, 1)
    return StoreLicense(service, plan, "monthly", start, None, quantity, Decimal("19.90"), ip,
                        "", "Active", str(service - 500), "2022-11-01", "",
                        date(2022, 12, 1), 101)


def test_rows_keep_raw_values_and_read_in_the_locale() -> None:
    l10n.set_language("en_US")
    snapshot = Snapshot(datetime(2022, 11, 16, 10, 0), cached=False, licenses=[
        ("ezeelogin", store_license(1001, "servers", 1200, "10.0.0.10"), Decimal(0)),
        ("litespeed", store_license(1002, "1-cpu", 1, "10.0.0.9"), Decimal("1036.50"))])
    catalogs = [load_catalog("ezeelogin"), load_catalog("litespeed")]
    ez, ls = license_rows(snapshot, catalogs, Formatter("en_US"))
    assert ez.texts[LicenseColumn.PRODUCT] == "Ezeelogin SSH jump server · Servers: 1,200"
    assert ls.texts[LicenseColumn.PRODUCT] == "LiteSpeed Web Server · 1-CPU"
    assert (ls.texts[LicenseColumn.UNPAID], ls.values[LicenseColumn.UNPAID]) == \
        ("$1,036.50 USD", Decimal("1036.50"))
    assert ez.texts[LicenseColumn.UNPAID] == ""
    assert ls.values[LicenseColumn.IP] < ez.values[LicenseColumn.IP]  # type: ignore[operator]
    assert ez.values[LicenseColumn.EXPIRY] == date(2022, 12, 1)
    assert ez.texts[LicenseColumn.EXPIRY] == "Dec 1, 2022"
    assert ls.blocked
    assert not ez.blocked
    (de_ls,) = license_rows(Snapshot(snapshot.fetched_at, False, licenses=snapshot.licenses[1:]),
                            catalogs, Formatter("de_DE"))
    assert de_ls.texts[LicenseColumn.UNPAID].startswith("1.036,50")
    assert de_ls.texts[LicenseColumn.EXPIRY] == "01.12.2022"


def test_the_count_in_words() -> None:
    l10n.set_language("en_US")
    fmt = Formatter("en_US")
    assert licenses_message(1, 7, False, fmt).startswith("1 license of client 7. ")
    assert licenses_message(2, 7, True, fmt).startswith("2 licenses of client 7 (cached). ")
    assert licenses_message(0, 7, False, fmt) == "Client 7 has no licenses here."
    # A client of a reseller's size: the count grouped as the locale writes numbers.
    assert licenses_message(1500, 7, False, fmt).startswith("1,500 licenses of client 7. ")
    assert licenses_message(1500, 7, False, Formatter("de_DE")).startswith("1.500 ")


def test_the_message_names_the_client_by_name_and_id() -> None:
    """#13's leftover: users think of clients by name. The message names the client as the
    Connect dialog's search does (company — full name), with the id kept; a client the
    store gives no name keeps the id-only text."""
    l10n.set_language("en_US")
    fmt = Formatter("en_US")
    acme = "Acme Hosting — Jane Doe"
    assert licenses_message(1500, 7, False, fmt, acme) == \
        "1,500 licenses of Acme Hosting — Jane Doe (client 7). Double-click one to quote it."
    assert licenses_message(1, 7, True, fmt, "Bernd Müller") == \
        "1 license of Bernd Müller (client 7) (cached). Double-click it to quote it."
    assert licenses_message(0, 12, False, fmt, "Roe Hosting — Jane Roe") == \
        "Roe Hosting — Jane Roe (client 12) has no licenses here."
    assert licenses_message(2, 7, False, fmt, "") == \
        licenses_message(2, 7, False, fmt) == \
        "2 licenses of client 7. Double-click one to quote it."
    assert licenses_message(0, 7, False, fmt, " \t") == "Client 7 has no licenses here."


def test_the_name_in_the_message_is_one_bounded_line_of_store_text() -> None:
    l10n.set_language("en_US")
    fmt = Formatter("en_US")
    long = "Very Long Company Name " * 10  # 230 characters
    said = licenses_message(3, 7, False, fmt, long)
    shown = said.removeprefix("3 licenses of ").removesuffix(
        " (client 7). Double-click one to quote it.")
    assert 70 < len(shown) <= 80  # NAME_LIMIT, a space before the cut dropped
    assert shown.endswith("…")
    assert long.startswith(shown[:-1])
    # A line break, a terminal escape or a bidi override in the store's name never
    # reaches the label; markup stays the characters it is (the label shows plain text).
    said = licenses_message(1, 7, False, fmt, "<b>Acme</b>\n\x1b[31mHosting\u202e")
    assert said.startswith("1 license of <b>Acme</b> Hosting (client 7). ")
    assert "\n" not in said
