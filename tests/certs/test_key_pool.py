"""The warm key pool: preloaded keys first, a background refill from a child process."""

from __future__ import annotations

import os
import threading

import pytest
from cryptography.hazmat.primitives.asymmetric import rsa

from exchange_sim.certs.key_pool import KeyPool
from exchange_sim.certs.keys import InvalidKeySize, load_private_key_der, private_key_der


def _same(a: rsa.RSAPrivateKey, b: rsa.RSAPrivateKey) -> bool:
    return a.private_numbers() == b.private_numbers()


@pytest.fixture(scope="module")
def stored_keys(
    key: rsa.RSAPrivateKey, other_key: rsa.RSAPrivateKey, ca_key: rsa.RSAPrivateKey
) -> list[rsa.RSAPrivateKey]:
    return [key, other_key, ca_key]


def test_take_returns_a_preloaded_key_first(stored_keys: list[rsa.RSAPrivateKey]) -> None:
    pool = KeyPool(sizes=(1024,), depth=4)
    assert pool.preload([private_key_der(k) for k in stored_keys]) == 3
    assert pool.available(1024) == 3
    taken = pool.take(1024)
    assert _same(taken, stored_keys[0])
    assert pool.available(1024) == 2


def test_preload_beyond_depth_or_for_other_sizes_is_ignored(
    stored_keys: list[rsa.RSAPrivateKey],
) -> None:
    pool = KeyPool(sizes=(2048,), depth=1)
    assert pool.preload([private_key_der(k) for k in stored_keys]) == 0
    small = KeyPool(sizes=(1024,), depth=2)
    assert small.preload([private_key_der(k) for k in stored_keys]) == 2


def test_exported_pool_reloads_into_another_pool(stored_keys: list[rsa.RSAPrivateKey]) -> None:
    first = KeyPool(sizes=(1024,), depth=3)
    first.preload([private_key_der(k) for k in stored_keys])
    second = KeyPool(sizes=(1024,), depth=3)
    second.preload(first.export_pooled())
    assert [
        k.private_numbers() for k in (second.take(1024), second.take(1024), second.take(1024))
    ] == [k.private_numbers() for k in stored_keys]


def test_empty_pool_generates_inline() -> None:
    pool = KeyPool(sizes=(1024,), depth=0)
    assert pool.take(1024).key_size == 1024


def test_take_refuses_unsupported_size() -> None:
    with pytest.raises(InvalidKeySize):
        KeyPool(sizes=(1024,)).take(1000)


def test_pool_refuses_unsupported_size_at_construction() -> None:
    with pytest.raises(InvalidKeySize):
        KeyPool(sizes=(1024, 1536))


def test_started_pool_fills_itself_and_refills_after_take() -> None:
    with KeyPool(sizes=(1024,), depth=2) as pool:
        assert pool.wait_until_full(timeout=120)
        assert pool.available(1024) == 2
        first = pool.take(1024)
        assert pool.wait_until_full(timeout=120)
        second = pool.take(1024)
        assert first.private_numbers() != second.private_numbers()
    assert pool.export_pooled() and all(
        load_private_key_der(b).key_size == 1024 for b in pool.export_pooled()
    )


def test_stopped_pool_can_be_started_again() -> None:
    pool = KeyPool(sizes=(1024,), depth=1)
    pool.start()
    pool.stop()
    while pool.available(1024):
        pool.take(1024)
    assert not pool.wait_until_full(timeout=0)
    pool.start()
    assert pool.wait_until_full(timeout=120)
    assert pool.available(1024) == 1
    pool.stop()


def test_concurrent_takers_never_get_the_same_pooled_key(
    stored_keys: list[rsa.RSAPrivateKey],
) -> None:
    pool = KeyPool(sizes=(1024,), depth=3)
    pool.preload([private_key_der(k) for k in stored_keys])
    taken: list[rsa.RSAPrivateKey] = []
    lock = threading.Lock()

    def take() -> None:
        key = pool.take(1024)
        with lock:
            taken.append(key)

    threads = [threading.Thread(target=take) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    moduli = {key.public_key().public_numbers().n for key in taken}
    assert moduli == {key.public_key().public_numbers().n for key in stored_keys}


def test_pool_restarts_right_after_a_stop_that_did_not_wait() -> None:
    pool = KeyPool(sizes=(1024,), depth=1)
    pool.start()
    assert pool.running
    pool.stop(wait=False)
    assert not pool.running
    pool.start()
    assert pool.wait_until_full(timeout=120)
    pool.stop()
    assert not pool.running


def test_refill_keys_are_made_in_a_child_process() -> None:
    # cryptography holds the GIL while it generates an RSA key, so a refill made in this process
    # would freeze the caller for the whole generation.
    with KeyPool(sizes=(1024,), depth=1) as pool:
        assert pool.wait_until_full(timeout=120)
        child = pool.refill_process_id
        assert child is not None and child != os.getpid()
        assert pool.take(1024).key_size == 1024


def test_stopping_the_pool_ends_its_child_process() -> None:
    pool = KeyPool(sizes=(1024,), depth=1)
    pool.start()
    assert pool.wait_until_full(timeout=120)
    child = pool.refill_process_id
    assert child is not None
    pool.stop()
    assert pool.refill_process_id is None
    with pytest.raises(ProcessLookupError):
        os.kill(child, 0)  # reaped by stop(), so the id names no process of ours any more
