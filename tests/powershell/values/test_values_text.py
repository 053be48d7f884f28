"""Number, date and time-span text (§5.5, §5.6) and the -f operator (§5.4)."""

from __future__ import annotations

import datetime
import decimal
import math

import pytest

from exchange_sim.powershell.values import errors
from exchange_sim.powershell.values.conversions import to_string
from exchange_sim.powershell.values.format_operator import format_operator
from exchange_sim.powershell.values.objects import call_method
from exchange_sim.powershell.values.text import Single, date_text_console, format_date, format_number

MOMENT = datetime.datetime(2026, 11, 28, 10, 0, 0)


def test_double_prints_15_significant_digits() -> None:
    assert to_string(0.1 + 0.2) == "0.3"
    assert to_string(1 / 3) == "0.333333333333333"
    assert to_string(math.pi) == "3.14159265358979"


def test_double_exponent_forms() -> None:
    assert to_string(1e15) == "1E+15"
    assert to_string(1e14) == "100000000000000"
    assert to_string(2.5e-5) == "2.5E-05"
    assert to_string(1.0) == "1"
    assert to_string(-0.0) == "0"
    assert to_string(math.inf) == "Infinity" and to_string(-math.inf) == "-Infinity" and to_string(math.nan) == "NaN"


def test_single_prints_7_digits_and_decimal_keeps_scale() -> None:
    assert to_string(Single(1 / 3)) == "0.3333333"
    assert to_string(decimal.Decimal("1.50")) == "1.50"
    assert to_string(decimal.Decimal(2)) == "2"


def test_format_operator_alignment_and_numbers() -> None:
    assert format_operator("{0,6}|", [42]) == "    42|"
    assert format_operator("{0,-6}|", [42]) == "42    |"
    assert format_operator("{0:N0}", [1234567]) == "1,234,567"
    assert format_operator("{0:N2}", [1234.5]) == "1,234.50"
    assert format_operator("{0:D4}", [42]) == "0042"
    assert format_operator("{0:X}", [255]) == "FF"
    assert format_operator("{0:x4}", [255]) == "00ff"
    assert format_operator("{0:F2}", [3.14159]) == "3.14"
    assert format_operator("{0:0.0}", [2]) == "2.0"
    assert format_operator("{0:P1}", [0.256]) == "25.6 %"
    assert format_operator("{0:C}", [1234.5]) == "$1,234.50"
    assert format_operator("{0:C}", [-5]) == "($5.00)"
    assert format_operator("{{{0}}}", ["x"]) == "{x}"


def test_format_operator_dates_use_en_us() -> None:
    assert format_operator("{0:yyyy-MM-dd HH:mm}", [MOMENT]) == "2026-11-28 10:00"
    assert format_operator("{0:d}", [MOMENT]) == "11/28/2026"
    assert format_operator("{0:D}", [MOMENT]) == "Saturday, November 28, 2026"
    assert format_operator("{0:g}", [MOMENT]) == "11/28/2026 10:00 AM"
    assert format_operator("{0:G}", [MOMENT]) == "11/28/2026 10:00:00 AM"
    assert format_operator("{0}", [MOMENT]) == "11/28/2026 10:00:00 AM"


def test_format_operator_bad_index_doubles_the_full_stop() -> None:
    with pytest.raises(errors.RuntimeException) as caught:
        format_operator("{1}", ["a"])
    assert caught.value.error_id == "FormatError"
    assert caught.value.message == ("Error formatting a string: Index (zero based) must be greater than or equal to "
                                    "zero and less than the size of the argument list..")


def test_custom_numeric_formats() -> None:
    assert format_number(1234.567, "#,##0.00") == "1,234.57"
    assert format_number(5, "000") == "005"
    assert format_number(2.5, "#.##") == "2.5"
    assert format_number(0.5, "0%") == "50%"
    assert format_number(2.675, "F2") == "2.68"


def test_date_strings() -> None:
    assert to_string(MOMENT) == "11/28/2026 10:00:00"
    assert call_method(MOMENT, "ToString", []) == "11/28/2026 10:00:00 AM"
    assert date_text_console(datetime.datetime(2026, 11, 28, 15, 4, 5)) == "Saturday, November 28, 2026 3:04:05 PM"
    assert format_date(MOMENT, "s") == "2026-11-28T10:00:00"
    assert format_date(MOMENT, "dd MMM yyyy") == "28 Nov 2026"
    assert call_method(MOMENT, "ToShortDateString", []) == "11/28/2026"
    assert call_method(MOMENT, "ToString", ["yyyyMMdd"]) == "20261128"


def test_timespan_text() -> None:
    assert to_string(datetime.timedelta(days=30)) == "30.00:00:00"
    assert to_string(datetime.timedelta(hours=1, minutes=2, seconds=3)) == "01:02:03"
    assert to_string(datetime.timedelta(seconds=-5)) == "-00:00:05"
    assert to_string(datetime.timedelta(microseconds=100)) == "00:00:00.0001000"


def test_number_tostring_with_format() -> None:
    assert call_method(255, "ToString", ["X2"]) == "FF"
    assert call_method(1234.5, "ToString", ["N1"]) == "1,234.5"
    assert call_method(3, "ToString", []) == "3"


def test_round_trip_and_general_precision_formats() -> None:
    assert format_number(0.1 + 0.2, "R") == "0.30000000000000004"
    assert format_number(1e16, "R") == "1E+16"
    assert format_number(12345, "G3") == "1.23E+04"
    assert format_number(1234.5678, "E2") == "1.23E+003"
