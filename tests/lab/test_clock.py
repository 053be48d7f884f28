"""The lab clock: real by default, pinned or shifted, persisted in the lab."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from exchange_sim.lab import Lab, LabError, parse_moment, parse_shift


def test_clock_is_real_time_by_default(contoso: Lab) -> None:
    before = datetime.now(timezone.utc)
    now = contoso.clock.now()
    after = datetime.now(timezone.utc)
    assert contoso.clock.setting().mode == "real"
    assert before <= now <= after and now.tzinfo is not None


def test_pinned_clock_stays_put_and_survives_reopening(contoso_copy: Lab) -> None:
    contoso_copy.clock.pin(parse_moment("2027-01-01T00:00:00Z"))
    assert contoso_copy.clock.now() == datetime(2027, 1, 1, tzinfo=timezone.utc)
    reopened = Lab.open(contoso_copy.path)
    try:
        assert reopened.clock.now() == datetime(2027, 1, 1, tzinfo=timezone.utc)
    finally:
        reopened.close()


def test_shifting_a_pinned_clock_moves_the_pin(contoso_copy: Lab) -> None:
    contoso_copy.clock.pin(datetime(2027, 1, 1, tzinfo=timezone.utc))
    contoso_copy.clock.shift(parse_shift("-2d"))
    assert contoso_copy.clock.now() == datetime(2026, 12, 30, tzinfo=timezone.utc)


def test_shifted_clock_runs_ahead_of_real_time(contoso_copy: Lab) -> None:
    contoso_copy.clock.shift(parse_shift("+30d"))
    contoso_copy.clock.shift(parse_shift("+1d"))
    assert contoso_copy.clock.setting().offset == timedelta(days=31)
    lower = datetime.now(timezone.utc) + timedelta(days=31)
    assert contoso_copy.clock.now() >= lower
    contoso_copy.clock.real()
    assert contoso_copy.clock.now() < lower


def test_moment_without_zone_is_utc_and_other_zones_are_converted() -> None:
    assert parse_moment("2026-01-01") == datetime(2026, 1, 1, tzinfo=timezone.utc)
    assert parse_moment("2026-01-01T02:00:00+02:00") == datetime(2026, 1, 1, tzinfo=timezone.utc)


@pytest.mark.parametrize("text", ["tomorrow", "2026-13-01", ""])
def test_bad_moment_is_a_lab_error(text: str) -> None:
    with pytest.raises(LabError, match="not a date"):
        parse_moment(text)


@pytest.mark.parametrize("text,expected", [("+30d", timedelta(days=30)), ("-12h", timedelta(hours=-12)),
                                            ("90m", timedelta(minutes=90))])
def test_shift_units(text: str, expected: timedelta) -> None:
    assert parse_shift(text) == expected


@pytest.mark.parametrize("text", ["30", "+d", "soon", "+3w"])
def test_bad_shift_is_a_lab_error(text: str) -> None:
    with pytest.raises(LabError, match="clock shift"):
        parse_shift(text)
