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


def test_set_content_default_encoding_is_ansi_with_crlf() -> None:
    from exchange_sim.powershell.builtins.content_encoding import encode_lines, encoding_named

    assert encode_lines(["caf\u00e9", "x"], encoding_named(None, "Default")) == b"caf\xe9\r\nx\r\n"


def test_utf8_encoding_writes_a_bom_and_unicode_is_utf16le() -> None:
    from exchange_sim.powershell.builtins.content_encoding import encode_lines, encoding_named

    assert encode_lines(["a"], encoding_named("UTF8", "Default")) == b"\xef\xbb\xbfa\r\n"
    assert encode_lines(["a"], encoding_named(None, "Unicode"), no_newline=True) == b"\xff\xfea\x00"


def test_decode_follows_the_bom_and_splits_lines() -> None:
    from exchange_sim.powershell.builtins.content_encoding import decode, split_lines

    assert split_lines(decode(b"\xff\xfea\x00\r\x00\n\x00b\x00")) == ["a", "b"]
    assert split_lines(decode(b"x\ny\n")) == ["x", "y"]


def test_unknown_encoding_name_is_refused() -> None:
    from exchange_sim.powershell.builtins.content_encoding import UnknownEncoding, encoding_named

    with pytest.raises(UnknownEncoding):
        encoding_named("Klingon", "Default")
