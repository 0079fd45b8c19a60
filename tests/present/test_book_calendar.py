"""Issue #15 point 10: `batch --ics` writes one event a license that saves by waiting, on
its best day, with a reminder the day before; the file parses back with icalendar and
has RFC 5545's required properties, its UIDs stable per license and change."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

import pytest
from icalendar import Calendar

from lic_desktop.cli import main

HEADER = "catalog,plan,quantity,cycle,start,paid,pending,to_plan,to_quantity,to_cycle,ip,customer"
BOOK = "\n".join([
    HEADER,
    # The seed upgrade: waiting for Dec 1 saves 6.48 (tests/core/test_book_best_day.py).
    "ezeelogin,servers,10,monthly,2022-11-01 09:00,,,,16,,172.23.44.240,Acme",
    # A downgrade is cheapest now, a lease the day does not change: no events.
    "ezeelogin,servers,16,monthly,2022-11-01 09:00,,,,10,,172.23.44.241,Beta",
    "litespeed,1-cpu,,monthly,2022-11-01 09:00,,,2-cpu,,,,Gamma",
    # Waiting saves, but an unpaid invoice blocks it first: no event either.
    "ezeelogin,servers,10,monthly,2022-11-01 09:00,,19.90,,16,,172.23.44.242,Delta",
    "ezeelogin,servers,12,quarterly,2022-09-20 10:00,,,,20,,10.0.0.1,Epsilon",
]) + "\n"


def export(tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str = "best.ics"
           ) -> Calendar:
    book = tmp_path / "book.csv"
    book.write_text(BOOK)
    ics = tmp_path / name
    assert main(["batch", str(book), "--at", "2022-11-16 00:23", "--ics", str(ics),
                 "--out", str(tmp_path / "priced.csv")]) == 0
    capsys.readouterr()
    return Calendar.from_ical(ics.read_bytes())


def test_one_event_a_saving_license_with_the_rfcs_required_properties(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    cal = export(tmp_path, capsys)
    assert cal["VERSION"] == "2.0"
    assert cal["PRODID"]
    events = cal.walk("VEVENT")
    assert {str(e["SUMMARY"]).split(":")[0] for e in events} == {"Acme", "Epsilon"}
    for item in events:
        for name in ("UID", "DTSTAMP", "DTSTART"):  # RFC 5545 3.6.1, no METHOD
            assert name in item
        assert item["DTSTAMP"].dt.utcoffset() == timedelta(0)  # DTSTAMP is in UTC
        alarm = item.walk("VALARM")[0]
        assert alarm["ACTION"] == "DISPLAY"
        assert alarm["TRIGGER"].dt == timedelta(days=-1)  # a reminder the day before
    acme = next(e for e in events if str(e["SUMMARY"]).startswith("Acme"))
    # On its best day, Dec 1 00:23 (the due date's day, before 09:00).
    assert acme["DTSTART"].dt == datetime(2022, 12, 1, 0, 23)
    assert str(acme["SUMMARY"]) == "Acme: 10 → 16 servers, monthly"
    description = str(acme["DESCRIPTION"])
    assert "Due now on Dec 1, 2022: $31.18 USD" in description
    assert "saves $6.48 USD" in description


def test_the_uids_are_stable_per_license_and_change(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    first = {str(e["SUMMARY"]): str(e["UID"]) for e in export(tmp_path, capsys).walk("VEVENT")}
    again = {str(e["SUMMARY"]): str(e["UID"])
             for e in export(tmp_path, capsys, "again.ics").walk("VEVENT")}
    assert first == again
    assert len(set(first.values())) == len(first)


def test_a_calendar_that_cannot_be_written_is_one_line(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    book = tmp_path / "book.csv"
    book.write_text(BOOK)
    folder = tmp_path / "calendars"
    folder.mkdir()
    code = main(["batch", str(book), "--at", "2022-11-16 00:23", "--ics", str(folder)])
    err = capsys.readouterr().err
    assert code == 2
    assert err.startswith("lic-desktop: --ics: ")
    assert len(err.splitlines()) == 1
    assert list(folder.iterdir()) == []


def test_a_book_that_cannot_be_read_leaves_the_old_calendar(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    book = tmp_path / "book.csv"
    book.write_text("catalog,plan\nezeelogin,servers\n")  # no cycle, no start
    old = tmp_path / "old.ics"
    old.write_bytes(b"the old calendar")
    code = main(["batch", str(book), "--at", "2022-11-16 00:23", "--ics", str(old)])
    assert code == 2
    assert "cycle" in capsys.readouterr().err
    assert old.read_bytes() == b"the old calendar"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["book.csv", "old.ics"]
