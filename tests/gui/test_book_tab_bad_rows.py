"""The Book tab with hostile books (issue #12, points 5 to 7): the same BookPricer as
`lic-desktop batch`, so a bad row is a line in Problems and the others are priced; errors
are counted, not all kept; a FIFO is refused at once instead of blocking the job."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from lic_desktop.gui.book_job import BookResult
from lic_desktop.gui.main_window import MainWindow

HEADER = "catalog,plan,quantity,cycle,start,to_plan"
GOOD = "litespeed,vps,,yearly,2022-03-01 09:00,4-cpu"
BAD = "litespeed,no-such-plan,,yearly,2022-03-01 09:00,"
AT = datetime(2022, 11, 16, 0, 23)


def priced(qtbot: QtBot, window: MainWindow, path: Path) -> BookResult:
    tab = window.book_tab
    with qtbot.waitSignal(tab.finished, timeout=20_000) as done:
        tab.load(path, AT)
    result: BookResult = done.args[0]
    return result


def test_a_book_of_many_bad_rows_counts_them_all_and_lists_the_first(
        qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    path = tmp_path / "book.csv"
    path.write_text("\n".join([HEADER, *[BAD] * 1500, GOOD, ""]), encoding="utf-8")
    result = priced(qtbot, window, path)
    tab = window.book_tab
    assert tab.model.rowCount() == 1
    assert "Licenses priced: 1; blocked: 0; bad rows: 1,500" in tab.summary.text()
    lines = tab.problems.toPlainText().splitlines()
    assert lines[0].startswith("line 2: plan: 'no-such-plan' is not a plan of litespeed")
    listed = len(result.errors)
    assert listed < 1500  # a million bad rows are not all kept
    assert len(lines) == listed + 1
    assert lines[-1] == f"… and {1500 - listed:,} more bad rows (lic-desktop batch lists " \
        "every one)"


def test_a_cell_past_the_csv_limit_is_one_problem(qtbot: QtBot, window: MainWindow,
                                                 tmp_path: Path) -> None:
    path = tmp_path / "book.csv"
    huge = "litespeed,vps,,yearly,2022-03-01 09:00," + "x" * 131_073
    path.write_text("\n".join([HEADER, GOOD, huge, GOOD, ""]), encoding="utf-8")
    result = priced(qtbot, window, path)
    assert not result.failure
    assert window.book_tab.model.rowCount() == 2
    assert window.book_tab.problems.toPlainText() == \
        "line 3: row: a cell is longer than 131,072 characters"


@pytest.fixture
def fifo(tmp_path: Path) -> Iterator[Path]:
    path = tmp_path / "book.csv"
    os.mkfifo(path)
    yield path
    # Should a job be blocked opening it (the bug), a writer that comes and goes frees it,
    # so the thread pool does not hang the suite at exit.
    with contextlib.suppress(OSError):
        os.close(os.open(path, os.O_WRONLY | os.O_NONBLOCK))


def test_a_fifo_is_refused_at_once(qtbot: QtBot, window: MainWindow, fifo: Path) -> None:
    result = priced(qtbot, window, fifo)
    assert result.failure == f"{fifo} cannot be read (it is not a regular file)"
    assert window.book_tab.summary.text() == f"Not priced: {result.failure}"
    assert window.book_tab.open_button.isEnabled()


def test_a_byte_that_is_not_utf8_is_one_problem_and_the_rest_is_priced(
        qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    # One 0xff byte refused the whole book ("book.csv is not UTF-8 text"): it is a problem
    # of its own row, by its line and column.
    path = tmp_path / "book.csv"
    path.write_bytes(b"\n".join([HEADER.encode(), GOOD.encode(),
                                 b"litespeed,v\xffps,,yearly,2022-03-01 09:00,", GOOD.encode(),
                                 b""]))
    result = priced(qtbot, window, path)
    assert not result.failure
    assert window.book_tab.model.rowCount() == 2
    assert window.book_tab.problems.toPlainText() == \
        "line 3: plan: is not UTF-8 text (byte 0xff): save the book as UTF-8"


def test_a_quote_never_closed_is_said_by_its_lines_and_counted(
        qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    # Line 4 opens a quote nothing closes: 2 rows priced and 1 bad row of 1,000 lines read
    # as "line 4: cycle: is empty", the other 997 lines gone without a word.
    path = tmp_path / "book.csv"
    rows = [GOOD] * 1000
    rows[2] = 'litespeed,"vps,,yearly,2022-03-01 09:00,4-cpu'
    path.write_text("\n".join([HEADER, *rows, ""]), encoding="utf-8")
    result = priced(qtbot, window, path)
    assert window.book_tab.model.rowCount() == 2
    assert window.book_tab.problems.toPlainText() == (
        "lines 4–1001: row: a quote in this row is never closed: the lines after it were "
        "read as one cell (close the quote)")
    assert "Licenses priced: 2; blocked: 0; bad rows: 1 (on 998 lines)" in \
        window.book_tab.summary.text()
    assert result.bad_lines == 998
