"""The quote document's HTML, without Qt."""

from __future__ import annotations

from datetime import datetime

from lic_desktop.catalogs import load_catalog
from lic_desktop.core.engine import make_quote
from lic_desktop.core.quote import ChangeRequest, License
from lic_desktop.l10n import Formatter
from lic_desktop.present.quote_document import quote_document

EZ = load_catalog("ezeelogin")


def test_document_holds_facts_panes_and_rules() -> None:
    lic = License(EZ, "servers", "monthly", datetime(2022, 11, 1, 9, 0), 10,
                  ip="172.23.44.240", customer='Bob "Tables" <x>; DROP')
    quote = make_quote(lic, ChangeRequest("servers", "monthly", datetime(2022, 11, 16, 0, 23),
                                          16))
    html = quote_document(quote, Formatter(), datetime(2026, 11, 23, 15, 0))
    assert ">Quote for</td><td colspan='3' style='padding: 1px 10px 1px 0'>" \
        "Bob &quot;Tables&quot; &lt;x&gt;; DROP</td>" in html
    nowrap = "style='white-space: nowrap; padding: 1px 10px 1px 0'"
    assert f">Issue date</td><td colspan='1' {nowrap}>Nov 23, 2026</td>" in html
    assert f">Valid until</td><td colspan='1' {nowrap}>Dec 23, 2026</td>" in html  # 30 days
    assert ">Ezeelogin SSH jump server (ezeelogin)</td>" in html
    assert ">First bill amount</td><td style='white-space: nowrap; padding: 1px 10px 1px 0'>" \
        "$21.23 USD</td>" in html
    assert "Reset policy" in html
    assert "<x>" not in html
