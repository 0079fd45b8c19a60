"""The book's fast path (a template per plan and change, reused for every start) gives
exactly what a full quote of each license gives, row by row."""

from __future__ import annotations

from datetime import datetime, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from lic_desktop.catalogs import load_catalog
from lic_desktop.core import batch, book_fast_path, catalog
from lic_desktop.core.batch import BookPricer
from lic_desktop.core.book_totals import Priced

HEADER = "catalog,plan,quantity,cycle,start,paid,pending,to_plan,to_quantity,to_cycle,ip,customer"
AT = datetime(2022, 11, 16, 0, 23)

# Server counts include ones the catalog refuses (0, past its maximum): the fast path must
# refuse them too, also after the same plan and change was priced with a good count.
counts = st.integers(0, 7).map(lambda n: 10**7 if n == 7 else n)
# Days from the start to the change: half within the first months, where most figures move,
# and a few starts many licenses share (the book works each start's period out once).
days = st.one_of(st.integers(-40, 400), st.integers(0, 100), st.sampled_from([-3, 31, 95]))
ez_rows = st.builds(
    lambda q, c, tq, tc, days, paid, pending: ["ezeelogin", "servers", str(q), c, days, paid,
                                               pending, "", str(tq), tc, "10.0.0.1", "x"],
    counts, st.sampled_from(["monthly", "quarterly", "yearly"]),
    counts, st.sampled_from(["", "monthly", "yearly"]),
    days, st.sampled_from(["", "", "5.00", "100.00", "5.001"]),
    st.sampled_from(["", "", "", "3.98"]))
ls_rows = st.builds(
    lambda plan, cycle, to_plan, to_cycle, days: ["litespeed", plan, "", cycle, days, "", "",
                                                  to_plan, "", to_cycle, "", "y"],
    st.sampled_from(["vps", "1-cpu", "4-cpu"]), st.sampled_from(["monthly", "yearly"]),
    st.sampled_from(["vps", "2-cpu", "8-cpu"]), st.sampled_from(["", "monthly", "yearly"]),
    days)


def as_line(cells: list[object]) -> str:
    days = int(str(cells[4]))
    start = AT - timedelta(days=days, minutes=7 * days)
    return ",".join([*map(str, cells[:4]), f"{start:%Y-%m-%d %H:%M}", *map(str, cells[5:])])


def fields(p: Priced) -> tuple[object, ...]:
    return (p.change, p.order_type, p.grand_total, p.deduction, p.first_bill_amount,
            p.account_credit, p.due_now, p.pending, p.total_due, p.effective, p.new_expiry,
            p.blocked, p.plan, p.quantity, p.cycle, p.to_plan, p.to_quantity, p.to_cycle,
            p.ip, p.customer, (p.worded_by.reasons if p.worded_by else ()),
            p.refund_estimate, p.next_invoice_date, p.next_invoice_amount)


def priced_like_full_quotes(lines: list[str], at: datetime = AT) \
        -> tuple[BookPricer, dict[int, Priced]]:
    """The book priced with its shortcuts, each row checked against a full quote of it:
    the same fields, and refused in full means refused on the fast path too."""
    fast = BookPricer(at, load_catalog)
    priced = {line: p for line, _row, p in fast.quotes(lines)}
    full = BookPricer(at, load_catalog)
    for number, text in enumerate(lines[1:], start=2):
        row = dict(zip(HEADER.split(","), text.split(","), strict=True))
        try:
            expected = Priced.of(full.quote(row))
        except ValueError:
            assert number not in priced
            continue
        assert fields(priced[number]) == fields(expected), text
    return fast, priced


@settings(max_examples=80, deadline=None)
@given(st.lists(st.one_of(ez_rows, ls_rows), min_size=1, max_size=60))
def test_every_row_equals_its_full_quote(rows: list[list[object]]) -> None:
    lines = [HEADER, *(as_line(r) for r in rows)]
    fast, priced = priced_like_full_quotes(lines)
    assert len(priced) + len(fast.errors) == len(rows)


def test_every_start_over_a_year_equals_its_full_quote() -> None:
    # Each start day once per plan and change: the shared periods and the templates must
    # match the engine on every day, month end and leap day, not just the sampled ones.
    plans = [["ezeelogin", "servers", "3", cycle, "", "", "", "", "9", "", "", ""]
             for cycle in ("monthly", "quarterly", "yearly")]
    # Other server counts of one change, the paid amount listed or given, one refused.
    plans += [["ezeelogin", "servers", q, "yearly", "", paid, "", "", tq, "monthly", "", ""]
              for q, tq in (("1", "50"), ("50", "2"), ("7", ""), ("", "4"), ("4", "0"))
              for paid in ("", "100.00")]
    plans += [["litespeed", "2-cpu", "", cycle, "", "", "", to_plan, "", "", "", ""]
              for cycle in ("monthly", "yearly") for to_plan in ("8-cpu", "vps")]
    rows = [[*plan[:4], day, *plan[5:]] for day in range(-3, 800) for plan in plans]
    lines = [HEADER, *(as_line(r) for r in rows)]
    _fast, priced = priced_like_full_quotes(lines)
    assert sum(p.quote is None for p in priced.values()) > len(priced) * 0.9  # fast path


def test_the_fast_path_is_taken() -> None:
    lines = [HEADER] + [as_line(["litespeed", "vps", "", "monthly", d, "", "", "8-cpu",
                                 "", "", "", ""]) for d in range(5, 25)]
    pricer = BookPricer(AT, load_catalog)
    priced = [p for _line, _row, p in pricer.quotes(lines)]
    assert len(priced) == 20
    assert priced[0].quote is not None  # the first is quoted in full
    assert all(p.quote is None for p in priced[1:])  # the rest reuse its template


def test_reset_changes_need_no_full_quote_but_nothing_and_unpaid_do() -> None:
    changes = [["ezeelogin", "servers", str(q), "monthly", d, "", "", "", str(q + 6), "",
                "", ""] for q, d in zip(range(1, 21), range(5, 25), strict=True)]
    nothing = ["ezeelogin", "servers", "3", "monthly", 9, "", "", "", "3", "", "", ""]
    unpaid = ["ezeelogin", "servers", "3", "monthly", 9, "", "3.98", "", "4", "", "", ""]
    pricer = BookPricer(AT, load_catalog)
    priced = [p for _line, _row, p in pricer.quotes(
        [HEADER, *(as_line(r) for r in [*changes, nothing, unpaid])])]
    assert [p.quote for p in priced[:20]] == [None] * 20  # 20 server counts, no full quote
    assert priced[20].quote is not None  # nothing changes: quoted in full, for its words
    assert priced[20].worded_by is not None
    assert priced[21].quote is not None  # the unpaid invoice blocks it
    assert priced[21].blocked


def test_a_row_with_two_mistakes_names_the_same_one_with_or_without_a_template() -> None:
    good = ["ezeelogin", "servers", "3", "monthly", 9, "", "", "", "4", "", "10.0.0.1", ""]
    bad = as_line(good).replace("2022-", "1960-").replace("10.0.0.1", "999.1.1.1")
    alone = BookPricer(AT, load_catalog)
    assert list(alone.quotes([HEADER, bad])) == []
    after_a_template = BookPricer(AT, load_catalog)
    assert len(list(after_a_template.quotes([HEADER, as_line(good), bad]))) == 1
    assert [(e.field, e.message) for e in alone.errors] == \
        [(e.field, e.message) for e in after_a_template.errors]
    assert alone.errors[0].field == "start"


def test_other_server_counts_of_a_change_reuse_its_checked_license(monkeypatch) -> None:
    built = []
    license = BookPricer.license
    monkeypatch.setattr(BookPricer, "license",
                        lambda self, row: built.append(row) or license(self, row))
    rows = [["ezeelogin", "servers", str(q), "monthly", 5 + q, "", "", "", str(q + 6), "",
             "", ""] for q in range(1, 21)]
    pricer = BookPricer(AT, load_catalog)
    assert len(list(pricer.quotes([HEADER, *(as_line(r) for r in rows)]))) == 20
    assert len(built) == 1  # the first row's; the other 19 counts derive from it


def test_a_first_license_ending_at_the_change_moment_does_not_move_the_others() -> None:
    # Its deferred change takes effect at the change moment itself (its period ends
    # there); the next licenses of the same plan and change still wait for their own end.
    at = datetime(2022, 12, 1, 0, 0)
    lines = [HEADER]
    for to_plan, to_cycle in (("vps", ""), ("", "yearly")):  # a downgrade, a cycle change
        for start in ("2022-11-01 00:00", "2022-11-15 00:00", "2022-11-20 09:30"):
            lines.append(f"litespeed,4-cpu,,monthly,{start},,,{to_plan},,{to_cycle},,")
    _fast, priced = priced_like_full_quotes(lines, at)
    assert len(priced) == 6  # none refused
    assert priced[3].effective == datetime(2022, 12, 15, 0, 0)
    assert sum(p.quote is None for p in priced.values()) == 4  # the fast path was taken


def test_the_tables_stay_bounded_and_right_when_they_are_cleared(monkeypatch) -> None:
    monkeypatch.setattr(book_fast_path.Offers, "LIMIT", 3)
    monkeypatch.setattr(batch, "SPAN_LIMIT", 4)
    monkeypatch.setattr(batch, "TEMPLATE_LIMIT", 5)
    monkeypatch.setattr(catalog, "PRICES_LIMIT", 6)
    rows = [["ezeelogin", "servers", str(q), "monthly", d, "", "", "", str(tq), "", "", ""]
            for q, tq, d in zip([1, 2, 3, 0, 5, 1, 2, 60] * 5, [4, 5, 6, 7, 0, 9, 2, 10**7] * 5,
                                range(3, 43), strict=True)]
    lines = [HEADER, *(as_line(r) for r in rows)]
    fast, _priced = priced_like_full_quotes(lines)
    assert len(fast._offers._seen) <= 3
    assert len(fast._spans) <= 4
    assert len(fast._templates) <= 5
    assert len(fast.catalog("ezeelogin")._prices) <= 6  # the pricer's own catalog
    # Refused: 0 servers now; 0 or ten million servers after (5 rows each).
    assert sorted({e.field for e in fast.errors}) == ["quantity", "to_quantity"]
    assert len(fast.errors) == 15
