"""One text, one answer: the command line, a scenario file, a license book and the form
read every count and amount alike (issue #12, point 10). Before, `--quantity 3_0` was 30
servers on the command line and a bad row in a book; `１２` and `٣` were read by int()."""

from __future__ import annotations

import csv
import io
import json
from datetime import datetime
from decimal import Decimal

import pytest

from lic_desktop.catalogs import load_catalog
from lic_desktop.cli.args import UsageError, build_parser
from lic_desktop.cli.dispatch import main
from lic_desktop.core.batch import BookPricer
from lic_desktop.core.periods import InputError
from lic_desktop.core.scenario import parse_scenario_text
from lic_desktop.present.editor import FormState, QuoteEditor

AT = "2022-11-16 00:23"
SEED = {"catalog": "ezeelogin", "plan": "servers", "quantity": "10", "cycle": "monthly",
        "start": "2022-11-01 09:00", "at": AT, "to_quantity": "16"}
HEADER = ["catalog", "plan", "quantity", "cycle", "start", "paid", "to_quantity"]

Answer = tuple[str, object]  # ("value", 12) or ("refused", what the message says)


class _View:
    def refresh(self, state: FormState) -> None:
        pass


def _refused(message: str) -> Answer:
    return ("refused", message)


def by_command_line(option: str, text: str) -> Answer:
    argv = ["quote"] + [x for key, value in SEED.items() if key not in ("quantity",)
                        for x in (f"--{key.replace('_', '-')}", value)]
    try:
        args = build_parser().parse_args([*argv, option, text])
    except UsageError as exc:
        return _refused(str(exc).split(f"argument {option}: ", 1)[1])
    value = getattr(args, option[2:].replace("-", "_"))
    if option == "--paid":  # kept as typed; the command reads it with the same parser
        from lic_desktop.core.scenario import parse_amount  # noqa: PLC0415

        try:
            return ("value", parse_amount("paid", value))
        except InputError as exc:
            return _refused(exc.message)
    return ("value", value)


def by_scenario_file(key: str, text: str) -> Answer:
    lines = [f"{name} = {json.dumps(value)}" for name, value in SEED.items()
             if name not in ("quantity", "to_quantity", key)]
    lines.append(f"{key} = {json.dumps(text)}")  # a JSON string is a TOML basic string
    try:
        scenario = parse_scenario_text("\n".join(lines) + "\n", "s.toml")
    except InputError as exc:
        return _refused(exc.message if exc.field == key else f"wrong field {exc.field}")
    return ("value", getattr(scenario, key))


def by_book(column: str, text: str, *, semicolons: bool = False) -> Answer:
    row = {**SEED, "paid": "", column: text}
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";" if semicolons else ",", lineterminator="\n")
    writer.writerow(HEADER)
    writer.writerow([row.get(name, "") for name in HEADER])
    pricer = BookPricer(datetime.fromisoformat(AT), load_catalog)
    priced = list(pricer.quotes(out.getvalue().splitlines()))
    if pricer.errors:
        (error,) = pricer.errors
        assert (error.line, error.field) == (2, column)
        return _refused(error.message)
    (_line, _catalog, result), = priced
    if column == "paid":
        lic, _request = pricer.license(dict(zip(HEADER, [row.get(n, "").strip()
                                                         for n in HEADER], strict=True)))
        assert lic.amount_paid is not None
        return ("value", lic.amount_paid.amount)
    return ("value", getattr(result, column))


def by_form(name: str, text: str) -> Answer:
    editor = QuoteEditor(_View(), now=lambda: datetime.fromisoformat(AT))
    seed = "\n".join(f"{key} = {value if key.endswith('quantity') else json.dumps(value)}"
                     for key, value in SEED.items())
    editor.load(parse_scenario_text(seed + "\n", "seed.toml"), None)
    editor.set_field(name, text)
    error = editor.state.errors.get(name)
    if error is not None:
        assert editor.state.stale
        return _refused(error)
    if name == "paid":
        return ("value", editor.scenario().paid)
    return ("value", getattr(editor.inputs, name))


COUNTS = ["12", " 12", "+3", "007", "3_0", "１２", "٣", "²", "1 2", "0", "-0", "-2", "1e3",
          "1.5", "nan", "inf", "7" * 5000]


@pytest.mark.parametrize("text", COUNTS)
def test_every_front_end_reads_a_count_alike(text: str) -> None:
    answers = {
        "command line": by_command_line("--to-quantity", text),
        "scenario file": by_scenario_file("to_quantity", text),
        "book": by_book("to_quantity", text),
        "form": by_form("to_quantity", text),
    }
    assert len(set(answers.values())) == 1, answers


@pytest.mark.parametrize("text", ["3_0", "１２", "٣", "0"])
def test_what_the_issue_names_is_refused_by_the_command_line(text: str) -> None:
    kind, answer = by_command_line("--to-quantity", text)
    assert kind == "refused", answer  # 3_0 was 30, １２ was 12, ٣ was 3
    if text == "0":
        assert answer == "must be at least 1"


AMOUNTS = ["19.90", " 19.90", "+5", "0", "-0", "-0.00", "-1", "1e3", "1E3", "nan", "NaN",
           "inf", "Infinity", "3_0", "１２", "٣", "1 2", "$19.90", "0." + "1" * 13,
           "9" * 5000]


def test_every_front_end_reads_an_amount_alike() -> None:
    # One test over them all: most already agreed, "-0" did not (it was -$0.00 USD).
    for text in AMOUNTS:
        answers = {
            "command line": by_command_line("--paid", text),
            "scenario file": by_scenario_file("paid", text),
            "book": by_book("paid", text),
            "form": by_form("paid", text),
        }
        # The form's hint names "a decimal mark" where files say "a point": what is
        # wrong (before the hint in brackets) is the same.
        assert len({(kind, str(said).split(" (")[0])
                    for kind, said in answers.values()}) == 1, answers
        assert len({said for kind, said in answers.values() if kind == "value"}) <= 1, \
            answers
        kind, value = answers["form"]
        if kind == "value":
            assert isinstance(value, Decimal)
            assert not value.is_signed(), text  # "-0" showed as "-$0.00 USD"
    # The form (any language) and a spreadsheet saved with semicolons read "19,90";
    # files and the command line write a point.
    assert by_form("paid", "19,90") == by_book("paid", "19,90", semicolons=True) \
        == ("value", Decimal("19.90"))


def test_minus_zero_paid_shows_zero_on_the_command_line(
        capsys: pytest.CaptureFixture[str]) -> None:
    argv = ["quote"] + [x for key, value in SEED.items()
                        for x in (f"--{key.replace('_', '-')}", value)]
    assert main([*argv, "--paid", "-0"]) == 0
    out = capsys.readouterr().out
    assert "-$" not in out
    assert "Amount\t$0.00 USD" in out


@pytest.mark.parametrize(("option", "key", "says"), [
    ("--to-plan", "to_plan", "leave it out for the current plan, or name a plan"),
    ("--to-cycle", "to_cycle", "leave it out for the current billing cycle"),
])
def test_an_empty_plan_or_cycle_is_refused_alike_never_the_default(
        option: str, key: str, says: str) -> None:
    cli = by_command_line(option, "")
    file = by_scenario_file(key, "")
    assert cli == file
    assert cli[0] == "refused"
    assert says in str(cli[1])


@pytest.mark.parametrize("argv", [
    ["plan", "--until", ""],
    ["quote", "--to-plan", ""],
    ["quote", "--to-cycle", " "],
    ["quote", "--quantity", ""],
    ["quote", "--paid", ""],
    ["store", "check-upgrade", "--to-quantity", "0"],
    ["store", "check-upgrade", "--to-plan", ""],
])
def test_an_empty_or_zero_option_is_one_line_naming_it(
        capsys: pytest.CaptureFixture[str], argv: list[str]) -> None:
    command, *rest = argv
    if command == "store":
        full = ["store", "check-upgrade", "--url", "http://127.0.0.1:9", "--identifier",
                "x", "--service", "1", *rest[1:]]
    else:
        full = [command] + [x for key, value in SEED.items()
                            for x in (f"--{key.replace('_', '-')}", value)] + rest
    assert main(full) == 2
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1
    option = next(x for x in rest if x.startswith("--"))
    assert f"argument {option}: " in err
    assert "is empty: leave it out" in err or "must be at least 1" in err


@pytest.mark.parametrize("written", ["0.0000001", "0.000000100000"])
def test_a_files_small_amount_opens_in_the_form_as_an_amount(written: str) -> None:
    # str(Decimal("0.0000001")) is "1E-7": the window opened the file with the amount
    # paid marked as unreadable, in a text the file never held.
    seed = "\n".join(f"{key} = {value if key.endswith('quantity') else json.dumps(value)}"
                     for key, value in SEED.items())
    text = f'{seed}\npaid = "{written}"\n'
    editor = QuoteEditor(_View(), now=lambda: datetime.fromisoformat(AT))
    from lic_desktop.present.scenario_file import read_scenario_file  # noqa: PLC0415

    inputs = read_scenario_file(text, "s.toml", editor.catalog, datetime.fromisoformat(AT))
    assert "paid" not in inputs.field_errors()
    assert inputs.paid is not None
    assert "E" not in inputs.paid
    assert Decimal(inputs.paid) == Decimal(written)
    # A scenario saved again keeps it as digits.
    assert "E" not in parse_scenario_text(text, "s.toml").to_data()["paid"]
