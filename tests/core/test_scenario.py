"""Scenario files: every input of one quote, in TOML or JSON, checked field by field."""

from __future__ import annotations

import json
import tomllib
from datetime import datetime
from decimal import Decimal
from typing import Any

import pytest

from lic_desktop.core.periods import InputError
from lic_desktop.core.scenario import Scenario, parse_scenario_text, scenario_text

FULL = Scenario(
    catalog="ezeelogin",
    plan="servers",
    cycle="monthly",
    start=datetime(2022, 11, 1, 9, 0),
    at=datetime(2022, 11, 16, 0, 23),
    quantity=10,
    paid=Decimal("19.90"),
    pending=Decimal("5.00"),
    to_plan="servers",
    to_quantity=16,
    to_cycle="yearly",
    ip="172.23.44.240",
    secondary_ip="10.0.0.2",
    auto_renew=True,
)
MINIMAL = Scenario(catalog="litespeed", plan="1-cpu", cycle="owned",
                   start=datetime(2024, 2, 29, 23, 59), at=datetime(2025, 1, 31, 0, 0))

BASE_TOML = """\
catalog = "ezeelogin"
plan = "servers"
cycle = "monthly"
start = "2022-11-01 09:00"
at = "2022-11-16 00:23"
quantity = 10
"""


@pytest.mark.parametrize("name", ["saved.toml", "saved.json", "SAVED.JSON"])
@pytest.mark.parametrize("scenario", [FULL, MINIMAL], ids=["full", "minimal"])
def test_round_trip(scenario: Scenario, name: str) -> None:
    text = scenario_text(scenario, name)
    assert parse_scenario_text(text, name) == scenario


def test_json_and_toml_are_what_they_say() -> None:
    data_json = json.loads(scenario_text(FULL, "a.json"))
    data_toml = tomllib.loads(scenario_text(FULL, "a.toml"))
    assert data_json == data_toml
    assert data_json["version"] == 1
    assert data_json["paid"] == "19.90"  # money is text, never a float
    assert data_json["start"] == "2022-11-01 09:00"
    assert "to_plan" not in json.loads(scenario_text(MINIMAL, "a.json"))


def test_reading_a_toml_scenario() -> None:
    s = parse_scenario_text(BASE_TOML + 'to_quantity = 16\npaid = "19.90"\n', "s.toml")
    assert s.start == datetime(2022, 11, 1, 9, 0)
    assert s.at == datetime(2022, 11, 16, 0, 23)
    assert s.paid == Decimal("19.90")
    req = s.request()
    # a to_* key left out keeps the current value
    assert (req.plan, req.cycle, req.quantity, req.at) == ("servers", "monthly", 16, s.at)


def test_toml_native_datetimes_are_accepted() -> None:
    text = BASE_TOML.replace('"2022-11-01 09:00"', "2022-11-01T09:00:00")
    assert parse_scenario_text(text, "s.toml").start == datetime(2022, 11, 1, 9, 0)


def test_date_formats() -> None:
    for written in ("2022-11-01 09:00", "2022-11-01T09:00", "2022-11-01 09:00:00"):
        text = BASE_TOML.replace("2022-11-01 09:00", written)
        assert parse_scenario_text(text, "s.toml").start == datetime(2022, 11, 1, 9, 0)


def errors(text: str, name: str = "s.toml") -> InputError:
    with pytest.raises(InputError) as info:
        parse_scenario_text(text, name)
    return info.value


def test_unknown_key_is_rejected_by_name() -> None:
    err = errors(BASE_TOML + 'to_plann = "servers"\n')
    assert err.field == "to_plann"
    assert "to_plann" in str(err)


@pytest.mark.parametrize("written", ["2022-13-01 09:00", "01/11/2022 09:00", "2022-11-01",
                                     "yesterday", "2022-02-30 09:00"])
def test_malformed_date_is_rejected(written: str) -> None:
    err = errors(BASE_TOML.replace("2022-11-01 09:00", written))
    assert err.field == "start"


def test_date_of_the_wrong_type_is_rejected() -> None:
    assert errors(BASE_TOML.replace('"2022-11-01 09:00"', "20221101")).field == "start"


@pytest.mark.parametrize("key", ["paid", "pending"])
def test_negative_amount_is_rejected(key: str) -> None:
    err = errors(BASE_TOML + f'{key} = "-1.00"\n')
    assert err.field == key
    assert "negative" in str(err)


@pytest.mark.parametrize(
    ("line", "field"),
    [
        ('quantity = "3_0"', "quantity"),  # text reads as the command line reads it
        ("quantity = 10.0", "quantity"),
        ("quantity = true", "quantity"),
        ("to_quantity = 1.5", "to_quantity"),
        ("paid = 19.90", "paid"),  # a float never holds money
        ("paid = true", "paid"),
        ('paid = "19,90"', "paid"),
        ('paid = "NaN"', "paid"),
        ("to_plan = 5", "to_plan"),
        ("ip = [1, 2]", "ip"),
        ('auto_renew = "yes"', "auto_renew"),
        ("auto_renew = 1", "auto_renew"),
        ("version = 2", "version"),
    ],
)
def test_wrong_types_are_rejected(line: str, field: str) -> None:
    text = BASE_TOML.replace("quantity = 10\n", "") if field == "quantity" else BASE_TOML
    assert errors(text + line + "\n").field == field


def test_wrong_types_in_json() -> None:
    data: dict[str, Any] = json.loads(scenario_text(FULL, "a.json"))
    data["paid"] = 19.9
    assert errors(json.dumps(data), "a.json").field == "paid"
    data["paid"] = "19.90"
    data["quantity"] = "１０"  # text reads as the command line reads it: ASCII digits only
    assert errors(json.dumps(data), "a.json").field == "quantity"
    data["quantity"] = 10
    data["at"] = None
    assert errors(json.dumps(data), "a.json").field == "at"


@pytest.mark.parametrize("key", ["catalog", "plan", "cycle", "start", "at"])
def test_missing_required_key_is_rejected(key: str) -> None:
    data: dict[str, Any] = json.loads(scenario_text(FULL, "a.json"))
    del data[key]
    err = errors(json.dumps(data), "a.json")
    assert err.field == key
    assert "required" in str(err)


def test_not_an_object_or_not_valid_syntax() -> None:
    assert errors("[1, 2]", "a.json").field == "scenario"
    assert errors("{", "a.json").field == "scenario"
    assert errors('catalog = "ezeelogin', "a.toml").field == "scenario"


def test_scenario_builds_the_license_and_request(ezeelogin) -> None:  # type: ignore[no-untyped-def]
    lic = FULL.license(ezeelogin)
    assert lic.amount_paid.amount == Decimal("19.90")
    assert lic.unpaid.amount == Decimal("5.00")
    assert lic.quantity == 10
    req = FULL.request()
    assert (req.plan, req.cycle, req.quantity) == ("servers", "yearly", 16)
