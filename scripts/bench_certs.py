"""New-ExchangeCertificate's crypto cost: a warm KeyPool against raw key generation.

Floor (a): `cryptography` generates a 2048-bit RSA key and self-signs a §5.3 certificate —
what every New-ExchangeCertificate would cost without a pool. Target (b): `KeyPool.take(2048)`
from a warm pool plus the same self-signing. The ratio says how much the pool saves.
"""

from __future__ import annotations

import os
import statistics
import time
from collections.abc import Callable
from datetime import datetime, timedelta, timezone

from cryptography import x509
from cryptography.hazmat.primitives.asymmetric import rsa

from exchange_sim.certs.builders import self_signed_certificate
from exchange_sim.certs.keys import KeyPool, generate_rsa_key
from exchange_sim.certs.names import parse_distinguished_name

RUNS = int(os.environ.get("BENCH_RUNS", "7"))
SUBJECT = parse_distinguished_name("CN=EX01")
NAMES = ("EX01", "EX01.contoso.com")


def _sign(key: rsa.RSAPrivateKey) -> x509.Certificate:
    now = datetime.now(timezone.utc)
    return self_signed_certificate(key, SUBJECT, NAMES, now, now + timedelta(days=1826))


def _median_seconds(action: Callable[[], object]) -> float:
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    floor = _median_seconds(lambda: _sign(generate_rsa_key(2048)))
    with KeyPool(sizes=(2048,), depth=RUNS) as pool:
        if not pool.wait_until_full(timeout=600):
            raise SystemExit("the key pool did not warm up within 10 minutes")
        warm_take = _median_seconds(lambda: pool.take(2048))
        if not pool.wait_until_full(timeout=600):
            raise SystemExit("the key pool did not refill within 10 minutes")
        warm_new = _median_seconds(lambda: _sign(pool.take(2048)))
    print(f"floor  generate 2048-bit key + self-sign        median {floor * 1000:8.2f} ms")
    print(f"warm   KeyPool.take(2048)                      median {warm_take * 1000:8.3f} ms")
    print(
        f"warm   KeyPool.take(2048) + self-sign          median {warm_new * 1000:8.2f} ms"
        f"  ratio {floor / warm_new:6.1f}x faster than the floor"
    )


if __name__ == "__main__":
    main()
