"""RSA keys made in a child process, and what happens once it is stopped."""

from __future__ import annotations

import io

import pytest

from exchange_sim.certs.key_process import KeyProcess, KeyProcessGone, serve
from exchange_sim.certs.keys import load_private_key_der


def test_child_process_answers_with_a_key_of_the_size_asked() -> None:
    process = KeyProcess()
    try:
        first, second = process.generate(1024), process.generate(1024)
        assert first.key_size == second.key_size == 1024
        assert first.private_numbers() != second.private_numbers()
    finally:
        process.stop()


def test_stopped_process_refuses_to_start_again() -> None:
    process = KeyProcess()
    process.stop()
    with pytest.raises(KeyProcessGone):
        process.generate(1024)
    assert process.pid is None


def test_serve_writes_a_length_prefixed_pkcs8_key_per_request_line() -> None:
    replies = io.BytesIO()
    serve(io.BytesIO(b"1024\n"), replies)
    data = replies.getvalue()
    length = int.from_bytes(data[:4], "big")
    assert len(data) == 4 + length
    assert load_private_key_der(data[4:]).key_size == 1024
