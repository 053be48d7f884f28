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

RUNS = int(os.environ.get("BENCH_RUNS", "15"))
TABLE_RUNS = int(os.environ.get("BENCH_TABLE_RUNS", "5"))
SUBJECT = parse_distinguished_name("CN=EXCH01")
NAMES = ("EXCH01", "exch01.contoso.com")
NEW = "New-ExchangeCertificate -Services None -DomainName bench.contoso.com -KeySize 2048"


def _seconds(action: Callable[[], object]) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def _interleaved(floor: Callable[[], object], target: Callable[[], object], runs: int) -> tuple[float, float]:
    """Medians of floor and target timed turn about, so a busy spell on the shared machine
    slows both sides of a ratio rather than one."""
    floors, targets = [], []
    for _ in range(runs):
        floors.append(_seconds(floor))
        targets.append(_seconds(target))
    return statistics.median(floors), statistics.median(targets)


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


class _ColdNew:
    """Each call opens the lab with no spare key, so the cmdlet makes its own; only the cmdlet is timed."""

    def __init__(self, path: Path) -> None:
        self._path = path
        self.times: list[float] = []

    def __call__(self) -> None:
        _drop_spare_keys(self._path)
        with Lab.open(self._path) as lab:
            host = BufferHost()
            session = open_session(host, lab=lab)
            self.times.append(_seconds(lambda: session.run(NEW)))
            if host.errors:
                raise SystemExit(host.error_text)


def _cold_new(path: Path) -> tuple[float, float]:
    cold = _ColdNew(path)
    floor, _ = _interleaved(_raw_new, cold, RUNS)
    return floor, statistics.median(cold.times)


def _warm_new(path: Path) -> tuple[float, float]:
    with Lab.open(path) as lab:
        session = open_session(BufferHost(), lab=lab)

        def warm() -> None:
            # Spare keys refilled untimed, as the background pool does between commands.
            lab.fill_spare_keys()
            times.append(_seconds(lambda: session.run(NEW)))

        times: list[float] = []
        floor, _ = _interleaved(_raw_new, warm, RUNS)
        return floor, statistics.median(times)


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


def _line(label: str, seconds: float, floor: float | None = None, target: str = "") -> str:
    text = f"{label:54s} median {seconds * 1000:9.1f} ms"
    return text + (f"  ratio {seconds / floor:5.2f}x  (target <= {target})" if floor else "")


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="bench-certs-") as scratch:
        folder = Path(scratch)
        template = folder / "template"
        Lab.create(template, "contoso").close()

        working = folder / "new"
        shutil.copytree(template, working)
        cold_floor, cold = _cold_new(working)
        warm_floor, warm = _warm_new(working)
        print(_line("floor  cryptography: 2048-bit key + self-signed cert", cold_floor))
        print(_line("cold   New-ExchangeCertificate, no spare key", cold, cold_floor, "1.2x"))
        print(_line("floor  (again, beside the warm runs)", warm_floor))
        print(_line("warm   New-ExchangeCertificate, key pool warm", warm, warm_floor, "0.2x"))

        labs = {count: _lab_with(template, folder, count) for count in (10, 1_000, 10_000)}
        opened = {count: Lab.open(path) for count, (path, _) in labs.items()}
        try:
            def get(count: int) -> Callable[[], None]:
                return lambda: _run(opened[count], f"Get-ExchangeCertificate -Thumbprint {labs[count][1]}")

            def table(count: int) -> Callable[[], None]:
                return lambda: _run(opened[count], "Get-ExchangeCertificate | Format-Table")

            get10, get10k = _interleaved(get(10), get(10_000), RUNS)
            table1k, table10k = _interleaved(table(1_000), table(10_000), TABLE_RUNS)
        finally:
            for lab in opened.values():
                lab.close()
        print(_line("get    -Thumbprint, 10 certificates", get10))
        print(_line("get    -Thumbprint, 10,000 certificates", get10k, get10, "1.5x"))
        print(_line("table  all of 1,000 certificates", table1k))
        print(_line("table  all of 10,000 certificates", table10k, table1k, "11x"))


if __name__ == "__main__":
    main()
