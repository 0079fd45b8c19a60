"""A bad row never aborts a book: it is one error by its first line, the others are priced
(issue #12, points 5, 6, 9 and 10)."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from lic_desktop.catalogs import load_catalog
from lic_desktop.cli import main
from lic_desktop.core.batch import BookPricer, RowError
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
    # Line 3 opens a quoted cell that closes on line 5: the record is "line 3".
    spanning = 'litespeed,"v\np\ns",,yearly,2022-03-01 09:00,,'
    good_spanning = 'litespeed,vps,,yearly,2022-03-01 09:00,4-cpu,"Two\nLines"'
    code, priced, err = priced_book(tmp_path, capsys, GOOD, spanning, good_spanning, GOOD)
    assert code == 2
    assert any(e.startswith("lic-desktop: ") and ": line 3: plan: " in e for e in err), err
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
    assert ": line 2: catalog: " in errors[0]
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
