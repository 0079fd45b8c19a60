"""Money (SPEC.md C7) and the one rounding function (C5, C6): half-up to the minor unit."""

from __future__ import annotations

from decimal import Decimal

import pytest

from lic_desktop.core.money import CurrencyMismatchError, Money, max_money, round_money


def usd(text: str) -> Money:
    return Money(Decimal(text), "USD")


# --- construction ------------------------------------------------------------------


def test_decimal_and_int_amounts_are_accepted() -> None:
    assert Money(Decimal("19.90"), "USD").amount == Decimal("19.90")
    assert Money(5, "USD").amount == Decimal(5)
    assert isinstance(Money(5, "USD").amount, Decimal)


def test_float_amount_is_refused() -> None:
    with pytest.raises(TypeError):
        Money(19.9, "USD")  # type: ignore[arg-type]


@pytest.mark.parametrize("flag", [True, False])
def test_bool_amount_is_refused(flag: bool) -> None:
    with pytest.raises(TypeError):
        Money(flag, "USD")


def test_string_amount_is_refused() -> None:
    with pytest.raises(TypeError):
        Money("19.90", "USD")  # type: ignore[arg-type]


def test_multiplying_by_a_float_is_refused() -> None:
    with pytest.raises(TypeError):
        usd("1.99") * 1.5  # type: ignore[operator]


def test_multiplying_by_a_bool_is_refused() -> None:
    with pytest.raises(TypeError):
        usd("1.99") * True


def test_non_finite_amount_is_refused() -> None:
    with pytest.raises(ValueError, match="finite"):
        Money(Decimal("NaN"), "USD")
    with pytest.raises(ValueError, match="finite"):
        Money(Decimal("Infinity"), "USD")


@pytest.mark.parametrize("code", ["usd", "US", "USDX", "U$D", ""])
def test_currency_must_look_like_iso_4217(code: str) -> None:
    with pytest.raises(ValueError, match="ISO 4217"):
        Money(Decimal(1), code)


def test_money_is_immutable() -> None:
    money = usd("1.00")
    with pytest.raises(AttributeError):
        money.amount = Decimal(2)  # type: ignore[misc]


# --- arithmetic --------------------------------------------------------------------


def test_add_subtract_negate_multiply() -> None:
    assert usd("31.84") - usd("10.61") == usd("21.23")
    assert usd("10.61") + usd("21.23") == usd("31.84")
    assert -usd("10.61") == usd("-10.61")
    # 1.99 * 16 = 31.84, from either side
    assert usd("1.99") * 16 == usd("31.84")
    assert 16 * usd("1.99") == usd("31.84")
    assert usd("1.99") * Decimal("0.5") == usd("0.995")


@pytest.mark.parametrize(
    "operation",
    [
        lambda a, b: a + b,
        lambda a, b: a - b,
        lambda a, b: a < b,
        lambda a, b: a <= b,
        lambda a, b: a > b,
        lambda a, b: a >= b,
    ],
)
def test_mixed_currencies_are_refused(operation) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(CurrencyMismatchError):
        operation(usd("1.00"), Money(Decimal("1.00"), "EUR"))


def test_currency_mismatch_is_a_value_error() -> None:
    assert issubclass(CurrencyMismatchError, ValueError)


def test_adding_a_plain_number_is_refused() -> None:
    with pytest.raises(TypeError):
        usd("1.00") + Decimal(1)  # type: ignore[operator]
    with pytest.raises(TypeError):
        usd("1.00") + 1  # type: ignore[operator]


def test_sum_of_money() -> None:
    # 19.90 + 11.94 + 0.01 = 31.85
    assert sum([usd("19.90"), usd("11.94"), usd("0.01")]) == usd("31.85")
    assert sum([usd("2.50")]) == usd("2.50")


def test_sum_of_mixed_currencies_is_refused() -> None:
    with pytest.raises(CurrencyMismatchError):
        sum([usd("1.00"), Money(Decimal("1.00"), "EUR")])


def test_comparisons_and_truth() -> None:
    assert usd("10.61") < usd("21.23")
    assert usd("10.61") <= usd("10.61")
    assert usd("21.23") > usd("10.61")
    assert usd("21.23") >= usd("21.23")
    assert not Money.zero("USD")
    assert usd("0.01")
    assert usd("-0.01").is_negative()
    assert not Money.zero("USD").is_negative()
    assert max_money(usd("1.33"), usd("0.00")) == usd("1.33")
    assert max_money(usd("-9.28"), usd("0.00")) == usd("0.00")


def test_parse() -> None:
    assert Money.parse(" 19.90 ", "USD") == usd("19.90")
    with pytest.raises(ValueError, match="not a number"):
        Money.parse("19,90", "USD")
    with pytest.raises(ValueError, match="not a number"):
        Money.parse("NaN", "USD")


# --- rounding ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "rounded"),
    [
        ("10.605", "10.61"),  # half-up; half-even would give 10.60
        ("10.615", "10.62"),
        ("10.6049", "10.60"),
        ("10.6133", "10.61"),  # 19.90 * 16 / 30
        ("56.715", "56.72"),
        ("170.145", "170.15"),  # half-even would give 170.14
        ("-0.005", "-0.01"),  # half away from zero
        ("-0.004", "0.00"),
        ("0.005", "0.01"),
        ("7", "7.00"),
    ],
)
def test_round_money_half_up_two_decimals(raw: str, rounded: str) -> None:
    result = round_money(usd(raw), 2)
    assert result == usd(rounded)
    assert result.amount.as_tuple().exponent == -2
    assert result.currency == "USD"


@pytest.mark.parametrize(
    ("raw", "rounded"),
    [("2.5", "3"), ("3.5", "4"), ("2.4999", "2"), ("-2.5", "-3"), ("1254.6", "1255")],
)
def test_round_money_zero_decimals_jpy(raw: str, rounded: str) -> None:
    # half-even would give 2 for 2.5: the engine must not
    result = round_money(Money(Decimal(raw), "JPY"), 0)
    assert result == Money(Decimal(rounded), "JPY")
    assert result.amount.as_tuple().exponent == 0


@pytest.mark.parametrize(
    ("raw", "rounded"),
    [("1.2345", "1.235"), ("1.2355", "1.236"), ("1.23449", "1.234"), ("-1.2345", "-1.235")],
)
def test_round_money_three_decimals_kwd(raw: str, rounded: str) -> None:
    result = round_money(Money(Decimal(raw), "KWD"), 3)
    assert result == Money(Decimal(rounded), "KWD")
    assert result.amount.as_tuple().exponent == -3


def test_round_money_refuses_negative_digits() -> None:
    with pytest.raises(ValueError, match="decimals"):
        round_money(usd("1.00"), -1)
