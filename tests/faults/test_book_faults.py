"""The fault suite for license books: hostile rows and files through `lic-desktop batch`.

hypothesis writes books of good rows among hostile ones (cells with NUL and control
characters, quotes and separators, line breaks, cells past the csv module's limit, numbers
of thousands of digits, catalogs that are folders or missing or nested files). Whatever is
in them: the command never fails (exit 0 or 2, no internal error, no traceback), every
error is one line naming the book and the row's first line, and every good row is priced
exactly as in a book of good rows only. /dev/zero and FIFOs run in a subprocess with a
timeout, so a regression fails instead of hanging the suite.

LIC_FAULTS_TALLY=FILE adds this module's counts (inputs tried, clean errors, crashes,
hangs) to FILE as a JSON line.
"""

from __future__ import annotations

import contextlib
import csv
import io
import os
import re
import resource
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lic_desktop.cli import main

HEADER = ["catalog", "plan", "quantity", "cycle", "start", "paid", "pending", "to_plan",
          "to_quantity", "to_cycle", "ip", "customer"]
GOOD = ["litespeed", "vps", "", "yearly", "2022-03-01 09:00", "", "", "4-cpu", "", "", "",
        "GOOD"]
GOOD_SERVERS = ["ezeelogin", "servers", "10", "monthly", "2022-11-01 09:00", "", "", "", "16",
                "", "172.23.44.240", "GOOD"]
AT = "2022-11-16 00:23"
CSV_LIMIT = 131_072
TALLY: Counter[str] = Counter()
SUMMARY = re.compile(r"^(Licenses priced: [\d,]+; blocked: [\d,]+; bad rows: [\d,]+"
                     r"( \(on [\d,]+ lines\))?|[A-Z]{3}: due now .*)$")
# A row error: by its first line, or by its first and last when it spans several.
ROW_ERROR = re.compile(r"lines? (\d+)(?:–(\d+))?: [a-z_]+: \S")
SETTINGS = settings(max_examples=120, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


# --- hostile cells ---------------------------------------------------------------------

CONTROL = st.sampled_from(["\0", "\x1b", "\r", "\n", "\t", "\x7f", "\u2028", "\ufeff",
                           "\x85", "\u202e"])
NASTY_TEXT = st.one_of(
    st.text(st.one_of(st.characters(blacklist_categories=["Cs"]), CONTROL), max_size=40),
    st.lists(st.sampled_from(["\x1b[31m", "\0", "litespeed", "\n", '"', "vps", ".toml"]),
             max_size=6).map("".join))
LONG_DIGITS = st.integers(4_000, 6_000).map(lambda n: "1" * n)
HUGE = st.integers(CSV_LIMIT - 2, CSV_LIMIT + 50).map(lambda n: "x" * n)  # one line, no quotes
NUMBERISH = st.sampled_from(["-1", "0", "1e3", "1_0", "١٢", "１２", "²", "NaN", "inf", "-0",
                             "19,90", "1.000", "0x10", " 7 ", "999999999999999999999",
                             "1" * 13 + ".00", "3.", ".5", "+1"])
HOSTILE = st.one_of(NASTY_TEXT, LONG_DIGITS, HUGE, NUMBERISH,
                    st.sampled_from(['"', '""', '","', ",", ";", "'", "\\", "%s", "{0}",
                                     "{field}", "..", "/", "/dev/zero", "/dev/null", "/tmp",
                                     "~", "nope.toml", "C:\\x.toml", "a" * 5000 + ".toml"]))
# Each column: mostly a plausible value, so the rows reach the pricing code, else hostile.
PLAUSIBLE = {
    "catalog": st.sampled_from(["litespeed", "ezeelogin", "", "LITESPEED", "deep.toml",
                                "headless.toml", "folder.toml"]),
    "plan": st.sampled_from(["vps", "1-cpu", "8-cpu", "servers", ""]),
    "quantity": st.sampled_from(["", "1", "10", "0", "1000001"]),
    "cycle": st.sampled_from(["monthly", "yearly", "owned", "quarterly", ""]),
    "start": st.sampled_from(["2022-03-01 09:00", "2022-11-16 00:23", "2023-01-01 00:00",
                              "2022-02-30 09:00", "0001-01-01 00:00", "9999-12-31 23:59", ""]),
    "paid": st.sampled_from(["", "19.90", "0", "999999999999"]),
    "pending": st.sampled_from(["", "5.00", "0.001"]),
    "to_plan": st.sampled_from(["", "4-cpu", "vps", "servers"]),
    "to_quantity": st.sampled_from(["", "1", "16", "0"]),
    "to_cycle": st.sampled_from(["", "monthly", "owned"]),
    "ip": st.sampled_from(["", "172.23.44.240", "::1", "300.1.1.1"]),
    "customer": st.sampled_from(["", "Acme", "x"]),
}


def one_line_if_huge(cells: list[str]) -> list[str]:
    """A row with a cell past the csv limit keeps to one line. The csv module gives up
    on the record at that cell and reads on from the next line: a quoted line break later
    in the same record would then open a quote there (a limit of the csv module that the
    book shares; the row is still an error by its first line)."""
    if any(len(cell) > CSV_LIMIT for cell in cells):
        return [re.sub("[\r\n]", " ", cell) for cell in cells]
    return cells


ROW = st.fixed_dictionaries({name: st.one_of(pool, pool, HOSTILE)
                             for name, pool in PLAUSIBLE.items()}).map(
    lambda cells: one_line_if_huge([cells[name] for name in HEADER]))
RAGGED = st.lists(st.one_of(HOSTILE, st.sampled_from(GOOD)), max_size=16).map(
    one_line_if_huge)  # the wrong number of cells
HOSTILE_ROW = st.one_of(ROW, ROW, RAGGED)


def hostile_folder(folder: Path) -> None:
    """The catalog files the plausible pool names: nested, without [catalog], a folder."""
    (folder / "deep.toml").write_text("a = " + "[" * 3000 + "]" * 3000 + "\n", encoding="utf-8")
    (folder / "headless.toml").write_text('[plans.vps]\nunit_price = "1"\n', encoding="utf-8")
    (folder / "folder.toml").mkdir()


def write_book(path: Path, rows: list[list[str]]) -> list[int]:
    """The book (header first) written by the csv module, so every row reads back whole;
    the line each row starts on."""
    starts = []
    line = 2
    # CRLF, as a spreadsheet writes: the csv module then quotes a cell with a lone CR too.
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\r\n")
        writer.writerow(HEADER)
        for row in rows:
            starts.append(line)
            text = io.StringIO()
            csv.writer(text, lineterminator="\r\n").writerow(row)
            # A quoted line break is a line too, each as the book's reader counts them.
            line += len(re.findall("\r\n|\r|\n", text.getvalue()))
            handle.write(text.getvalue())
    return starts


def run_batch(book: Path, out: Path, folder: Path) -> tuple[int, list[str]]:
    err = io.StringIO()
    cwd = os.getcwd()
    os.chdir(folder)  # the rows name their catalog files relative to the book's folder
    try:
        with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
            code = main(["batch", str(book), "--at", AT, "--out", str(out)])
    finally:
        os.chdir(cwd)
    return code, err.getvalue().splitlines()


def check_said(book: Path, code: int, err: list[str], starts: set[int] | None) -> int:
    """Exit 0 or 2, every stderr line a row error naming the book and a row's first line
    (or the summary); the number of row errors."""
    assert code in (0, 2), err
    text = "\n".join(err)
    assert "internal error" not in text
    assert "Traceback" not in text
    errors = 0
    prefix = f"lic-desktop: {book}: "
    for line in err:
        if SUMMARY.match(line):
            continue
        assert line.startswith(prefix), line
        found = ROW_ERROR.match(line[len(prefix):])
        assert found, line
        if starts is not None:
            assert int(found.group(1)) in starts, line
        errors += 1
    return errors


def priced(out: Path) -> list[dict[str, str]]:
    with out.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@SETTINGS
@given(st.lists(st.tuples(st.booleans(), HOSTILE_ROW), min_size=1, max_size=12))
def test_hostile_rows_never_stop_the_good_ones(rows: list[tuple[bool, list[str]]]) -> None:
    # Every hostile row is followed (or not) by a good row; the good rows are priced as in
    # a book of good rows only, whatever is around them.
    book_rows: list[list[str]] = []
    good_at: list[int] = []
    for then_good, row in rows:
        book_rows.append(row)
        if then_good:
            good_at.append(len(book_rows))
            book_rows.append(GOOD if len(good_at) % 2 else GOOD_SERVERS)
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        hostile_folder(folder)
        book, out = folder / "book.csv", folder / "priced.csv"
        starts = write_book(book, book_rows)
        code, err = run_batch(book, out, folder)
        hostile_starts = {s for i, s in enumerate(starts) if i not in good_at}
        TALLY["inputs tried"] += len(rows)
        errors = check_said(book, code, err, hostile_starts)
        TALLY["clean errors"] += errors
        assert f"bad rows: {errors:,}" in "\n".join(err)
        by_line = {row["line"]: row for row in priced(out)}
        clean_out = folder / "clean.csv"
        clean = folder / "clean.csv.in"
        write_book(clean, [GOOD, GOOD_SERVERS])
        assert run_batch(clean, clean_out, folder)[0] == 0
        expected = priced(clean_out)
        for n, i in enumerate(good_at):
            row = by_line.get(str(starts[i]))
            assert row is not None, (starts[i], err)
            want = expected[n % 2]
            assert {k: v for k, v in row.items() if k != "line"} == \
                {k: v for k, v in want.items() if k != "line"}


@SETTINGS
@given(st.binary(max_size=2000), st.booleans())
def test_a_book_of_random_bytes_ends_in_clean_lines(data: bytes, with_header: bool) -> None:
    # With a good header and a good row before them, random bytes (not UTF-8, NULs, stray
    # quotes) are bad rows of their own: never the whole book refused. The good row after
    # them is priced too, unless a quote among them swallows it (then said by its lines).
    head = (",".join(HEADER) + "\r\n" + ",".join(GOOD) + "\r\n").encode()
    last = ",".join([*GOOD[:-1], "LAST"]).encode()
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        book, out = folder / "book.csv", folder / "out.csv"
        book.write_bytes(head + data + b"\r\n" + last + b"\r\n" if with_header else data)
        code, err = run_batch(book, out, folder)
        TALLY["inputs tried"] += 1
        assert code in (0, 2), err
        text = "\n".join(err)
        assert "internal error" not in text
        assert "Traceback" not in text
        for line in err:
            assert SUMMARY.match(line) or line.startswith(f"lic-desktop: {book}: "), line
        TALLY["clean errors"] += sum(not SUMMARY.match(line) for line in err)
        if not with_header:
            return
        for line in err:  # each a row's error: the book as a whole is not refused
            assert SUMMARY.match(line) or ROW_ERROR.match(line[len(f"lic-desktop: {book}: "):]), \
                line
        customers = [row["customer"] for row in priced(out)]
        assert customers[0] == "GOOD"
        if b'"' not in data:
            assert customers[-1] == "LAST", err


@SETTINGS
@given(st.lists(st.one_of(HOSTILE, st.sampled_from(HEADER)), max_size=30))
def test_a_hostile_header_is_one_line(header: list[str]) -> None:
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        book = folder / "book.csv"
        with book.open("w", encoding="utf-8", newline="") as handle:
            csv.writer(handle).writerows([header, GOOD])
        code, err = run_batch(book, folder / "out.csv", folder)
        TALLY["inputs tried"] += 1
        assert code in (0, 2), err
        assert "internal error" not in "\n".join(err)
        if code == 2 and not any(SUMMARY.match(line) for line in err):
            assert len(err) == 1, err  # the book refused whole: one line
            assert err[0].startswith(f"lic-desktop: {book}: ")
            TALLY["clean errors"] += 1


# --- what could hang: each in a subprocess with a timeout ---------------------------------

TIMEOUT = 60  # seconds; a refusal takes well under one, a regression hangs or eats memory


def _limit_memory() -> None:  # a /dev/zero read for ever stops at 1 GiB, not the machine's
    resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))


def lic_desktop(*argv: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    TALLY["inputs tried"] += 1
    try:
        done = subprocess.run([sys.executable, "-m", "lic_desktop", *argv], cwd=cwd,
                              capture_output=True, text=True, timeout=TIMEOUT, check=False,
                              preexec_fn=_limit_memory)
    except subprocess.TimeoutExpired:
        TALLY["hangs"] += 1
        raise
    if done.returncode not in (0, 2) or "Traceback" in done.stderr:
        TALLY["crashes"] += 1
    return done


@pytest.mark.parametrize("kind", ["fifo", "zero", "folder"])
def test_a_book_that_is_no_regular_file_is_refused_at_once(tmp_path: Path, kind: str) -> None:
    path = {"zero": Path("/dev/zero"), "folder": tmp_path}.get(kind, tmp_path / "book.fifo")
    if kind == "fifo":
        os.mkfifo(path)  # no writer: opening it to read would block for ever
    done = lic_desktop("batch", str(path), "--at", AT, cwd=tmp_path)
    assert done.returncode == 2, done.stderr
    assert done.stderr == f"lic-desktop: {path}: cannot be read (it is not a regular file)\n"
    TALLY["clean errors"] += 1


@pytest.mark.parametrize("kind", ["fifo", "zero"])
def test_a_row_whose_catalog_is_no_regular_file_is_one_bad_row(tmp_path: Path,
                                                               kind: str) -> None:
    catalog = "/dev/zero" if kind == "zero" else str(tmp_path / "catalog.toml")
    if kind == "fifo":
        os.mkfifo(catalog)
    book = tmp_path / "book.csv"
    write_book(book, [GOOD, [catalog, *GOOD[1:]], GOOD])
    out = tmp_path / "priced.csv"
    done = lic_desktop("batch", str(book), "--at", AT, "--out", str(out), cwd=tmp_path)
    assert done.returncode == 2, done.stderr
    errors = [line for line in done.stderr.splitlines() if not SUMMARY.match(line)]
    assert errors == [f"lic-desktop: {book}: line 3: catalog: {catalog}: cannot be read "
                      "(it is not a regular file)"]
    assert [row["line"] for row in priced(out)] == ["2", "4"]
    TALLY["clean errors"] += 1


def test_a_header_of_80000_columns_is_checked_at_once(tmp_path: Path) -> None:
    # The header check compared each column with all before it: 80,000 columns took 24 s.
    book = tmp_path / "wide.csv"
    names = ["catalog", "plan", "cycle", "start", *(f"extra{i}" for i in range(80_000))]
    book.write_text(",".join(names) + "\n" + ",".join(GOOD[:2] + GOOD[3:5]) + "\n",
                    encoding="utf-8")
    script = ("import sys; from lic_desktop.core.book_csv import BatchFileError, check_header\n"
              "try: check_header(open(sys.argv[1]).readline().strip().split(','))\n"
              "except BatchFileError as exc: print(exc)\n")
    TALLY["inputs tried"] += 1
    try:
        done = subprocess.run([sys.executable, "-c", script, str(book)], capture_output=True,
                              text=True, timeout=15, check=True)
    except subprocess.TimeoutExpired:
        TALLY["hangs"] += 1
        raise
    assert done.stdout.startswith("unknown column 'extra0'")
    TALLY["clean errors"] += 1
