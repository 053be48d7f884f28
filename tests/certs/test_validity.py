from __future__ import annotations

from datetime import datetime, timezone

import pytest

from exchange_sim.certs.validity import add_months, self_signed_months, self_signed_validity


def test_month_arithmetic_clamps_to_the_end_of_a_short_month() -> None:
    assert add_months(datetime(2024, 2, 29, 9, 30, tzinfo=timezone.utc), 60) == datetime(
        2029, 2, 28, 9, 30, tzinfo=timezone.utc
    )
    assert add_months(datetime(2026, 1, 31), 1) == datetime(2026, 2, 28)


def test_month_arithmetic_crosses_years_both_ways() -> None:
    assert add_months(datetime(2026, 11, 15), 3) == datetime(2027, 2, 15)
    assert add_months(datetime(2026, 1, 15), -2) == datetime(2025, 11, 15)


@pytest.mark.parametrize(
    ("version", "months"), [("2007", 12), ("2010", 60), ("2019", 60), ("SE", 60)]
)
def test_self_signed_lifetime_follows_the_version(version: str, months: int) -> None:
    assert self_signed_months(version) == months


def test_self_signed_certificate_starts_now_without_back_dating() -> None:
    now = datetime(2026, 3, 1, 12, 0, tzinfo=timezone.utc)
    assert self_signed_validity(now, "2019") == (
        now,
        datetime(2031, 3, 1, 12, 0, tzinfo=timezone.utc),
    )
