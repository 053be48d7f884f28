"""Remoting benchmark: pywinrm `run_ps('Get-ExchangeCertificate')` over NTLM with message encryption.

1. median latency against `exchange-sim serve` vs the same client against a canned-reply WS-Man responder
   (same HTTP, NTLM and sealing code, replies prepared in advance) in the same run, and their ratio;
2. 32 concurrent pywinrm clients x 50 commands: errors, throughput, p99;
3. peak RSS of the serve process.

Usage: .venv/bin/python scripts/bench_remoting.py [--rounds 30] [--clients 32] [--commands 50]
"""

from __future__ import annotations

import argparse
import asyncio
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

from exchange_sim.lab import Lab
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
            print(f"serve peak RSS: {peak_rss_mib(process.pid):.1f} MiB")
        finally:
            process.send_signal(signal.SIGTERM)
            process.wait(timeout=60)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
