"""Numbers read from text at run time follow the literal rules (reference §2.4)."""

from __future__ import annotations

from decimal import Decimal

from exchange_sim.powershell.numeric_literals import scan_number


def test_text_numbers_are_typed_like_literals() -> None:
    assert scan_number("42") == (42, "System.Int32")
    assert scan_number(" 0x10 ") == (16, "System.Int32")
    assert scan_number("1kb") == (1024, "System.Int32")
    assert scan_number("-5") == (-5, "System.Int32")
    assert scan_number("\u20135") == (-5, "System.Int32")
    assert scan_number("2147483648") == (2147483648, "System.Int64")
    assert scan_number("1.5") == (1.5, "System.Double")
    assert scan_number("1.5d") == (Decimal("1.5"), "System.Decimal")
    assert scan_number("-0x10") == (-16, "System.Int32")


def test_empty_text_is_zero() -> None:
    assert scan_number("   ") == (0, "System.Int32")


def test_text_that_is_not_a_literal_is_none() -> None:
    assert scan_number("12abc") is None
    assert scan_number("1,000") is None
    assert scan_number("0x") is None
