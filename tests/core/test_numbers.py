"""core.numbers: the one reading of whole numbers, amounts and empty values (issue #12,
point 10). Expected values come from the issue's rules, not from the code's output."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lic_desktop.core.numbers import (
    MAX_QUANTITY,
    format_amount,
    parse_amount,
    parse_quantity,
    parse_whole,
)
from lic_desktop.core.numbers import given as given_value
from lic_desktop.core.periods import InputError

FIVE_THOUSAND_DIGITS = "7" * 5000

WHOLE_ACCEPTED = [
    ("12", 12),
    (" 12", 12),  # space around a value is no part of it
    ("12 ", 12),
    ("+3", 3),
    ("007", 7),
    ("1000000", 1_000_000),
]

WHOLE_REFUSED = [
    ("3_0", "not a whole number"),  # int() reads 30
    ("１２", "not a whole number"),  # full-width digits: int() reads 12
    ("٣", "not a whole number"),  # Arabic-Indic three: int() reads 3
    ("²", "not a whole number"),
    ("1 2", "not a whole number"),
    ("1e3", "not a whole number"),
    ("1.5", "not a whole number"),
    ("0x10", "not a whole number"),
    ("-2", "not a whole number"),
    ("-0", "not a whole number"),
    ("nan", "not a whole number"),
    ("inf", "not a whole number"),
    ("0", "must be at least 1"),
    ("1000001", "must be at most 1,000,000"),
    (FIVE_THOUSAND_DIGITS, "must be at most 1,000,000"),
    ("", "is empty"),
    ("   ", "is empty"),
]


@pytest.mark.parametrize(("text", "value"), WHOLE_ACCEPTED)
def test_a_quantity_of_plain_digits_is_read(text: str, value: int) -> None:
    assert parse_quantity("quantity", text) == value


@pytest.mark.parametrize(("text", "problem"), WHOLE_REFUSED)
def test_a_quantity_that_is_not_plain_digits_in_range_is_refused_naming_the_field(
        text: str, problem: str) -> None:
    with pytest.raises(InputError) as info:
        parse_quantity("quantity", text)
    assert info.value.field == "quantity"
    assert problem in info.value.message
    assert len(info.value.message) < 200  # a 5,000-digit text is not echoed whole


def test_a_number_with_no_bound_of_its_own_is_too_large_before_pythons_limit() -> None:
    with pytest.raises(InputError) as info:
        parse_whole("service", FIVE_THOUSAND_DIGITS, low=1)
    assert "too large" in info.value.message
    assert len(info.value.message) < 200


@pytest.mark.parametrize(("text", "comma", "value"), [
    ("19.90", False, Decimal("19.90")),
    (" 19.90 ", False, Decimal("19.90")),
    ("19", False, Decimal(19)),
    ("+5.00", False, Decimal("5.00")),
    ("0", False, Decimal(0)),
    ("19,90", True, Decimal("19.90")),  # where the language writes a decimal comma
    ("19.90", True, Decimal("19.90")),
])
def test_an_amount_is_read(text: str, comma: bool, value: Decimal) -> None:
    assert parse_amount("paid", text, comma=comma) == value


@pytest.mark.parametrize("text", ["-0", "-0.00", "-0,0"])
def test_minus_zero_is_zero_never_a_negative_amount(text: str) -> None:
    value = parse_amount("paid", text, comma=True)
    assert value == 0
    assert not value.is_signed()  # it showed as "-$0.00 USD"


@pytest.mark.parametrize(("text", "comma", "problem"), [
    ("19,90", False, "not an amount"),  # a file or the command line: a point
    ("1e3", False, "not an amount"),
    ("1E3", True, "not an amount"),
    ("nan", False, "not an amount"),
    ("NaN", True, "not an amount"),
    ("inf", False, "not an amount"),
    ("Infinity", True, "not an amount"),
    ("3_0", False, "not an amount"),
    ("１２", True, "not an amount"),
    ("٣", True, "not an amount"),
    ("1 2", False, "not an amount"),
    ("$19.90", False, "not an amount"),
    ("1,000", True, "could mean a thousand or one"),
    ("-1", False, "must not be negative"),
    ("9" * 13, False, "not an amount"),
    ("0." + "1" * 13, False, "more than 12 digits after"),
    (FIVE_THOUSAND_DIGITS, False, "not an amount"),
    ("", False, "is empty"),
])
def test_an_amount_that_is_not_plain_is_refused_naming_the_field(
        text: str, comma: bool, problem: str) -> None:
    with pytest.raises(InputError) as info:
        parse_amount("pending", text, comma=comma)
    assert info.value.field == "pending"
    assert problem in info.value.message
    assert len(info.value.message) < 200


@pytest.mark.parametrize(("field", "says"), [
    ("to_plan", "leave it out for the current plan, or name a plan"),
    ("to_cycle", "leave it out for the current billing cycle"),
    ("until", "leave it out to plan up to the due date"),
    ("paid", "leave it out for the catalog price"),
])
def test_an_empty_value_given_explicitly_says_how_to_get_the_default(field: str,
                                                                      says: str) -> None:
    with pytest.raises(InputError) as info:
        given_value(field, " ")
    assert info.value.field == field
    assert info.value.message.startswith("is empty: ")
    assert says in info.value.message


def test_the_quantity_bound_is_the_engines() -> None:
    from lic_desktop.core.quote import MAX_QUANTITY as ENGINE_MAX  # noqa: PLC0415

    assert MAX_QUANTITY == ENGINE_MAX


def test_a_small_amount_is_kept_without_an_exponent() -> None:
    # str(Decimal("0.0000001")) is "1E-7", which no amount field reads back.
    value = parse_amount("paid", "0.0000001")
    assert format_amount(value) == "0.0000001"


# Any text: the number characters, the separators and signs, other scripts' digits,
# spaces and anything else.
TEXTS = st.text(alphabet=st.sampled_from("0123456789+-.,_ eE\t１٣²nafiINFx\u00a0"),
                max_size=30) | st.text(max_size=30)


@settings(max_examples=200, deadline=None)
@given(TEXTS)
def test_a_whole_number_reads_back_from_its_ascii_rendering_or_is_an_input_error(
        text: str) -> None:
    for low, high in ((1, MAX_QUANTITY), (None, None), (0, 65535)):
        try:
            value = parse_whole("n", text, low=low, high=high)
        except InputError:
            continue
        rendered = str(value)
        assert rendered.isascii()
        assert parse_whole("n", rendered, low=low, high=high) == value


@settings(max_examples=200, deadline=None)
@given(TEXTS, st.booleans())
def test_an_amount_reads_back_from_its_ascii_rendering_or_is_an_input_error(
        text: str, comma: bool) -> None:
    try:
        value = parse_amount("paid", text, comma=comma)
    except InputError:
        return
    rendered = format_amount(value)
    assert rendered.isascii()
    assert parse_amount("paid", rendered, comma=comma) == value
    assert parse_amount("paid", rendered) == value  # a file reads what a field kept
    assert not value.is_signed()
