"""A scenario: every input of one quote, as the CLI takes them and the GUI saves them.

Scenario files are TOML or JSON with the CLI's option names as keys (`to_plan` for
`--to-plan`). Reading checks every field and raises InputError naming it; a file with any
bad field is rejected whole. The window reads files more leniently with the same
per-key readers (`read_field`, used by present.scenario_file): it opens a file with a bad
value and marks that field.
"""

from __future__ import annotations

import calendar
import json
import re
import tomllib
from collections.abc import Callable
from dataclasses import asdict, dataclass, fields
from datetime import datetime
from decimal import Decimal
from typing import Any

import tomli_w

from lic_desktop.core import numbers
from lic_desktop.core.catalog import Catalog
from lic_desktop.core.money import Money
from lic_desktop.core.numbers import check_quantity, format_amount, given, parse_quantity
from lic_desktop.core.periods import InputError
from lic_desktop.core.quote import ChangeRequest, License, check_ip
from lic_desktop.core.text import _, printable

SCENARIO_VERSION = 1


# The one amount reader (core.numbers); the command line and the books take it from here.
parse_amount = numbers.parse_amount

MOMENT = re.compile(r"^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}(:\d{2})?$")


def parse_moment(field: str, text: str, shown: str | None = None) -> datetime:
    """ "2022-11-16 00:23" (a T instead of the space, and seconds, are accepted).
    `shown`: the text as the user wrote it, for the message, when `text` was completed."""
    plain = text.strip()
    shown = text if shown is None else shown
    if MOMENT.match(plain):
        try:
            return datetime.fromisoformat(plain)  # the fast path: a license book has many
        except ValueError as exc:  # "2022-11-31 09:00": the right shape, no such day
            raise InputError(field, _("{text!r} is no such date or time: {reason}").format(
                text=shown, reason=impossible_part(plain) or exc)) from None
    raise InputError(field, _("{text!r} is not a date and time like 2022-11-16 00:23 "
                              "(YYYY-MM-DD HH:MM)").format(text=shown))


def impossible_part(plain: str) -> str | None:
    """Which part of a moment of the right shape does not exist, in the UI language
    (Python's own reason is English); None when the text is not of that shape."""
    if not MOMENT.match(plain):
        return None
    year, month, day = (int(part) for part in plain[:10].split("-"))
    hour, minute, *seconds = (int(part) for part in plain[11:].split(":"))
    second = seconds[0] if seconds else 0
    days = calendar.monthrange(year or 2000, month)[1] if 1 <= month <= 12 else 0
    problems = (  # the first that applies
        (year == 0, _("there is no year 0")),
        (not 1 <= month <= 12, _("there is no month {month}").format(month=month)),
        (not 1 <= day <= days, _("{year:04d}-{month:02d} has {days} days").format(
            year=year, month=month, days=days)),
        (hour > 23, _("there is no hour {hour}").format(hour=hour)),
        (minute > 59, _("there is no minute {minute}").format(minute=minute)),
        (second > 59, _("there is no second {second}").format(second=second)),
    )
    return next((problem for wrong, problem in problems if wrong), None)


def format_moment(moment: datetime) -> str:
    """ "2022-11-16 00:23"; with its seconds when it has any (a file may give them), so
    what a field shows or a file keeps is the moment quoted."""
    return moment.strftime("%Y-%m-%d %H:%M:%S" if moment.second else "%Y-%m-%d %H:%M")


@dataclass(frozen=True, slots=True)
class Scenario:
    catalog: str
    plan: str
    cycle: str
    start: datetime
    at: datetime
    quantity: int = 1
    paid: Decimal | None = None
    pending: Decimal | None = None
    to_plan: str | None = None
    to_quantity: int | None = None
    to_cycle: str | None = None
    ip: str = ""
    secondary_ip: str = ""
    auto_renew: bool = False
    anchor: datetime | None = None  # the first period's start, when `start` is a renewal
    customer: str = ""

    def license(self, catalog: Catalog) -> License:
        def money(value: Decimal | None) -> Money | None:
            return None if value is None else Money(value, catalog.currency)

        return License(catalog, self.plan, self.cycle, self.start, self.quantity,
                       money(self.paid), money(self.pending), self.ip, self.secondary_ip,
                       self.auto_renew, self.anchor, self.customer)

    def request(self) -> ChangeRequest:
        """The change; each `to_*` left out keeps the current value."""
        return ChangeRequest(
            plan=self.to_plan or self.plan,
            cycle=self.to_cycle or self.cycle,
            at=self.at,
            quantity=self.to_quantity if self.to_quantity is not None else self.quantity,
        )

    def to_data(self) -> dict[str, Any]:
        """Plain values for a TOML or JSON file; unset optional fields are left out."""
        out: dict[str, Any] = {"version": SCENARIO_VERSION}
        for key, value in asdict(self).items():
            if isinstance(value, datetime):
                out[key] = format_moment(value)
            elif isinstance(value, Decimal):
                out[key] = format_amount(value)
            elif value is not None:
                out[key] = value
        return out


_STRINGS = {"catalog", "plan", "cycle", "to_plan", "to_cycle", "ip", "secondary_ip",
            "customer"}
_INTEGERS = {"quantity", "to_quantity"}
_MOMENTS = {"start", "at", "anchor"}
_AMOUNTS = {"paid", "pending"}
REQUIRED = ("catalog", "plan", "cycle", "start", "at")


def check_scenario_keys(data: dict[str, Any]) -> None:
    """Raise InputError unless `data` holds only scenario keys, of a version this app
    reads: the values themselves are not looked at."""
    known = {f.name for f in fields(Scenario)} | {"version"}
    for key in data:
        if key not in known:  # named on one line, however the file spells it
            raise InputError(printable(key, 100), _("unknown scenario key (known: {known})")
                             .format(known=", ".join(sorted(known))))
    version = data.get("version", SCENARIO_VERSION)
    if type(version) is not int or version != SCENARIO_VERSION:
        raise InputError("version", _("scenario version {version!r} is not supported (this "
                                      "app reads version {supported})")
                         .format(version=version, supported=SCENARIO_VERSION))


def scenario_from_data(data: dict[str, Any]) -> Scenario:
    check_scenario_keys(data)
    for key in REQUIRED:
        if key not in data:
            raise InputError(key, _("is required in a scenario"))
    values: dict[str, Any] = {}
    for key, value in data.items():
        if key == "version":
            continue
        values[key] = read_field(key, value)
    return Scenario(**values)


# Empty, these would silently mean a default (or nothing): an explicit "" is refused. An
# empty ip or customer is a value of its own (none).
_NOT_EMPTY = {"catalog", "plan", "cycle", "to_plan", "to_cycle"}


def _text(key: str, value: Any) -> str:
    if not isinstance(value, str):
        raise InputError(key, _("must be text"))
    if "\0" in value:  # JSON's "\u0000": no name, path or address holds one
        raise InputError(key, _("contains a NUL character (\\u0000): remove it"))
    if key in _NOT_EMPTY:
        return given(key, value)
    return check_ip(key, value) if key in ("ip", "secondary_ip") else value.strip()


def _whole_number(key: str, value: Any) -> int:
    """A count as a file's integer, or as text ("12") read as the command line reads it."""
    if isinstance(value, str):
        return parse_quantity(key, value)
    if isinstance(value, bool) or not isinstance(value, int):
        raise InputError(key, _("must be a whole number, not {value!r}").format(value=value))
    return check_quantity(key, value)


def _moment(key: str, value: Any) -> datetime:
    if isinstance(value, datetime) and value.tzinfo is None:  # TOML's local date-time
        return value
    if isinstance(value, datetime):
        raise InputError(key, _("must be a wall-clock time in the store's zone, without a "
                                "time-zone offset"))
    if not isinstance(value, str):
        raise InputError(key, _("must be a date and time like 2022-11-16 00:23"))
    return parse_moment(key, value)


def _amount(key: str, value: Any) -> Decimal:
    if isinstance(value, bool) or not isinstance(value, str | int):
        raise InputError(key, _('must be an amount written as text, like "19.90"'))
    return parse_amount(key, str(value))


def _flag(key: str, value: Any) -> bool:
    if not isinstance(value, bool):
        raise InputError(key, _("must be true or false"))
    return value


_READERS: dict[str, Callable[[str, Any], Any]] = {
    **dict.fromkeys(_STRINGS, _text), **dict.fromkeys(_INTEGERS, _whole_number),
    **dict.fromkeys(_MOMENTS, _moment), **dict.fromkeys(_AMOUNTS, _amount),
    "auto_renew": _flag,
}


def read_field(key: str, value: Any) -> Any:
    """One scenario key's value as a file holds it, checked; InputError says what is wrong."""
    return _READERS[key](key, value)


def parse_scenario_text(text: str, name: str) -> Scenario:
    """Read a scenario file's text; JSON if `name` ends in .json, else TOML."""
    return scenario_from_data(scenario_data(text, name))


# An integer longer than Python reads (sys.get_int_max_str_digits): its key, in TOML (a
# key = value line) or JSON ("key": value anywhere).
_LONG_NUMBER = {
    False: re.compile(r'^[ \t]*"?([A-Za-z0-9_-]+)"?[ \t]*=[ \t]*[+-]?[0-9_]{4000,}',
                      re.MULTILINE),
    True: re.compile(r'"([A-Za-z0-9_-]+)"\s*:\s*-?[0-9]{4000,}'),
}


def scenario_data(text: str, name: str) -> dict[str, Any]:
    """A scenario file's text as its table of keys, not yet checked; JSON if `name` ends
    in .json, else TOML. InputError("scenario") when it is neither."""
    is_json = name.lower().endswith(".json")
    try:
        data = json.loads(text) if is_json else tomllib.loads(text)
    except (json.JSONDecodeError, tomllib.TOMLDecodeError) as exc:
        kind = "JSON" if is_json else "TOML"
        raise InputError("scenario", _("{name} is not valid {kind} ({reason})")
                         .format(name=name, kind=kind, reason=exc)) from None
    except RecursionError:  # "a = [[[[…]]]]": no scenario nests at all
        raise InputError("scenario", _("{name} nests its values too deeply to be a "
                                       "scenario").format(name=name)) from None
    except ValueError:  # an integer of thousands of digits: Python refuses to read it
        found = _LONG_NUMBER[is_json].search(text)
        raise InputError(found.group(1) if found else "scenario",
                         _("{name} has a number too long to be read (thousands of digits)")
                         .format(name=name)) from None
    if not isinstance(data, dict):
        raise InputError("scenario", _("{name} must hold one object of scenario keys")
                         .format(name=name))
    return data


def scenario_text(scenario: Scenario, name: str) -> str:
    data = scenario.to_data()
    if name.lower().endswith(".json"):
        return json.dumps(data, indent=2) + "\n"
    return str(tomli_w.dumps(data))
