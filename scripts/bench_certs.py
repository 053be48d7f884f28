"""Issue 3's certificate-engine ratios, each measured against its floor in the same run.

1. `New-ExchangeCertificate` (2048-bit, through the shell) against `cryptography` generating a 2048-bit
   key and self-signing a §5.3 certificate: with no spare key (the cmdlet makes its own; target ≤1.2×)
   and with the lab's key pool warm (target ≤0.2×).
2. `Get-ExchangeCertificate -Thumbprint T` on a server holding 10,000 more certificates against the
   same on a server holding 10 more (target ≤1.5×).
3. `Get-ExchangeCertificate | Format-Table` of 10,000 more certificates against 1,000 (target ≤11×:
   linear, no quadratic step).

The extra certificates are bench_remoting's (one throw-away CA, one shared subject key), marked as
having their private key so Exchange lists them; making them takes seconds, not the minutes real keys would.
"""

from __future__ import annotations

import datetime
import os
import shutil
import sqlite3
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from bench_remoting import add_certificates  # scripts/ is on the path when a bench runs
from cryptography import x509

from exchange_sim.certs.builders import self_signed_certificate
from exchange_sim.certs.keys import generate_rsa_key
from exchange_sim.certs.names import parse_distinguished_name
from exchange_sim.cli.session import open_session
from exchange_sim.lab import Lab
from exchange_sim.powershell.host import BufferHost

RUNS = int(os.environ.get("BENCH_RUNS", "5"))
SUBJECT = parse_distinguished_name("CN=EXCH01")
NAMES = ("EXCH01", "exch01.contoso.com")
NEW = "New-ExchangeCertificate -Services None -DomainName bench.contoso.com -KeySize 2048"


def _median_seconds(action: Callable[[], object], runs: int = RUNS, between: Callable[[], object] | None = None) -> float:
    times = []
    for _ in range(runs):
        if between is not None:
            between()
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def _raw_new() -> x509.Certificate:
    now = datetime.datetime.now(datetime.timezone.utc)
    return self_signed_certificate(generate_rsa_key(2048), SUBJECT, NAMES, now, now + datetime.timedelta(days=1826))


def _run(lab: Lab, text: str) -> None:
    host = BufferHost()
    open_session(host, lab=lab).run(text)
    if host.errors:
        raise SystemExit(f"{text!r} failed: {host.error_text}")


def _drop_spare_keys(path: Path) -> None:
    connection = sqlite3.connect(path / "lab.db")
    with connection:
        connection.execute("DELETE FROM spare_keys")
    connection.close()


def _cold_new(path: Path) -> float:
    """Each run opens the lab with no spare key, so the cmdlet waits for a key of its own."""
    times = []
    for _ in range(RUNS):
        _drop_spare_keys(path)
        with Lab.open(path) as lab:
            host = BufferHost()
            session = open_session(host, lab=lab)
            start = time.perf_counter()
            session.run(NEW)
            times.append(time.perf_counter() - start)
            if host.errors:
                raise SystemExit(host.error_text)
    return statistics.median(times)


def _warm_new(path: Path) -> float:
    with Lab.open(path) as lab:
        session = open_session(BufferHost(), lab=lab)
        # Spare keys refilled (untimed) before every run, as the background pool does between commands.
        return _median_seconds(lambda: session.run(NEW), between=lab.fill_spare_keys)


def _usable_certificates(path: Path, count: int) -> None:
    """bench_remoting's `count` throw-away certificates, marked as holding their key so that
    Get-ExchangeCertificate lists them (Exchange silently omits certificates without one)."""
    add_certificates(path, count)
    connection = sqlite3.connect(path / "lab.db")
    with connection:
        connection.execute("UPDATE store_entries SET has_private_key = 1 WHERE server = 'EXCH01' AND store = 'My'")
    connection.close()


def _lab_with(template: Path, folder: Path, count: int) -> tuple[Path, str]:
    path = folder / f"lab-{count}"
    shutil.copytree(template, path)
    _usable_certificates(path, count)
    with Lab.open(path) as lab:
        thumbprint = lab.store("EXCH01", "My").list()[0].thumbprint
    return path, thumbprint


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="bench-certs-") as scratch:
        folder = Path(scratch)
        template = folder / "template"
        Lab.create(template, "contoso").close()

        floor = _median_seconds(_raw_new)
        working = folder / "new"
        shutil.copytree(template, working)
        cold = _cold_new(working)
        warm = _warm_new(working)
        print(f"floor  cryptography: 2048-bit key + self-signed cert   median {floor * 1000:9.1f} ms")
        print(f"cold   New-ExchangeCertificate, no spare key           median {cold * 1000:9.1f} ms"
              f"  ratio {cold / floor:5.2f}x  (target <= 1.2x)")
        print(f"warm   New-ExchangeCertificate, key pool warm          median {warm * 1000:9.1f} ms"
              f"  ratio {warm / floor:5.2f}x  (target <= 0.2x)")

        results = {}
        for count in (10, 1_000, 10_000):
            path, thumbprint = _lab_with(template, folder, count)
            with Lab.open(path) as lab:
                get = _median_seconds(lambda: _run(lab, f"Get-ExchangeCertificate -Thumbprint {thumbprint}"))
                table = (_median_seconds(lambda: _run(lab, "Get-ExchangeCertificate | Format-Table"), runs=3)
                         if count >= 1_000 else None)
            results[count] = (get, table)
        get10, get10k = results[10][0], results[10_000][0]
        table1k, table10k = results[1_000][1], results[10_000][1]
        assert table1k is not None and table10k is not None
        print(f"get    -Thumbprint, 10 certificates                   median {get10 * 1000:9.1f} ms")
        print(f"get    -Thumbprint, 10,000 certificates               median {get10k * 1000:9.1f} ms"
              f"  ratio {get10k / get10:5.2f}x  (target <= 1.5x)")
        print(f"table  all of 1,000 certificates                      median {table1k * 1000:9.1f} ms")
        print(f"table  all of 10,000 certificates                     median {table10k * 1000:9.1f} ms"
              f"  ratio {table10k / table1k:5.2f}x  (target <= 11x)")


if __name__ == "__main__":
    main()
