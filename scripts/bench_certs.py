"""Issue 3's certificate-engine ratios, each measured against its floor in the same run.

1. `New-ExchangeCertificate` (2048-bit, through the shell) against `cryptography` generating a 2048-bit
   key and self-signing a §5.3 certificate: with no spare key (the cmdlet makes its own; target ≤1.2×)
   and with the lab's key pool warm (target ≤0.2×).
2. `Get-ExchangeCertificate -Thumbprint T` on a server holding 10,000 more certificates against the
   same on a server holding 10 more (target ≤1.5×).
3. `Get-ExchangeCertificate | Format-Table` of 10,000 more certificates against 1,000 (target ≤11×:
   linear, no quadratic step).

The extra certificates are issued by one throw-away CA to one shared subject key, marked as having
their private key so Exchange lists them; making them takes seconds, not the minutes real keys would.
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

from cryptography import x509
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.serialization import Encoding
from cryptography.x509.oid import NameOID

from exchange_sim.certs.builders import self_signed_certificate
from exchange_sim.certs.keys import generate_rsa_key
from exchange_sim.certs.names import parse_distinguished_name
from exchange_sim.cli.session import open_session
from exchange_sim.lab import Lab
from exchange_sim.lab.model import StoreEntry
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


def add_certificates(lab: Lab, count: int) -> None:
    issuer_key = rsa.generate_private_key(public_exponent=65537, key_size=1024)
    subject_key = rsa.generate_private_key(public_exponent=65537, key_size=2048).public_key()
    issuer = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Bench Issuing CA")])
    now = datetime.datetime.now(datetime.timezone.utc)
    with lab.transaction():
        store = lab.store("EXCH01", "My")
        for index in range(count):
            name = f"host{index}.bench.contoso.com"
            certificate = (
                x509.CertificateBuilder()
                .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, name)]))
                .issuer_name(issuer).public_key(subject_key).serial_number(index + 1)
                .not_valid_before(now - datetime.timedelta(days=1)).not_valid_after(now + datetime.timedelta(days=365))
                .add_extension(x509.SubjectAlternativeName([x509.DNSName(name)]), critical=False)
                .sign(issuer_key, hashes.SHA256())
            )
            der = certificate.public_bytes(Encoding.DER)
            store.add(StoreEntry("My", certificate.fingerprint(hashes.SHA1()).hex().upper(), der, has_private_key=True))


def _lab_with(template: Path, folder: Path, count: int) -> tuple[Path, str]:
    path = folder / f"lab-{count}"
    shutil.copytree(template, path)
    with Lab.open(path) as lab:
        add_certificates(lab, count)
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
