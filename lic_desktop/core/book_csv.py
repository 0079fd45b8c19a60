"""A license book's CSV: its bytes decoded, its header checked, its rows read, and what
is wrong with a row said by its line (or lines: a quoted cell may span several).

A byte that is not UTF-8 spoils only its own row; a quote left open is an error of its
row, said by the lines it took up.
"""

from __future__ import annotations

import codecs
import csv
import io
import itertools
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import IO, Any

from lic_desktop.core.numbers import parse_quantity
from lic_desktop.core.text import _, printable

REQUIRED = ("catalog", "plan", "cycle", "start")
OPTIONAL = ("quantity", "paid", "pending", "to_plan", "to_quantity", "to_cycle", "ip",
            "customer", "anchor")


class BatchFileError(ValueError):
    """The file as a whole cannot be read (no header, a missing column)."""


@dataclass(frozen=True, slots=True)
class RowError:
    line: int  # the record's first line
    field: str
    message: str
    last: int = 0  # its last line, when it spans several (a quoted line break)

    @property
    def lines(self) -> int:
        """The lines of the book the bad record took up."""
        return max(self.last - self.line + 1, 1)

    def __str__(self) -> str:
        # One line whatever the row held (a quoted line break, an ANSI escape).
        if self.last > self.line:  # a quote left open swallows the lines after it: say so
            text = _("lines {first}–{last}: {field}: {message}").format(
                first=self.line, last=self.last, field=self.field, message=self.message)
        else:
            text = _("line {line}: {field}: {message}").format(
                line=self.line, field=self.field, message=self.message)
        return printable(text)


# A byte that is not UTF-8 spoils its own row only: the book is decoded with this handler,
# which reads such a byte as a lone surrogate (as "surrogateescape" does) and counts it,
# so the pricer looks for them only once a book has had one (a good book pays nothing).
BOOK_ERRORS = "lic-desktop-book"
UNDECODED = [0]  # bytes read as surrogates so far, by any book (a hint, never a total)
_escape = codecs.lookup_error("surrogateescape")
_SURROGATE = re.compile("[\udc80-\udcff]")


def _note_undecoded(error: UnicodeError) -> tuple[str | bytes, int]:
    UNDECODED[0] += 1
    return _escape(error)


codecs.register_error(BOOK_ERRORS, _note_undecoded)


class BookText:
    """A book's bytes as the lines BookPricer.quotes reads (a BOM from a spreadsheet
    dropped, line ends kept for the csv module); a byte that is not UTF-8 spoils only
    the row it is in. Not a TextIOWrapper subclass: the wrapper's own iteration stays in
    C (a subclass's goes through a Python method call a line)."""

    def __init__(self, raw: IO[bytes]) -> None:
        # Before a byte is decoded: had the count moved by the time a row is read, the
        # rows from then on may hold one (or another book had one: a look for nothing).
        self.undecoded_at = UNDECODED[0]
        self.stream = io.TextIOWrapper(raw, encoding="utf-8-sig", errors=BOOK_ERRORS,
                                       newline="")

    def __iter__(self) -> Iterator[str]:
        return iter(self.stream)

    def __enter__(self) -> BookText:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.stream.close()


def undecoded(values: list[str]) -> tuple[int, int] | None:
    """(index of the cell, the byte) of the first byte that was not UTF-8, or None."""
    for index, value in enumerate(values):
        if not value.isascii():
            found = _SURROGATE.search(value)
            if found:
                return index, ord(found.group()) - 0xDC00
    return None


def not_utf8(byte: int) -> str:
    return _("is not UTF-8 text (byte {byte}): save the book as UTF-8").format(
        byte=f"0x{byte:02x}")


def check_header(header: list[str] | None) -> list[str]:
    if not header:
        raise BatchFileError(_("the file is empty: the first line must name the columns "
                               "({columns})").format(columns=",".join(REQUIRED + OPTIONAL)))
    # "Catalog", "To plan": spreadsheets capitalise, and some write spaces.
    names = [h.strip().lower().replace(" ", "_") for h in header]
    seen: set[str] = set()  # one pass: a header of 80,000 columns is checked at once
    for name in names:
        if name in seen:  # "plan" and "Plan": which one is meant is anyone's guess
            raise BatchFileError(_("the column {column!r} appears twice in the header")
                                 .format(column=name))
        if name:
            seen.add(name)
    missing = [c for c in REQUIRED if c not in seen]
    if missing:
        raise BatchFileError(_("the header has no {missing} column (columns: {columns})")
                             .format(missing=", ".join(missing),
                                     columns=",".join(REQUIRED + OPTIONAL)))
    known = frozenset(REQUIRED + OPTIONAL)
    unknown = [n for n in names if n and n not in known]
    if unknown:
        raise BatchFileError(_("unknown column {column!r} (columns: {columns})")
                             .format(column=unknown[0], columns=",".join(REQUIRED + OPTIONAL)))
    return names


def read_header(lines: Iterable[str]) -> tuple[Any, list[str], bool]:
    """The book's CSV reader, past the header; the header's column names; whether the
    book separates its cells with semicolons (its amounts may say "19,90")."""
    rows = iter(lines)
    first = next(rows, None)
    # A spreadsheet set to German or French saves "CSV" with semicolons, and its
    # amounts with decimal commas.
    semicolons = first is not None and first.count(";") > first.count(",")
    # Strict: a quote left open to the end of the book, or closed by the next quoted
    # cell (`"x` ... `,"y",`), is an error of its row, not lines silently swallowed.
    reader = csv.reader(itertools.chain(() if first is None else (first,), rows),
                        delimiter=";" if semicolons else ",", strict=True)
    try:
        header = next(reader, None)
    except csv.Error as exc:
        raise BatchFileError(_("line 1: {problem}").format(
            problem=csv_problem(exc, reader.line_num > 1))) from None
    if header is not None and (found := undecoded(header)) is not None:
        # A header that is not UTF-8: most likely not a UTF-8 file at all.
        raise BatchFileError(_("line 1: {problem}").format(problem=not_utf8(found[1])))
    return reader, check_header(header), semicolons


def csv_problem(error: csv.Error, spans_lines: bool = False) -> str:
    """What the csv module's error means for the row, in the UI's words; `spans_lines`:
    the record had read more than one line when it failed."""
    most = f"{csv.field_size_limit():,}"
    if "unexpected end of data" in str(error):  # the book ends inside a quoted cell
        if spans_lines:
            return _("a quote in this row is never closed: the lines after it were read "
                     "as one cell (close the quote)")
        return _("a quote in this row is never closed (close the quote)")
    if "field limit" in str(error):
        if spans_lines:
            return _("a quote in this row is not closed within {most} characters: the "
                     "lines after it were read as one cell (close the quote)").format(
                         most=most)
        return _("a cell is longer than {most} characters").format(most=most)
    return _("cannot be read as CSV ({reason})").format(reason=error)


def whole(text: str, name: str, default: int) -> int:
    """A count cell: empty is the default (a book leaves columns blank), else read as the
    command line and scenario files read counts (core.numbers)."""
    if not text:
        return default
    return parse_quantity(name, text)
