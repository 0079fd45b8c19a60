"""A bad row never aborts a book: it is one error by its first line, the others are priced
(issue #12, points 5, 6, 9 and 10)."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from lic_desktop.catalogs import load_catalog
from lic_desktop.cli import main
from lic_desktop.core.batch import BookPricer
from lic_desktop.core.book_csv import RowError
from lic_desktop.core.catalog import Catalog, CatalogError
from lic_desktop.core.scenario import parse_moment

HEADER = "catalog,plan,quantity,cycle,start,to_plan,customer"
GOOD = "litespeed,vps,,yearly,2022-03-01 09:00,4-cpu,Good"
AT = "2022-11-16 00:23"
CSV_LIMIT = 131_072  # Python's csv.field_size_limit(), the figure


def priced_book(tmp_path: Path, capsys: pytest.CaptureFixture[str], *rows: str
                ) -> tuple[int, list[dict[str, str]], list[str]]:
    """The book's exit status, its priced rows and its stderr lines."""
    path = tmp_path / "book.csv"
    path.write_text("\n".join([HEADER, *rows]) + "\n", encoding="utf-8")
    out = tmp_path / "priced.csv"
    code = main(["batch", str(path), "--at", AT, "--out", str(out)])
    err = capsys.readouterr().err.splitlines()
    priced = list(csv.DictReader(out.open(encoding="utf-8"))) if out.exists() else []
    return code, priced, err


def test_a_cell_longer_than_the_csv_limit_is_one_bad_row(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    huge = "litespeed,vps,,yearly,2022-03-01 09:00,," + "x" * (CSV_LIMIT + 1)
    code, priced, err = priced_book(tmp_path, capsys, GOOD, huge, GOOD)
    assert code == 2
    assert [row["line"] for row in priced] == ["2", "4"]
    assert any(": line 3: row: " in e and "131,072 characters" in e for e in err), err


def test_a_nul_in_a_rows_catalog_path_is_a_bad_row(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, priced, err = priced_book(
        tmp_path, capsys, GOOD, "my\0catalog.toml,vps,,yearly,2022-03-01 09:00,,", GOOD)
    assert code == 2
    assert [row["line"] for row in priced] == ["2", "4"]
    assert any(": line 3: catalog: " in e and "NUL" in e for e in err), err
    assert not any("internal error" in e for e in err)


def test_a_deeply_nested_catalog_is_a_bad_row(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    deep = tmp_path / "deep.toml"
    deep.write_text("a = " + "[" * 5000 + "]" * 5000 + "\n", encoding="utf-8")
    code, priced, err = priced_book(
        tmp_path, capsys, GOOD, f"{deep},vps,,yearly,2022-03-01 09:00,,", GOOD)
    assert code == 2
    assert [row["line"] for row in priced] == ["2", "4"]
    assert any(": line 3: catalog: " in e and "too deeply" in e for e in err), err


def test_a_catalog_without_its_catalog_table_names_the_table(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    headless = tmp_path / "headless.toml"
    headless.write_text('[cycles.monthly]\nmonths = 1\n\n[plans.basic]\nunit_price = "1.00"\n',
                        encoding="utf-8")
    code, _priced, err = priced_book(
        tmp_path, capsys, f"{headless},basic,,monthly,2022-03-01 09:00,,")
    assert code == 2
    line = next(e for e in err if ": line 2: " in e)
    assert "[catalog]" in line, line
    assert "missing" in line
    assert "must be a table" not in line


def test_a_record_spanning_lines_is_reported_by_its_first_line(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # Line 3 opens a quoted cell that closes on line 5: the record is "lines 3–5", by its
    # first line and its last.
    spanning = 'litespeed,"v\np\ns",,yearly,2022-03-01 09:00,,'
    good_spanning = 'litespeed,vps,,yearly,2022-03-01 09:00,4-cpu,"Two\nLines"'
    code, priced, err = priced_book(tmp_path, capsys, GOOD, spanning, good_spanning, GOOD)
    assert code == 2
    assert any(e.startswith("lic-desktop: ") and ": lines 3–5: plan: " in e for e in err), err
    # The priced rows are numbered by their first line too: 2, 6 (to 7), 8.
    assert [row["line"] for row in priced] == ["2", "6", "8"]


def test_a_row_error_is_one_line_whatever_the_row_holds(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # A catalog path with a line break and an ANSI escape in it (a quoted cell).
    code, priced, err = priced_book(
        tmp_path, capsys, '"evil\n\x1b[31mred.toml",vps,,yearly,2022-03-01 09:00,,', GOOD)
    assert code == 2
    assert len(priced) == 1
    errors = [e for e in err if e.startswith("lic-desktop: ")]
    assert len(errors) == 1
    assert ": lines 2–3: catalog: " in errors[0]
    assert "\x1b" not in "\n".join(err)
    assert not any(line.startswith("[31m") or line.startswith("red.toml") for line in err)


def test_bad_rows_are_said_as_they_come_and_only_a_few_are_kept() -> None:
    # A million bad rows must not be kept until the end (303 MB in the issue): each is
    # said when met, and the pricer keeps the count and the first few only.
    said: list[RowError] = []
    pricer = BookPricer(parse_moment("at", AT), load_catalog, on_error=said.append)
    bad = "litespeed,no-such-plan,,yearly,2022-03-01 09:00,,"
    lines = [HEADER + "\n", *[bad + "\n"] * 3000, GOOD + "\n"]
    rows = pricer.quotes(lines)
    line, _catalog, _priced = next(rows)
    assert line == 3002
    assert len(said) == 3000  # all said before the good row after them came out
    assert pricer.bad_rows == 3000
    assert len(pricer.errors) < 3000
    assert pricer.errors == said[:len(pricer.errors)]


def test_distinct_unknown_catalogs_do_not_pile_up() -> None:
    # 1M distinct unknown catalog names took 3.7 GB: the failures are remembered in a
    # bounded memo, so the first of many is looked up again once the others pushed it out.
    asked: list[str] = []

    def catalogs(ref: str) -> Catalog:
        asked.append(ref)
        if ref == "litespeed":
            return load_catalog(ref)
        raise CatalogError(ref, "catalog", "is unknown")

    pricer = BookPricer(parse_moment("at", AT), catalogs)
    names = [f"unknown-{i}" for i in range(5000)]
    lines = [HEADER + "\n", *(f"{n},vps,,yearly,2022-03-01 09:00,,\n" for n in names),
             "unknown-0,vps,,yearly,2022-03-01 09:00,,\n", GOOD + "\n"]
    assert len(list(pricer.quotes(lines))) == 1
    assert pricer.bad_rows == 5001
    assert asked.count("unknown-0") == 2  # forgotten, asked again


def test_the_command_says_each_bad_row_when_met_and_counts_them_all(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # stdout and stderr into one stream: each error comes before the good row after it,
    # not all of them at the end; every one is said, not only the few the pricer keeps.
    both = io.StringIO()
    monkeypatch.setattr("sys.stdout", both)
    monkeypatch.setattr("sys.stderr", both)
    bad = "litespeed,no-such-plan,,yearly,2022-03-01 09:00,,"
    path = tmp_path / "book.csv"
    path.write_text("\n".join([HEADER, *[bad] * 1500, GOOD]) + "\n", encoding="utf-8")
    assert main(["batch", str(path), "--at", AT]) == 2
    lines = both.getvalue().splitlines()
    said = [i for i, text in enumerate(lines) if ": plan: " in text]
    good = next(i for i, text in enumerate(lines) if text.startswith("1502,"))
    assert len(said) == 1500
    assert said[-1] < good
    assert "Licenses priced: 1; blocked: 0; bad rows: 1,500" in lines


def book_bytes(tmp_path: Path, capsys: pytest.CaptureFixture[str], data: bytes
               ) -> tuple[int, list[dict[str, str]], list[str]]:
    """As priced_book, for a book given as its bytes."""
    path = tmp_path / "book.csv"
    path.write_bytes(data)
    out = tmp_path / "priced.csv"
    code = main(["batch", str(path), "--at", AT, "--out", str(out)])
    err = capsys.readouterr().err.splitlines()
    priced = list(csv.DictReader(out.open(encoding="utf-8"))) if out.exists() else []
    return code, priced, err


def test_a_byte_that_is_not_utf8_spoils_only_its_own_row(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # One 0xff byte threw the whole book away ("is not UTF-8 text"): it is its row's
    # error, by the row's line and column, and the rows around it are priced.
    good = GOOD.encode()
    data = b"\n".join([HEADER.encode(), good, b"litespeed,v\xffps,,yearly,2022-03-01 09:00,,",
                       good, good.replace(b"Good", b"Caf\xe9"), good]) + b"\n"
    code, priced, err = book_bytes(tmp_path, capsys, data)
    assert code == 2
    assert [row["line"] for row in priced] == ["2", "4", "6"]
    book = tmp_path / "book.csv"
    assert err[:2] == [
        f"lic-desktop: {book}: line 3: plan: is not UTF-8 text (byte 0xff): save the book "
        "as UTF-8",
        f"lic-desktop: {book}: line 5: customer: is not UTF-8 text (byte 0xe9): save the "
        "book as UTF-8"]
    assert "Licenses priced: 3; blocked: 0; bad rows: 2" in err


def test_a_byte_cut_short_at_the_end_of_the_book_is_its_last_rows_error(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # "€" is e2 82 ac: a book cut after two of its bytes, with no line end.
    data = "\n".join([HEADER, GOOD, GOOD]).encode() + b"\xe2\x82"
    code, priced, err = book_bytes(tmp_path, capsys, data)
    assert code == 2
    assert [row["line"] for row in priced] == ["2"]
    assert any(e.endswith(": line 3: customer: is not UTF-8 text (byte 0xe2): save the "
                          "book as UTF-8") for e in err), err


def test_a_book_whose_header_is_not_utf8_is_refused_in_one_line(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # UTF-16 ("Unicode text" from a spreadsheet) or a binary file: not a UTF-8 book at all.
    data = "\ufeff" + "\n".join([HEADER, GOOD]) + "\n"
    code, _priced, err = book_bytes(tmp_path, capsys, data.encode("utf-16-le"))
    assert code == 2
    assert err == [f"lic-desktop: {tmp_path / 'book.csv'}: line 1: is not UTF-8 text "
                   "(byte 0xff): save the book as UTF-8"]


def numbered(count: int) -> list[str]:
    """`count` good rows, each its own customer (its line number)."""
    return [GOOD.replace("Good", f"c{line}") for line in range(2, count + 2)]


def test_a_quote_never_closed_is_said_by_the_lines_it_swallowed(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # Line 4 opens a quote that nothing closes: the rest of the book was one cell, said as
    # "line 4: cycle: is empty", and only 2 of 1,000 rows priced without a word.
    rows = numbered(1000)
    rows[2] = 'litespeed,"vps,,yearly,2022-03-01 09:00,4-cpu,Open'
    code, priced, err = priced_book(tmp_path, capsys, *rows)
    assert code == 2
    assert [row["line"] for row in priced] == ["2", "3"]
    book = tmp_path / "book.csv"
    assert err[0] == (f"lic-desktop: {book}: lines 4–1001: row: a quote in this row is "
                      "never closed: the lines after it were read as one cell (close the "
                      "quote)")
    # The summary adds up: 2 priced, and the one bad row took the other 998 lines.
    assert err[1] == "Licenses priced: 2; blocked: 0; bad rows: 1 (on 998 lines)"


def test_a_quote_not_closed_within_the_csv_limit_is_said_by_its_lines(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # The open quote reads lines until its cell passes the csv limit; the reader goes on
    # after it. The book: "line 4: row: a cell is longer than 131,072 characters",
    # and the ~2,000 lines in that cell vanished from the count.
    rows = numbered(6000)
    rows[2] = 'litespeed,"vps,,yearly,2022-03-01 09:00,4-cpu,Open'
    code, priced, err = priced_book(tmp_path, capsys, *rows)
    assert code == 2
    lines = [int(row["line"]) for row in priced]
    span = (tmp_path / "book.csv").read_text(encoding="utf-8").splitlines()
    # The swallowed cell ends on the line where it passed the limit (~50 characters a line).
    last = next(n for n in range(4, len(span) + 1)
                if sum(len(text) + 1 for text in span[3:n]) > CSV_LIMIT)
    assert lines == [2, 3, *range(last + 1, 6002)]
    assert err[0].endswith(f": lines 4–{last}: row: a quote in this row is not closed within "
                           "131,072 characters: the lines after it were read as one cell "
                           "(close the quote)")
    assert err[1] == (f"Licenses priced: {len(lines):,}; blocked: 0; bad rows: 1 "
                      f"(on {last - 3:,} lines)")
    assert len(lines) + last - 3 == 6000  # priced + swallowed = the book's data lines


def test_a_quote_closed_by_a_later_quoted_cell_is_said_by_its_lines(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # The next quoted cell (line 8) closes line 4's quote: lines 5 to 7 were read as part
    # of line 4's row, silently.
    rows = numbered(10)
    rows[2] = 'litespeed,"vps,,yearly,2022-03-01 09:00,4-cpu,Open'
    rows[6] = GOOD.replace("Good", '"Quoted"')
    code, priced, err = priced_book(tmp_path, capsys, *rows)
    assert code == 2
    assert [row["line"] for row in priced] == ["2", "3", "9", "10", "11"]
    assert err[0].endswith(": lines 4–8: row: cannot be read as CSV (',' expected after "
                           "'\"')")
    assert err[1] == "Licenses priced: 5; blocked: 0; bad rows: 1 (on 5 lines)"

