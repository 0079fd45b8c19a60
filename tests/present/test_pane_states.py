"""Every pane state the window can show, built from quotes without Qt."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from lic_desktop import l10n
from lic_desktop.catalogs import load_catalog
from lic_desktop.core.engine import make_quote
from lic_desktop.core.money import Money
from lic_desktop.core.quote import ChangeRequest, License, Quote
from lic_desktop.l10n import Formatter
from lic_desktop.present.panes import headline, quote_panes
from lic_desktop.present.quote_document import quote_document
from lic_desktop.present.quote_html import quote_html
from lic_desktop.present.quote_text import quote_text

LS = load_catalog("litespeed")
EZ = load_catalog("ezeelogin")
START = datetime(2022, 11, 1, 9, 0)
AT = datetime(2022, 11, 16, 0, 23)
FMT = Formatter("en_US")


def lines(quote: Quote, pane: int) -> dict[str, str]:
    return {r.label: r.value for r in quote_panes(quote, FMT)[pane].rows}


def notices(quote: Quote) -> list[tuple[str, bool]]:
    return [(n.text, n.blocking) for n in quote_panes(quote, FMT)[1].notices]


def test_owned_billing_pane_has_no_period() -> None:
    q = make_quote(License(LS, "1-cpu", "owned", datetime(2022, 3, 10, 10, 0)),
                   ChangeRequest("4-cpu", "owned", AT))
    assert lines(q, 0) == {"Amount": "$699.00 USD", "Start date": "Mar 10, 2022",
                           "End date": "never (owned license)"}
    order = lines(q, 1)
    assert order["Type"] == "upgrade"
    assert order["Deduction"] == "-$699.00 USD"  # the old owned price
    assert order["Charged now"] == "$400.00 USD"  # 1099 - 699
    assert order["lshttpd processes"] == "5"  # 4 CPUs + 1


def test_a_refused_owned_downgrade_says_why_and_orders_nothing() -> None:
    q = make_quote(License(LS, "4-cpu", "owned", START), ChangeRequest("1-cpu", "owned", AT))
    assert notices(q) == [("Refused: owned licenses can only be upgraded, and 1-CPU is "
                           "cheaper than 4-CPU.", True)]
    _, order, after = quote_panes(q, FMT)
    assert order.rows == ()  # no ID, no "Type none", no "Status blocked": nothing is ordered
    assert order.placeholder == ("No order: owned licenses can only be upgraded, and 1-CPU "
                                 "is cheaper than 4-CPU.")
    assert after.rows == ()
    assert headline(q, FMT) == "Refused: owned licenses can only be upgraded · nothing to pay"
    # The text output and the document say the same.
    text = quote_text(q, FMT)
    assert "Order details\nNo order: owned licenses can only be upgraded" in text
    assert "\nType\t" not in text
    assert "\nID\t" not in text
    page = quote_document(q, FMT, AT)
    assert "No order: owned licenses can only be upgraded" in page
    assert "Refused: owned licenses can only be upgraded · nothing to pay" in page


def test_a_refused_change_with_an_unpaid_invoice_still_asks_for_the_invoice() -> None:
    q = make_quote(License(LS, "4-cpu", "owned", START, pending=Money(Decimal("19.90"), "USD")),
                   ChangeRequest("1-cpu", "owned", AT))
    line = headline(q, FMT).replace("\u00a0", " ")
    assert line.startswith("Refused: ")
    assert "due now $19.90 USD" in line


def test_the_blocked_seed_headline_says_blocked_what_to_pay_first_and_the_total() -> None:
    # SPEC: an unpaid invoice blocks the change; the quote shows what must be paid first
    # and the total due (invoice + change): 19.90 + 21.23 = 41.13 (the seed upgrade).
    q = make_quote(License(EZ, "servers", "monthly", START, 10,
                           pending=Money(Decimal("19.90"), "USD")),
                   ChangeRequest("servers", "monthly", AT, 16))
    line = headline(q, FMT).replace("\u00a0", " ")
    assert line.startswith("Blocked: ")
    assert "unpaid invoice $19.90 USD" in line
    assert "total due $41.13 USD" in line
    assert "Due now" not in line  # it does not read as done
    assert "effective" not in line
    # The order that follows the payment is still shown, marked blocked.
    assert lines(q, 1)["Status"] == "blocked"


def test_the_headline_leads_with_what_is_due_and_when_the_new_period_ends() -> None:
    q = make_quote(License(EZ, "servers", "monthly", START, 10),
                   ChangeRequest("servers", "monthly", AT, 16))
    # The article's upgrade: 21.23 now, the new period Nov 16 -> Dec 16, 2022.
    assert headline(q, FMT).replace("\u00a0", " ") == \
        "Due now $21.23 USD · new period ends Dec 16, 2022"
    # A downgrade deferred to the renewal says from when.
    q = make_quote(License(LS, "4-cpu", "monthly", START), ChangeRequest("vps", "monthly", AT))
    assert "effective Dec 1, 2022" in headline(q, FMT).replace("\u00a0", " ")


def test_owned_to_leased_shows_the_estimate_for_approval() -> None:
    q = make_quote(License(LS, "1-cpu", "owned", datetime(2022, 3, 10, 10, 0)),
                   ChangeRequest("2-cpu", "monthly", AT))
    order = lines(q, 1)
    # 699 - 36 x 9 begun months (Mar 10 -> Nov 16) - 25 fee = 350
    assert order["Refund estimate"] == "$350.00 USD (subject to approval)"
    assert order["Serial"] == "new"
    assert order["Charged now"] == "$0.00 USD"
    assert "Next invoice" not in order
    assert any("license department" in text and not blocking for text, blocking in notices(q))


def test_leased_to_owned_notes_the_cancellation() -> None:
    q = make_quote(License(LS, "2-cpu", "monthly", START), ChangeRequest("2-cpu", "owned", AT))
    order = lines(q, 1)
    assert order["Type"] == "new"
    assert order["Billing cycle"] == "owned"
    assert order["Charged now"] == "$899.00 USD"
    assert order["Serial"] == "new"
    assert notices(q) == [("The leased license is cancelled at the end of its period "
                           "(Dec 1, 2022), with no refund; the owned license has a new serial.",
                           False)]
    assert lines(q, 2)["End date"] == "never (owned license)"


def test_leased_upgrade_panes() -> None:
    q = make_quote(License(LS, "1-cpu", "monthly", START), ChangeRequest("2-cpu", "monthly", AT))
    order = lines(q, 1)
    assert order["Charged now"] == "$5.33 USD"  # (46 - 36) x 16 / 30 = 5.333
    assert order["Effective date"] == "Nov 16, 2022"
    assert order["Next invoice"] == "Dec 1, 2022: $46.00 USD"
    assert order["lshttpd processes"] == "3"
    assert order["Fetch the new key now"] == "/usr/local/lsws/bin/lshttpd -r"
    assert order["Then restart"] == "/usr/local/lsws/bin/lswsctrl restart"
    assert "within one day" in order["Otherwise"]
    after = lines(q, 2)
    assert after["End date"] == "Dec 1, 2022"  # the expiry stays
    assert after["Amount remaining"] == "46.00 * (16 / 30) = $24.53 USD"


def test_deferred_downgrade_has_no_key_commands_yet() -> None:
    q = make_quote(License(LS, "4-cpu", "monthly", START), ChangeRequest("vps", "monthly", AT))
    order = lines(q, 1)
    assert order["Effective date"] == "Dec 1, 2022"
    assert order["lshttpd processes"] == "2"
    assert "Fetch the new key now" not in order  # the key changes at the renewal
    assert lines(q, 2)["Start date"] == "Dec 1, 2022"


def test_reset_downgrade_with_account_credit() -> None:
    # 10 servers quarterly: 10 x 1.99 x 3 x 0.95 = 56.715 -> 56.72, changed on day one
    # (all 92 days left) to 1 server monthly (1.99): credit 56.72 - 1.99 = 54.73.
    q = make_quote(License(EZ, "servers", "quarterly", START, 10),
                   ChangeRequest("servers", "monthly", START, 1))
    order = lines(q, 1)
    assert order["Grand total"] == "$1.99 USD"
    assert order["Deduction"] == "-$56.72 USD"
    assert order["First bill amount"] == "$0.00 USD"
    assert order["Account credit"] == "$54.73 USD"
    labels = [r.label for r in quote_panes(q, FMT)[1].rows]
    assert labels.index("Account credit") == labels.index("First bill amount") + 1


def test_blocked_quote_text_and_html() -> None:
    q = make_quote(License(EZ, "servers", "monthly", START, 10,
                           pending=Money(Decimal("19.90"), "USD")),
                   ChangeRequest("servers", "monthly", AT, 16))
    text = quote_text(q, FMT)
    assert text.startswith("Blocked: an unpaid invoice of $19.90 USD must be paid before the "
                           "license can change. Total due: $41.13 USD.\n\nCurrent billing\n")
    assert "<b>Blocked: an unpaid invoice" in quote_html(q, FMT)


def test_an_unpaid_invoice_with_no_change_is_still_due_in_the_headline() -> None:
    q = make_quote(License(EZ, "servers", "monthly", START, 10,
                           pending=Money(Decimal("19.90"), "USD")),
                   ChangeRequest("servers", "monthly", AT, 10))
    assert q.total_due == Money(Decimal("19.90"), "USD")
    assert headline(q, FMT) == \
        "Due now $19.90\u00a0USD: the unpaid invoice; no change is ordered"


def test_the_quote_document_speaks_the_language_and_keeps_the_id_whole() -> None:
    q = make_quote(License(EZ, "servers", "monthly", START, 10),
                   ChangeRequest("servers", "monthly", AT, 16))
    l10n.set_language("de_DE")
    page = quote_document(q, Formatter("de_DE"), AT)
    assert "Angebot zur Lizenzänderung</p>" in page
    assert "Angewandte Regeln</p>" in page
    order_id = lines(q, 1)["ID"]
    assert f"<td style='white-space: nowrap; padding: 1px 10px 1px 0'>{order_id}</td>" in page


def test_one_month_reads_as_the_portal_in_en_us_and_singular_elsewhere() -> None:
    q = make_quote(License(EZ, "servers", "monthly", START, 10),
                   ChangeRequest("servers", "monthly", AT, 16))
    assert lines(q, 1)["Billing cycle"] == "1 months"  # the article's own words
    l10n.set_language("de_DE")
    german = {r.key: r.value for r in quote_panes(q, Formatter("de_DE"))[1].rows}
    assert german["billing_cycle"] == "1 Monat"


def test_with_nothing_to_order_what_is_still_due_stays_on_the_order_pane() -> None:
    # No change asked for (10 servers stay 10), an unpaid invoice of 19.90: SPEC "Any
    # policy" — the quote shows what must be paid first and the total due.
    q = make_quote(License(EZ, "servers", "monthly", START, quantity=10,
                           pending=Money(Decimal("19.90"), "USD")),
                   ChangeRequest("servers", "monthly", AT, quantity=10))
    order = lines(q, 1)
    assert order == {"Unpaid invoice": "$19.90 USD", "Total due": "$19.90 USD"}
    assert "$19.90 USD" in quote_text(q, FMT)
    # Said once, by the notice: no "No order: ..." beside "Nothing changes: ...".
    assert quote_panes(q, FMT)[1].placeholder == ""
