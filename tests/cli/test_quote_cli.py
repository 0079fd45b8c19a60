"""`lic-desktop quote` and `lic-desktop catalogs`, run as a user would."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from lic_desktop.cli import main
from lic_desktop.cli.args import build_parser
from lic_desktop.cli.dispatch import with_command
from tests.conftest import FIXTURES, SCENARIOS

SEED_UPGRADE = ["quote", "--catalog", "ezeelogin", "--plan", "servers", "--quantity", "10",
                "--cycle", "monthly", "--start", "2022-11-01 09:00", "--at", "2022-11-16 00:23",
                "--to-quantity", "16", "--ip", "172.23.44.240"]


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def pane(text: str, title: str) -> list[str]:
    """The lines of the pane titled `title` in `quote --format text` output."""
    blocks = [b.splitlines() for b in text.split("\n\n")]
    return next(b for b in blocks if b[0] == title)


def article(name: str) -> list[str]:
    return (FIXTURES / f"article_{name}.txt").read_text(encoding="utf-8").splitlines()


def without_id(lines: list[str]) -> list[str]:
    return [x for x in lines if not x.startswith(("ID\t", "Created\t"))]


@pytest.mark.parametrize(("case", "quantity"), [("upgrade", "16"), ("downgrade", "6")])
def test_text_reproduces_the_article_panes(capsys: pytest.CaptureFixture[str], case: str,
                                           quantity: str) -> None:
    argv = [*SEED_UPGRADE]
    argv[argv.index("--to-quantity") + 1] = quantity
    code, out, err = run(capsys, *argv)
    assert (code, err) == (0, "")
    assert without_id(pane(out, "Order details")) == without_id(article(f"{case}_order_details"))
    after = pane(out, "Current billing after the change")
    assert after[1:] == article(f"{case}_current_billing")[1:]


def test_scenario_file_gives_the_same_quote_as_the_options(
        capsys: pytest.CaptureFixture[str]) -> None:
    _, by_options, _ = run(capsys, *SEED_UPGRADE)
    code, by_file, err = run(capsys, "quote", "--scenario", str(SCENARIOS / "seed-upgrade.toml"))
    assert (code, err) == (0, "")
    assert by_file == by_options


def test_options_override_the_scenario_file(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "quote", "--scenario", str(SCENARIOS / "seed-upgrade.toml"),
                       "--to-quantity", "6", "--format", "json")
    assert code == 0
    # 6 x 1.99 = 11.94; 11.94 - 10.61 = 1.33 (the article's downgrade)
    assert json.loads(out)["order"]["first_bill_amount"] == "1.33"


def test_json_has_the_contract_keys(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, *SEED_UPGRADE, "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert {"policy", "change", "blocked", "reason", "current_billing", "order", "new_billing",
            "next_invoice", "total_due", "processes"} <= data.keys()
    assert {"type", "amount", "grand_total", "deduction", "first_bill_amount", "account_credit",
            "due_now", "effective_date", "refund_estimate"} <= data["order"].keys()
    assert data["policy"] == "reset"
    assert data["change"] == "upgrade"
    assert data["blocked"] is False
    assert data["current_billing"] == {
        "amount": "19.90", "start_date": "2022-11-01", "end_date": "2022-12-01",
        "days_total": 30, "days_used": 14, "days_remaining": 16, "amount_remaining": "10.61"}
    assert data["order"]["grand_total"] == "31.84"
    assert data["order"]["deduction"] == "10.61"
    assert data["order"]["first_bill_amount"] == "21.23"
    assert data["order"]["due_now"] == "21.23"
    assert data["new_billing"]["start_date"] == "2022-11-16"
    assert data["new_billing"]["end_date"] == "2022-12-16"
    assert data["total_due"] == "21.23"
    assert data["processes"] is None


def test_a_blocked_quote_exits_0_and_says_why(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, *SEED_UPGRADE, "--pending", "19.90", "--format", "json")
    data = json.loads(out)
    assert code == 0
    assert data["blocked"] is True
    assert "unpaid invoice" in data["reason"]
    assert data["total_due"] == "41.13"  # 19.90 unpaid + 21.23 for the change
    code, text, _ = run(capsys, *SEED_UPGRADE, "--pending", "19.90")
    assert text.startswith("Blocked: an unpaid invoice of $19.90 USD")


def test_difference_policy_shows_processes_and_commands(
        capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "quote", "--catalog", "litespeed", "--plan", "1-cpu", "--cycle",
                       "monthly", "--start", "2022-11-01 09:00", "--at", "2022-11-16 00:23",
                       "--to-plan", "4-cpu")
    assert code == 0
    order = pane(out, "Order details")
    # (56.00 - 36.00) x 16 / 30 = 10.6667 -> 10.67
    assert "Charged now\t$10.67 USD" in order
    assert "lshttpd processes\t5" in order
    assert "Fetch the new key now\t/usr/local/lsws/bin/lshttpd -r" in order
    assert "Then restart\t/usr/local/lsws/bin/lswsctrl restart" in order


BAD_INPUTS = [
    (["--catalog", "nosuch"], "catalog"),
    (["--plan", "gold"], "--plan"),
    (["--cycle", "weekly"], "--cycle"),
    (["--quantity", "0"], "--quantity"),
    (["--to-quantity", "0"], "--to-quantity"),
    (["--quantity", "ten"], "--quantity"),
    (["--start", "2022-13-01 09:00"], "--start"),
    (["--at", "16/11/2022"], "--at"),
    (["--at", "2022-10-01 00:00"], "--at"),  # before the period start
    (["--paid", "-1"], "--paid"),
    (["--paid", "19.999"], "--paid"),  # more decimals than USD has
    (["--paid", "$19.90"], "--paid"),
    (["--pending", "abc"], "--pending"),
    (["--format", "xml"], "--format"),
    (["--paid", "99999999999999999999999999999"], "--paid"),
    (["--paid", "1e999999999"], "--paid"),
    (["--quantity", "100000000000000000000000000"], "--quantity"),
    (["--start", "9999-12-15 00:00"], "--start"),
    (["--ip", "garbage<>"], "--ip"),
    (["--catalog", ""], "catalog"),
]


@pytest.mark.parametrize(("change", "field"), BAD_INPUTS)
def test_bad_input_exits_2_with_one_line_naming_the_field(
        capsys: pytest.CaptureFixture[str], change: list[str], field: str) -> None:
    argv = [*SEED_UPGRADE]
    for option, value in zip(change[::2], change[1::2], strict=True):
        if option in argv:
            argv[argv.index(option) + 1] = value
        else:
            argv += [option, value]
    code, out, err = run(capsys, *argv)
    assert code == 2
    assert out == ""
    assert len(err.strip().splitlines()) == 1
    assert field in err
    assert "Traceback" not in err


def test_missing_required_option(capsys: pytest.CaptureFixture[str]) -> None:
    argv = [x for x in SEED_UPGRADE if x not in ("--at", "2022-11-16 00:23")]
    code, _, err = run(capsys, *argv)
    assert code == 2
    assert "--at" in err
    assert "required" in err


def test_broken_catalog_file_names_file_and_key(capsys: pytest.CaptureFixture[str],
                                                tmp_path: Path) -> None:
    broken = tmp_path / "reseller.toml"
    broken.write_text('[catalog]\nname = "r"\ncurrency = "USD"\npolicy = "reset"\n'
                      '[cycles.monthly]\nmonths = 1\n[plans.servers]\nunit_price = 1.99\n')
    argv = [*SEED_UPGRADE]
    argv[argv.index("--catalog") + 1] = str(broken)
    code, _, err = run(capsys, *argv)
    assert code == 2
    assert str(broken) in err
    assert "plans.servers.unit_price" in err


def test_bad_scenario_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    bad = tmp_path / "s.json"
    bad.write_text('{"catalog": "ezeelogin", "plan": "servers", "cycle": "monthly", '
                   '"start": "2022-11-01 09:00", "at": "2022-11-16 00:23", "quantiy": 3}')
    code, _, err = run(capsys, "quote", "--scenario", str(bad))
    assert code == 2
    assert "quantiy" in err


def test_catalogs_lists_plans_and_cycles(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "catalogs", "--format", "json")
    assert code == 0
    data = {c["name"]: c for c in json.loads(out)}
    assert set(data) == {"ezeelogin", "litespeed"}
    assert [c["key"] for c in data["ezeelogin"]["cycles"]] == \
        ["monthly", "quarterly", "half_yearly", "yearly"]
    assert [p["key"] for p in data["litespeed"]["plans"]] == \
        ["vps", "1-cpu", "2-cpu", "4-cpu", "8-cpu"]
    # The labels in other languages, beside the portal's own (README, "Catalogs").
    assert data["ezeelogin"]["cycles"][0]["labels"] == \
        {"de": "Monatlich (kein Rabatt)", "fr": "Mensuel (sans remise)"}
    assert data["ezeelogin"]["translations"]["quantity_label"] == \
        {"de": "Server", "fr": "Serveurs"}
    code, text, _ = run(capsys, "catalogs")
    assert "ezeelogin: Ezeelogin SSH jump server (USD, reset policy)" in text


def test_module_entry_point_never_prints_a_traceback() -> None:
    done = subprocess.run([sys.executable, "-m", "lic_desktop", "quote", "--catalog",
                           "ezeelogin"], capture_output=True, text=True, check=False)
    assert done.returncode == 2
    assert "Traceback" not in done.stderr
    assert done.stderr.strip().startswith("lic-desktop:")


@pytest.mark.parametrize(("content", "field"), [
    ('start = 2022-11-01T09:00:00+05:00', "start"),  # C1: no time zones
    ('start = "2022-11-01 09:00"\nversion = true', "version"),
    ('start = "2022-11-01 09:00"\npaid = "1e40"', "paid"),
])
def test_bad_scenario_values_exit_2(capsys: pytest.CaptureFixture[str], tmp_path: Path,
                                    content: str, field: str) -> None:
    path = tmp_path / "s.toml"
    path.write_text('catalog = "ezeelogin"\nplan = "servers"\ncycle = "monthly"\n'
                    f'at = "2022-11-16 00:23"\n{content}\n', encoding="utf-8")
    code, _, err = run(capsys, "quote", "--scenario", str(path))
    assert code == 2
    assert f"--{field}" in err or f"{field}:" in err


def test_a_catalog_price_in_exponent_form_is_refused(capsys: pytest.CaptureFixture[str],
                                                     tmp_path: Path) -> None:
    path = tmp_path / "r.toml"
    path.write_text('[catalog]\nname = "r"\ncurrency = "USD"\npolicy = "reset"\n'
                    '[cycles.monthly]\nmonths = 1\n[plans.servers]\nunit_price = "1e30"\n')
    code, _, err = run(capsys, "catalogs", "--catalog", str(path))
    assert code == 2
    assert "plans.servers.unit_price" in err


def test_a_catalog_with_a_byte_order_mark_loads(capsys: pytest.CaptureFixture[str],
                                                tmp_path: Path) -> None:
    path = tmp_path / "bom.toml"
    embedded = Path(__file__).resolve().parents[2] / "resources" / "catalogs" / "ezeelogin.toml"
    path.write_bytes(b"\xef\xbb\xbf" + embedded.read_bytes())
    code, out, _ = run(capsys, "catalogs", "--catalog", str(path))
    assert code == 0
    assert "ezeelogin" in out


def test_catalogs_text_lines_up_and_formats_money(capsys: pytest.CaptureFixture[str]) -> None:
    code, text, _ = run(capsys, "catalogs", "--catalog", "ezeelogin", "--locale", "en_US")
    assert code == 0
    cycles = text.split("  cycles:\n")[1].splitlines()[:4]
    # Labels start in one column, past the longest key ("half_yearly").
    assert len({line.index(label) for line, label in zip(
        cycles, ["Monthly", "Quarterly", "Half-yearly", "Yearly"], strict=True)}) == 1
    assert "    servers      Servers  $1.99 USD a server a month (at least 1)" in text
    assert "(6 months, 10% off)" in text


def test_catalogs_text_speaks_the_locale(capsys: pytest.CaptureFixture[str]) -> None:
    code, text, _ = run(capsys, "catalogs", "--catalog", "litespeed", "--locale", "de_DE")
    assert code == 0
    assert "  Tarife:\n" in text
    assert "(USD, Regel „Differenz“)" in text  # the policy's name translated too
    assert "Bearbeitungsgebühr 25,00\u00a0$" in text
    assert "owned 1.099,00\u00a0$" in text
    assert "(Einmalkauf)" in text


def test_options_before_the_command_are_taken_as_its_own(
        capsys: pytest.CaptureFixture[str]) -> None:
    seed = str(SCENARIOS / "seed-upgrade.toml")
    after = run(capsys, "quote", "--scenario", seed, "--locale", "de_DE")
    before = run(capsys, "--locale", "de_DE", "quote", "--scenario", seed)
    assert before == after
    assert before[0] == 0
    assert "21,23" in before[1]


def test_a_mistyped_option_is_named_with_its_command_and_the_likely_fix(
        capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "quote", "--scenario", str(SCENARIOS / "seed-upgrade.toml"),
                       "--to-quantiy", "5")
    assert code == 2
    assert err.strip() == ("lic-desktop quote: unrecognized arguments: --to-quantiy (did you "
                           "mean --to-quantity?) 5")


def test_a_day_the_calendar_does_not_have_is_named_as_such(
        capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "quote", "--scenario", str(SCENARIOS / "seed-upgrade.toml"),
                       "--start", "2022-11-31 09:00")
    assert code == 2
    assert err.startswith("lic-desktop: --start: '2022-11-31 09:00' is no such date or time")


def test_an_unknown_catalog_is_named_by_its_option(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "quote", "--scenario", str(SCENARIOS / "seed-upgrade.toml"),
                       "--catalog", "ezeelogn")
    assert code == 2
    assert err.startswith("lic-desktop: --catalog: 'ezeelogn' is neither an embedded catalog")


@pytest.mark.parametrize(("argv", "expected"), [
    (["--locale", "de_DE", "quote", "--plan", "x"], ["quote", "--locale", "de_DE", "--plan", "x"]),
    (["--customer", "quote", "plan", "--catalog", "e"],
     ["plan", "--customer", "quote", "--catalog", "e"]),
    (["--scenario", "plan"], ["gui", "--scenario", "plan"]),  # a file named "plan"
    (["--auto-renew", "quote"], ["quote", "--auto-renew"]),  # a flag takes no value
    ([], ["gui"]), (["--help"], ["--help"]), (["batch", "b.csv"], ["batch", "b.csv"]),
])
def test_the_command_word_is_found_past_option_values(argv: list[str],
                                                      expected: list[str]) -> None:
    assert with_command(argv, build_parser()) == expected
