"""The best days of a book as a calendar (RFC 5545, written with the icalendar library):
one event a license that saves by waiting, on its best day, with a reminder the day
before. Events are made one at a time and written as they come, so a book of a million
licenses needs no more memory than one of ten. Qt-free."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime, timedelta
from typing import IO

from icalendar import Alarm, Calendar, Event

from lic_desktop.core.book_totals import Priced
from lic_desktop.l10n import Formatter, _
from lic_desktop.present.panes import headline
from lic_desktop.present.quote_identity import change_what

PRODUCT = "-//lic-desktop//best days//EN"
EVENT_LENGTH = timedelta(minutes=30)
REMINDER = timedelta(days=-1)  # the day before


def uid(catalog: str, priced: Priced) -> str:
    """The same for the same license and change whenever the book is exported again, so
    a calendar app updates the event instead of adding a second one."""
    best = priced.best
    assert best is not None  # only a best day's event has a UID
    key = "\x1f".join(map(str, (catalog, priced.plan, priced.quantity, priced.cycle,
                                f"{best.start:%Y-%m-%d %H:%M}", best.anchor or "",
                                priced.to_plan, priced.to_quantity, priced.to_cycle,
                                priced.ip, priced.customer)))
    return f"{hashlib.sha256(key.encode()).hexdigest()[:32]}@lic-desktop"


def calendar_head() -> bytes:
    """The calendar's opening lines (its END line comes after the events)."""
    cal = Calendar()
    cal.add("prodid", PRODUCT)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    return bytes(cal.to_ical()).replace(b"END:VCALENDAR\r\n", b"")


CALENDAR_END = b"END:VCALENDAR\r\n"


def event(catalog: str, priced: Priced, fmt: Formatter, stamp: datetime) -> bytes | None:
    """The license's event (None: waiting saves it nothing)."""
    best = priced.best
    if best is None or not best.why.saves:
        return None
    quote = best.quote_at_best()
    who = priced.customer or priced.ip or catalog
    title = _("{customer}: {change}").format(customer=who, change=change_what(quote, fmt))
    text = "\n".join([
        headline(quote, fmt),
        _("Due now on {date}: {amount}").format(date=fmt.date(best.best.moment),
                                                 amount=fmt.money(best.best.charged_now)),
        _("Waiting for this day saves {amount} against changing on {now}.").format(
            amount=fmt.money(best.saving), now=fmt.date(best.now.moment))])
    item = Event()
    item.add("uid", uid(catalog, priced))
    item.add("dtstamp", stamp)
    item.add("dtstart", best.best.moment)  # floating: the license's own local time
    item.add("duration", EVENT_LENGTH)
    item.add("summary", title)
    item.add("description", text)
    reminder = Alarm()
    reminder.add("action", "DISPLAY")
    reminder.add("description", title)
    reminder.add("trigger", REMINDER)
    item.add_component(reminder)
    return bytes(item.to_ical())


class CalendarWriter:
    """The calendar into an open binary stream (an atomic file's): its head at once, an
    event as each saving license comes, its end on `end()`. One DTSTAMP for the file."""

    def __init__(self, stream: IO[bytes]) -> None:
        self.stream = stream
        self.stamp = datetime.now(UTC).replace(microsecond=0)
        stream.write(calendar_head())

    def add(self, catalog: str, priced: Priced, fmt: Formatter) -> None:
        found = event(catalog, priced, fmt, self.stamp)
        if found is not None:
            self.stream.write(found)

    def end(self) -> None:
        self.stream.write(CALENDAR_END)
