"""`lic-desktop plan` in its three formats."""

from __future__ import annotations

import csv
import io
import json

import pytest

from lic_desktop.cli import main
from tests.conftest import SCENARIOS

SEED = ["plan", "--scenario", str(SCENARIOS / "seed-upgrade.toml")]


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_json_plan(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, *SEED, "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert data["best_date"] == "2022-12-01"
    assert data["due_date"] == "2022-12-01"
    assert data["horizon"] == "2023-01-01"
    assert data["advice"] == "due_date"
    assert data["days"][0] == {
        "date": "2022-11-16", "time": "00:23", "charged_now": "21.23",
        "account_credit": "0.00", "new_expiry": "2022-12-16",
        "cash_through_horizon": "53.07", "cost_through_horizon": "38.03",
        "best": False, "due_date": False}
    assert data["days"][-1]["due_date"] is True
    assert data["days"][-1]["charged_now"] == "31.84"


def test_csv_plan_matches_json(capsys: pytest.CaptureFixture[str]) -> None:
    _, as_json, _ = run(capsys, *SEED, "--format", "json")
    code, as_csv, _ = run(capsys, *SEED, "--format", "csv")
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(as_csv)))
    days = json.loads(as_json)["days"]
    assert len(rows) == len(days) == 17
    for row, day in zip(rows, days, strict=True):
        assert row["charged_now"] == day["charged_now"]
        assert row["cost_through_horizon"] == day["cost_through_horizon"]
        assert (row["best"] == "yes") == day["best"]


def test_text_plan_starts_with_the_advice(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, *SEED)
    assert code == 0
    assert out.startswith("Change on Dec 1, 2022 (the due date)")
    assert "\t<- due date" in out
    # Every date in the advice written as the table below it writes them (issue 11: the
    # advice said "2022-12-01" above a table of "Dec 1, 2022").
    advice = out.split("\n\n")[0]
    assert advice.endswith("Changing on Nov 16, 2022 instead costs $6.48 USD more through "
                           "Jan 1, 2023.")
    assert "\nDec 1, 2022 09:00\t" in out


def test_until_extends_past_the_due_date(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, *SEED, "--until", "2023-01-31 00:00", "--format", "json")
    assert code == 0
    days = json.loads(out)["days"]
    assert days[-1]["date"] == "2023-01-30"
    assert len(days) == 77  # Nov 16 .. Jan 30 at 00:23, plus the due date itself


def test_until_before_the_change_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, *SEED, "--until", "2022-11-01 00:00")
    assert code == 2
    assert out == ""
    assert err.startswith("lic-desktop: --until:")
