"""Get-Date -UFormat rendering and the ConvertFrom-SecureString text."""

from __future__ import annotations

import datetime

import pytest

from exchange_sim.powershell.builtins.secure_blob import DPAPI_HEADER, BlobError, protect, unprotect
from exchange_sim.powershell.builtins.uformat import format_uformat

MOMENT = datetime.datetime(2026, 11, 28, 15, 4, 5)


def test_uformat_common_specifiers() -> None:
    assert format_uformat(MOMENT, "%Y-%m-%d %H:%M:%S") == "2026-11-28 15:04:05"
    assert format_uformat(MOMENT, "%A %b %e %j") == "Saturday Nov 28 332"
    assert format_uformat(MOMENT, "%D %r") == "11/28/26 03:04:05 PM"


def test_uformat_day_of_week_counts_sunday_as_zero_like_dotnet() -> None:
    assert format_uformat(MOMENT, "%u") == "6"
    assert format_uformat(datetime.datetime(2026, 11, 29), "%w") == "0"


def test_uformat_unknown_specifier_keeps_the_letter_and_percent_escapes() -> None:
    assert format_uformat(MOMENT, "%Q 100%%") == "Q 100%"


def test_uformat_seconds_since_epoch_use_local_wall_clock() -> None:
    assert format_uformat(datetime.datetime(1970, 1, 2), "%s") == "86400"


def test_secure_blob_round_trips_and_looks_like_dpapi() -> None:
    blob = protect("P@ssw0rd!")
    assert blob.startswith(DPAPI_HEADER) and blob == protect("P@ssw0rd!")
    assert "P@ss" not in blob
    assert unprotect(blob) == "P@ssw0rd!"


def test_secure_blob_with_other_key_is_rejected() -> None:
    blob = protect("x", key=bytes(range(16)))
    assert unprotect(blob, key=bytes(range(16))) == "x"
    with pytest.raises(BlobError, match="Key not valid"):
        unprotect(blob)


def test_secure_blob_rejects_text_it_did_not_write() -> None:
    with pytest.raises(BlobError, match="not in a correct format"):
        unprotect("hello")
