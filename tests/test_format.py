"""Swedish numbers: components.common.format.swedish_decimal must give exactly what babel gives (it replaces
babel's format_decimal on the hot path: a lägesbild formats every value of every series)."""

import random
from decimal import Decimal

import numpy as np
import pytest
from babel.numbers import format_decimal

from components.common.format import MISSING, number, swedish_decimal
from components.lagesbild.indicator_text import figure

PRECISIONS = [(0, 0), (0, 1), (0, 3), (1, 1), (2, 2), (1, 3)]
EDGES = [
    0,
    0.0,
    -0.0,
    1,
    -1,
    0.5,
    1.5,
    2.5,
    0.0005,
    0.0015,
    -0.0004,
    -0.0005,
    999.9995,
    999999.9996,
    1e15,
    1.23e-7,
    123456789.123456,
    33.704,
    0.05,
    0.15,
    0.25,
    2**53,
    -(2**40) + 0.5,
    np.float64(0.1) + np.float64(0.2),
    np.int64(1234567),
    np.int32(-5),
    np.float32(1.1),
    Decimal("1234.5000"),
    Decimal("-0.00049"),
    1e21,
    1e27,
    float("inf"),
    float("-inf"),
]


def babel(value, low: int, high: int) -> str:
    digits = "0" * low + "#" * (high - low)
    return format_decimal(value, format="#,##0" + ("." + digits if digits else ""), locale="sv_SE")


def outcome(function, *args) -> str:
    """The text, or the exception's name (beyond 28 digits both babel and the fast path give up alike)."""
    try:
        return function(*args)
    except ArithmeticError as exc:
        return type(exc).__name__


def test_swedish_decimal_is_babels_format_decimal():
    rng = random.Random(7)
    values = (
        EDGES
        + [rng.uniform(-1e7, 1e7) for _ in range(400)]
        + [round(rng.uniform(0, 1e4), rng.randint(0, 6)) for _ in range(400)]
        + [rng.randint(-(10**9), 10**9) for _ in range(100)]
        + [rng.random() / 10 ** rng.randint(0, 8) for _ in range(100)]
    )
    for value in values:
        for low, high in PRECISIONS:
            assert outcome(swedish_decimal, value, low, high) == outcome(babel, value, low, high), (value, low, high)


@pytest.mark.parametrize(
    "value, decimals, expected",
    [
        (1234.5, None, "1\u00a0234,5"),
        (102911, 0, "102\u00a0911"),
        (0.1234, 2, "0,12"),
        (1500.0, 2, "1\u00a0500,00"),
        (float("nan"), None, MISSING),
        (None, 0, MISSING),
    ],
)
def test_number(value, decimals, expected):
    assert number(value, decimals) == expected


def test_shares_get_at_most_one_decimal():
    assert figure(33.704, "procent") == "33,7"
    assert figure(33.0, "procent") == "33"
    assert figure(12345.25, "personer") == "12\u00a0345,25"
