"""Remoting benchmark: pywinrm `run_ps('Get-ExchangeCertificate')` over NTLM with message encryption.

1. median latency against `exchange-sim serve` vs the same client against a canned-reply WS-Man responder
   (same HTTP, NTLM and sealing code, replies prepared in advance) in the same run, and their ratio;
2. 32 concurrent pywinrm clients x 50 commands: errors, throughput, p99;
3. peak RSS of the serve process once the lab holds 10,000 more certificates and 50 connections each hold an
   open shell, after one of them has listed every certificate.

Usage: .venv/bin/python scripts/bench_remoting.py [--rounds 30] [--clients 32] [--commands 50]
                                                  [--certificates 10000] [--connections 50]
"""

from __future__ import annotations

import argparse
import asyncio
import datetime
import json
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import winrm
from aiohttp import web
from lxml import etree

from cryptography import x509
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.serialization import Encoding
from cryptography.x509.oid import NameOID

from exchange_sim.lab import Lab, StoreEntry
from exchange_sim.remoting import soap, winrs
from exchange_sim.remoting.auth import Account, UserDirectory, write_credential_file
from exchange_sim.remoting.dispatcher import ServerIdentity
from exchange_sim.remoting.http import ListenerPolicy, WsmanEndpoint
from exchange_sim.remoting.service import bound_socket

USER = ("CONTOSO\\administrator", "P@ssw0rd!")
SCRIPT = "Get-ExchangeCertificate"


class CannedDispatcher:
    """Answers every verb with a reply prepared in advance: the floor any WS-Man server has to pay."""

    def __init__(self, stdout: bytes) -> None:
        self.identity = ServerIdentity("CANNED", "canned.contoso.com")
        batch = winrs.ReceiveBatch((("stdout", stdout),), True, 0)
        self._bodies = {
            soap.ACTION_CREATE: lambda: [etree.fromstring(
                b'<x:ResourceCreated xmlns:x="http://schemas.xmlsoap.org/ws/2004/09/transfer" '
                b'xmlns:w="http://schemas.dmtf.org/wbem/wsman/1/wsman.xsd"><w:SelectorSet>'
                b'<w:Selector Name="ShellId">11111111-1111-1111-1111-111111111111</w:Selector>'
                b"</w:SelectorSet></x:ResourceCreated>")],
            soap.ACTION_COMMAND: lambda: winrs.command_response("22222222-2222-2222-2222-222222222222"),
            soap.ACTION_RECEIVE: lambda: winrs.receive_response(batch, "22222222-2222-2222-2222-222222222222",
                                                                ("stdout", "stderr")),
            soap.ACTION_SIGNAL: lambda: winrs.empty_response("SignalResponse"),
            soap.ACTION_DELETE: lambda: [],
        }

    async def handle(self, request: soap.WsmanRequest, account: Account, address: str) -> bytes:
        return soap.reply_envelope(f"{request.action}Response", request.message_id, self._bodies[request.action]())


def start_canned(stdout: bytes, directory: UserDirectory, folder: Path) -> tuple[str, asyncio.AbstractEventLoop]:
    write_credential_file(folder / "ntlm-users", directory)
    os.environ["NTLM_USER_FILE"] = str(folder / "ntlm-users")
    loop = asyncio.new_event_loop()
    threading.Thread(target=loop.run_forever, daemon=True).start()
    endpoint = WsmanEndpoint(CannedDispatcher(stdout), directory, ListenerPolicy(https=False, allow_unencrypted=False))  # type: ignore[arg-type]
    sock = bound_socket("127.0.0.1", 0)

    async def start() -> None:
        runner = web.AppRunner(endpoint.application(("/wsman",)), access_log=None)
        await runner.setup()
        await web.SockSite(runner, sock).start()

    asyncio.run_coroutine_threadsafe(start(), loop).result()
    return f"http://127.0.0.1:{sock.getsockname()[1]}/wsman", loop


def start_serve(lab: Path) -> tuple[subprocess.Popen[str], str]:
    executable = Path(sys.executable).with_name("exchange-sim")
    process = subprocess.Popen([str(executable), "serve", "--lab", str(lab)], stdout=subprocess.PIPE, text=True)
    endpoints = lab / "endpoints.json"
    while not endpoints.exists():
        if process.poll() is not None:
            raise SystemExit("exchange-sim serve did not start")
        time.sleep(0.05)
    table = json.loads(endpoints.read_text())
    url = next(e["url"] for e in table if e["service"] == "WinRM" and e["scheme"] == "http")
    return process, url


def median_ms(url: str, rounds: int) -> tuple[float, bytes]:
    session = winrm.Session(url, auth=USER, transport="ntlm")
    first = session.run_ps(SCRIPT)
    if first.status_code != 0:
        raise SystemExit(f"run_ps failed: {first.std_err.decode(errors='replace')}")
    samples = []
    for _ in range(rounds):
        start = time.perf_counter()
        session.run_ps(SCRIPT)
        samples.append(time.perf_counter() - start)
    return statistics.median(samples) * 1000, first.std_out


def load(url: str, clients: int, commands: int) -> dict[str, float]:
    latencies: list[float] = []
    errors = 0
    lock = threading.Lock()

    def client() -> None:
        nonlocal errors
        session = winrm.Session(url, auth=USER, transport="ntlm")
        for _ in range(commands):
            start = time.perf_counter()
            try:
                ok = session.run_ps(SCRIPT).status_code == 0
            except Exception:
                ok = False
            with lock:
                latencies.append(time.perf_counter() - start)
                errors += 0 if ok else 1

    start = time.perf_counter()
    with ThreadPoolExecutor(clients) as pool:
        for future in [pool.submit(client) for _ in range(clients)]:
            future.result()
    elapsed = time.perf_counter() - start
    latencies.sort()
    return {"commands": len(latencies), "errors": errors, "seconds": elapsed,
            "throughput_per_s": len(latencies) / elapsed,
            "p99_ms": latencies[max(0, int(len(latencies) * 0.99) - 1)] * 1000}


def add_certificates(lab_path: Path, count: int) -> None:
    """`count` certificates (public part only) in EXCH01's My store, issued by one small throw-away CA so
    making them takes seconds; the subject key is shared, names and serial numbers differ."""
    issuer_key = rsa.generate_private_key(public_exponent=65537, key_size=1024)
    subject_key = rsa.generate_private_key(public_exponent=65537, key_size=2048).public_key()
    issuer = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Bench Issuing CA")])
    now = datetime.datetime.now(datetime.timezone.utc)
    with Lab.open(lab_path) as lab, lab.transaction():
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
            store.add(StoreEntry("My", certificate.fingerprint(hashes.SHA1()).hex().upper(), der))


def hold_connections(url: str, count: int) -> tuple[list[tuple[winrm.Session, str]], float]:
    """`count` NTLM connections, each with an open shell; one lists every certificate. Returns the sessions
    (to close later) and the seconds that listing took."""
    held = []
    for _ in range(count):
        session = winrm.Session(url, auth=USER, transport="ntlm")
        held.append((session, session.protocol.open_shell()))
    start = time.perf_counter()
    listed = held[0][0].run_ps("(Get-ExchangeCertificate | Measure-Object).Count")
    elapsed = time.perf_counter() - start
    if listed.status_code != 0:
        raise SystemExit(f"listing failed: {listed.std_err.decode(errors='replace')}")
    return held, elapsed


def peak_rss_mib(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=30)
    parser.add_argument("--clients", type=int, default=32)
    parser.add_argument("--commands", type=int, default=50)
    parser.add_argument("--certificates", type=int, default=10_000)
    parser.add_argument("--connections", type=int, default=50)
    options = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="bench-remoting-"))
    try:
        lab_path = folder / "lab"
        Lab.create(lab_path, fixture="contoso").close()
        process, url = start_serve(lab_path)
        try:
            served_ms, stdout = median_ms(url, options.rounds)
            canned_url, _ = start_canned(stdout, UserDirectory((Account("administrator", USER[1], "CONTOSO"),)), folder)
            canned_ms, _ = median_ms(canned_url, options.rounds)
            print(f"run_ps('{SCRIPT}') NTLM+sealing median: serve {served_ms:.1f} ms, canned {canned_ms:.1f} ms, "
                  f"ratio {served_ms / canned_ms:.2f}")
            result = load(url, options.clients, options.commands)
            print(f"{options.clients} clients x {options.commands} commands: {result['commands']} done, "
                  f"{result['errors']} errors, {result['throughput_per_s']:.1f}/s, p99 {result['p99_ms']:.0f} ms")
            print(f"serve peak RSS after the load: {peak_rss_mib(process.pid):.1f} MiB")
            add_certificates(lab_path, options.certificates)
            held, listing = hold_connections(url, options.connections)
            print(f"serve peak RSS with {options.certificates} more certificates and {len(held)} open connections: "
                  f"{peak_rss_mib(process.pid):.1f} MiB (listing them all took {listing:.1f} s)")
            for session, shell_id in held:
                session.protocol.close_shell(shell_id)
        finally:
            process.send_signal(signal.SIGTERM)
            process.wait(timeout=60)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
