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
    assert "<th>Quote for</th><td>Bob &quot;Tables&quot; &lt;x&gt;; DROP</td>" in html
    assert "<th>Quote date</th><td>2026-11-23 03:00 PM</td>" in html
    assert "<th>Product</th><td>Ezeelogin SSH jump server (ezeelogin)</td>" in html
    assert "<th align='left'>First bill amount</th><td>$21.23 USD</td>" in html
    assert "Reset policy" in html
    assert "<x>" not in html
