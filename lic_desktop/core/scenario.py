"""A scenario: every input of one quote, as the CLI takes them and the GUI saves them.

Scenario files are TOML or JSON with the CLI's option names as keys (`to_plan` for
`--to-plan`). Reading checks every field and raises InputError naming it; a file with any
bad field is rejected whole.
"""

from __future__ import annotations

import json
import tomllib
from dataclasses import asdict, dataclass, fields
from datetime import datetime
from decimal import Decimal, InvalidOperation
from typing import Any

import tomli_w

from lic_desktop.core.catalog import Catalog
from lic_desktop.core.money import Money
from lic_desktop.core.periods import InputError
from lic_desktop.core.quote import ChangeRequest, License

DATETIME_FORMATS = ("%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M:%S")
SCENARIO_VERSION = 1


def parse_moment(field: str, text: str) -> datetime:
    for pattern in DATETIME_FORMATS:
        try:
            return datetime.strptime(text.strip(), pattern)
        except ValueError:
            continue
    raise InputError(field, f"{text!r} is not a date and time like 2022-11-16 00:23 "
                     "(YYYY-MM-DD HH:MM)")


def format_moment(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%d %H:%M")


def parse_amount(field: str, text: str) -> Decimal:
    try:
        value = Decimal(text.strip())
    except InvalidOperation:
        value = Decimal("NaN")
    if not value.is_finite():
        raise InputError(field, f"{text!r} is not an amount like 19.90 (digits and a point)")
    if value < 0:
        raise InputError(field, f"must not be negative ({text})")
    return value


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

    def license(self, catalog: Catalog) -> License:
        def money(value: Decimal | None) -> Money | None:
            return None if value is None else Money(value, catalog.currency)

        return License(catalog, self.plan, self.cycle, self.start, self.quantity,
                       money(self.paid), money(self.pending), self.ip, self.secondary_ip,
                       self.auto_renew)

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
                out[key] = str(value)
            elif value is not None:
                out[key] = value
        return out


_STRINGS = {"catalog", "plan", "cycle", "to_plan", "to_cycle", "ip", "secondary_ip"}
_INTEGERS = {"quantity", "to_quantity"}
_MOMENTS = {"start", "at"}
_AMOUNTS = {"paid", "pending"}
_REQUIRED = {"catalog", "plan", "cycle", "start", "at"}


def scenario_from_data(data: dict[str, Any]) -> Scenario:
    known = {f.name for f in fields(Scenario)} | {"version"}
    for key in data:
        if key not in known:
            raise InputError(key, f"unknown scenario key (known: {', '.join(sorted(known))})")
    for key in sorted(_REQUIRED - set(data)):
        raise InputError(key, "is required in a scenario")
    version = data.get("version", SCENARIO_VERSION)
    if version != SCENARIO_VERSION:
        raise InputError("version", f"scenario version {version!r} is not supported "
                         f"(this app reads version {SCENARIO_VERSION})")
    values: dict[str, Any] = {}
    for key, value in data.items():
        if key == "version":
            continue
        values[key] = _field(key, value)
    return Scenario(**values)


def _field(key: str, value: Any) -> Any:
    if key in _STRINGS:
        if not isinstance(value, str):
            raise InputError(key, "must be text")
        return value.strip()
    if key in _INTEGERS:
        if isinstance(value, bool) or not isinstance(value, int):
            raise InputError(key, f"must be a whole number, not {value!r}")
        return value
    if key in _MOMENTS:
        if isinstance(value, datetime):  # TOML's own local date-time
            return value
        if not isinstance(value, str):
            raise InputError(key, "must be a date and time like 2022-11-16 00:23")
        return parse_moment(key, value)
    if key in _AMOUNTS:
        if isinstance(value, bool) or not isinstance(value, str | int):
            raise InputError(key, 'must be an amount written as text, like "19.90"')
        return parse_amount(key, str(value))
    if not isinstance(value, bool):
        raise InputError(key, "must be true or false")
    return value


def parse_scenario_text(text: str, name: str) -> Scenario:
    """Read a scenario file's text; JSON if `name` ends in .json, else TOML."""
    is_json = name.lower().endswith(".json")
    try:
        data = json.loads(text) if is_json else tomllib.loads(text)
    except (json.JSONDecodeError, tomllib.TOMLDecodeError) as exc:
        kind = "JSON" if is_json else "TOML"
        raise InputError("scenario", f"{name} is not valid {kind} ({exc})") from None
    if not isinstance(data, dict):
        raise InputError("scenario", f"{name} must hold one object of scenario keys")
    return scenario_from_data(data)


def scenario_text(scenario: Scenario, name: str) -> str:
    data = scenario.to_data()
    if name.lower().endswith(".json"):
        return json.dumps(data, indent=2) + "\n"
    return str(tomli_w.dumps(data))
