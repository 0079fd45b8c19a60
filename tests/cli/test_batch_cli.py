"""`lic-desktop batch`: a license book priced row by row, as single quotes would price it."""

from __future__ import annotations

import csv
import io
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest

from lic_desktop.catalogs import load_catalog
from lic_desktop.cli import main
from lic_desktop.core.engine import make_quote
from lic_desktop.core.money import Money
from lic_desktop.core.quote import ChangeRequest, License
from lic_desktop.core.scenario import parse_moment

HEADER = "catalog,plan,quantity,cycle,start,paid,pending,to_plan,to_quantity,to_cycle,ip,customer"
GOOD = [
    "ezeelogin,servers,10,monthly,2022-11-01 09:00,,,,16,,172.23.44.240,Acme",
    "ezeelogin,servers,10,monthly,2022-11-01 09:00,,,,6,,172.23.44.240,Acme",
    "litespeed,1-cpu,,monthly,2022-11-01 09:00,,,2-cpu,,,,Beta",
    "ezeelogin,servers,10,quarterly,2022-11-01 09:00,,5.00,,1,monthly,,Credit",
    "litespeed,2-cpu,,owned,2022-03-10 10:00,,,vps,,monthly,,Owned",
]
AT = "2022-11-16 00:23"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def book(tmp_path: Path, *lines: str) -> Path:
    path = tmp_path / "book.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def single_quote(line: str):  # type: ignore[no-untyped-def]
    (catalog, plan, quantity, cycle, start, _paid, pending, to_plan, to_quantity, to_cycle,
     ip, customer) = line.split(",")
    cat = load_catalog(catalog)
    qty = int(quantity or 1)
    lic = License(cat, plan, cycle, parse_moment("start", start), qty,
                  pending=Money(Decimal(pending), cat.currency) if pending else None,
                  ip=ip, customer=customer)
    return make_quote(lic, ChangeRequest(to_plan or plan, to_cycle or cycle,
                                         parse_moment("at", AT), int(to_quantity or qty)))


def test_totals_equal_the_sum_of_single_quotes(capsys: pytest.CaptureFixture[str],
                                               tmp_path: Path) -> None:
    code, out, err = run(capsys, "batch", str(book(tmp_path, HEADER, *GOOD)), "--at", AT)
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    assert len(rows) == len(GOOD)
    quotes = [single_quote(line) for line in GOOD]
    for row, quote in zip(rows, quotes, strict=True):
        assert row["due_now"] == f"{quote.order.due_now.amount:.2f}"
        assert row["account_credit"] == f"{quote.order.account_credit.amount:.2f}"
        assert row["total_due"] == f"{quote.total_due.amount:.2f}"
        assert (row["blocked"] == "yes") == quote.blocked
    due = sum(q.order.due_now for q in quotes)
    credit = sum(q.order.account_credit for q in quotes)
    total = sum(q.total_due for q in quotes)
    assert isinstance(due, Money)
    assert isinstance(credit, Money)
    assert isinstance(total, Money)
    # Money as the panes write it (en_US: the portal's "$31.84 USD").
    assert f"USD: due now ${due.amount:,.2f} USD, account credit ${credit.amount:,.2f} USD, " \
        f"total due with unpaid invoices ${total.amount:,.2f} USD" in err
    assert rows[0]["first_bill_amount"] == "21.23"  # the article's upgrade
    assert rows[1]["first_bill_amount"] == "1.33"  # the article's downgrade
    assert "Licenses priced: 5; blocked: 1; bad rows: 0" in err


def test_bad_rows_are_reported_by_line_and_the_rest_written(
        capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    lines = [HEADER, GOOD[0], "litespeed,gold,,monthly,2022-11-01 09:00,,,,,,,",
             "", GOOD[1], "ezeelogin,servers,x,monthly,2022-11-01 09:00,,,,,,,",
             "ezeelogin,servers,1,monthly,2022-13-01 09:00,,,,,,,", GOOD[2]]
    out_path = tmp_path / "priced.csv"
    code, out, err = run(capsys, "batch", str(book(tmp_path, *lines)), "--at", AT,
                         "--out", str(out_path))
    assert code == 2
    assert out == ""
    assert "book.csv: line 3: plan: 'gold' is not a plan of litespeed" in err
    assert "book.csv: line 6: quantity: 'x' is not a whole number" in err
    # In the app's own (translatable) words, not Python's "month must be in 1..12".
    assert "book.csv: line 7: start: '2022-13-01 09:00' is no such date or time: there is " \
        "no month 13" in err
    rows = list(csv.DictReader(io.StringIO(out_path.read_text(encoding="utf-8"))))
    assert [r["line"] for r in rows] == ["2", "5", "8"]
    assert "Licenses priced: 3; blocked: 0; bad rows: 3" in err


def test_header_only_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, out, err = run(capsys, "batch", str(book(tmp_path, HEADER)), "--at", AT)
    assert code == 0
    assert out.splitlines() == [out.splitlines()[0]]
    assert out.startswith("line,catalog,customer")
    assert "Licenses priced: 0; blocked: 0; bad rows: 0" in err


def test_empty_file_is_refused_and_leaves_the_output_alone(
        capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    empty = tmp_path / "empty.csv"
    empty.write_text("")
    previous = tmp_path / "priced.csv"
    previous.write_text("yesterday's results\n")
    code, _, err = run(capsys, "batch", str(empty), "--at", AT, "--out", str(previous))
    assert code == 2
    assert "the file is empty" in err
    assert previous.read_text() == "yesterday's results\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["empty.csv", "priced.csv"]


def test_a_missing_column_names_it(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, _, err = run(capsys, "batch", str(book(tmp_path, "catalog,plan,start", "x,y,z")),
                       "--at", AT)
    assert code == 2
    assert "the header has no cycle column" in err


def test_missing_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, _, err = run(capsys, "batch", str(tmp_path / "nope.csv"), "--at", AT)
    assert code == 2
    assert err.startswith(f"lic-desktop: {tmp_path / 'nope.csv'}: cannot be read (")


def test_a_spreadsheet_export_with_a_bom_and_crlf_reads_like_plain_text(
        capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    plain = book(tmp_path, HEADER, *GOOD)
    exported = tmp_path / "exported.csv"
    exported.write_bytes(b"\xef\xbb\xbf" + "\r\n".join([HEADER, *GOOD]).encode() + b"\r\n")
    assert run(capsys, "batch", str(plain), "--at", AT)[:2] == \
        run(capsys, "batch", str(exported), "--at", AT)[:2]


def test_a_latin1_row_is_its_own_error_and_the_others_are_priced(
        capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    # Once the whole book was refused for it ("is not UTF-8 text"); the issue wants a bad
    # row reported by its line and the others priced, whatever is in it.
    latin = tmp_path / "latin1.csv"
    latin.write_bytes("\n".join([HEADER, *GOOD[:2], GOOD[2] + "\u00e9"]).encode("latin-1"))
    out = tmp_path / "priced.csv"
    code, _, err = run(capsys, "batch", str(latin), "--at", AT, "--out", str(out))
    assert code == 2
    assert f"lic-desktop: {latin}: line 4: customer: is not UTF-8 text (byte 0xe9): save " \
        "the book as UTF-8" in err
    with out.open(encoding="utf-8", newline="") as handle:
        assert [row["line"] for row in csv.DictReader(handle)] == ["2", "3"]


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_a_terminal_sees_the_progress_bar_reach_the_end(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    terminal = Terminal()
    monkeypatch.setattr("sys.stderr", terminal)
    path = book(tmp_path, HEADER, *(GOOD * 300))
    assert main(["batch", str(path), "--at", AT, "--out", str(tmp_path / "out.csv")]) == 0
    bars = terminal.getvalue().split("\r")
    assert bars[-1].startswith("[" + "#" * 30 + "] 100% 1,500 licenses\n")


def test_progress_counts_rows_not_line_numbers(monkeypatch: pytest.MonkeyPatch,
                                                tmp_path: Path) -> None:
    # Every record spans two lines (a quoted line break in the customer's name), so the
    # line numbers of the priced rows are all odd: progress must still move.
    terminal = Terminal()
    monkeypatch.setattr("sys.stderr", terminal)
    two_line = GOOD[2].replace(",Beta", ',"Beta\nGmbH"')
    path = book(tmp_path, HEADER, *([two_line] * 1500))
    assert main(["batch", str(path), "--at", AT, "--out", str(tmp_path / "out.csv")]) == 0
    bars = [b for b in terminal.getvalue().split("\r") if b]
    assert len(bars) >= 2  # at least one before the end
    assert "0 licenses" not in bars[0]


@pytest.mark.parametrize("count", ["\u00b2", "\u0663", "1.5", "-2"])
def test_a_count_that_is_not_plain_digits_is_a_bad_row_not_a_crash(
        capsys: pytest.CaptureFixture[str], tmp_path: Path, count: str) -> None:
    path = book(tmp_path, HEADER, GOOD[0], GOOD[0].replace(",10,", f",{count},"),
                GOOD[0].replace(",16,", f",{count},"))
    code, out, err = run(capsys, "batch", str(path), "--at", AT)
    assert code == 2  # bad rows reported, the good one written
    assert len(out.splitlines()) == 2
    assert f"line 3: quantity: '{count}' is not a whole number" in err
    assert f"line 4: to_quantity: '{count}' is not a whole number" in err


def test_a_spreadsheet_saved_with_semicolons_and_decimal_commas_reads_the_same(
        capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    # Excel set to German or French: ";" between cells, "5,00" for amounts, and the
    # header capitalised as a person would write it.
    plain = book(tmp_path, HEADER, *GOOD)
    german = tmp_path / "german.csv"
    header = ";".join(h.replace("_", " ").capitalize() for h in HEADER.split(","))
    rows = [r.replace(",", ";").replace(";5.00;", ";5,00;") for r in GOOD]
    german.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    assert ";5,00;" in german.read_text()
    code, out, err = run(capsys, "batch", str(german), "--at", AT)
    assert (code, out) == run(capsys, "batch", str(plain), "--at", AT)[:2]
    assert "Licenses priced: 5;" in err


def test_a_book_refused_whole_writes_nothing_to_standard_output(
        capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    for text in ("", "catalog;plan\nx;y\n"):
        path = tmp_path / "bad.csv"
        path.write_text(text, encoding="utf-8")
        code, out, err = run(capsys, "batch", str(path), "--at", AT)
        assert (code, out) == (2, "")
        assert err.startswith(f"lic-desktop: {path}: ")


def test_a_reader_that_stops_early_gets_no_traceback(tmp_path: Path) -> None:
    # `lic-desktop batch big.csv | head -3`: head closes the pipe after three lines.
    path = book(tmp_path, HEADER, *(GOOD * 4000))
    shell = f"{sys.executable} -m lic_desktop batch {path} --at '{AT}' | head -3"
    done = subprocess.run(["bash", "-c", f"set -o pipefail; {shell}"], capture_output=True,
                          text=True, check=False)
    assert len(done.stdout.splitlines()) == 3
    assert "internal error" not in done.stderr
    assert "Traceback" not in done.stderr
    assert "BrokenPipe" not in done.stderr


def test_a_semicolon_book_refuses_an_amount_that_could_be_a_thousand(
        capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    # German grouping writes a thousand as "1.000", which a point-decimal reader would
    # take for 1.00: such a row is named, never priced at the wrong amount.
    german = tmp_path / "german.csv"
    header = HEADER.replace(",", ";")
    rows = [GOOD[0].replace(",", ";").replace(";;;;16;", ";1.000;;;16;"),
            GOOD[0].replace(",", ";").replace(";;;;16;", ";19,90;;;16;")]
    german.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    code, out, err = run(capsys, "batch", str(german), "--at", AT)
    assert code == 2
    assert "line 2: paid: '1.000' could mean a thousand or one" in err
    assert len(out.splitlines()) == 2  # the header and the 19,90 row


def test_a_column_named_twice_is_refused(capsys: pytest.CaptureFixture[str],
                                         tmp_path: Path) -> None:
    path = book(tmp_path, HEADER + ",Plan", GOOD[0] + ",servers")
    code, out, err = run(capsys, "batch", str(path), "--at", AT)
    assert (code, out) == (2, "")
    assert "the column 'plan' appears twice in the header" in err
